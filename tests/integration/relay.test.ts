/**
 * The relay batches a turn's changes: what several peers change in one turn of the event loop
 * reaches every peer as one merged update; a lone change is not echoed to its author. Driven
 * through DocRoom's own message handling, with real SQLite storage behind it.
 */
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { listNotes } from '../../shared/board/note'
import { closeStorages, noteUpdate, openDocRoom, RecordingPeer, updateMessage } from '../helpers/room'

const turn = () => new Promise((resolve) => setImmediate(resolve))
afterEach(closeStorages)

describe('relay batching', () => {
  it('sends changes from several peers in one turn as one merged update to every peer', async () => {
    const { room } = await openDocRoom()
    const peers = ['a', 'b', 'c', 'd'].map((id) => new RecordingPeer(id))
    const observer = new RecordingPeer('observer')
    for (const peer of [...peers, observer]) room.addPeer(peer)
    await Promise.all(peers.map((peer, i) => room.handleMessage(peer, updateMessage(noteUpdate(`Note ${i}`)))))
    expect(observer.updates).toHaveLength(0) // not before the end of the turn
    await turn()
    expect(observer.updates).toHaveLength(1)
    const seen = new Y.Doc()
    Y.applyUpdate(seen, observer.updates[0] as Uint8Array)
    expect(listNotes(seen).map((n) => n.text).sort()).toEqual(['Note 0', 'Note 1', 'Note 2', 'Note 3'])
    // Mixed origins: the authors get the batch too (their own part is a no-op for Yjs).
    for (const peer of peers) expect(peer.updates).toHaveLength(1)
    room.discard()
  })

  it('does not echo a lone change to its author, and relays the next turn separately', async () => {
    const { room } = await openDocRoom()
    const author = new RecordingPeer('author')
    const other = new RecordingPeer('other')
    room.addPeer(author)
    room.addPeer(other)
    await room.handleMessage(author, updateMessage(noteUpdate('First')))
    await room.handleMessage(author, updateMessage(noteUpdate('Second')))
    await turn()
    await room.handleMessage(author, updateMessage(noteUpdate('Third')))
    await turn()
    expect(author.updates).toHaveLength(0)
    expect(other.updates).toHaveLength(2)
    const seen = new Y.Doc()
    for (const update of other.updates) Y.applyUpdate(seen, update)
    expect(listNotes(seen).map((n) => n.text).sort()).toEqual(['First', 'Second', 'Third'])
    room.discard()
  })

  it('relays what is queued before the room closes', async () => {
    const { room } = await openDocRoom()
    const author = new RecordingPeer('author')
    const other = new RecordingPeer('other')
    room.addPeer(author)
    room.addPeer(other)
    await room.handleMessage(author, updateMessage(noteUpdate('Last words')))
    await room.close()
    expect(other.updates).toHaveLength(1)
  })
})
