/**
 * Soak (`npm run bench -- --soak`; not in the default run nor in CI): 50 stock-provider
 * clients in one room for 10 minutes, each changing its note once a second (moves and text
 * edits alternately). Then everyone leaves: the server must unload the room (its own count of
 * loaded workshops, read over IPC) and its memory must come back to within 10 % of where it
 * started (RSS after a full GC, idle server before against idle server after).
 * "Start" is measured twice: the idle server just after it started, and the idle server after
 * a one-minute warm-up session of the same clients — the second separates a leak (growth per
 * session) from what a process grows once (compiled code, allocator pools, SQLite cache).
 * BENCH_SOAK_MS changes the duration.
 */
import { describeLoad, runMoveLoad, serverIdle } from './lib/load'
import { fmt, quietMachine, sleep } from './lib/measure'
import { procFigures, startBenchServer, type BenchServer } from './lib/server'
import type { BenchContext, BenchResult } from './lib/bench'

/**
 * The idle server's memory: the least of three readings, each after a full GC, half a second
 * apart. One reading of RSS moves by ±10 % with when V8 and the allocator hand pages back (a
 * 2-minute soak read 105 MB after the clients left, below the 117 MB of the fresh process); the
 * same procedure is used for every "before" and "after".
 */
async function memory(server: BenchServer): Promise<{ rss: number; heap: number }> {
  let rss = Infinity
  let heap = Infinity
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(500)
    await server.gc()
    const stats = await server.stats()
    rss = Math.min(rss, procFigures(server.pid)?.rss ?? stats.rss)
    heap = Math.min(heap, stats.heapUsed)
  }
  return { rss, heap }
}

const MB = 2 ** 20

export async function soakBench(ctx: BenchContext): Promise<BenchResult[]> {
  const clients = ctx.smoke ? 5 : 50
  const durationMs = Number(process.env.BENCH_SOAK_MS ?? (ctx.smoke ? 20_000 : 600_000))
  if (!ctx.smoke) await quietMachine(ctx.log)
  const server = await startBenchServer('horizon')
  try {
    const start = await memory(server)
    ctx.log(`idle server at start: RSS ${fmt(start.rss / MB)} MB, heap ${fmt(start.heap / MB)} MB`)
    const warmupMs = ctx.smoke ? 5000 : 60_000
    ctx.log(`warm-up: ${clients} clients for ${warmupMs / 1000} s`)
    await runMoveLoad(server, { rooms: 1, clientsPerRoom: clients, fullPerRoom: clients, windowMs: warmupMs, textEvery: 2, log: ctx.log })
    await serverIdle(server)
    const warm = await memory(server)
    ctx.log(`idle server after the warm-up: RSS ${fmt(warm.rss / MB)} MB, heap ${fmt(warm.heap / MB)} MB`)
    ctx.log(`soak: ${clients} clients for ${fmt(durationMs / 60_000, 1)} min`)
    const samples: string[] = []
    const result = await runMoveLoad(server, {
      rooms: 1,
      clientsPerRoom: clients,
      fullPerRoom: clients,
      windowMs: durationMs,
      textEvery: 2,
      log: ctx.log,
      onProgress: async (elapsed) => {
        const stats = await server.stats()
        const rss = procFigures(server.pid)?.rss ?? stats.rss
        samples.push(fmt(rss / MB, 0))
        if (Math.round(elapsed / 10_000) % 6 === 0) ctx.log(`${fmt(elapsed / 60_000, 1)} min: RSS ${fmt(rss / MB)} MB, heap ${fmt(stats.heapUsed / MB)} MB, ${stats.connections} connections`)
      },
    })
    const idle = await serverIdle(server)
    const end = await memory(server)
    const change = (from: number, to: number) => (to - from) / from
    const rssChange = change(start.rss, end.rss)
    const rssWarmChange = change(warm.rss, end.rss)
    ctx.log(`after: ${idle.rooms} rooms, ${idle.connections} connections; RSS ${fmt(end.rss / MB)} MB, heap ${fmt(end.heap / MB)} MB`)
    const minutes = fmt(durationMs / 60_000, 1)
    return [
      {
        name: `soak ${clients} clients ${minutes} min: server RSS after they left, vs cold start`,
        value: rssChange * 100,
        unit: '%',
        goal: '≤ 10 %',
        met: rssChange <= 0.1,
        note: `${fmt(start.rss / MB)} → ${fmt(end.rss / MB)} MB idle, least of 3 readings after a full GC; heap ${fmt(start.heap / MB)} → ${fmt(end.heap / MB)} MB; peak RSS ${fmt(result.server.rssPeakMB)} MB; every 10 s: ${samples.join(' ')} MB`,
      },
      {
        name: `soak ${clients} clients ${minutes} min: server RSS after they left, vs after warm-up`,
        value: rssWarmChange * 100,
        unit: '%',
        goal: '≤ 10 %',
        met: rssWarmChange <= 0.1,
        note: `${fmt(warm.rss / MB)} → ${fmt(end.rss / MB)} MB; heap ${fmt(warm.heap / MB)} → ${fmt(end.heap / MB)} MB (${fmt(change(warm.heap, end.heap) * 100)} %); warm-up: the same clients for ${warmupMs / 1000} s first`,
      },
      {
        name: `soak ${clients} clients ${minutes} min: rooms loaded after they left`,
        value: idle.rooms,
        unit: '',
        goal: '0',
        met: idle.rooms === 0 && idle.connections === 0,
        note: `${idle.connections} connections left (the server's own counts, over IPC)`,
      },
      {
        name: `soak ${clients} clients ${minutes} min: p99`,
        value: result.latency.p99,
        unit: 'ms',
        goal: '< 100 ms, no errors',
        met: result.latency.p99 < 100 && result.errors === 0,
        note: `${describeLoad(result)}; errors ${result.errors}${result.errorNotes.length ? `: ${result.errorNotes.join('; ')}` : ''}; server CPU ${fmt(result.server.cpuPercent, 0)} %`,
      },
    ]
  } finally {
    await server.close()
  }
}
