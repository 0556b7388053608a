/**
 * PostgreSQL store (`DATABASE_URL=postgres://…`) for several Horizon instances sharing one
 * database. Same semantics as the SQLite store: each accepted update is one row, committed
 * before the server relays it, with the Yjs client ids it claims in the same transaction;
 * compaction swaps a run of rows for one snapshot row.
 *
 * What differs because several processes write at once:
 * - The schema comes from SQL migrations kept in the repo (pg-migrations/, postgresSchema.ts),
 *   run on start under an advisory lock, so two instances starting together run each once.
 * - A Yjs client id claimed on one instance is refused to another identity on every instance:
 *   the append checks, inside its transaction, who owns the ids it claims (ClientIdTaken).
 * - Compaction runs once per document at a time (a transaction-level advisory lock; an
 *   instance that finds it taken skips its turn) and builds the snapshot from the stored rows,
 *   not from the calling instance's memory: another instance may have appended rows this one
 *   has not received yet (they arrive over Redis a moment later), and they must not be lost.
 * - A connection that breaks (PostgreSQL restarting, a backend terminated) is retried a few
 *   times before the error reaches the room; a repeated append is harmless (Yjs updates are
 *   idempotent, claims are INSERT … ON CONFLICT DO NOTHING).
 */
import pg from 'pg'
import * as Y from 'yjs'
import type { Logger } from '../log'
import { migratePostgres } from './postgresSchema'
import type { ParticipantRecord, SnapshotRecord, Storage, StoredDoc, WorkshopRecord } from './types'

export interface PostgresOptions {
  /** Connections in the pool (default 10): the most this instance holds at once. */
  poolMax?: number
  /**
   * Appends wait for the WAL flush (synchronous_commit on; default off: committed and visible
   * to every instance before the relay, lost only if PostgreSQL or the machine crashes within
   * ~0.6 s — config.ts pgSynchronousCommit).
   */
  synchronousCommit?: boolean
  /** Shown in pg_stat_activity (tests use it to find their own connections). */
  applicationName?: string
  log?: Logger
}

/** An append claims a Yjs client id that another identity already owns (seen by another instance first). */
export class ClientIdTaken extends Error {}

interface WorkshopRow {
  id: string
  title: string
  join_code: string
  created_at: string
  viewer_generation: number
}

interface ParticipantRow {
  id: string
  workshop_id: string
  name: string
  created_at: string
  removed_at: string | null
}

const toWorkshop = (row: WorkshopRow): WorkshopRecord => ({
  id: row.id,
  title: row.title,
  joinCode: row.join_code,
  createdAt: Number(row.created_at),
  viewerGeneration: row.viewer_generation,
})

const toParticipant = (row: ParticipantRow): ParticipantRecord => ({
  id: row.id,
  workshopId: row.workshop_id,
  name: row.name,
  createdAt: Number(row.created_at),
  ...(row.removed_at !== null && { removedAt: Number(row.removed_at) }),
})

/** Errors of a broken or refused connection (worth another try), as opposed to a refused statement. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string') {
    // 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true
  }
  const message = error instanceof Error ? error.message : ''
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(message)
}

/** The most appends one group-commit transaction takes. */
const MAX_BATCH = 500

interface PendingAppend {
  workshopId: string
  docName: string
  data: Buffer
  claims: ReadonlyArray<readonly [number, string]>
  holds: ReadonlyArray<readonly [number, string]>
  resolve(seq: number): void
  reject(error: unknown): void
}

/** A claim takes an id nobody owns, or one only held (StoredDoc heldClientIds); an owned id keeps its owner. */
const TAKE_HELD = 'ON CONFLICT (workshop_id, doc_name, client_id) DO UPDATE SET owner = EXCLUDED.owner, held = false WHERE client_owners.held'

/** Waits between tries of a statement whose connection broke (ms). */
const RETRY_DELAYS_MS = [50, 250, 750]

