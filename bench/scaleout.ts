/**
 * Two instances behind no balancer (each client is given one of them), side by side in one run:
 * Horizon with PostgreSQL storage and Redis fan-out (DATABASE_URL, REDIS_URL) against
 * Hocuspocus 4 with its Redis extension (and its SQLite extension, one file per instance).
 * - cross-instance propagation: 100 clients in one room, 50 on each instance, each moving its
 *   own note once a second; the time from a change to each client ON THE OTHER instance having
 *   it (p50/p99). Goal: Horizon's p99 at or below Hocuspocus's. Horizon runs twice: as
 *   configured by default (appends committed before the relay without waiting for the WAL
 *   flush) and with PG_SYNCHRONOUS_COMMIT=on (each append waits for it). Hocuspocus relays
 *   before it stores anything (its store is debounced).
 * - 300 rooms over the two instances (one client of each room on each): memory per room (RSS
 *   growth of an instance over its empty start, divided by the rooms it holds) and CPU per
 *   instance while every client moves once a second.
 * PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test; the bench makes a
 * database of its own and drops it) and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379,
 * a key prefix of its own) must answer; otherwise the bench reports why it skipped.
 */
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { Redis } from 'ioredis'
import { nanoid } from 'nanoid'
import { newId } from '../shared/ids'
import { DeliveryTracker, fmt, median, sleep } from './lib/measure'
import { startHocuspocus, type HocuspocusServer } from './lib/hocuspocusServer'
import { closeClients, closedByServer, connectClients, drain, drive, track, type ClientSpec, type LoadClient } from './lib/peerLoad'
import { procFigures, startBenchServer, type BenchServer } from './lib/server'
import type { BenchContext, BenchResult } from './lib/types'
import { openRoom } from './lib/workshops'
import { seedHocuspocus } from './peers'

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** `Horizon (sync commit)`: PG_SYNCHRONOUS_COMMIT=on, every append waits for the WAL flush. */
type Kind = 'Horizon' | 'Horizon (sync commit)' | 'Hocuspocus'
type Instance = BenchServer | HocuspocusServer

async function reachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
  } catch (error) {
    return `PostgreSQL at ${PG_URL}: ${(error as Error).message}`
  } finally {
    await client.end().catch(() => undefined)
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  redis.on('error', () => undefined)
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    return `Redis at ${REDIS_URL}: ${(error as Error).message}`
  } finally {
    redis.disconnect()
  }
  return undefined
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Two instances of `kind` sharing what they share; `close` stops both and drops what they made. */
async function pair(kind: Kind): Promise<{ instances: [Instance, Instance]; close(): Promise<void> }> {
  const prefix = `horizon-bench:${nanoid(8)}:`
  const redisUrl = new URL(REDIS_URL)
  if (kind === 'Hocuspocus') {
    const redis = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379), prefix }
    const instances = (await Promise.all([startHocuspocus({ redis }), startHocuspocus({ redis })])) as [Instance, Instance]
    return { instances, close: async () => void (await Promise.all(instances.map((i) => i.close()))) }
  }
  const database = `horizon_bench_${nanoid(8).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`
  await admin(`CREATE DATABASE ${database}`)
  const url = new URL(PG_URL)
  url.pathname = `/${database}`
  const config = { databaseUrl: url.toString(), redisUrl: REDIS_URL, redisPrefix: prefix, pgSynchronousCommit: kind === 'Horizon (sync commit)' }
  const first = await startBenchServer('horizon', { config })
  const second = await startBenchServer('horizon', { config })
  return {
    instances: [first, second],
    async close() {
      await Promise.all([first.close(), second.close()])
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    },
  }
}

/** Client specs for one room: `perInstance[k]` clients on instance k. */
async function roomSpecs(kind: Kind, instances: [Instance, Instance], perInstance: [number, number]): Promise<ClientSpec[]> {
  const [a, b] = instances
  const total = perInstance[0] + perInstance[1]
  const group = (i: number) => (i < perInstance[0] ? 0 : 1)
  if (kind === 'Hocuspocus') {
    const documentName = `board-${newId()}`
    await seedHocuspocus(a.wsUrl, documentName)
    return Array.from({ length: total }, (_, i) => ({ url: instances[group(i)].wsUrl, options: { hocuspocus: { documentName, token: 'bench' } }, group: group(i) }))
  }
  const room = await openRoom(a as BenchServer, total, 'Scale-out')
  return Array.from({ length: total }, (_, i) => ({ url: group(i) === 0 ? room.boardUrl(i) : room.boardUrl(i).replace(a.wsUrl, b.wsUrl), group: group(i) }))
}

