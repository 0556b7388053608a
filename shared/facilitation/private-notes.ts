/**
 * Private writing: notes written while private mode is on live in the author's own document
 * (see privateDocName in shared/roles.ts). Revealing moves them onto the board with their ids, so a
 * reveal that is repeated (after a crash between its two steps) does not duplicate them.
 */
import type * as Y from 'yjs'
import { boardMaps } from '../board/board-doc'
import { addNote, listNotes } from '../board/note'

/**
 * Copies the notes of `from`, the private document of `ownerId`, onto `board`, keeping ids and
 * every field of the note record (as read: cleaned like any note). Returns the ids of all of them
 * (to remove from `from`). The private document is its author's to write, so nothing in it is
 * trusted: a note whose id is already on the board is left as the board has it (revealed before,
 * or someone else's note that a forged id would overwrite), and a note's author is its
 * document's owner (none for an anonymous note).
 *
 * Revealed notes keep the places their authors gave them, even when two authors chose the same
 * free slot of a cell: the board's layout (shared/board/cell-layout.ts) draws every note of a
 * cell in a slot of its own — after the notes already there, oldest first — whatever they store.
 */
export function copyNotesTo(from: Y.Doc, board: Y.Doc, ownerId: string): string[] {
  const notes = listNotes(from)
  if (notes.length === 0) return []
  const onBoard = boardMaps(board).notes
  board.transact(() => {
    for (const { authorId, ...note } of notes) {
      if (onBoard.has(note.id)) continue
      addNote(board, { ...note, ...(authorId !== undefined && { authorId: ownerId }) })
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
