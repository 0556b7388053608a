/**
 * A note on the board: its card, text, author, my dots and the last round's badge. It reports
 * pointer, vote, edit and drag gestures by note id (handlers in ./useNoteGestures.ts).
 */
import type Konva from 'konva'
import { memo, useRef } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { Note } from '../../../../shared/board/note'
import { noteAuthor, noteBox, noteDotsRow, noteText } from './shapes'
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
}

export const NoteShape = memo(function NoteShape(props: NoteShapeProps) {
  const { note, x, y, selected, draggable, editedBy, hidden, dots, badge, isPrivate, author } = props
  const start = useRef({ x: 0, y: 0 })
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
      onDblClick={() => props.onEdit(note.id)}
      onDblTap={() => props.onEdit(note.id)}
      onDragStart={(e) => {
        start.current = { x: e.target.x(), y: e.target.y() }
        props.onDragStart(note.id)
      }}
      onDragMove={(e) => props.onDragMove(note.id, e.target.x() - start.current.x, e.target.y() - start.current.y)}
      onDragEnd={(e) => props.onDragEnd(note.id, e.target.x() - start.current.x, e.target.y() - start.current.y, e.target)}
    >
      <Rect {...noteBox(note.color, { selected, editedBy, isPrivate })} />
      <Text {...noteText(note.text, author !== undefined)} />
      {author !== undefined && <Text {...noteAuthor(author, dots)} />}
      <VoteDots count={dots} {...noteDotsRow} />
      <VoteBadge count={badge} on="note" />
    </Group>
  )
})
