/** Notes on their way somewhere (our drag and others'), drawn at their live position. */
import { memo } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { Note } from '../../../../shared/board/note'
import { fitNoteText } from '../../../../shared/board/note-fit'
import type { Presence, WorkshopConnection } from '../../sync/connection'
import { useRemoteSelector } from '../../sync/docHooks'
import { useUi } from '../../store'
import { selectRemoteDrags, type RemoteDrags } from './presence'
import { noteGhostBox, noteText } from './shapes'

export const DragGhosts = memo(function DragGhosts({
  awareness,
  notesById,
  positions,
}: {
  awareness: WorkshopConnection['awareness']
  notesById: Map<string, Note>
  positions: Map<string, { x: number; y: number }>
}) {
  const own = useUi((s) => s.drag)
  const remote = useRemoteSelector<Presence, RemoteDrags>(awareness, selectRemoteDrags)
  const moves = own ? [own, ...remote] : remote
  return (
    <Group listening={false}>
      {moves.flatMap((move) =>
        move.ids.map((id) => {
          const note = notesById.get(id)
          const p = positions.get(id)
          if (!note || !p) return null
          const { fontSize, height } = fitNoteText(note.text)
          return (
            <Group key={id} name="note-ghost" x={p.x + move.dx} y={p.y + move.dy} opacity={0.9}>
              <Rect {...noteGhostBox(note.color, height)} />
              <Text {...noteText(note.text, { fontSize, height })} />
            </Group>
          )
        }),
      )}
    </Group>
  )
})
