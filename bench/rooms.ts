/**
 * Rooms on one Horizon server:
 * - memory per idle loaded room: 100 workshops (journey template + 100 notes each), loaded by
 *   one connection each and left idle; heap and RSS after a full GC against before. A second
 *   connection per room gives the share of that which is the connection rather than the room.
 * - loading a room of 10,000 notes from storage: the server stopped (graceful: compacted),
 *   started cold on the same DATA_DIR, and a stock provider client connecting until it holds
 *   all 10,000 notes; and the same room loaded again on the running server.
 * - storage after 10,000 edits (moves and text edits by 10 participants) against
 *   Y.encodeStateAsUpdate of the same document. Goal ≤ 2×.
 */
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { SQLITE_FILE } from '../server/storage/sqlite'
import { boardMaps } from '../shared/board/board-doc'
import { addNote, moveNote, setNoteText } from '../shared/board/note'
import { removeDir, tempDir } from './lib/cleanup'
import { serverIdle } from './lib/load'
import { fmt, quietMachine, sleep, waitUntil } from './lib/measure'
import { FullClient, LitePeer } from './lib/peer'
import { procFigures, startBenchServer, type BenchServer } from './lib/server'
import { connectAll, createWorkshop, openRoom } from './lib/workshops'
import type { BenchContext, BenchResult } from './lib/bench'

const KB = 1024

async function memory(server: BenchServer): Promise<{ rss: number; heap: number; external: number }> {
  await server.gc()
  const stats = await server.stats()
  return { rss: procFigures(server.pid)?.rss ?? stats.rss, heap: stats.heapUsed, external: stats.external }
}

async function idleRooms(ctx: BenchContext): Promise<BenchResult[]> {
  const count = ctx.smoke ? 5 : 100
  const notesPerRoom = 100
  const server = await startBenchServer('horizon')
  try {
    ctx.log(`seeding ${count} workshops with ${notesPerRoom} notes each`)
    const urls: string[] = []
    for (let r = 0; r < count; r++) {
      const created = await createWorkshop(server, `Idle room ${r + 1}`)
      const url = `${server.wsUrl}/sync/${created.id}/board?token=${encodeURIComponent(created.facilitatorToken)}`
      urls.push(url)
      const seed = new LitePeer(url)
      await seed.connect()
      for (let i = 0; i < notesPerRoom; i++) addNote(seed.doc, { text: `Note ${i}: the customer waits for a callback`, x: (i % 10) * 30, y: Math.floor(i / 10) * 30 })
      await seed.roundTrip()
      seed.close()
    }
    await serverIdle(server)
    const before = await memory(server)
    const first = urls.map((url) => new LitePeer(url))
    await connectAll(first)
    const loaded = await memory(server)
    const loadedRooms = (await server.stats()).rooms
    const second = urls.map((url) => new LitePeer(url))
    await connectAll(second)
    const twice = await memory(server)
    for (const peer of [...first, ...second]) peer.close()
    const idle = await serverIdle(server)
    const after = await memory(server)
    const perRoom = (a: { rss: number; heap: number; external: number }, b: typeof a) => ({
      rss: (b.rss - a.rss) / count,
      heap: (b.heap - a.heap) / count,
      external: (b.external - a.external) / count,
    })
    const room = perRoom(before, loaded)
    const connection = perRoom(loaded, twice)
    ctx.log(`per room: heap ${fmt(room.heap / KB)} KB, RSS ${fmt(room.rss / KB)} KB; per extra connection: heap ${fmt(connection.heap / KB)} KB, RSS ${fmt(connection.rss / KB)} KB`)
    return [
      {
        name: `rooms: memory per idle loaded room (heap)`,
        value: room.heap / KB,
        unit: 'KB',
        note: `${count} workshops of ${notesPerRoom} notes + template, ${loadedRooms} loaded, one connection each, after a full GC; a further connection adds ${fmt(connection.heap / KB)} KB heap`,
      },
      {
        name: `rooms: memory per idle loaded room (RSS)`,
        value: room.rss / KB,
        unit: 'KB',
        note: `RSS ${fmt(before.rss / 2 ** 20, 0)} → ${fmt(loaded.rss / 2 ** 20, 0)} MB; external (buffers) ${fmt(room.external / KB)} KB per room; after all left: ${idle.rooms} rooms loaded, RSS ${fmt(after.rss / 2 ** 20, 0)} MB, heap ${fmt(after.heap / 2 ** 20, 1)} MB (was ${fmt(before.heap / 2 ** 20, 1)})`,
      },
    ]
  } finally {
    await server.close()
  }
}