function toBytes(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** The stored documents of a workshop, read in one snapshot (the server's load and the CLI's export). */
async function readStoredDoc(client: pg.PoolClient | pg.Pool, workshopId: string, docName: string): Promise<StoredDoc> {
  const rows = await client.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE workshop_id = $1 AND doc_name = $2 ORDER BY seq', [workshopId, docName])
  const owners = await client.query<{ client_id: string; owner: string; held: boolean }>('SELECT client_id, owner, held FROM client_owners WHERE workshop_id = $1 AND doc_name = $2', [workshopId, docName])
  let bytes = 0
  const updates = rows.rows.map((row) => {
    bytes += row.data.byteLength
    return toBytes(row.data)
  })
  const last = rows.rows.at(-1)
  return {
    updates,
    lastSeq: last ? Number(last.seq) : 0,
    bytes,
    clientOwners: new Map(owners.rows.map((row) => [Number(row.client_id), row.owner])),
    heldClientIds: new Set(owners.rows.filter((row) => row.held).map((row) => Number(row.client_id))),
  }
}

export function createPool(url: string, options: PostgresOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName ?? 'horizon',
  })
  // A pooled connection that breaks while idle (PostgreSQL restarting) is dropped from the pool;
  // without a listener the error would end the process.
  pool.on('error', (error) => options.log?.warn('a PostgreSQL connection broke', error.message))
  return pool
}

/** What the CLI needs: one workshop and its documents, read in one consistent snapshot. */
export interface PostgresReader {
  getWorkshop(id: string): Promise<WorkshopRecord | undefined>
  loadDocs(workshopId: string, docNames: readonly string[]): Promise<Record<string, StoredDoc>>
  close(): Promise<void>
}

