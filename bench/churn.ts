/**
 * Churn: a board of 5,000 notes, then 100,000 drags (each drop writes the note's position
 * once, as the client does; three in ten land in another cell and change stage and lane) and
 * 20,000 text edits (a word of the note replaced), spread over 30 participants' client ids.
 * Measures the document (Y.encodeStateAsUpdate bytes) before and after, how much it grew per
 * change, and how long it takes to load; and the same through the server's SQLite storage
 * (server/storage/sqlite.ts): every update appended as the server does, compacted when the
 * server would (server/room.ts compactionDue with the default COMPACT_EVERY: every 500 updates
 * for a small document, a big one once its log is half its snapshot), then loaded back and
 * applied to a fresh document.
 * In process: no network, so this is the document and storage cost alone.
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { openSqliteStorage } from '../server/storage/sqlite'
import { DEFAULTS } from '../server/config'
import { compactionDue } from '../server/storage/compaction'
import { newId } from '../shared/ids'
import { listNotes } from '../shared/board/note'
import { initBoard } from '../shared/board/template'
import { churnBoard, PARTICIPANT_IDS } from './lib/board'
import { removeDir, tempDir } from './lib/cleanup'
import { fmt } from './lib/measure'
import type { BenchContext, BenchResult } from './lib/bench'

/** Median time (ms) to load `update` into a fresh document. */
function loadTime(update: Uint8Array, runs = 3): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    times.push(performance.now() - started)
    doc.destroy()
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number
}

export async function churnBench(ctx: BenchContext): Promise<BenchResult[]> {
  const noteCount = ctx.smoke ? 500 : 5000
  const drags = ctx.smoke ? 5000 : 100_000
  const textEvery = 5
  const participants = PARTICIPANT_IDS.length

  const dir = tempDir('horizon-bench-churn-')
  const storage = openSqliteStorage(dir)
  const doc = new Y.Doc()
  try {
    initBoard(doc, { template: 'journey', title: 'Churn' })
    const workshopId = newId()
    await storage.createWorkshop({ id: workshopId, title: 'Churn', joinCode: 'CHURN1', createdAt: Date.now() }, { board: Y.encodeStateAsUpdate(doc) })

    // The server's write path: append each update, compact every COMPACT_EVERY updates.
    let pending: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => pending.push(update))
    let lastSeq = 0
    let sinceCompact = 0
    let snapshotBytes = Y.encodeStateAsUpdate(doc).byteLength
    let logBytes = 0
    let appendMs = 0
    let compactMs = 0
    let compactions = 0
    const flush = async () => {
      const started = performance.now()
      for (const update of pending) {
        lastSeq = await storage.appendUpdate(workshopId, 'board', update)
        logBytes += update.byteLength
        if (compactionDue(++sinceCompact, snapshotBytes, logBytes, DEFAULTS.compactEvery)) {
          const c = performance.now()
          const snapshot = Y.encodeStateAsUpdate(doc)
          await storage.compact(workshopId, 'board', snapshot, lastSeq)
          compactMs += performance.now() - c
          compactions++
          sinceCompact = 0
          snapshotBytes = snapshot.byteLength
          logBytes = 0
        }
      }
      pending = []
      appendMs += performance.now() - started
    }

    ctx.log(`adding ${noteCount} notes, then ${drags} drags and ${drags / textEvery} text edits`)
    let fresh: Uint8Array = new Uint8Array()
    let churnStarted = 0
    const { edits } = await churnBoard(doc, {
      notes: noteCount,
      drags,
      textEvery,
      afterEach: flush,
      afterNotes: () => {
        fresh = Y.encodeStateAsUpdate(doc)
        appendMs = 0
        compactMs = 0
        compactions = 0
        churnStarted = performance.now()
      },
    })
    const freshLoad = loadTime(fresh)
    const churnMs = performance.now() - churnStarted
    const churned = Y.encodeStateAsUpdate(doc)
    const churnedLoad = loadTime(churned)
    const ops = drags + edits
    const growth = churned.byteLength / fresh.byteLength

    // Storage round trip: what a server loading this workshop reads and applies.
    const loadStarted = performance.now()
    const stored = await storage.loadDoc(workshopId, 'board')
    const readMs = performance.now() - loadStarted
    const restored = new Y.Doc()
    for (const update of stored.updates) Y.applyUpdate(restored, update)
    const storedLoadMs = performance.now() - loadStarted
    const same = listNotes(restored).length === noteCount && Y.encodeStateAsUpdate(restored).byteLength === churned.byteLength
    restored.destroy()
    ctx.log(`document ${fmt(fresh.byteLength / 1024)} KB → ${fmt(churned.byteLength / 1024)} KB (×${fmt(growth, 2)}); stored ${fmt(stored.bytes / 1024)} KB in ${stored.updates.length} rows`)

    return [
      {
        name: `churn: document, ${noteCount} notes`,
        value: fresh.byteLength / 1024,
        unit: 'KB',
        note: `Y.encodeStateAsUpdate; loads in ${fmt(freshLoad)} ms (Y.applyUpdate into a new doc)`,
      },
      {
        name: `churn: document after ${drags} drags + ${edits} text edits`,
        value: churned.byteLength / 1024,
        unit: 'KB',
        note: `×${fmt(growth, 2)} the fresh board: ${fmt((churned.byteLength - fresh.byteLength) / ops, 1)} bytes per change (tombstones of overwritten x/y/stage/lane and replaced text); ${participants} client ids`,
      },
      {
        name: `churn: load after churn (${noteCount} notes)`,
        value: churnedLoad,
        unit: 'ms',
        note: `Y.applyUpdate of the ${fmt(churned.byteLength / 1024)} KB snapshot; ${fmt(freshLoad)} ms before the churn`,
      },
      {
        name: `churn: load from SQLite after churn`,
        value: storedLoadMs,
        unit: 'ms',
        note: `read ${stored.updates.length} rows (${fmt(stored.bytes / 1024)} KB) in ${fmt(readMs)} ms + apply; ${same ? 'identical to the live document' : 'DIFFERS from the live document'}`,
      },
      {
        name: `churn: write path per change`,
        value: (appendMs / ops) * 1000,
        unit: 'µs',
        note: `SQLite append + compaction when the server would (${compactions} compactions, ${fmt(compactMs / Math.max(1, compactions))} ms each); whole churn ${fmt(churnMs / 1000)} s in process`,
      },
    ]
  } finally {
    doc.destroy()
    await storage.close()
    removeDir(dir)
  }
}
