/** Latency samples, percentiles, and the client process's own load (to show saturation). */
import fs from 'node:fs'
import os from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

/** The middle value (the upper one of an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

/** A growable list of numbers (ms) with percentiles. */
export class Samples {
  private data = new Float64Array(1024)
  private length = 0
  private sorted = true

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = value
    this.sorted = false
  }

  get count(): number {
    return this.length
  }

  /** The p-th percentile (nearest rank), 0 when empty. */
  percentile(p: number): number {
    if (this.length === 0) return 0
    if (!this.sorted) {
      this.data.subarray(0, this.length).sort()
      this.sorted = true
    }
    const rank = Math.min(this.length - 1, Math.max(0, Math.ceil((p / 100) * this.length) - 1))
    return this.data[rank] as number
  }

  get max(): number {
    return this.percentile(100)
  }

  get mean(): number {
    let sum = 0
    for (let i = 0; i < this.length; i++) sum += this.data[i] as number
    return this.length > 0 ? sum / this.length : 0
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export async function waitUntil(predicate: () => boolean, timeoutMs: number, what: string, intervalMs = 20): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(intervalMs)
  }
}

/**
 * Timestamps carried inside changes: ms of this process's clock, modulo a range that fits a
 * note coordinate (shared/limits.ts clampCoordinate: ±1,000,000). Latency = receive − send, mod range.
 */
export const STAMP_RANGE = 1_000_000
export const stampNow = (): number => performance.now() % STAMP_RANGE
export function since(stamp: number, now = performance.now()): number {
  return (((now % STAMP_RANGE) - stamp) % STAMP_RANGE + STAMP_RANGE) % STAMP_RANGE
}

/**
 * CPU time of the whole machine so far (Linux /proc/stat, clock ticks): processes (user, nice,
 * system), interrupts (irq, softirq: loopback networking is mostly here), and the total.
 */
function machineTicks(): { processes: number; interrupts: number; total: number } | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
    const f = line.trim().split(/\s+/).slice(1).map(Number)
    const at = (i: number) => f[i] ?? 0
    return { processes: at(0) + at(1) + at(2), interrupts: at(5) + at(6), total: f.slice(0, 8).reduce((a, b) => a + b, 0) }
  } catch {
    return undefined
  }
}

export interface ClientFigures {
  cpuMs: number
  wallMs: number
  /** This process's CPU, % of one core. */
  cpuPercent: number
  loopP99: number
  loopMax: number
  /** CPU used by all processes on the machine, % of one core (2 cores: up to 200 %); -1 when unknown. */
  machinePercent: number
  /** CPU spent in interrupts (loopback networking), % of one core; -1 when unknown. */
  interruptPercent: number
}

/** This (client) process's CPU % and event-loop delay over a window: is the load generator saturated? */
export class ClientLoad {
  // The histogram records the whole interval between samples; the lag is what exceeds 10 ms.
  private readonly loop = monitorEventLoopDelay({ resolution: 10 })
  private cpu = process.cpuUsage()
  private at = performance.now()
  private machine = machineTicks()

  start(): void {
    this.loop.reset()
    this.loop.enable()
    this.cpu = process.cpuUsage()
    this.at = performance.now()
    this.machine = machineTicks()
  }

  stop(): ClientFigures {
    this.loop.disable()
    const cpu = process.cpuUsage(this.cpu)
    const wall = performance.now() - this.at
    const ms = (ns: number) => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - 10) : 0)
    const before = this.machine
    const after = machineTicks()
    const share = (pick: (t: NonNullable<typeof before>) => number) =>
      before && after && after.total > before.total ? ((pick(after) - pick(before)) / (after.total - before.total)) * os.cpus().length * 100 : -1
    const machinePercent = share((t) => t.processes)
    const interruptPercent = share((t) => t.interrupts)
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: wall,
      cpuPercent: wall > 0 ? ((cpu.user + cpu.system) / 1000 / wall) * 100 : 0,
      loopP99: ms(this.loop.percentile(99)),
      loopMax: ms(this.loop.max),
      machinePercent,
      interruptPercent,
    }
  }
}

/** Several client windows as one: CPU over the total time, worst loop figures, machine load weighted by time. */
export function combineClientFigures(windows: ClientFigures[]): ClientFigures {
  const wallMs = windows.reduce((sum, w) => sum + w.wallMs, 0)
  const cpuMs = windows.reduce((sum, w) => sum + w.cpuMs, 0)
  const weighted = (pick: (w: ClientFigures) => number) =>
    windows.some((w) => pick(w) < 0) || wallMs <= 0 ? -1 : windows.reduce((sum, w) => sum + pick(w) * w.wallMs, 0) / wallMs
  return {
    cpuMs,
    wallMs,
    cpuPercent: wallMs > 0 ? (cpuMs / wallMs) * 100 : 0,
    loopP99: Math.max(0, ...windows.map((w) => w.loopP99)),
    loopMax: Math.max(0, ...windows.map((w) => w.loopMax)),
    machinePercent: weighted((w) => w.machinePercent),
    interruptPercent: weighted((w) => w.interruptPercent),
  }
}

