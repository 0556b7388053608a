/**
 * Servers under test, each in a child process (bench/lib/serverChild.ts), and the figures we
 * read from them over IPC: CPU %, RSS and event-loop delay over a measurement window.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import type { Config } from '../../server/config'
import { removeDir, tempDir, trackChild } from './cleanup'

export type ServerKind = 'horizon' | 'reference'

export const BENCH_SECRET = 'horizon-bench-secret-0123456789abcdef'

/**
 * The Horizon settings the benches change from DEFAULTS (server/config.ts). Everything else —
 * storage (SQLite, write-through), compaction every 500 updates, presence batching every
 * 30 ms, pings, queue and buffer limits, token checks — is the default.
 * - connectionsPerMinute 1,200 → 1,000,000: every bench client connects from 127.0.0.1, and a
 *   storm of 300 reconnections (plus the 300 first connections) would hit the per-IP limit.
 * - createsPerMinute 600 → 1,000,000: 1,000 participants join from one address (100 rooms × 10).
 */
export const BENCH_CONFIG: Partial<Config> = {
  connectionsPerMinute: 1_000_000,
  createsPerMinute: 1_000_000,
}

export interface ChildSpec {
  kind: ServerKind
  port: number
  dataDir: string
  secret: string
  config: Partial<Config>
}

export interface ChildStats {
  /** The child's performance.now() when the figures were read (ms). */
  at: number
  /** User + system CPU time since the child started (µs). */
  cpuUs: number
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  /** Event-loop delay since the last reset (ms). */
  loop: { mean: number; p50: number; p99: number; max: number }
  connections: number
  /** Horizon: workshops loaded; reference: documents in memory. */
  rooms: number
  /** Errors and warnings the server logged. */
  errors: number
  warnings: number
  problems: string[]
}

export type ChildRequest = { id: number; type: 'stats' | 'resetLoopDelay' | 'gc' | 'close' }
export type ChildReply = { id: number; stats?: ChildStats; ready?: { url: string; port: number }; error?: string }

export interface BenchServer {
  readonly kind: ServerKind
  readonly url: string
  readonly wsUrl: string
  readonly port: number
  readonly dataDir: string
  readonly pid: number
  stats(): Promise<ChildStats>
  resetLoopDelay(): Promise<void>
  /** Full garbage collection in the child (it runs with --expose-gc). */
  gc(): Promise<void>
  /** Graceful stop (Horizon compacts and flushes storage). Keeps the data dir if asked to. */
  close(options?: { keepData?: boolean }): Promise<void>
  /** SIGKILL: nothing is flushed beyond what the server already wrote. */
  kill(): Promise<void>
  /** Last lines the child printed (for error messages). */
  output(): string
}

const childEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serverChild.ts')

