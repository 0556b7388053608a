import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { copyNotesTo, removeNotes } from '../../shared/facilitation/private-notes'
import { addNote, listNotes, noteRecord, readNote, type Note } from '../../shared/board/note'

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

  it('keeps an idea’s impact and effort (Develop’s matrix) on reveal', () => {
    const own = new Y.Doc()
    const board = new Y.Doc()
    const idea = addNote(own, { text: 'self-service status page', kind: 'idea', x: 1, y: 2, phase: 'develop', impact: 'high', effort: 'low' })
    copyNotesTo(own, board, 'ada')
    expect(readNote(board, idea)).toMatchObject({ impact: 'high', effort: 'low' })
  })

  it('keeps every field of the note record, but for the author', () => {
    const own = new Y.Doc()
    const board = new Y.Doc()
    const full: Note = {
      id: 'note-1',
      text: 'everything set',
      kind: 'hmw',
      color: 'purple',
      x: -12,
      y: 34,
      stageId: 'stage-1',
      laneId: 'lane-1',
      clusterId: 'cluster-1',
      authorId: 'someone-else',
      createdAt: 1_700_000_000_000,
      phase: 'define',
      impact: 'low',
      effort: 'high',
    }
    // The fixture sets every field the record declares (a new field must be added here too).
    expect(Object.keys(full).sort()).toEqual(Object.keys(noteRecord.fields).sort())
    addNote(own, full)
    copyNotesTo(own, board, 'ada')
    expect(readNote(board, full.id)).toEqual({ ...full, authorId: 'ada' })
  })
})
