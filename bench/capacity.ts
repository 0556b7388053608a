/**
 * Capacity on one Horizon server (SQLite, real tokens): 300 participants in one room moving
 * their notes once a second for 60 s, and 100 rooms of 10 participants each for 60 s.
 * Goals: p99 < 100 ms and no errors (no unexpected close, no change missing at any client,
 * nothing logged as an error by the server).
 * A third run puts the 300 on a long-used board — 5,000 notes after 100,000 drags and 20,000
 * text edits (bench/lib/board.ts), stored through the server's own SQLite storage — for 20 s,
 * the clients coming back with a local copy (they announce the board's state vector). On such
 * a board every compaction (Y.encodeStateAsUpdate of the whole document, every 500 updates)
 * holds the server's event loop for ~100 ms.
 */
import { churnBoard, preloadBoard } from './lib/board'
import { describeLoad, runMoveLoad, type MoveLoadOptions, type MoveLoadResult } from './lib/load'
import { fmt, quietMachine } from './lib/measure'
import { startBenchServer } from './lib/server'
import type { BenchContext, BenchResult } from './lib/bench'

function rows(label: string, r: MoveLoadResult): BenchResult[] {
  return [
    { name: `capacity ${label}: p99`, value: r.latency.p99, unit: 'ms', goal: '< 100 ms', met: r.latency.p99 < 100, note: describeLoad(r) },
    {
      name: `capacity ${label}: errors`,
      value: r.errors,
      unit: '',
      goal: '0',
      met: r.errors === 0,
      note: r.errorNotes.join('; ') || `none (${r.latency.changes} changes, ${fmt(r.sendRate, 2)} per client per second)`,
    },
    {
      name: `capacity ${label}: server CPU`,
      value: r.server.cpuPercent,
      unit: '%',
      note: `RSS peak ${fmt(r.server.rssPeakMB, 0)} MB; event loop p99 ${fmt(r.server.loopP99)} ms, max ${fmt(r.server.loopMax)} ms`,
    },
  ]
}

export async function capacityBench(ctx: BenchContext): Promise<BenchResult[]> {
  const windowMs = ctx.smoke ? 2000 : Number(process.env.BENCH_CAPACITY_MS ?? 60_000)
  const results: BenchResult[] = []
  const big = ctx.smoke ? { notes: 500, drags: 5000 } : { notes: 5000, drags: 100_000 }
  type Scenario = Pick<MoveLoadOptions, 'rooms' | 'clientsPerRoom' | 'fullPerRoom'> & { label: string; windowMs: number; bigBoard?: boolean }
  const scenarios: Scenario[] = ctx.smoke
    ? [
        { label: '20 in 1 room', rooms: 1, clientsPerRoom: 20, fullPerRoom: 2, windowMs },
        { label: '5 rooms × 4', rooms: 5, clientsPerRoom: 4, fullPerRoom: 1, windowMs },
        { label: `20 on a churned ${big.notes}-note board`, rooms: 1, clientsPerRoom: 20, fullPerRoom: 2, windowMs, bigBoard: true },
      ]
    : [
        { label: '300 in 1 room', rooms: 1, clientsPerRoom: 300, fullPerRoom: 5, windowMs },
        { label: '100 rooms × 10', rooms: 100, clientsPerRoom: 10, fullPerRoom: 1, windowMs },
        // One stock provider: each holds the whole board (~120 MB of heap here), and five of them
        // make the client process's own GC pauses show up as latency.
        { label: `300 on a churned ${big.notes}-note board`, rooms: 1, clientsPerRoom: 300, fullPerRoom: 1, windowMs: Math.min(windowMs, 20_000), bigBoard: true },
      ]
  for (const { label, bigBoard, ...scenario } of scenarios) {
    if (!ctx.smoke) await quietMachine(ctx.log)
    const server = await startBenchServer('horizon')
    try {
      ctx.log(`${label}: one move per client per second for ${scenario.windowMs / 1000} s`)
      const prepare = bigBoard
        ? async (room: { id: string }) => {
            const built = await preloadBoard(server.dataDir, room.id, async (doc) => {
              await churnBoard(doc, { notes: big.notes, drags: big.drags, textEvery: 5 })
            })
            ctx.log(`board preloaded: ${(built.bytes / 1024).toFixed(0)} KB`)
            return built.stateVector
          }
        : undefined
      const result = await runMoveLoad(server, { ...scenario, ...(prepare && { prepare }), settleMs: ctx.smoke ? 200 : 1000, log: ctx.log })
      ctx.log(`p99 ${fmt(result.latency.p99)} ms, errors ${result.errors}; ${describeLoad(result)}; server CPU ${fmt(result.server.cpuPercent, 0)} %`)
      results.push(...rows(label, result))
    } finally {
      await server.close()
    }
  }
  return results
}