async function bigRoomLoad(ctx: BenchContext): Promise<BenchResult[]> {
  const notes = ctx.smoke ? 500 : 10_000
  const dataDir = tempDir('horizon-bench-bigroom-')
  let server: BenchServer | undefined
  const clients: FullClient[] = []
  try {
    server = await startBenchServer('horizon', { dataDir })
    const created = await createWorkshop(server, 'Big room')
    const token = created.facilitatorToken
    ctx.log(`seeding ${notes} notes`)
    const seed = new LitePeer(`${server.wsUrl}/sync/${created.id}/board?token=${encodeURIComponent(token)}`)
    await seed.connect()
    for (let start = 0; start < notes; start += 100) {
      seed.doc.transact(() => {
        for (let i = start; i < Math.min(notes, start + 100); i++) {
          addNote(seed.doc, { text: `Note ${i}: the customer could not find what they needed at this step`, x: (i % 100) * 30, y: Math.floor(i / 100) * 30 })
        }
      })
    }
    await seed.roundTrip(60_000)
    seed.close()
    await serverIdle(server)
    await server.close({ keepData: true })
    const storedBytes = fs.statSync(path.join(dataDir, SQLITE_FILE)).size

    // Cold: a new server process on the same data, then a client until it holds every note.
    const started = performance.now()
    server = await startBenchServer('horizon', { dataDir })
    const listening = performance.now()
    const load = async () => {
      const client = new FullClient(`${server?.wsUrl}/sync/${created.id}`, 'board', token)
      clients.push(client)
      await client.synced(60_000)
      await waitUntil(() => boardMaps(client.doc).notes.size >= notes, 60_000, `${notes} notes`)
      return client
    }
    const cold = await load()
    const synced = performance.now()
    cold.destroy()
    await serverIdle(server)
    // Warm process, room not loaded: what the second session of the day sees.
    const again = performance.now()
    await load()
    const warm = performance.now() - again
    const coldMs = synced - started
    ctx.log(`cold start → synced ${fmt(coldMs)} ms (process ${fmt(listening - started)} ms), room load on a running server ${fmt(warm)} ms`)
    return [
      {
        name: `rooms: ${notes} notes, server cold start → client synced`,
        value: coldMs / 1000,
        unit: 's',
        note: `server process up in ${fmt((listening - started) / 1000, 2)} s, connect → all notes at the client ${fmt((synced - listening) / 1000, 2)} s; SQLite file ${fmt(storedBytes / KB, 0)} KB`,
      },
      {
        name: `rooms: ${notes} notes, room load on a running server`,
        value: warm / 1000,
        unit: 's',
        note: 'connect → all notes at a stock provider client (room unloaded before)',
      },
    ]
  } finally {
    for (const client of clients) client.destroy()
    await server?.close()
    removeDir(dataDir)
  }
}

function storedRows(dataDir: string, workshopId: string): { rows: number; bytes: number; fileBytes: number } {
  const file = path.join(dataDir, SQLITE_FILE)
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const row = db.prepare<[string], { rows: number; bytes: number | null }>("SELECT COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes FROM doc_updates WHERE workshop_id = ? AND doc_name = 'board'").get(workshopId)
    const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0)
    return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0, fileBytes: size(file) + size(`${file}-wal`) }
  } finally {
    db.close()
  }
}

