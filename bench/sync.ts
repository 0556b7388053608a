/**
 * Sync latency: N clients in one room (2, 50, 300), each moving its own note once a second;
 * the time from one client's change to each other client having it (p50/p95/p99), and the
 * time until the last of them has it. Server CPU, RSS and event-loop delay, Horizon (real
 * participant tokens, SQLite write-through in a temp DATA_DIR) against y-websocket@2's
 * reference server under the same load in the same run. Goal: Horizon p99 ≤ reference p99.
 *
 * Both servers run at once, each with its room connected, and take turns: 4 phases of 5 s
 * each, in the order H R R H H R R H, so that whatever else the (shared) machine does meanwhile
 * falls on both alike. Only the server whose turn it is gets any traffic.
 */
import { describeLoad, MoveLoad, type MoveLoadResult } from './lib/load'
import { fmt, quietMachine, sleep } from './lib/measure'
import { startBenchServer, type BenchServer, type ServerKind } from './lib/server'
import type { BenchContext, BenchResult } from './lib/bench'

const LABEL: Record<ServerKind, string> = { horizon: 'Horizon', reference: 'reference' }

export async function syncBench(ctx: BenchContext): Promise<BenchResult[]> {
  const sizes = ctx.smoke ? [5] : (process.env.BENCH_SYNC_N ?? '2,50,300').split(',').map(Number)
  const windowMs = ctx.smoke ? 2000 : 20_000
  const results: BenchResult[] = []
  const rounds = ctx.smoke ? 1 : 4
  for (const n of sizes) {
    const figures = {} as Record<ServerKind, MoveLoadResult>
    const servers: Partial<Record<ServerKind, BenchServer>> = {}
    const loads: Partial<Record<ServerKind, MoveLoad>> = {}
    try {
      for (const kind of ['horizon', 'reference'] as const) {
        const server = await startBenchServer(kind)
        servers[kind] = server
        ctx.log(`${LABEL[kind]}: ${n} clients`)
        loads[kind] = await MoveLoad.open(server, { rooms: 1, clientsPerRoom: n, fullPerRoom: Math.min(n, 5), windowMs, settleMs: ctx.smoke ? 200 : 1000, log: ctx.log })
      }
      ctx.log(`one move per client per second, ${rounds} × ${windowMs / rounds / 1000} s each, taking turns`)
      for (let round = 0; round < rounds; round++) {
        for (const kind of round % 2 === 0 ? (['horizon', 'reference'] as const) : (['reference', 'horizon'] as const)) {
          if (!ctx.smoke) await quietMachine(ctx.log, { maxWaitMs: 5000 })
          await (loads[kind] as MoveLoad).phase(windowMs / rounds)
          // The last changes of this turn land before the other server's turn starts.
          await sleep(ctx.smoke ? 200 : 1000)
        }
      }
      for (const kind of ['horizon', 'reference'] as const) {
        const result = await (loads[kind] as MoveLoad).result()
        figures[kind] = result
        ctx.log(`${LABEL[kind]} p99 ${fmt(result.latency.p99)} ms; ${describeLoad(result)}; server CPU ${fmt(result.server.cpuPercent, 0)} %, RSS ${fmt(result.server.rssPeakMB, 0)} MB`)
        if (result.errorNotes.length > 0) ctx.log(`${LABEL[kind]} problems: ${result.errorNotes.join('; ')}`)
      }
    } finally {
      for (const load of Object.values(loads)) await load.close()
      for (const server of Object.values(servers)) await server.close()
    }
    const h = figures.horizon
    const ref = figures.reference
    results.push(
      {
        name: `sync ${n} clients: Horizon p99`,
        value: h.latency.p99,
        unit: 'ms',
        goal: `≤ reference (${fmt(ref.latency.p99)} ms)`,
        met: h.latency.p99 <= ref.latency.p99,
        note: describeLoad(h),
      },
      { name: `sync ${n} clients: reference p99`, value: ref.latency.p99, unit: 'ms', note: describeLoad(ref) },
      {
        name: `sync ${n} clients: Horizon / reference p99`,
        value: ref.latency.p99 > 0 ? h.latency.p99 / ref.latency.p99 : 0,
        unit: '×',
        goal: '≤ 1',
        met: h.latency.p99 <= ref.latency.p99,
        note: `p50 ratio ${fmt(ref.latency.p50 > 0 ? h.latency.p50 / ref.latency.p50 : 0, 2)}`,
      },
    )
    for (const kind of ['horizon', 'reference'] as const) {
      const f = figures[kind]
      results.push(
        {
          name: `sync ${n} clients: ${LABEL[kind]} server CPU`,
          value: f.server.cpuPercent,
          unit: '%',
          note: `event loop p99 ${fmt(f.server.loopP99)} ms, max ${fmt(f.server.loopMax)} ms`,
        },
        {
          name: `sync ${n} clients: ${LABEL[kind]} server RSS`,
          value: f.server.rssPeakMB,
          unit: 'MB',
          note: `peak; ${fmt(f.server.rssEndMB, 0)} MB at the end, heap ${fmt(f.server.heapEndMB, 0)} MB${f.errors > 0 ? `; errors: ${f.errorNotes.join('; ')}` : ''}`,
        },
      )
    }
  }
  return results
}
