/**
 * One instance, side by side in one run: Horizon (SQLite write-through, real participant
 * tokens), y-websocket@2's reference server (in memory) and Hocuspocus 4 with its SQLite
 * extension. N clients in one room (50 and 300; 5 at smoke size), each moving its own note
 * once a second; propagation p50/p99 from one client's change to each other client having it,
 * and each server's CPU. Every server gets the same clients (bench/lib/peerClient.ts) and the
 * same load, one after the other.
 */
import { initBoard } from '../shared/board/template'
import { newId } from '../shared/ids'
import { fmt, DeliveryTracker } from './lib/measure'
import { startHocuspocus, type HocuspocusServer } from './lib/hocuspocusServer'
import { PeerClient } from './lib/peerClient'
import { closeClients, connectClients, drain, drive, track, type ClientSpec } from './lib/peerLoad'
import { startBenchServer, type BenchServer } from './lib/server'
import type { BenchContext, BenchResult } from './lib/types'
import { openRoom } from './lib/workshops'

type PeerKind = 'Horizon' | 'y-websocket' | 'Hocuspocus'

/** A Hocuspocus document with the journey template, as a new Horizon workshop starts. */
export async function seedHocuspocus(wsUrl: string, documentName: string): Promise<void> {
  const seed = new PeerClient(wsUrl, { hocuspocus: { documentName, token: 'bench' } })
  initBoard(seed.doc, { template: 'journey', title: 'Bench workshop' })
  await seed.connect()
  await seed.roundTrip()
  await seed.close()
}

async function specsFor(kind: PeerKind, server: BenchServer | HocuspocusServer, n: number): Promise<ClientSpec[]> {
  if (server.kind === 'hocuspocus') {
    const documentName = `board-${newId()}`
    await seedHocuspocus(server.wsUrl, documentName)
    return Array.from({ length: n }, () => ({ url: server.wsUrl, options: { hocuspocus: { documentName, token: 'bench' } }, group: 0 }))
  }
  const room = await openRoom(server, n, `${kind} peers`)
  return Array.from({ length: n }, (_, i) => ({ url: room.boardUrl(i), group: 0 }))
}

export async function peersBench(ctx: BenchContext): Promise<BenchResult[]> {
  const sizes = ctx.smoke ? [5] : (process.env.BENCH_PEERS_N ?? '50,300').split(',').map(Number)
  const windowMs = ctx.smoke ? 2000 : 15_000
  const results: BenchResult[] = []
  for (const n of sizes) {
    const figures: Partial<Record<PeerKind, { p50: number; p99: number; cpu: number; missing: number }>> = {}
    for (const kind of ['Horizon', 'y-websocket', 'Hocuspocus'] as const) {
      const server = kind === 'Hocuspocus' ? await startHocuspocus() : await startBenchServer(kind === 'Horizon' ? 'horizon' : 'reference')
      try {
        const clients = await connectClients(await specsFor(kind, server, n))
        const tracker = new DeliveryTracker(n - 1)
        track(clients, tracker, false)
        ctx.log(`${kind}: ${n} clients, one move each per second for ${windowMs / 1000} s`)
        const [cpu = 0] = await drive(clients, tracker, windowMs, [server.pid])
        await drain(tracker)
        const s = tracker.summary()
        figures[kind] = { p50: s.p50, p99: s.p99, cpu, missing: s.missing }
        ctx.log(`${kind}: p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms, ${s.deliveries} deliveries, ${s.missing} missing, server CPU ${fmt(cpu, 0)} %`)
        await closeClients(clients)
      } finally {
        await server.close()
      }
    }
    const h = figures.Horizon
    const p = figures.Hocuspocus
    for (const kind of ['Horizon', 'y-websocket', 'Hocuspocus'] as const) {
      const f = figures[kind]
      if (!f) continue
      results.push({
        name: `peers ${n} clients: ${kind} p99`,
        value: f.p99,
        unit: 'ms',
        ...(kind === 'Horizon' && p && { goal: `≤ Hocuspocus (${fmt(p.p99)} ms)`, met: f.p99 <= p.p99 }),
        note: `p50 ${fmt(f.p50)} ms; server CPU ${fmt(f.cpu, 0)} %${f.missing > 0 ? `; ${f.missing} deliveries missing` : ''}`,
      })
    }
    if (h && p) results.push({ name: `peers ${n} clients: Horizon / Hocuspocus p99`, value: p.p99 > 0 ? h.p99 / p.p99 : 0, unit: '×', note: `p50 ratio ${fmt(p.p50 > 0 ? h.p50 / p.p50 : 0, 2)}` })
  }
  return results
}
