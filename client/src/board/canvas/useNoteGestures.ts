/**
 * Gestures on notes and cluster frames: select (shift/cmd/ctrl to add), vote by clicking while
 * a round is open (alt or shift takes a dot back), double-click to edit, drag. A drag moves the
 * notes locally (the store's `drag`) and through presence, one update per frame; the document
 * is written once, on drop. Dragging a cluster drags its notes the same way.
 */
import { useLatest } from './useLatest'
import type Konva from 'konva'
import { useCallback, useRef } from 'react'
import { noteWorldPosition, type BoardLayout } from '../../../../shared/board/layout'
import { readNote, type Note } from '../../../../shared/board/note'
import type { WorkshopConnection } from '../../sync/connection'
import { useUi } from '../../store'
import { moveNotesBy, type NoteDocs } from '../boardModel'
import { lastPressWasSecondary } from '../notes/notesUi'
import type { ClusterHandlers } from './ClusterFrame'
import type { NoteHandlers } from './NoteShape'
import type { Point } from './useStageGestures'

/** An open voting round: which notes take votes, my dots, and how to cast one. */
export type CanvasVoting = { eligible: Set<string>; mine: Record<string, number>; vote(noteId: string, delta: 1 | -1): unknown } | undefined

export interface NoteGestureInput {
  connection: WorkshopConnection
  docs: NoteDocs
  layout: BoardLayout
  notes: readonly Note[]
  notesById: Map<string, Note>
  canEdit: boolean
  voting: CanvasVoting
  boardPoint(): Point | null
}

export function useNoteGestures({ connection, docs, layout, notes, notesById, canEdit, voting, boardPoint }: NoteGestureInput): { note: NoteHandlers; cluster: ClusterHandlers } {
  const board = docs.board
  // What the last committed render saw, for the handlers (which stay the same functions).
  const latest = useLatest({ docs, notes, layout, notesById, voting })

  /** What a click on `id` votes for: the item itself, or — in a round on clusters — its cluster. */
  const voteTargetOf = useCallback((id: string): string | undefined => {
    const eligible = latest.current.voting?.eligible
    if (!eligible) return undefined
    if (eligible.has(id)) return id
    const clusterId = latest.current.notesById.get(id)?.clusterId
    return clusterId !== undefined && eligible.has(clusterId) ? clusterId : undefined
  }, [latest])
  const onPointerDown = useCallback(
    (id: string, additive: boolean) => {
      // While a round is open, notes that take votes are voted on by clicking (onVoteClick).
      if (voteTargetOf(id) !== undefined) return
      const { selection: current, select } = useUi.getState()
      if (additive) select([id], 'toggle')
      else if (!current.includes(id)) select([id])
    },
    [voteTargetOf],
  )
  const onVoteClick = useCallback(
    (id: string, takeBack: boolean) => {
      // A right-click opens the notes' menu; it casts no vote.
      if (lastPressWasSecondary()) return
      const target = voteTargetOf(id)
      if (target !== undefined) latest.current.voting?.vote(target, takeBack ? -1 : 1)
    },
    [latest, voteTargetOf],
  )
  const onEdit = useCallback(
    (id: string) => {
      // A right-click (the notes' menu) never counts towards a double-click.
      if (!canEdit || lastPressWasSecondary()) return
      useUi.getState().select([id])
      useUi.getState().setEditing(id)
    },
    [canEdit],
  )
  const onDragStart = useCallback((id: string) => {
    const { selection: current, select } = useUi.getState()
    const ids = current.includes(id) ? current : [id]
    if (!current.includes(id)) select([id])
    useUi.getState().setDrag({ ids, leader: id, dx: 0, dy: 0 })
  }, [])
  const dragFrame = useRef(0)
  const onDragMove = useCallback(
    (_id: string, dx: number, dy: number) => {
      const current = useUi.getState().drag
      if (!current) return
      useUi.getState().setDrag({ ...current, dx, dy })
      // One presence update per frame carries both the drag and the pointer.
      if (!dragFrame.current)
        dragFrame.current = requestAnimationFrame(() => {
          dragFrame.current = 0
          const live = useUi.getState().drag
          connection.setPresence({ drag: live ? { ids: live.ids, dx: live.dx, dy: live.dy } : undefined, cursor: boardPoint() ?? undefined })
        })
    },
    [connection, boardPoint],
  )
  const onDragEnd = useCallback(
    (id: string, dx: number, dy: number, node: Konva.Node) => {
      const current = useUi.getState().drag
      const ids = new Set(current?.ids ?? [id])
      const moved = latest.current.notes.filter((n) => ids.has(n.id))
      moveNotesBy(board, latest.current.layout, moved, dx, dy, latest.current.docs.docOf)
      // React may not re-render the dragged node if its stored position did not change.
      const note = readNote(latest.current.docs.docOf(id), id)
      if (note) node.position(noteWorldPosition(latest.current.layout, note))
      useUi.getState().setDrag(null)
      connection.setPresence({ drag: undefined })
    },
    [latest, board, connection],
  )

  // Dragging a cluster drags its notes: ghosts follow live, one write per note on drop.
  const onClusterStart = useCallback((id: string) => {
    const ids = latest.current.notes.filter((n) => n.clusterId === id).map((n) => n.id)
    useUi.getState().setDrag({ ids, leader: `cluster:${id}`, dx: 0, dy: 0 })
  }, [latest])
  const onClusterMove = useCallback((id: string, dx: number, dy: number) => onDragMove(id, dx, dy), [onDragMove])
  const onClusterMoved = useCallback(
    (id: string, dx: number, dy: number) => {
      const members = latest.current.notes.filter((n) => n.clusterId === id)
      moveNotesBy(latest.current.docs.board, latest.current.layout, members, dx, dy, latest.current.docs.docOf)
      useUi.getState().setDrag(null)
      connection.setPresence({ drag: undefined })
    },
    [latest, connection],
  )

  return {
    note: { onPointerDown, onVoteClick, onEdit, onDragStart, onDragMove, onDragEnd },
    cluster: { onVoteClick, onStart: onClusterStart, onMove: onClusterMove, onMoved: onClusterMoved },
  }
}
