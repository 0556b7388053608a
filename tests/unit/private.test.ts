import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { copyNotesTo, removeNotes } from '../../shared/facilitation/private-notes'
import { addNote, listNotes, readNote } from '../../shared/board/note'

describe('copyNotesTo (reveal of private notes)', () => {
  it('copies the notes with their ids and content, authored by the document’s owner', () => {
    const own = new Y.Doc()
    const board = new Y.Doc()
    const mine = addNote(own, { text: 'my pain', kind: 'pain', x: 10, y: 20, authorId: 'ada' })
    const anonymous = addNote(own, { text: 'no name', x: 30, y: 40 })
    expect(copyNotesTo(own, board, 'ada').sort()).toEqual([mine, anonymous].sort())
    expect(readNote(board, mine)).toMatchObject({ text: 'my pain', kind: 'pain', x: 10, y: 20, authorId: 'ada' })
    expect(readNote(board, anonymous)?.authorId).toBeUndefined()
    // Repeated (a crash between copying and removing): nothing doubles.
    copyNotesTo(own, board, 'ada')
    expect(listNotes(board)).toHaveLength(2)
  })

  it('trusts nothing in the private document: no overwriting a board note by its id, no borrowed author', () => {
    const board = new Y.Doc()
    const theirs = addNote(board, { text: 'Ben’s note', x: 0, y: 0, authorId: 'ben' })
    const own = new Y.Doc()
    addNote(own, { id: theirs, text: 'overwritten by Mallory', x: 0, y: 0, authorId: 'ben' })
    const forged = addNote(own, { text: 'signed as Ben', x: 5, y: 5, authorId: 'ben' })
    const ids = copyNotesTo(own, board, 'mallory')
    expect(readNote(board, theirs)).toMatchObject({ text: 'Ben’s note', authorId: 'ben' })
    expect(readNote(board, forged)).toMatchObject({ text: 'signed as Ben', authorId: 'mallory' })
    removeNotes(own, ids)
    expect(listNotes(own)).toEqual([])
  })
})