/** CPU used by processes other than the bench's client and server, % of one core (-1 unknown). */
export function otherCpu(client: ClientFigures, serverCpuPercent: number): number {
  return client.machinePercent < 0 ? -1 : Math.max(0, client.machinePercent - client.cpuPercent - serverCpuPercent)
}

/** The machine's 1-minute load average, for the notes. */
export const loadAverage = () => os.loadavg()[0] ?? 0

interface Change {
  sentAt: number
  seen: number
  last: number
}

/**
 * Every change sent during a window, keyed by the sender's Yjs client id and the stamp it
 * carries, and every delivery of it to another client: per-delivery latency and, per change,
 * the time until the last of the other clients had it.
 */
export class DeliveryTracker {
  readonly latency = new Samples()
  private readonly changes = new Map<number, Map<number, Change>>()
  /** Latencies by the second (of this process's clock) in which the change was sent. */
  private readonly bySecond = new Map<number, Samples>()
  private recording = false
  sent = 0
  /** Deliveries of changes sent outside the window, or not recognised. */
  ignored = 0

  constructor(private readonly receivers: number) {}

  start(): void {
    this.recording = true
  }

  stop(): void {
    this.recording = false
  }

  recordSend(client: number, stamp: number, at = performance.now()): void {
    if (!this.recording) return
    let byClient = this.changes.get(client)
    if (!byClient) this.changes.set(client, (byClient = new Map()))
    byClient.set(stamp, { sentAt: at, seen: 0, last: 0 })
    this.sent++
  }

  recordReceive(client: number, stamp: number, at = performance.now()): void {
    const change = this.changes.get(client)?.get(stamp)
    if (!change) {
      this.ignored++
      return
    }
    const ms = since(stamp, at)
    change.seen++
    change.last = Math.max(change.last, ms)
    this.latency.push(ms)
    const second = Math.floor(change.sentAt / 1000)
    let samples = this.bySecond.get(second)
    if (!samples) this.bySecond.set(second, (samples = new Samples()))
    samples.push(ms)
  }

  /** p99 per second of sending, oldest first: where in the window the tail came from. */
  perSecondP99(): number[] {
    return [...this.bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([, samples]) => samples.percentile(99))
  }

  summary() {
    const allSeen = new Samples()
    let incomplete = 0
    let missing = 0
    for (const byClient of this.changes.values()) {
      for (const change of byClient.values()) {
        if (change.seen >= this.receivers) allSeen.push(change.last)
        else {
          incomplete++
          missing += this.receivers - change.seen
        }
      }
    }
    const l = this.latency
    return {
      changes: this.sent,
      deliveries: l.count,
      expected: this.sent * this.receivers,
      p50: l.percentile(50),
      p95: l.percentile(95),
      p99: l.percentile(99),
      max: l.max,
      allSeenP50: allSeen.percentile(50),
      allSeenP99: allSeen.percentile(99),
      incomplete,
      missing,
    }
  }
}

export const mb = (bytes: number) => bytes / 2 ** 20
export const fmt = (value: number, digits = 1) => value.toFixed(digits)

/**
 * Waits (up to `maxWaitMs`) until other processes use less than `thresholdPercent` of a core
 * over a second: this machine is shared (test suites, browsers), and a bench that runs beside
 * a Chromium suite measures the suite. Measures anyway after the wait, and says so. The result
 * notes carry the CPU other processes used during each window either way.
 */
export async function quietMachine(log: (message: string) => void, { maxWaitMs = 30_000, thresholdPercent = 30 } = {}): Promise<void> {
  if (process.env.BENCH_NO_WAIT) return
  const deadline = performance.now() + maxWaitMs
  let said = false
  for (;;) {
    const before = machineTicks()
    await sleep(1000)
    const after = machineTicks()
    if (!before || !after || after.total <= before.total) return
    const busy = ((after.processes - before.processes) / (after.total - before.total)) * os.cpus().length * 100
    if (busy < thresholdPercent) return
    if (performance.now() > deadline) {
      log(`the machine is still busy (other processes use ${busy.toFixed(0)} % of a core); measuring anyway`)
      return
    }
    if (!said) log(`waiting up to ${maxWaitMs / 1000} s for the machine to be quiet (other processes use ${busy.toFixed(0)} % of a core)`)
    said = true
  }
}