export function openPostgresReader(url: string): PostgresReader {
  const pool = createPool(url, { poolMax: 1, applicationName: 'horizon-export' })
  return {
    async getWorkshop(id) {
      const { rows } = await pool.query<WorkshopRow>('SELECT * FROM workshops WHERE id = $1', [id])
      return rows[0] ? toWorkshop(rows[0]) : undefined
    },
    async loadDocs(workshopId, docNames) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        const docs: Record<string, StoredDoc> = {}
        for (const name of docNames) docs[name] = await readStoredDoc(client, workshopId, name)
        await client.query('COMMIT')
        return docs
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}

/** Opens the pool and brings the schema up to date; rejects when the database cannot be reached. */
export async function openPostgresStorage(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const pool = createPool(url, options)
  try {
    await migratePostgres(pool)
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw error
  }

  /** Runs `work` and tries again when the connection broke (not when a statement was refused). */
  async function retrying<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work()
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt]
        if (delay === undefined || !isConnectionError(error)) throw error
        await new Promise((resolve) => setTimeout(resolve, delay))
      }
    }
  }

  /** `work` in one transaction on one pooled connection. */
  function transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return retrying(async () => {
      const client = await pool.connect()
      let broken: unknown
      try {
        await client.query(begin)
        const result = await work(client)
        await client.query('COMMIT')
        return result
      } catch (error) {
        broken = isConnectionError(error) ? error : undefined
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      } finally {
        // A connection that broke is not handed out again.
        client.release(broken instanceof Error ? broken : undefined)
      }
    })
  }

  const query = <R extends pg.QueryResultRow>(text: string, values: unknown[]) => retrying(() => pool.query<R>(text, values))

  async function insertOwners(client: pg.PoolClient, workshopId: string, docName: string, claims: ReadonlyArray<readonly [number, string]>): Promise<void> {
    if (claims.length === 0) return
    await client.query(
      `INSERT INTO client_owners (workshop_id, doc_name, client_id, owner) SELECT $1, $2, c, o FROM unnest($3::bigint[], $4::text[]) AS t(c, o) ${TAKE_HELD}`,
      [workshopId, docName, claims.map(([c]) => c), claims.map(([, o]) => o)],
    )
  }

  /**
   * Group commit. Appends go out at once while fewer than `writers` transactions are in flight;
   * beyond that they wait and the next transaction takes all that waited, as one multi-row
   * INSERT with one commit (one WAL flush) — each append still resolves only once its row is
   * committed. On a disk where a commit takes 30–60 ms (a busy machine) one append per
   * transaction capped an instance at a few hundred appends a second and let latency pile up.
   */
  const writers = Math.max(1, (options.poolMax ?? 10) - 2)
  const appendBegin = options.synchronousCommit ? 'BEGIN' : 'BEGIN; SET LOCAL synchronous_commit TO OFF'
  const queue: PendingAppend[] = []
  let inFlight = 0

  function pump(): void {
    while (inFlight < writers && queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH)
      inFlight++
      writeBatch(batch)
        .catch((error: unknown) => {
          for (const item of batch) item.reject(error)
        })
        .finally(() => {
          inFlight--
          pump()
        })
    }
  }

  async function writeBatch(batch: PendingAppend[]): Promise<void> {
    const refused = new Map<PendingAppend, ClientIdTaken>()
    const seqs = await transaction(async (client) => {
      refused.clear()
      const claimed = batch.flatMap((item) => item.claims.map(([c, o]) => ({ item, c, o })))
      if (claimed.length > 0) {
        await client.query(
          `INSERT INTO client_owners (workshop_id, doc_name, client_id, owner) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) ${TAKE_HELD}`,
          [claimed.map((x) => x.item.workshopId), claimed.map((x) => x.item.docName), claimed.map((x) => x.c), claimed.map((x) => x.o)],
        )
        // Another instance (or an earlier append of this batch) may have claimed an id first.
        const { rows } = await client.query<{ workshop_id: string; doc_name: string; client_id: string; owner: string }>(
          'SELECT workshop_id, doc_name, client_id, owner FROM client_owners WHERE (workshop_id, doc_name, client_id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]))',
          [claimed.map((x) => x.item.workshopId), claimed.map((x) => x.item.docName), claimed.map((x) => x.c)],
        )
        const owners = new Map(rows.map((row) => [`${row.workshop_id}\u0000${row.doc_name}\u0000${row.client_id}`, row.owner]))
        for (const { item, c, o } of claimed) {
          if (owners.get(`${item.workshopId}\u0000${item.docName}\u0000${c}`) !== o) refused.set(item, new ClientIdTaken(`Yjs client id ${c} of ${item.workshopId}/${item.docName} belongs to someone else`))
        }
      }
      const accepted = batch.filter((item) => !refused.has(item))
      if (accepted.length === 0) return []
      const held = accepted.flatMap((item) => item.holds.map(([c, o]) => ({ item, c, o })))
      if (held.length > 0) {
        await client.query(
          'INSERT INTO client_owners (workshop_id, doc_name, client_id, owner, held) SELECT w, d, c, o, true FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS t(w, d, c, o) ON CONFLICT DO NOTHING',
          [held.map((x) => x.item.workshopId), held.map((x) => x.item.docName), held.map((x) => x.c), held.map((x) => x.o)],
        )
      }
      const { rows } = await client.query<{ seq: string }>(
        'INSERT INTO doc_updates (workshop_id, doc_name, data) SELECT w, d, x FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS t(w, d, x, n) ORDER BY n RETURNING seq',
        [accepted.map((i) => i.workshopId), accepted.map((i) => i.docName), accepted.map((i) => i.data)],
      )
      // Seqs are handed out in the order of the rows: the smallest is the first append's.
      return rows.map((row) => Number(row.seq)).sort((a, b) => a - b)
    }, appendBegin)
    let next = 0
    for (const item of batch) {
      const error = refused.get(item)
      if (error) item.reject(error)
      else item.resolve(seqs[next++] as number)
    }
  }

  let closed = false

  return {
    async createWorkshop(workshop, docs) {
      await transaction(async (client) => {
        await client.query('INSERT INTO workshops (id, title, join_code, created_at) VALUES ($1, $2, $3, $4)', [workshop.id, workshop.title, workshop.joinCode, workshop.createdAt])
        for (const [docName, update] of Object.entries(docs)) {
          await client.query('INSERT INTO doc_updates (workshop_id, doc_name, data) VALUES ($1, $2, $3)', [workshop.id, docName, Buffer.from(update)])
        }
      })
    },
    async getWorkshop(id) {
      const { rows } = await query<WorkshopRow>('SELECT * FROM workshops WHERE id = $1', [id])
      return rows[0] ? toWorkshop(rows[0]) : undefined
    },
    async findWorkshopByJoinCode(joinCode) {
      const { rows } = await query<WorkshopRow>('SELECT * FROM workshops WHERE join_code = $1', [joinCode])
      return rows[0] ? toWorkshop(rows[0]) : undefined
    },
    async addParticipant(p) {
      await query('INSERT INTO participants (id, workshop_id, name, created_at) VALUES ($1, $2, $3, $4)', [p.id, p.workshopId, p.name, p.createdAt])
    },
    async getParticipant(workshopId, id) {
      const { rows } = await query<ParticipantRow>('SELECT * FROM participants WHERE workshop_id = $1 AND id = $2', [workshopId, id])
      return rows[0] ? toParticipant(rows[0]) : undefined
    },
    async listParticipants(workshopId) {
      const { rows } = await query<ParticipantRow>('SELECT * FROM participants WHERE workshop_id = $1 ORDER BY created_at, id', [workshopId])
      return rows.map(toParticipant)
    },
    loadDoc(workshopId, docName) {
      // The log and the owners as of one moment: an append commits both or neither.
      return transaction((client) => readStoredDoc(client, workshopId, docName), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    },
    async listDocNames(workshopId) {
      const { rows } = await query<{ doc_name: string }>('SELECT DISTINCT doc_name FROM doc_updates WHERE workshop_id = $1 ORDER BY doc_name', [workshopId])
      return rows.map((row) => row.doc_name)
    },
    appendUpdate(workshopId, docName, update, claims = [], holds = []) {
      return new Promise<number>((resolve, reject) => {
        queue.push({ workshopId, docName, data: Buffer.from(update.buffer, update.byteOffset, update.byteLength), claims, holds, resolve, reject })
        pump()
      })
    },
    async claimClientIds(workshopId, docName, claims) {
      if (claims.length === 0) return
      await transaction((client) => insertOwners(client, workshopId, docName, claims))
    },
    async compact(workshopId, docName, memory, uptoSeq, covered = () => false) {
      // The calling instance's memory may lack rows other instances appended (not received
      // yet). Only the rows before the first of those are replaced by the memory's snapshot;
      // the rest stay for a later compaction, by when they have arrived. Rows it holds are not
      // read at all: rebuilding the snapshot from every row blocked the event loop for tens of
      // milliseconds on a 100-note board (hundreds on a big one), on every instance, at every
      // compaction — the cross-instance latency's tail.
      return transaction(async (client) => {
        const { rows: lock } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock(hashtext('horizon-compact'), hashtext($1)) AS locked", [`${workshopId}/${docName}`])
        // Another instance is compacting this document right now: its snapshot will do.
        if (!lock[0]?.locked) return undefined
        const { rows } = await client.query<{ seq: string }>('SELECT seq FROM doc_updates WHERE workshop_id = $1 AND doc_name = $2 AND seq <= $3 ORDER BY seq', [workshopId, docName, uptoSeq])
        const seqs = rows.map((row) => Number(row.seq))
        const firstMissing = seqs.findIndex((seq) => !covered(seq))
        const held = firstMissing === -1 ? seqs : seqs.slice(0, firstMissing)
        let snapshot = memory
        let last = held.at(-1)
        let merged = false
        if (held.length < 2) {
          // The oldest rows are ones this instance never received (fan-out lost them): merge
          // every row into the snapshot so that the log still shrinks.
          if (firstMissing === -1 || seqs.length < 2) return undefined
          const { rows: all } = await client.query<{ data: Buffer }>('SELECT data FROM doc_updates WHERE workshop_id = $1 AND doc_name = $2 AND seq <= $3 ORDER BY seq', [workshopId, docName, uptoSeq])
          // A merge, not an apply: rows in any order, one that depends on another kept as it is.
          snapshot = Y.mergeUpdates([memory, ...all.map((row) => toBytes(row.data))])
          last = seqs.at(-1)
          merged = true
        }
        if (last === undefined) return undefined
        await client.query('DELETE FROM doc_updates WHERE workshop_id = $1 AND doc_name = $2 AND seq <= $3', [workshopId, docName, last])
        // The snapshot takes the place (and seq) of the last row it replaces.
        await client.query('INSERT INTO doc_updates (seq, workshop_id, doc_name, data) VALUES ($1, $2, $3, $4)', [last, workshopId, docName, Buffer.from(snapshot)])
        return { seq: last, merged }
      })
    },
    async setJoinCode(workshopId, joinCode) {
      try {
        await query('UPDATE workshops SET join_code = $1 WHERE id = $2', [joinCode, workshopId])
      } catch (error) {
        // The same word as SQLite's, which the caller looks for to try another code.
        if ((error as { code?: string }).code === '23505') throw new Error(`UNIQUE constraint failed: join code ${joinCode} is taken`, { cause: error })
        throw error
      }
    },
    async bumpViewerGeneration(workshopId) {
      const { rows } = await query<{ viewer_generation: number }>('UPDATE workshops SET viewer_generation = viewer_generation + 1 WHERE id = $1 RETURNING viewer_generation', [workshopId])
      const row = rows[0]
      if (!row) throw new Error(`unknown workshop ${workshopId}`)
      return row.viewer_generation
    },
    async removeParticipant(workshopId, id, removedAt) {
      const { rowCount } = await query('UPDATE participants SET removed_at = $1 WHERE workshop_id = $2 AND id = $3 AND removed_at IS NULL', [removedAt, workshopId, id])
      return (rowCount ?? 0) > 0
    },
    // Continuous journeys (#13): snapshots and series, as in sqlite.ts.
    async addSnapshot(snapshot, docs, limit) {
      return transaction(async (client) => {
        // One snapshot at a time per workshop, so that two instances cannot both pass the limit.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`snapshots/${snapshot.workshopId}`])
        const { rows } = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM snapshots WHERE workshop_id = $1', [snapshot.workshopId])
        if (Number(rows[0]?.n ?? 0) >= limit) return false
        await client.query('INSERT INTO snapshots (id, workshop_id, name, created_at, kind, schema_version, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          snapshot.id,
          snapshot.workshopId,
          snapshot.name,
          snapshot.createdAt,
          snapshot.kind,
          snapshot.schemaVersion,
          snapshot.bytes,
        ])
        for (const [name, data] of Object.entries(docs)) await client.query('INSERT INTO snapshot_docs (snapshot_id, doc_name, data) VALUES ($1, $2, $3)', [snapshot.id, name, Buffer.from(data)])
        return true
      })
    },
    async listSnapshots(workshopId) {
      const { rows } = await query<SnapshotRow>('SELECT * FROM snapshots WHERE workshop_id = $1 ORDER BY created_at, id', [workshopId])
      return rows.map(toSnapshot)
    },
    async getSnapshot(workshopId, id) {
      return transaction(
        async (client) => {
          const { rows } = await client.query<SnapshotRow>('SELECT * FROM snapshots WHERE workshop_id = $1 AND id = $2', [workshopId, id])
          const row = rows[0]
          if (!row) return undefined
          const docs: Record<string, Uint8Array> = {}
          const stored = await client.query<{ doc_name: string; data: Buffer }>('SELECT doc_name, data FROM snapshot_docs WHERE snapshot_id = $1 ORDER BY doc_name', [id])
          for (const doc of stored.rows) docs[doc.doc_name] = new Uint8Array(doc.data.buffer, doc.data.byteOffset, doc.data.byteLength)
          return { snapshot: toSnapshot(row), docs }
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      )
    },
    async deleteSnapshot(workshopId, id) {
      const { rowCount } = await query('DELETE FROM snapshots WHERE workshop_id = $1 AND id = $2', [workshopId, id])
      return (rowCount ?? 0) > 0
    },
    async getSeriesId(workshopId) {
      const { rows } = await query<{ series_id: string | null }>('SELECT series_id FROM workshops WHERE id = $1', [workshopId])
      return rows[0]?.series_id ?? undefined
    },
    async setSeriesId(workshopId, seriesId) {
      await query('UPDATE workshops SET series_id = $1 WHERE id = $2', [seriesId, workshopId])
    },
    async listSeries(seriesId) {
      const { rows } = await query<WorkshopRow>('SELECT * FROM workshops WHERE series_id = $1 ORDER BY created_at, id', [seriesId])
      return rows.map(toWorkshop)
    },
    async close() {
      if (closed) return
      closed = true
      await pool.end()
    },
  }
}

interface SnapshotRow {
  id: string
  workshop_id: string
  name: string
  created_at: string
  kind: string
  schema_version: number
  bytes: string
}

const toSnapshot = (row: SnapshotRow): SnapshotRecord => ({
  id: row.id,
  workshopId: row.workshop_id,
  name: row.name,
  createdAt: Number(row.created_at),
  kind: row.kind === 'phase' || row.kind === 'end' ? row.kind : 'manual',
  schemaVersion: row.schema_version,
  bytes: Number(row.bytes),
})
