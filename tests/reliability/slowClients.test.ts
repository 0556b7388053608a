/**
 * Slow and early clients are capped and cut off, and the server's memory stays bounded:
 * - a client that never reads: what the server has for it piles up in its send buffer until
 *   MAX_BUFFERED_BYTES (here 1 MiB), then it is cut off — the room goes on for everyone else;
 * - a client that sends before it is accepted (its messages written in the same packet as the
 *   upgrade request, before the 101 came back) is served normally: nothing it sent is lost;
 *   what it may queue before its room takes it is capped (MAX_PRE_ACCEPT_BYTES; see README
 *   "Reliability": with SQLite the load is synchronous, so that window is short).
 */
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { addNote, listNotes, noteText } from '../../shared/board/note'
import { connect, createWorkshop, serverSuite, synced, waitFor } from '../helpers/server'
import { MESSAGE_SYNC } from '../../server/sync/protocol'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'

const servers = serverSuite()

/** A masked binary websocket frame (as a client must send it). */
function frame(payload: Uint8Array): Buffer {
  const length = payload.byteLength
  const header = length < 126 ? Buffer.from([0x82, 0x80 | length]) : length < 65536 ? Buffer.from([0x82, 0x80 | 126, length >> 8, length & 0xff]) : Buffer.concat([Buffer.from([0x82, 0x80 | 127]), (() => {
    const b = Buffer.alloc(8)
    b.writeBigUInt64BE(BigInt(length))
    return b
  })()])
  const mask = Buffer.from([1, 2, 3, 4])
  const body = Buffer.from(payload)
  for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (mask[i % 4] as number)
  return Buffer.concat([header, mask, body])
}

describe('slow and early clients', () => {
  it('a client that never reads is cut off once its send buffer passes the cap; the room goes on', async () => {
    const server = await servers.start({ maxBufferedBytes: 1024 * 1024, maxDocBytes: 512 * 2 ** 20, compactEvery: 5 })
    const workshop = await createWorkshop(server.url)
    const writer = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const reader = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await Promise.all([synced(writer), synced(reader)])
    const slow = new WebSocket(`${server.wsUrl}/sync/${workshop.id}/board?token=${workshop.viewerToken}`)
    await new Promise<void>((resolve) => slow.once('open', () => resolve()))
    const slowClosed = new Promise<void>((resolve) => slow.once('close', () => resolve()))
    // It stops reading: the kernel's buffers fill, then the server's.
    ;(slow as unknown as { _socket: net.Socket })._socket.pause()
    await waitFor(() => server.server.stats().connections === 3)

    // 80 MiB of changes, more than the kernel's socket buffers take (loopback autotunes up to
    // 32 MiB): one note's text replaced by 1 MiB of new text 80 times (the document itself stays
    // small: deleted text is garbage-collected).
    const id = addNote(writer.doc, { text: '', x: 0, y: 0 })
    const text = noteText(writer.doc, id)!
    for (let i = 0; i < 80 && server.server.stats().connections === 3; i++) {
      writer.doc.transact(() => {
        text.delete(0, text.length)
        text.insert(0, String.fromCharCode(97 + (i % 26)).repeat(2 ** 20))
      })
      await waitFor(() => noteText(reader.doc, id)?.length === 2 ** 20 && noteText(reader.doc, id)?.toString().startsWith(String.fromCharCode(97 + (i % 26))) === true, { timeout: 10_000 })
    }
    await waitFor(() => server.server.stats().connections === 2, { timeout: 20_000, message: 'the slow client is cut off' })
    ;(slow as unknown as { _socket: net.Socket })._socket.resume()
    await slowClosed
    // Everyone else still gets everything.
    addNote(writer.doc, { text: 'after the cut', x: 0, y: 1 })
    await waitFor(() => listNotes(reader.doc).some((note) => note.text === 'after the cut'), { timeout: 10_000, message: 'the reader still gets changes' })
    expect(listNotes(reader.doc).length).toBe(listNotes(writer.doc).length)
    expect(writer.closes).toEqual([])
  }, 60_000)

  it('a client that sends before the upgrade is answered is served: what it sent early is not lost', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const watcher = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(watcher)
    // Its change, as a sync step 2 (its answer, sent before being asked) and as an update.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcher.doc))
    let change: Uint8Array | undefined
    doc.on('update', (update: Uint8Array) => (change = update))
    addNote(doc, { text: 'sent early', x: 0, y: 0 })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeUpdate(encoder, change as Uint8Array)
    const socket = net.connect(server.server.port, '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    const request =
      `GET /sync/${workshop.id}/board?token=${workshop.facilitatorToken} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
    socket.write(Buffer.concat([Buffer.from(request), frame(encoding.toUint8Array(encoder))]))
    let response = ''
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')))
    await waitFor(() => listNotes(watcher.doc).some((note) => note.text === 'sent early'), { message: 'the early change arrives' })
    expect(response).toMatch(/^HTTP\/1.1 101/)
    socket.destroy()
  })
})
