/**
 * The content guards of server/sync/guards.ts, called directly: `foreignOwnedKey` (a participant
 * writes only its own keys of `votes` and `people`, and no dots in a closed round) and
 * `deletesUnknown` (no deletion of what neither the server nor the update holds). Each update
 * is real: a client document changed with the shared/ mutations and diffed against the
 * server's document with `Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))`.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { deletesUnknown, foreignOwnedKey } from '../../server/sync/guards'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote, deleteNote } from '../../shared/board/note'
import { setPerson } from '../../shared/board/person'
import { initBoard } from '../../shared/board/template'
import { setVote, voteKey } from '../../shared/voting/vote'

const ROUND = 'round1'
const ME = 'alice'
const OTHER = 'bob'

/** What `from` has that `to` lacks, applied to `to`. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

/** The server's document with the journey template, and a client synced to it. */
function setup(): { server: Y.Doc; client: () => Y.Doc } {
  const server = new Y.Doc()
  initBoard(server, { template: 'journey', title: 'Guards' })
  return {
    server,
    client: () => {
      const doc = new Y.Doc()
      sync(server, doc)
      return doc
    },
  }
}

/** The client's changes since the server's state, decoded as the server decodes them. */
function updateOf(client: Y.Doc, server: Y.Doc): ReturnType<typeof Y.decodeUpdate> {
  return Y.decodeUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))
}

/** `write` done by a client and accepted by the server (the server now holds it). */
function accepted(server: Y.Doc, client: Y.Doc, write: (doc: Y.Doc) => void): void {
  write(client)
  sync(client, server)
}

const closed = (roundId: string) => roundId === ROUND
const notClosed = () => false

describe('foreignOwnedKey: votes', () => {
  it('allows a participant’s own vote key', () => {
    const { server, client } = setup()
    const mine = client()
    const noteId = addNote(server, { text: 'pain', x: 0, y: 0 })
    sync(server, mine)
    setVote(mine, ROUND, ME, noteId, 2)
    const update = updateOf(mine, server)
    expect(update.structs.length).toBeGreaterThan(0)
    expect(foreignOwnedKey(server, update, ME)).toBeUndefined()
    expect(foreignOwnedKey(server, update, ME, notClosed)).toBeUndefined()
  })

  it('refuses another participant’s vote key (foreign)', () => {
    const { server, client } = setup()
    const mine = client()
    setVote(mine, ROUND, OTHER, 'note1', 3)
    expect(foreignOwnedKey(server, updateOf(mine, server), ME)).toEqual({ key: `votes/${voteKey(ROUND, OTHER)}`, reason: 'foreign' })
  })

  it('refuses its own key in a closed round (closed), and allows it in an open one', () => {
    const { server, client } = setup()
    const mine = client()
    setVote(mine, ROUND, ME, 'note1', 1)
    const update = updateOf(mine, server)
    expect(foreignOwnedKey(server, update, ME, closed)).toEqual({ key: `votes/${voteKey(ROUND, ME)}`, reason: 'closed' })
    expect(foreignOwnedKey(server, update, ME, (roundId) => roundId === 'another-round')).toBeUndefined()
  })

  it('refuses deleting another participant’s vote: the whole key, or one dot inside it', () => {
    const { server, client } = setup()
    const theirs = client()
    accepted(server, theirs, (doc) => setVote(doc, ROUND, OTHER, 'note1', 2))

    const mine = client()
    boardMaps(mine).votes.delete(voteKey(ROUND, OTHER))
    const wholeKey = updateOf(mine, server)
    expect(wholeKey.structs).toHaveLength(0) // a deletion only
    expect(wholeKey.ds.clients.size).toBe(1)
    expect(foreignOwnedKey(server, wholeKey, ME)).toEqual({ key: `votes/${voteKey(ROUND, OTHER)}`, reason: 'foreign' })

    const mine2 = client()
    setVote(mine2, ROUND, OTHER, 'note1', 0) // takes the dots back: deletes the inner key
    const innerKey = updateOf(mine2, server)
    expect(innerKey.structs).toHaveLength(0)
    expect(foreignOwnedKey(server, innerKey, ME)).toEqual({ key: `votes/${voteKey(ROUND, OTHER)}`, reason: 'foreign' })

    // Its owner may take them back.
    setVote(theirs, ROUND, OTHER, 'note1', 0)
    expect(foreignOwnedKey(server, updateOf(theirs, server), OTHER)).toBeUndefined()
  })

  it('traces a vote map’s inner key through its origin in the server’s document when the update omits the parent', () => {
    const { server, client } = setup()
    const theirs = client()
    accepted(server, theirs, (doc) => setVote(doc, ROUND, OTHER, 'note1', 1))

    // Overwriting the count of an existing target: the new item's origin is the old one (on the
    // server), so Yjs writes no parent for it.
    const mine = client()
    setVote(mine, ROUND, OTHER, 'note1', 3)
    const update = updateOf(mine, server)
    const items = update.structs.filter((struct): struct is Y.Item => struct instanceof Y.Item)
    expect(items).toHaveLength(1)
    expect(items[0]!.parent).toBeNull()
    expect(items[0]!.origin).not.toBeNull()
    expect(foreignOwnedKey(server, update, ME)).toEqual({ key: `votes/${voteKey(ROUND, OTHER)}`, reason: 'foreign' })

    // The same write by the owner is its own key, found the same way; in a closed round it is refused.
    setVote(theirs, ROUND, OTHER, 'note1', 3)
    const own = updateOf(theirs, server)
    expect(own.structs.filter((struct) => struct instanceof Y.Item).every((struct) => (struct as Y.Item).parent === null)).toBe(true)
    expect(foreignOwnedKey(server, own, OTHER)).toBeUndefined()
    expect(foreignOwnedKey(server, own, OTHER, closed)).toEqual({ key: `votes/${voteKey(ROUND, OTHER)}`, reason: 'closed' })
  })

  it('traces through an origin inside the update itself (a key written twice in one update)', () => {
    const { server, client } = setup()
    const mine = client()
    mine.transact(() => {
      setVote(mine, ROUND, OTHER, 'note1', 1)
      setVote(mine, ROUND, OTHER, 'note1', 2)
    })
    const update = updateOf(mine, server)
    const items = update.structs.filter((struct): struct is Y.Item => struct instanceof Y.Item)
    expect(items.some((item) => item.parent === null && item.origin !== null)).toBe(true)
    expect(foreignOwnedKey(server, update, ME)).toEqual({ key: `votes/${voteKey(ROUND, OTHER)}`, reason: 'foreign' })
  })

  it('lets notes and other content through (not under an owned key)', () => {
    const { server, client } = setup()
    const mine = client()
    addNote(mine, { text: 'a note', x: 10, y: 20 })
    expect(foreignOwnedKey(server, updateOf(mine, server), ME, closed)).toBeUndefined()
  })
})