async function editsStorage(ctx: BenchContext): Promise<BenchResult[]> {
  const edits = ctx.smoke ? 500 : 10_000
  const writers = 10
  const notesEach = 10
  const server = await startBenchServer('horizon')
  const peers: LitePeer[] = []
  let observer: FullClient | undefined
  try {
    const room = await openRoom(server, writers, 'Edits')
    const noteIds: string[][] = []
    for (let i = 0; i < writers; i++) {
      const peer = new LitePeer(room.boardUrl(i))
      peers.push(peer)
      noteIds.push(Array.from({ length: notesEach }, (_, k) => addNote(peer.doc, { text: `Note ${k} of writer ${i}: the invoice is hard to read`, x: k * 30, y: i * 30 })))
    }
    await connectAll(peers)
    // An observer holds the same document as the server: the snapshot size to compare against.
    observer = new FullClient(room.serverUrl, 'board', room.facilitatorToken)
    await observer.synced()
    const watcher = observer
    ctx.log(`${edits} edits (7 in 10 moves, 3 in 10 text edits) by ${writers} participants`)
    // The stored size moves in a saw tooth (a snapshot, then up to COMPACT_EVERY updates):
    // sample it during the run and keep the worst ratio.
    let worst = { ratio: 0, bytes: 0, rows: 0, snapshot: 0 }
    const sample = () => {
      const now = storedRows(server.dataDir, room.id)
      const snapshot = Y.encodeStateAsUpdate(watcher.doc).byteLength
      if (now.bytes / snapshot > worst.ratio) worst = { ratio: now.bytes / snapshot, bytes: now.bytes, rows: now.rows, snapshot }
    }
    let lastSample = performance.now()
    let done = 0
    while (done < edits) {
      for (let i = 0; i < writers && done < edits; i++, done++) {
        const peer = peers[i] as LitePeer
        const id = (noteIds[i] as string[])[done % notesEach] as string
        if (done % 10 < 7) moveNote(peer.doc, id, { x: (done * 7) % 500, y: (done * 13) % 300 })
        else setNoteText(peer.doc, id, `Note of writer ${i}: the invoice is hard to read (${done})`)
      }
      // About 1,000 edits a second in all: a busy workshop, not a flood.
      await sleep(10)
      if (performance.now() - lastSample > 100) {
        sample()
        lastSample = performance.now()
      }
    }
    await Promise.all(peers.map((peer) => peer.roundTrip()))
    await waitUntil(() => peers.every((peer) => Y.getState(watcher.doc.store, peer.clientID) >= Y.getState(peer.doc.store, peer.clientID)), 10_000, 'the observer to hold every edit')
    sample()
    const live = storedRows(server.dataDir, room.id)
    const snapshot = Y.encodeStateAsUpdate(observer.doc).byteLength
    observer.destroy()
    for (const peer of peers) peer.close()
    await serverIdle(server)
    const closed = storedRows(server.dataDir, room.id)
    ctx.log(`stored ${fmt(live.bytes / KB)} KB in ${live.rows} rows at the end, ${fmt(closed.bytes / KB)} KB after close; snapshot ${fmt(snapshot / KB)} KB; worst during the run ×${fmt(worst.ratio, 2)}`)
    return [
      {
        name: `rooms: storage during ${edits} edits / Y.encodeStateAsUpdate (worst)`,
        value: worst.ratio,
        unit: '×',
        goal: '≤ 2×',
        met: worst.ratio <= 2,
        note: `worst sample: ${fmt(worst.bytes / KB)} KB in ${worst.rows} rows (last snapshot + updates since) vs ${fmt(worst.snapshot / KB)} KB; at the end ${fmt(live.bytes / KB)} KB in ${live.rows} rows vs ${fmt(snapshot / KB)} KB`,
      },
      {
        name: `rooms: storage after ${edits} edits, room closed`,
        value: closed.bytes / snapshot,
        unit: '×',
        goal: '≤ 2×',
        met: closed.bytes / snapshot <= 2,
        note: `${fmt(closed.bytes / KB)} KB in ${closed.rows} row(s) after the last client left (compacted); SQLite files ${fmt(closed.fileBytes / KB, 0)} KB on disk for the whole database (free pages kept, no VACUUM)`,
      },
    ]
  } finally {
    for (const peer of peers) peer.terminate()
    observer?.destroy()
    await server.close()
  }
}

export async function roomsBench(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  for (const part of [idleRooms, bigRoomLoad, editsStorage]) {
    if (!ctx.smoke) await quietMachine(ctx.log)
    results.push(...(await part(ctx)))
  }
  return results
}