export async function scaleoutBench(ctx: BenchContext): Promise<BenchResult[]> {
  const missing = await reachable()
  if (missing) {
    ctx.log(`skipped: ${missing}`)
    return [{ name: 'scaleout: skipped', value: 0, unit: '', note: `needs PostgreSQL and Redis: ${missing}` }]
  }
  const clientsTotal = ctx.smoke ? 6 : 100
  const rooms = ctx.smoke ? 4 : Number(process.env.BENCH_SCALEOUT_ROOMS ?? 300)
  const windowMs = ctx.smoke ? 2000 : 15_000
  const crossWindows = ctx.smoke ? 1 : 3
  const crossWindowMs = ctx.smoke ? 2000 : 10_000
  const results: BenchResult[] = []
  const cross: Partial<Record<Kind, { p50: number; p99: number; p99s: number[]; cpu: number[]; missing: number }>> = {}
  const roomFigures: Partial<Record<Kind, { mbPerRoom: number[]; cpu: number[]; missing: number }>> = {}

  for (const kind of ['Horizon', 'Horizon (sync commit)', 'Hocuspocus'] as const) {
    const { instances, close } = await pair(kind)
    const pids = instances.map((i) => i.pid)
    let clients: LoadClient[] = []
    try {
      // Cross-instance propagation.
      const half = clientsTotal / 2
      clients = await connectClients(await roomSpecs(kind, instances, [half, half]))
      // Several windows, the median of their figures: one window's p99 moved by half between
      // two runs on a quiet machine (10.6–16.1 ms), more than the servers differ.
      const windows: Array<{ p50: number; p99: number; cpu: number[]; missing: number }> = []
      for (let w = 0; w < crossWindows; w++) {
        const tracker = new DeliveryTracker(half)
        track(clients, tracker, true)
        ctx.log(`${kind}: ${clientsTotal} clients, ${half} on each instance, window ${w + 1} of ${crossWindows}, ${crossWindowMs / 1000} s`)
        const cpu = await drive(clients, tracker, crossWindowMs, pids)
        await drain(tracker)
        const s = tracker.summary()
        windows.push({ p50: s.p50, p99: s.p99, cpu, missing: s.missing })
        ctx.log(`${kind}: cross-instance p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, ${s.deliveries} deliveries, ${s.missing} missing; CPU ${cpu.map((c) => fmt(c, 0)).join(' % / ')} %`)
      }
      const mid = <T>(values: T[], key: (v: T) => number) => median(values.map(key))
      cross[kind] = {
        p50: mid(windows, (w) => w.p50),
        p99: mid(windows, (w) => w.p99),
        p99s: windows.map((w) => w.p99),
        cpu: [0, 1].map((i) => mid(windows, (w) => w.cpu[i] ?? 0)),
        missing: windows.reduce((n, w) => n + w.missing, 0),
      }
      const closed = closedByServer(clients)
      if (closed) ctx.log(`${kind}: closed by the server: ${closed}`)
      await closeClients(clients)
      clients = []
      await sleep(ctx.smoke ? 500 : 3000)

      // Many rooms: memory per room, CPU per instance (BENCH_SCALEOUT_ROOMS=0 skips it; the
      // synchronous-commit variant is measured for propagation only).
      if (rooms === 0 || kind === 'Horizon (sync commit)') continue
      const rssBefore = pids.map((pid) => procFigures(pid)?.rss ?? 0)
      const started = performance.now()
      const specs: ClientSpec[] = []
      for (let r = 0; r < rooms; r++) specs.push(...(await roomSpecs(kind, instances, [1, 1])))
      clients = await connectClients(specs)
      ctx.log(`${kind}: ${rooms} rooms, one client of each on each instance, set up in ${fmt((performance.now() - started) / 1000)} s`)
      const roomTracker = new DeliveryTracker(1)
      track(clients, roomTracker, true)
      const roomCpu = await drive(clients, roomTracker, windowMs, pids)
      await drain(roomTracker)
      const rssAfter = pids.map((pid) => procFigures(pid)?.rss ?? 0)
      const mbPerRoom = rssAfter.map((rss, i) => (rss - (rssBefore[i] as number)) / 2 ** 20 / rooms)
      roomFigures[kind] = { mbPerRoom, cpu: roomCpu, missing: roomTracker.summary().missing }
      ctx.log(`${kind}: ${mbPerRoom.map((m) => fmt(m, 2)).join(' / ')} MB per room, CPU ${roomCpu.map((c) => fmt(c, 0)).join(' % / ')} %, cross p99 ${fmt(roomTracker.summary().p99)} ms`)
    } finally {
      await closeClients(clients)
      await close()
    }
  }

  const h = cross.Horizon
  const p = cross.Hocuspocus
  // A run where deliveries went missing has no p99 worth comparing: never "met".
  const meets = (f: { p99: number; missing: number }, reference: { p99: number }) => f.missing === 0 && f.p99 <= reference.p99
  for (const kind of ['Horizon', 'Horizon (sync commit)', 'Hocuspocus'] as const) {
    const f = cross[kind]
    if (!f) continue
    results.push({
      name: `scaleout ${clientsTotal} clients on 2 instances: ${kind} cross p99`,
      value: f.p99,
      unit: 'ms',
      ...(kind !== 'Hocuspocus' && p && { goal: `≤ Hocuspocus (${fmt(p.p99)} ms)`, met: meets(f, p) }),
      note: `median of ${f.p99s.length} windows (p99 ${f.p99s.map((v) => fmt(v)).join(' / ')} ms); p50 ${fmt(f.p50)} ms; CPU per instance ${f.cpu.map((c) => fmt(c, 0)).join(' % / ')} %${f.missing > 0 ? `; ${f.missing} deliveries missing` : ''}`,
    })
  }
  if (h && p) results.push({ name: `scaleout: Horizon / Hocuspocus cross p99`, value: p.p99 > 0 ? h.p99 / p.p99 : 0, unit: '×', goal: '≤ 1', met: meets(h, p) })
  for (const kind of ['Horizon', 'Hocuspocus'] as const) {
    const f = roomFigures[kind]
    if (!f) continue
    results.push(
      { name: `scaleout ${rooms} rooms on 2 instances: ${kind} memory per room`, value: Math.max(...f.mbPerRoom), unit: 'MB', note: `RSS growth / rooms, per instance ${f.mbPerRoom.map((m) => fmt(m, 2)).join(' / ')} MB` },
      { name: `scaleout ${rooms} rooms on 2 instances: ${kind} CPU per instance`, value: Math.max(...f.cpu), unit: '%', note: `${f.cpu.map((c) => fmt(c, 0)).join(' % / ')} % (one move per client per second)${f.missing > 0 ? `; ${f.missing} deliveries missing` : ''}` },
    )
  }
  return results
}
