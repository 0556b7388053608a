/**
 * SQLite store (better-sqlite3, WAL). Each accepted update is one row, written before the
 * server relays it; compaction swaps a run of rows for one snapshot row in a transaction.
 * With WAL and synchronous=NORMAL a committed row survives the process being killed
 * (SIGKILL); only a power loss can take the last transactions.
 *
 * Checkpoints (copying the WAL into the database file, with an fsync) run on a worker thread
 * with its own connection, never on the main thread: SQLite's automatic checkpoint would run
 * inside whichever commit crossed 1,000 WAL pages, and its fsync stalled the event loop — and
 * every client of every room (how long: README "Performance" → Figures behind the code). A
 * PASSIVE checkpoint does not block writers.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { migrateSqlite } from './sqliteSchema'
import type { ParticipantRecord, SnapshotRecord, Storage, StoredDoc, WorkshopRecord } from './types'

interface WorkshopRow {
  id: string
  title: string
  join_code: string
  created_at: number
  viewer_generation?: number
}

interface ParticipantRow {
  id: string
  workshop_id: string
  name: string
  created_at: number
  removed_at?: number | null
}

const toWorkshop = (row: WorkshopRow): WorkshopRecord => ({
  id: row.id,
  title: row.title,
  joinCode: row.join_code,
  createdAt: row.created_at,
  viewerGeneration: row.viewer_generation ?? 0,
})

const toParticipant = (row: ParticipantRow): ParticipantRecord => ({
  id: row.id,
  workshopId: row.workshop_id,
  name: row.name,
  createdAt: row.created_at,
  ...(row.removed_at != null && { removedAt: row.removed_at }),
})

export const SQLITE_FILE = 'horizon.sqlite'

/** How often the checkpoint thread copies the WAL into the database file (ms). */
const CHECKPOINT_EVERY_MS = 1000