export async function startBenchServer(
  kind: ServerKind,
  options: { dataDir?: string; port?: number; config?: Partial<Config> } = {},
): Promise<BenchServer> {
  const ownsDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? tempDir(`horizon-bench-${kind}-`)
  // BENCH_HORIZON_CONFIG: JSON overrides for diagnosis, e.g. '{"compactEvery":1000000000}'.
  const diagnosis = JSON.parse(process.env.BENCH_HORIZON_CONFIG ?? '{}') as Partial<Config>
  const spec: ChildSpec = { kind, port: options.port ?? 0, dataDir, secret: BENCH_SECRET, config: { ...BENCH_CONFIG, ...options.config, ...diagnosis } }
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', ...extra, '--import', 'tsx', childEntry, JSON.stringify(spec)], {
    cwd: path.resolve(path.dirname(childEntry), '../..'),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  trackChild(child)
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-(Number(process.env.BENCH_SERVER_OUTPUT) || 4000))
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)

  let nextId = 1
  const pending = new Map<number, { resolve: (reply: ChildReply) => void; reject: (error: Error) => void }>()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let ready: (reply: ChildReply) => void = () => undefined
  let failed: (error: Error) => void = () => undefined
  const readyReply = new Promise<ChildReply>((resolve, reject) => {
    ready = resolve
    failed = reject
  })
  child.on('message', (raw) => {
    const reply = raw as ChildReply
    if (reply.ready) return ready(reply)
    const waiter = pending.get(reply.id)
    if (!waiter) return
    pending.delete(reply.id)
    if (reply.error) waiter.reject(new Error(reply.error))
    else waiter.resolve(reply)
  })
  child.once('exit', (code, signal) => {
    const error = new Error(`${kind} server exited (${code ?? signal}):\n${output}`)
    failed(error)
    for (const waiter of pending.values()) waiter.reject(error)
    pending.clear()
  })
  const timer = setTimeout(() => failed(new Error(`${kind} server did not start within 30 s:\n${output}`)), 30_000)
  let started: ChildReply
  try {
    started = await readyReply
  } catch (error) {
    child.kill('SIGKILL')
    if (ownsDir) removeDir(dataDir)
    throw error
  } finally {
    clearTimeout(timer)
  }
  const info = started.ready as { url: string; port: number }

  const request = (type: ChildRequest['type'], timeoutMs = 60_000): Promise<ChildReply> => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`${kind} server is not running:\n${output}`))
    const id = nextId++
    return new Promise<ChildReply>((resolve, reject) => {
      const timeout = setTimeout(() => {
        pending.delete(id)
        reject(new Error(`${kind} server did not answer "${type}" within ${timeoutMs} ms`))
      }, timeoutMs)
      pending.set(id, {
        resolve: (reply) => {
          clearTimeout(timeout)
          resolve(reply)
        },
        reject: (error) => {
          clearTimeout(timeout)
          reject(error)
        },
      })
      child.send({ id, type } satisfies ChildRequest)
    })
  }

  let stopped = false
  const finish = (keepData: boolean) => {
    stopped = true
    if (ownsDir && !keepData) removeDir(dataDir)
  }
  return {
    kind,
    url: info.url,
    wsUrl: info.url.replace(/^http/, 'ws'),
    port: info.port,
    dataDir,
    pid: child.pid ?? 0,
    stats: async () => (await request('stats')).stats as ChildStats,
    resetLoopDelay: async () => {
      await request('resetLoopDelay')
    },
    gc: async () => {
      await request('gc')
    },
    async close({ keepData = false } = {}) {
      if (stopped) return finish(keepData)
      try {
        await request('close', 30_000)
      } catch {
        child.kill('SIGKILL')
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
      finish(keepData)
    },
    async kill() {
      if (stopped) return
      child.kill('SIGKILL')
      await exited
      stopped = true
    },
    output: () => output,
  }
}

/** CPU time (ms) and RSS (bytes) of a process from /proc — readable however busy it is. Linux only. */
export function procFigures(pid: number): { cpuMs: number; rss: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of the line (11 and 12 after the command), in USER_HZ (100).
    const ticks = Number(fields[11]) + Number(fields[12])
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
    if (!Number.isFinite(ticks) || !Number.isFinite(rssKb)) return undefined
    return { cpuMs: ticks * 10, rss: rssKb * 1024 }
  } catch {
    return undefined
  }
}

/** Server figures over a window: CPU % (of one core), peak and final RSS, event-loop delay. */
export interface WindowFigures {
  /** CPU time used (ms) over `wallMs`. */
  cpuMs: number
  wallMs: number
  cpuPercent: number
  rssPeakMB: number
  rssEndMB: number
  heapEndMB: number
  /** Event-loop lag over the window; when the server did not answer, at least the time we waited. */
  loopP99: number
  loopMax: number
  /** False when the server did not answer a stats request within 5 s (saturated). */
  responsive: boolean
  connections: number
  errors: number
  warnings: number
  problems: string[]
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([promise.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref())])

