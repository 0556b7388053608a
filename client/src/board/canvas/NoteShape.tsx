/**
 * A note on the board: its card, text, author, my dots and the last round's badge. It reports
 * pointer, vote, edit and drag gestures by note id (handlers in ./useNoteGestures.ts).
 *
 * Its size and font come from its text (shared/board/note-fit.ts, the rule the layout sizes
 * cells with); zoomed far out it shows its first words in large print (noteDetail), and the
 * whole text is the canvas's tooltip while the pointer is on it.
 */
import type Konva from 'konva'
import { memo, useRef } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { Note } from '../../../../shared/board/note'
import { fitNoteText } from '../../../../shared/board/note-fit'
import { noteAuthor, noteBox, noteDetail, noteDotsRow, noteText } from './shapes'
import { VoteBadge, VoteDots } from './Votes'

export interface NoteHandlers {
  onPointerDown(id: string, additive: boolean): void
  onVoteClick(id: string, takeBack: boolean): void
  onEdit(id: string): void
  onDragStart(id: string): void
  onDragMove(id: string, dx: number, dy: number): void
  onDragEnd(id: string, dx: number, dy: number, node: Konva.Node): void
}

interface NoteShapeProps extends NoteHandlers {
  note: Note
  x: number
  y: number
  selected: boolean
  draggable: boolean
  /** Someone is dragging it: a ghost is drawn where it is going; the note itself is not shown. */
  hidden: boolean
  /** Only I can see it (private writing). */
  isPrivate: boolean
  /** My dots on it in the open round. */
  dots: number
  /** Its total in the last closed round. */
  badge: number | undefined
  /** The author's name, when shown. */
  author: string | undefined
  editedBy: string | undefined
  /** The zoom: only the detail it calls for (noteDetail) re-renders a note. */
  scale?: number
}

function sameNote(prev: NoteShapeProps, next: NoteShapeProps): boolean {
  for (const key of Object.keys(next) as Array<keyof NoteShapeProps>) {
    if (key === 'scale') {
      if (noteDetail(prev.scale ?? 1) !== noteDetail(next.scale ?? 1)) return false
    } else if (prev[key] !== next[key]) return false
  }
  return Object.keys(prev).length === Object.keys(next).length
}

export const NoteShape = memo(function NoteShape(props: NoteShapeProps) {
  const { note, x, y, selected, draggable, editedBy, hidden, dots, badge, isPrivate, author } = props
  const start = useRef({ x: 0, y: 0 })
  const { fontSize, height } = fitNoteText(note.text)
  const detail = noteDetail(props.scale ?? 1)
  return (
    <Group
      x={x}
      y={y}
      opacity={hidden ? 0 : 1}
      name="note"
      id={note.id}
      draggable={draggable}
      onMouseDown={(e) => props.onPointerDown(note.id, e.evt.shiftKey || e.evt.metaKey || e.evt.ctrlKey)}
      onClick={(e) => props.onVoteClick(note.id, e.evt.altKey || e.evt.shiftKey)}
      onTap={() => {
        props.onPointerDown(note.id, false)
        props.onVoteClick(note.id, false)
      }}
      onMouseEnter={(e) => {
        const container = e.target.getStage()?.container()
        if (container) container.title = note.text
      }}
      onMouseLeave={(e) => {
        const container = e.target.getStage()?.container()
        if (container) container.title = ''
      }}
      onDblClick={() => props.onEdit(note.id)}
      onDblTap={() => props.onEdit(note.id)}
      onDragStart={(e) => {
        start.current = { x: e.target.x(), y: e.target.y() }
        props.onDragStart(note.id)
      }}
      onDragMove={(e) => props.onDragMove(note.id, e.target.x() - start.current.x, e.target.y() - start.current.y)}
      onDragEnd={(e) => props.onDragEnd(note.id, e.target.x() - start.current.x, e.target.y() - start.current.y, e.target)}
    >
      <Rect {...noteBox(note.color, { selected, editedBy, isPrivate }, height)} />
      <Text {...noteText(note.text, { fontSize, height, detail })} />
      {author !== undefined && detail === 'full' && <Text {...noteAuthor(author, dots, height)} />}
      <VoteDots count={dots} {...noteDotsRow(height)} />
      <VoteBadge count={badge} on="note" />
    </Group>
  )
}, sameNote)
