/**
 * Private writing: notes written while private mode is on live in the author's own document
 * (see privateDocName in roles.ts). Revealing moves them onto the board with their ids, so a
 * reveal that is repeated (after a crash between its two steps) does not duplicate them.
 */
import type * as Y from 'yjs'
import { addNote, boardMaps, listNotes } from './schema'

/** Copies every note of `from` onto `board`, keeping ids and content. Returns the ids. */
export function copyNotesTo(from: Y.Doc, board: Y.Doc): string[] {
  const notes = listNotes(from)
  if (notes.length === 0) return []
  board.transact(() => {
    for (const note of notes) {
      addNote(board, {
        id: note.id,
        text: note.text,
        kind: note.kind,
        color: note.color,
        x: note.x,
        y: note.y,
        phase: note.phase,
        createdAt: note.createdAt,
        ...(note.stageId !== undefined && { stageId: note.stageId }),
        ...(note.laneId !== undefined && { laneId: note.laneId }),
        ...(note.clusterId !== undefined && { clusterId: note.clusterId }),
        ...(note.authorId !== undefined && { authorId: note.authorId }),
      })
    }
  })
  return notes.map((n) => n.id)
}

/** Removes the given notes from `doc` in one transaction. */
export function removeNotes(doc: Y.Doc, ids: readonly string[]): void {
  if (ids.length === 0) return
  const { notes } = boardMaps(doc)
  doc.transact(() => ids.forEach((id) => notes.delete(id)))
}