/** Plain CommonJS: runs as an eval'd worker, whatever loader the main thread uses. */
const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
const run = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (error) { parentPort.postMessage(String(error && error.message)) }
}
const timer = setInterval(run, workerData.everyMs)
parentPort.on('message', (message) => {
  if (message === 'stop') { clearInterval(timer); run(); db.close(); parentPort.close() }
})
`

function startCheckpointer(file: string): Worker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, driver, everyMs: CHECKPOINT_EVERY_MS } })
  worker.unref()
  worker.on('error', () => undefined)
  return worker
}

/** One stored document: its rows in order, their size, and the owners of its Yjs client ids. */
function readStoredDoc(db: Database.Database, workshopId: string, docName: string): StoredDoc {
  const rows = db
    .prepare<[string, string], { seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE workshop_id = ? AND doc_name = ? ORDER BY seq')
    .all(workshopId, docName)
  let bytes = 0
  const updates = rows.map((row) => {
    bytes += row.data.byteLength
    return new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)
  })
  // A database written before client ids had owners has no such table (read-only: not added).
  const hasOwners = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'client_owners'").get() !== undefined
  // `held` from schema version 5 on (`SELECT *`: a reader of an older file finds none).
  const owners = hasOwners
    ? db.prepare<[string, string], { client_id: number; owner: string; held?: number }>('SELECT * FROM client_owners WHERE workshop_id = ? AND doc_name = ?').all(workshopId, docName)
    : []
  return {
    updates,
    lastSeq: rows.at(-1)?.seq ?? 0,
    bytes,
    clientOwners: new Map(owners.map((row) => [row.client_id, row.owner])),
    heldClientIds: new Set(owners.filter((row) => row.held === 1).map((row) => row.client_id)),
  }
}

/** What a reader beside a running server (the CLI) may do: read, in one consistent snapshot. */
export interface StoreReader {
  getWorkshop(id: string): WorkshopRecord | undefined
  /** The documents of one workshop, all read in one transaction (a writer cannot split them). */
  loadDocs(workshopId: string, docNames: readonly string[]): Record<string, StoredDoc>
  close(): void
}

/**
 * Opens `DATA_DIR/horizon.sqlite` read-only: safe next to a running server (WAL: it sees the
 * last committed state and blocks no one). Throws when there is no database.
 */
export function openSqliteReader(dataDir: string): StoreReader {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  const selectWorkshop = db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?')
  return {
    getWorkshop(id) {
      const row = selectWorkshop.get(id)
      return row ? toWorkshop(row) : undefined
    },
    loadDocs(workshopId, docNames) {
      return db.transaction(() => Object.fromEntries(docNames.map((name) => [name, readStoredDoc(db, workshopId, name)])))()
    },
    close() {
      db.close()
    },
  }
}

export function openSqliteStorage(dataDir: string): Storage {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, SQLITE_FILE)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('wal_autocheckpoint = 0')
  try {
    migrateSqlite(db)
  } catch (error) {
    db.close()
    throw error
  }
  const checkpointer = startCheckpointer(file)

  const insertWorkshop = db.prepare('INSERT INTO workshops (id, title, join_code, created_at) VALUES (?, ?, ?, ?)')
  const selectWorkshop = db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?')
  const selectByCode = db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE join_code = ?')
  const insertParticipant = db.prepare('INSERT INTO participants (id, workshop_id, name, created_at) VALUES (?, ?, ?, ?)')
  const selectParticipant = db.prepare<[string, string], ParticipantRow>(
    'SELECT * FROM participants WHERE workshop_id = ? AND id = ?',
  )
  const selectParticipants = db.prepare<[string], ParticipantRow>(
    'SELECT * FROM participants WHERE workshop_id = ? ORDER BY created_at, id',
  )
  const insertUpdate = db.prepare('INSERT INTO doc_updates (workshop_id, doc_name, data) VALUES (?, ?, ?)')
  const insertUpdateAt = db.prepare('INSERT INTO doc_updates (seq, workshop_id, doc_name, data) VALUES (?, ?, ?, ?)')
  const selectDocNames = db.prepare<[string], { doc_name: string }>('SELECT DISTINCT doc_name FROM doc_updates WHERE workshop_id = ? ORDER BY doc_name')
  // A claim takes an id nobody owns, or one only held; an owned id keeps its owner.
  const insertOwner = db.prepare(
    'INSERT INTO client_owners (workshop_id, doc_name, client_id, owner) VALUES (?, ?, ?, ?) ON CONFLICT (workshop_id, doc_name, client_id) DO UPDATE SET owner = excluded.owner, held = 0 WHERE client_owners.held = 1',
  )
  const insertHold = db.prepare('INSERT OR IGNORE INTO client_owners (workshop_id, doc_name, client_id, owner, held) VALUES (?, ?, ?, ?, 1)')
  const claimTx = db.transaction((workshopId: string, docName: string, claims: ReadonlyArray<readonly [number, string]>) => {
    for (const [client, owner] of claims) insertOwner.run(workshopId, docName, client, owner)
  })
  const appendTx = db.transaction(
    (workshopId: string, docName: string, update: Uint8Array, claims: ReadonlyArray<readonly [number, string]>, holds: ReadonlyArray<readonly [number, string]>) => {
      for (const [client, owner] of claims) insertOwner.run(workshopId, docName, client, owner)
      for (const [client, owner] of holds) insertHold.run(workshopId, docName, client, owner)
      return Number(insertUpdate.run(workshopId, docName, update).lastInsertRowid)
    },
  )
  const deleteUpTo = db.prepare('DELETE FROM doc_updates WHERE workshop_id = ? AND doc_name = ? AND seq <= ?')

  const createWorkshopTx = db.transaction((workshop: WorkshopRecord, docs: Record<string, Uint8Array>) => {
    insertWorkshop.run(workshop.id, workshop.title, workshop.joinCode, workshop.createdAt)
    for (const [docName, update] of Object.entries(docs)) insertUpdate.run(workshop.id, docName, update)
  })

  const updateJoinCode = db.prepare('UPDATE workshops SET join_code = ? WHERE id = ?')
  const bumpViewer = db.prepare<[string], { viewer_generation: number }>(
    'UPDATE workshops SET viewer_generation = viewer_generation + 1 WHERE id = ? RETURNING viewer_generation',
  )
  const markRemoved = db.prepare('UPDATE participants SET removed_at = ? WHERE workshop_id = ? AND id = ? AND removed_at IS NULL')

  const compactTx = db.transaction((workshopId: string, docName: string, snapshot: Uint8Array, uptoSeq: number) => {
    deleteUpTo.run(workshopId, docName, uptoSeq)
    // The snapshot takes the place (and seq) of the last update it replaces, so that later
    // updates still sort after it.
    insertUpdateAt.run(uptoSeq, workshopId, docName, snapshot)
  })

  const series = seriesStatements(db)

  return {
    ...series,
    async createWorkshop(workshop, docs) {
      createWorkshopTx(workshop, docs)
    },
    async getWorkshop(id) {
      const row = selectWorkshop.get(id)
      return row ? toWorkshop(row) : undefined
    },
    async findWorkshopByJoinCode(joinCode) {
      const row = selectByCode.get(joinCode)
      return row ? toWorkshop(row) : undefined
    },
    async addParticipant(p) {
      insertParticipant.run(p.id, p.workshopId, p.name, p.createdAt)
    },
    async getParticipant(workshopId, id) {
      const row = selectParticipant.get(workshopId, id)
      return row ? toParticipant(row) : undefined
    },
    async listParticipants(workshopId) {
      return selectParticipants.all(workshopId).map(toParticipant)
    },
    async loadDoc(workshopId, docName): Promise<StoredDoc> {
      return readStoredDoc(db, workshopId, docName)
    },
    async listDocNames(workshopId) {
      return selectDocNames.all(workshopId).map((row) => row.doc_name)
    },
    async appendUpdate(workshopId, docName, update, claims = [], holds = []) {
      if (claims.length === 0 && holds.length === 0) return Number(insertUpdate.run(workshopId, docName, update).lastInsertRowid)
      return appendTx(workshopId, docName, update, claims, holds)
    },
    async claimClientIds(workshopId, docName, claims) {
      claimTx(workshopId, docName, claims)
    },
    async compact(workshopId, docName, snapshot, uptoSeq) {
      // One process writes this file: its memory holds every row.
      compactTx(workshopId, docName, snapshot, uptoSeq)
      return { seq: uptoSeq, merged: false }
    },
    async setJoinCode(workshopId, joinCode) {
      updateJoinCode.run(joinCode, workshopId)
    },
    async bumpViewerGeneration(workshopId) {
      const row = bumpViewer.get(workshopId)
      if (!row) throw new Error(`unknown workshop ${workshopId}`)
      return row.viewer_generation
    },
    async removeParticipant(workshopId, id, removedAt) {
      return markRemoved.run(removedAt, workshopId, id).changes > 0
    },
    async close() {
      if (!db.open) return
      // The worker's last checkpoint, then ours on close (the last connection) empties the WAL.
      // Referenced until it has stopped: a process whose last act is closing the store must not
      // exit halfway through (the worker and the timer would otherwise be all that is left).
      checkpointer.ref()
      const stopped = new Promise<void>((resolve) => checkpointer.once('exit', () => resolve()))
      checkpointer.postMessage('stop')
      let timer: NodeJS.Timeout | undefined
      await Promise.race([stopped, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))])
      clearTimeout(timer)
      db.close()
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Continuous journeys (issue #13): snapshots and series.

interface SnapshotRow {
  id: string
  workshop_id: string
  name: string
  created_at: number
  kind: string
  schema_version: number
  bytes: number
}

const toSnapshot = (row: SnapshotRow): SnapshotRecord => ({
  id: row.id,
  workshopId: row.workshop_id,
  name: row.name,
  createdAt: row.created_at,
  kind: row.kind === 'phase' || row.kind === 'end' ? row.kind : 'manual',
  schemaVersion: row.schema_version,
  bytes: row.bytes,
})

type SeriesMethods = Pick<Storage, 'addSnapshot' | 'listSnapshots' | 'getSnapshot' | 'deleteSnapshot' | 'getSeriesId' | 'setSeriesId' | 'listSeries'>

function seriesStatements(db: Database.Database): SeriesMethods {
  const countSnapshots = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM snapshots WHERE workshop_id = ?')
  const insertSnapshot = db.prepare('INSERT INTO snapshots (id, workshop_id, name, created_at, kind, schema_version, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const insertSnapshotDoc = db.prepare('INSERT INTO snapshot_docs (snapshot_id, doc_name, data) VALUES (?, ?, ?)')
  const selectSnapshots = db.prepare<[string], SnapshotRow>('SELECT * FROM snapshots WHERE workshop_id = ? ORDER BY created_at, id')
  const selectSnapshot = db.prepare<[string, string], SnapshotRow>('SELECT * FROM snapshots WHERE workshop_id = ? AND id = ?')
  const selectSnapshotDocs = db.prepare<[string], { doc_name: string; data: Buffer }>('SELECT doc_name, data FROM snapshot_docs WHERE snapshot_id = ? ORDER BY doc_name')
  const deleteSnapshotDocs = db.prepare('DELETE FROM snapshot_docs WHERE snapshot_id = ?')
  const deleteSnapshotRow = db.prepare('DELETE FROM snapshots WHERE workshop_id = ? AND id = ?')
  const selectSeries = db.prepare<[string], { series_id: string | null }>('SELECT series_id FROM workshops WHERE id = ?')
  const updateSeries = db.prepare('UPDATE workshops SET series_id = ? WHERE id = ?')
  const selectSeriesWorkshops = db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE series_id = ? ORDER BY created_at, id')

  const addTx = db.transaction((snapshot: SnapshotRecord, docs: Record<string, Uint8Array>, limit: number): boolean => {
    if ((countSnapshots.get(snapshot.workshopId)?.n ?? 0) >= limit) return false
    insertSnapshot.run(snapshot.id, snapshot.workshopId, snapshot.name, snapshot.createdAt, snapshot.kind, snapshot.schemaVersion, snapshot.bytes)
    for (const [name, data] of Object.entries(docs)) insertSnapshotDoc.run(snapshot.id, name, data)
    return true
  })
  const deleteTx = db.transaction((workshopId: string, id: string): boolean => {
    if (!selectSnapshot.get(workshopId, id)) return false
    deleteSnapshotDocs.run(id)
    return deleteSnapshotRow.run(workshopId, id).changes > 0
  })

  return {
    async addSnapshot(snapshot, docs, limit) {
      return addTx(snapshot, docs, limit)
    },
    async listSnapshots(workshopId) {
      return selectSnapshots.all(workshopId).map(toSnapshot)
    },
    async getSnapshot(workshopId, id) {
      const row = selectSnapshot.get(workshopId, id)
      if (!row) return undefined
      const docs: Record<string, Uint8Array> = {}
      for (const doc of selectSnapshotDocs.all(id)) docs[doc.doc_name] = new Uint8Array(doc.data.buffer, doc.data.byteOffset, doc.data.byteLength)
      return { snapshot: toSnapshot(row), docs }
    },
    async deleteSnapshot(workshopId, id) {
      return deleteTx(workshopId, id)
    },
    async getSeriesId(workshopId) {
      return selectSeries.get(workshopId)?.series_id ?? undefined
    },
    async setSeriesId(workshopId, seriesId) {
      updateSeries.run(seriesId, workshopId)
    },
    async listSeries(seriesId) {
      return selectSeriesWorkshops.all(seriesId).map(toWorkshop)
    },
  }
}
