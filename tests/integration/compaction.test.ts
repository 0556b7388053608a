/**
 * When the server compacts a document's update log into a snapshot: a small document every
 * `compactEvery` updates; a big one (snapshot over 256 KiB) only once the log since its
 * snapshot is half the snapshot's size, or after 20 × `compactEvery` updates. Real SQLite rows
 * are counted; what is loaded back is the same document.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { SQLITE_FILE } from '../../server/storage/sqlite'
import { listNotes } from '../../shared/board/note'
import { closeStorages, noteUpdate, openDocRoom, RecordingPeer, updateMessage, WORKSHOP_ID } from '../helpers/room'

afterEach(closeStorages)

function rows(dataDir: string): number {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE workshop_id = ?').get(WORKSHOP_ID) as { n: number }).n
  } finally {
    db.close()
  }
}

async function send(room: Awaited<ReturnType<typeof openDocRoom>>['room'], peer: RecordingPeer, update: Uint8Array) {
  await room.handleMessage(peer, updateMessage(update))
}

describe('compaction', () => {
  it('compacts a small document every compactEvery updates', async () => {
    const { room, dataDir } = await openDocRoom({ compactEvery: 5 })
    const peer = new RecordingPeer('p')
    room.addPeer(peer)
    for (let i = 0; i < 4; i++) await send(room, peer, noteUpdate(`Note ${i}`))
    expect(rows(dataDir)).toBe(4)
    await send(room, peer, noteUpdate('Note 4'))
    await room.compact() // waits for the compaction that the fifth update started
    expect(rows(dataDir)).toBe(1)
    room.discard()
  })

  it('lets a big document log up to half its snapshot, or 20 × compactEvery updates, before compacting', async () => {
    const { room, dataDir } = await openDocRoom({ compactEvery: 5 })
    const peer = new RecordingPeer('p')
    room.addPeer(peer)
    // 64 notes of 5,000 characters make the snapshot big (over 300 KiB).
    await send(room, peer, noteUpdate('x'.repeat(5000), 64))
    for (let i = 0; i < 4; i++) await send(room, peer, noteUpdate(`Small ${i}`))
    await room.compact()
    expect(rows(dataDir)).toBe(1)
    // Small updates: far less than half the snapshot in bytes, so only the update count decides.
    for (let i = 0; i < 99; i++) await send(room, peer, noteUpdate(`After ${i}`))
    expect(rows(dataDir)).toBe(100)
    await send(room, peer, noteUpdate('The hundredth'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(rows(dataDir)).toBe(1)
    // A big update (half the snapshot) is reason enough after compactEvery updates.
    await send(room, peer, noteUpdate('y'.repeat(5000), 34))
    for (let i = 0; i < 3; i++) await send(room, peer, noteUpdate(`Tail ${i}`))
    expect(rows(dataDir)).toBe(5)
    await send(room, peer, noteUpdate('Fifth'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(rows(dataDir)).toBe(1)
    const live = listNotes(room.doc).length
    room.discard()
    const { room: reloaded } = await openDocRoom({ compactEvery: 5 }, dataDir)
    expect(listNotes(reloaded.doc)).toHaveLength(live)
    expect(Y.encodeStateVector(reloaded.doc).byteLength).toBeGreaterThan(0)
    reloaded.discard()
  })
})