export class ServerWindow {
  private first: { at: number; cpuMs: number; stats: ChildStats | undefined } | undefined
  private peakRss = 0
  private sampler: NodeJS.Timeout | undefined

  /** `maxRssBytes`: `overLimit` turns true when the server's RSS passes it (a runaway queue). */
  constructor(
    private readonly server: BenchServer,
    private readonly maxRssBytes = 3 * 2 ** 30,
  ) {}

  overLimit = false

  private read(): { cpuMs: number; rss: number } | undefined {
    return procFigures(this.server.pid)
  }

  async start(): Promise<void> {
    await withTimeout(this.server.resetLoopDelay(), 5000)
    const stats = await withTimeout(this.server.stats(), 5000)
    const proc = this.read()
    this.first = { at: performance.now(), cpuMs: proc?.cpuMs ?? (stats ? stats.cpuUs / 1000 : 0), stats }
    this.peakRss = proc?.rss ?? stats?.rss ?? 0
    this.sampler = setInterval(() => {
      const now = this.read()
      if (now) {
        this.peakRss = Math.max(this.peakRss, now.rss)
        if (now.rss > this.maxRssBytes) this.overLimit = true
      } else {
        this.server.stats().then(
          (s) => {
            this.peakRss = Math.max(this.peakRss, s.rss)
          },
          () => undefined,
        )
      }
    }, 500)
  }

  async stop(): Promise<WindowFigures> {
    if (this.sampler) clearInterval(this.sampler)
    const first = this.first
    if (!first) throw new Error('window not started')
    const proc = this.read()
    const wallMs = performance.now() - first.at
    const asked = performance.now()
    const last = await withTimeout(this.server.stats(), 5000)
    const cpuMs = proc?.cpuMs ?? (last ? last.cpuUs / 1000 : first.cpuMs)
    const rss = proc?.rss ?? last?.rss ?? 0
    this.peakRss = Math.max(this.peakRss, rss)
    const waited = performance.now() - asked
    return {
      cpuMs: cpuMs - first.cpuMs,
      wallMs,
      cpuPercent: wallMs > 0 ? ((cpuMs - first.cpuMs) / wallMs) * 100 : 0,
      rssPeakMB: this.peakRss / 2 ** 20,
      rssEndMB: rss / 2 ** 20,
      heapEndMB: (last?.heapUsed ?? 0) / 2 ** 20,
      loopP99: last ? last.loop.p99 : waited,
      loopMax: last ? last.loop.max : waited,
      responsive: last !== undefined,
      connections: last?.connections ?? -1,
      errors: last && first.stats ? last.errors - first.stats.errors : 0,
      warnings: last && first.stats ? last.warnings - first.stats.warnings : 0,
      problems: last?.problems ?? ['the server did not answer a stats request within 5 s'],
    }
  }
}

/** Several windows (phases of one run) as one: CPU over their total time, worst loop figures. */
export function combineWindows(windows: WindowFigures[]): WindowFigures {
  const last = windows.at(-1)
  if (!last) throw new Error('no windows')
  const cpuMs = windows.reduce((sum, w) => sum + w.cpuMs, 0)
  const wallMs = windows.reduce((sum, w) => sum + w.wallMs, 0)
  return {
    cpuMs,
    wallMs,
    cpuPercent: wallMs > 0 ? (cpuMs / wallMs) * 100 : 0,
    rssPeakMB: Math.max(...windows.map((w) => w.rssPeakMB)),
    rssEndMB: last.rssEndMB,
    heapEndMB: last.heapEndMB,
    loopP99: Math.max(...windows.map((w) => w.loopP99)),
    loopMax: Math.max(...windows.map((w) => w.loopMax)),
    responsive: windows.every((w) => w.responsive),
    connections: last.connections,
    errors: windows.reduce((sum, w) => sum + w.errors, 0),
    warnings: windows.reduce((sum, w) => sum + w.warnings, 0),
    problems: last.problems,
  }
}