describe('foreignOwnedKey: people', () => {
  it('allows its own entry and refuses someone else’s, new or overwritten', () => {
    const { server, client } = setup()
    const mine = client()
    setPerson(mine, ME, 'Alice')
    expect(foreignOwnedKey(server, updateOf(mine, server), ME)).toBeUndefined()

    const forged = client()
    setPerson(forged, OTHER, 'Not Bob')
    expect(foreignOwnedKey(server, updateOf(forged, server), ME)).toEqual({ key: `people/${OTHER}`, reason: 'foreign' })

    // Bob's real name is on the server; overwriting it (the new item's origin is Bob's) is refused too.
    const bob = client()
    accepted(server, bob, (doc) => setPerson(doc, OTHER, 'Bob'))
    const overwrite = client()
    setPerson(overwrite, OTHER, 'Not Bob')
    const update = updateOf(overwrite, server)
    expect(foreignOwnedKey(server, update, ME)).toEqual({ key: `people/${OTHER}`, reason: 'foreign' })
    // Deleting it as well.
    const eraser = client()
    boardMaps(eraser).people.delete(OTHER)
    expect(foreignOwnedKey(server, updateOf(eraser, server), ME)).toEqual({ key: `people/${OTHER}`, reason: 'foreign' })
    // A closed round does not concern names.
    expect(foreignOwnedKey(server, updateOf(bob, server), OTHER, closed)).toBeUndefined()
  })
})

describe('deletesUnknown', () => {
  it('is true for an update that deletes items neither the document nor the update holds', () => {
    const { server } = setup()
    // A client that wrote a note and deleted it, and sends only the deletion (its state vector
    // says the server has everything; the delete set is always whole).
    const elsewhere = new Y.Doc()
    const noteId = addNote(elsewhere, { text: 'never sent', x: 0, y: 0 })
    deleteNote(elsewhere, noteId)
    const update = Y.decodeUpdate(Y.encodeStateAsUpdate(elsewhere, Y.encodeStateVector(elsewhere)))
    expect(update.structs).toHaveLength(0)
    expect(update.ds.clients.size).toBe(1)
    expect(deletesUnknown(server, update)).toBe(true)

    // The same deletion reaching past what the server holds of a known client.
    const { server: server2, client } = setup()
    const peer = client()
    accepted(server2, peer, (doc) => addNote(doc, { text: 'sent', x: 0, y: 0 }))
    const later = addNote(peer, { text: 'not sent yet', x: 0, y: 0 })
    deleteNote(peer, later)
    const ahead = Y.decodeUpdate(Y.encodeStateAsUpdate(peer, Y.encodeStateVector(peer)))
    expect(deletesUnknown(server2, ahead)).toBe(true)
  })

  it('is false for an honest delete of an item the server holds', () => {
    const { server, client } = setup()
    const author = client()
    let noteId = ''
    accepted(server, author, (doc) => {
      noteId = addNote(doc, { text: 'to delete', x: 0, y: 0 })
    })
    const mine = client()
    deleteNote(mine, noteId)
    const update = updateOf(mine, server)
    expect(update.ds.clients.size).toBeGreaterThan(0)
    expect(deletesUnknown(server, update)).toBe(false)
  })

  it('is false for items the update itself brings and deletes, and for an update without deletions', () => {
    const { server, client } = setup()
    const mine = client()
    const noteId = addNote(mine, { text: 'written and deleted', x: 0, y: 0 })
    deleteNote(mine, noteId)
    const update = updateOf(mine, server)
    expect(update.structs.length).toBeGreaterThan(0)
    expect(deletesUnknown(server, update)).toBe(false)

    const writer = client()
    addNote(writer, { text: 'plain', x: 0, y: 0 })
    expect(deletesUnknown(server, updateOf(writer, server))).toBe(false)
  })
})
