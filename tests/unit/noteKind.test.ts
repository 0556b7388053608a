/**
 * setNoteKind (shared/board/note.ts): a note's kind changes after creation, its colour follows
 * the kind unless someone chose one, and the server's guards let a participant do it — to
 * anyone's note, as with every other field but the author.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { forgedValue, foreignOwnedKey } from '../../server/sync/guards'
import { addNote, readNote, setNoteKind, updateNote } from '../../shared/board/note'
import { initBoard } from '../../shared/board/template'

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

describe('setNoteKind', () => {
  it('changes the kind, and a note in its kind’s default colour takes the new kind’s colour', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { x: 0, y: 0, text: 'Slow refunds' })
    expect(readNote(doc, id)).toMatchObject({ kind: 'note', color: 'yellow' })
    expect(setNoteKind(doc, id, 'pain')).toEqual([id])
    expect(readNote(doc, id)).toMatchObject({ kind: 'pain', color: 'pink', text: 'Slow refunds' })
    setNoteKind(doc, id, 'idea')
    expect(readNote(doc, id)).toMatchObject({ kind: 'idea', color: 'green' })
  })

  it('keeps a colour someone chose, and impact/effort', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { x: 0, y: 0, kind: 'idea', impact: 'high', effort: 'low' })
    updateNote(doc, id, { color: 'orange' })
    setNoteKind(doc, id, 'note')
    expect(readNote(doc, id)).toMatchObject({ kind: 'note', color: 'orange', impact: 'high', effort: 'low' })
  })

  it('changes several notes in one transaction, skips unknown ids and notes already of that kind', () => {
    const doc = new Y.Doc()
    const a = addNote(doc, { x: 0, y: 0 })
    const b = addNote(doc, { x: 0, y: 0, kind: 'pain' })
    const c = addNote(doc, { x: 0, y: 0, kind: 'hmw' })
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    expect(setNoteKind(doc, [a, b, 'ghost', c], 'pain')).toEqual([a, c])
    expect(transactions).toBe(1)
    expect([a, b, c].map((id) => readNote(doc, id)?.kind)).toEqual(['pain', 'pain', 'pain'])
  })

  it('is undone in one step by a Y.UndoManager', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { x: 0, y: 0 })
    const undo = new Y.UndoManager(doc.getMap('notes'))
    setNoteKind(doc, id, 'pain')
    undo.undo()
    expect(readNote(doc, id)).toMatchObject({ kind: 'note', color: 'yellow' })
  })

  it('passes the server’s guards when a participant changes the kind of someone else’s note', () => {
    const server = new Y.Doc()
    initBoard(server, { template: 'journey', title: 'Kinds' })
    const id = addNote(server, { x: 0, y: 0, text: 'theirs', authorId: 'bob' })
    const client = new Y.Doc()
    sync(server, client)
    setNoteKind(client, id, 'pain')
    const decoded = Y.decodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))
    expect(foreignOwnedKey(server, decoded, 'alice')).toBeUndefined()
    expect(forgedValue(server, decoded, 'alice')).toBeUndefined()
  })
})
