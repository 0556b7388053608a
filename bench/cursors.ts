/**
 * Cursor storm: N clients in one room (50, 300) each moving its cursor at 30 Hz through
 * awareness, as the web client publishes it (`{cursor, user}`; the server lets a connection set
 * only the client ids it owns, server/room.ts). The send time rides in `cursor.x`. A sample
 * of the clients (all at 50, 20 at 300) reads every cursor entry it receives; the others read
 * their sockets and drop the bytes. Horizon batches presence every 30 ms; the reference server
 * relays every awareness update to every client at once (N² messages). A batch carries only a
 * client's latest state, so an intermediate position can be skipped by design: "delivered" is
 * the share of (send, observer) pairs that arrived.
 * Goal: 300 cursors under 100 ms p99 on 2 cores.
 *
 * Both servers run at once and take turns (H R R H, 5 s each), as in the sync bench. At 300
 * the reference server cannot keep up (its queue grows without end), so its one turn comes
 * after Horizon's and its server is killed afterwards rather than left to drain.
 */
import { performance } from 'node:perf_hooks'
import { combineClientFigures, DeliveryTracker, fmt, otherCpu, quietMachine, sleep, stampNow, type ClientFigures } from './lib/measure'
import { cursorState, forEachCursorStamp, LitePeer } from './lib/peer'
import { combineWindows, startBenchServer, type BenchServer, type ServerKind, type WindowFigures } from './lib/server'
import { measureTurn } from './lib/load'
import { connectAll, openRoom } from './lib/workshops'
import type { BenchContext, BenchResult } from './lib/bench'

const LABEL: Record<ServerKind, string> = { horizon: 'Horizon', reference: 'reference' }
const HZ = 30

interface CursorFigures {
  p50: number
  p95: number
  p99: number
  max: number
  delivered: number
  sendHz: number
  server: WindowFigures
  client: ClientFigures
  otherCpu: number
  unexpectedCloses: number
  /** A turn ended early because the server's RSS passed 3 GiB. */
  aborted: boolean
  activeMs: number
}

class CursorLoad {
  private readonly tracker: DeliveryTracker
  private readonly serverWindows: WindowFigures[] = []
  private readonly clientWindows: ClientFigures[] = []
  private expected = 0
  private activeMs = 0
  aborted = false

  private constructor(
    readonly server: BenchServer,
    private readonly peers: LitePeer[],
    private readonly observerCount: number,
    private readonly users: Array<{ name: string; participantId: string }>,
  ) {
    this.tracker = new DeliveryTracker(observerCount)
    peers.forEach((peer, i) => {
      if (i >= observerCount) return
      const self = peer.clientID
      peer.handlers.onAwareness = (payload, at) =>
        forEachCursorStamp(payload, (clientId, stamp) => {
          if (clientId !== self) this.tracker.recordReceive(clientId, stamp, at)
        })
    })
  }

  static async open(server: BenchServer, n: number, settleMs: number): Promise<CursorLoad> {
    const observerCount = Math.min(n, n > 50 ? 20 : 50)
    const room = await openRoom(server, n, 'Cursor storm')
    const peers = Array.from({ length: n }, (_, i) => new LitePeer(room.boardUrl(i)))
    const users = peers.map((_, i) => ({ name: `Participant ${i + 1}`, participantId: `participant-${String(i).padStart(4, '0')}xx` }))
    const load = new CursorLoad(server, peers, observerCount, users)
    await connectAll(peers)
    // Everyone announces itself (no cursor yet), as the web client does on open.
    peers.forEach((peer, i) => peer.sendAwareness(JSON.stringify({ user: { ...users[i], color: '#2563eb', role: 'participant' } })))
    await sleep(settleMs)
    return load
  }

  get observers(): number {
    return this.observerCount
  }

  async phase(ms: number): Promise<void> {
    const { peers, observerCount } = this
    const n = peers.length
    const turn = await measureTurn(this.server, this.tracker)
    const window = turn.window
    const started = performance.now()
    const period = 1000 / HZ
    const next = peers.map((_, i) => started + (i / n) * period)
    const driver = setInterval(() => {
      const now = performance.now()
      for (let i = 0; i < n; i++) {
        if (now < (next[i] as number)) continue
        // A late timer does not send a burst to catch up: a cursor only has a latest position.
        next[i] = Math.max((next[i] as number) + period, now)
        const peer = peers[i] as LitePeer
        const stamp = stampNow()
        this.tracker.recordSend(peer.clientID, stamp)
        this.expected += i < observerCount ? observerCount - 1 : observerCount
        peer.sendAwareness(cursorState(stamp, 300 + (i % 50) * 10, this.users[i] as { name: string; participantId: string }))
      }
    }, 2)
    // A server whose queues run away (RSS past 3 GiB) ends its turn early.
    while (performance.now() - started < ms && !window.overLimit) await sleep(100)
    clearInterval(driver)
    this.activeMs += performance.now() - started
    this.aborted ||= window.overLimit
    const figures = await turn.stop()
    this.serverWindows.push(figures.server)
    this.clientWindows.push(figures.client)
  }

  /** Waits until nothing more arrives at the clients (up to `maxMs`): the server's queue is empty. */
  async drain(maxMs: number): Promise<void> {
    const deadline = performance.now() + maxMs
    let last = -1
    while (performance.now() < deadline) {
      const received = this.peers.reduce((sum, peer) => sum + peer.received, 0)
      if (received === last) return
      last = received
      await sleep(300)
    }
  }

  result(): CursorFigures {
    const summary = this.tracker.summary()
    const server = combineWindows(this.serverWindows)
    const client = combineClientFigures(this.clientWindows)
    return {
      p50: summary.p50,
      p95: summary.p95,
      p99: summary.p99,
      max: summary.max,
      delivered: this.expected > 0 ? summary.deliveries / this.expected : 0,
      sendHz: this.activeMs > 0 ? summary.changes / this.peers.length / (this.activeMs / 1000) : 0,
      server,
      client,
      otherCpu: otherCpu(client, server.cpuPercent),
      unexpectedCloses: this.peers.reduce((sum, peer) => sum + peer.unexpectedCloses.length, 0),
      aborted: this.aborted,
      activeMs: this.activeMs,
    }
  }

  close(): void {
    for (const peer of this.peers) peer.terminate()
  }
}

function describe(f: CursorFigures): string {
  return (
    `p50 ${fmt(f.p50)} / p95 ${fmt(f.p95)} / max ${fmt(f.max)} ms; delivered ${fmt(f.delivered * 100)} %; sent ${fmt(f.sendHz)} Hz per client; ` +
    `clients CPU ${fmt(f.client.cpuPercent, 0)} %, loop p99 ${fmt(f.client.loopP99)} ms; other processes ${fmt(f.otherCpu, 0)} % CPU, kernel interrupts ${fmt(f.client.interruptPercent, 0)} %` +
    (f.unexpectedCloses > 0 ? `; ${f.unexpectedCloses} connections closed` : '') +
    (f.aborted ? `; a turn stopped early: server RSS past 3 GiB` : '') +
    (f.server.responsive ? '' : '; server saturated: no answer to a stats request within 5 s')
  )
}

export async function cursorsBench(ctx: BenchContext): Promise<BenchResult[]> {
  const sizes = ctx.smoke ? [10] : (process.env.BENCH_CURSORS_N ?? '50,300').split(',').map(Number)
  const windowMs = ctx.smoke ? 2000 : 10_000
  const settleMs = ctx.smoke ? 300 : 1000
  const results: BenchResult[] = []
  for (const n of sizes) {
    const figures = {} as Record<ServerKind, CursorFigures>
    const loads: Partial<Record<ServerKind, CursorLoad>> = {}
    const servers: BenchServer[] = []
    try {
      for (const kind of ['horizon', 'reference'] as const) {
        const server = await startBenchServer(kind)
        servers.push(server)
        loads[kind] = await CursorLoad.open(server, n, settleMs)
      }
      const h = loads.horizon as CursorLoad
      const r = loads.reference as CursorLoad
      // N² relays: past ~100 clients the reference falls behind for good; its turn goes last.
      const turns: Array<[CursorLoad, number]> = ctx.smoke
        ? [[h, windowMs], [r, windowMs]]
        : n > 100
          ? [[h, windowMs / 2], [h, windowMs / 2], [r, windowMs]]
          : [[h, windowMs / 2], [r, windowMs / 2], [r, windowMs / 2], [h, windowMs / 2]]
      ctx.log(`${n} cursors at ${HZ} Hz, ${h.observers} observers; turns: ${turns.map(([load, ms]) => `${load === h ? 'H' : 'R'} ${ms / 1000} s`).join(', ')}`)
      for (const [load, ms] of turns) {
        if (!ctx.smoke) await quietMachine(ctx.log, { maxWaitMs: 5000 })
        await load.phase(ms)
        await load.drain(load === r && n > 100 ? 3000 : 10_000)
      }
      for (const kind of ['horizon', 'reference'] as const) {
        const f = (loads[kind] as CursorLoad).result()
        figures[kind] = f
        ctx.log(`${LABEL[kind]} p99 ${fmt(f.p99)} ms; ${describe(f)}; server CPU ${fmt(f.server.cpuPercent, 0)} %, loop p99 ${fmt(f.server.loopP99)} ms`)
      }
    } finally {
      for (const load of Object.values(loads)) load.close()
      for (const server of servers) {
        // A saturated server would take minutes to work through its queues before closing.
        const f = figures[server.kind]
        if (f && (!f.server.responsive || f.aborted)) await server.kill()
        await server.close()
      }
    }
    const h = figures.horizon
    const ref = figures.reference
    results.push(
      { name: `cursors ${n} × 30 Hz: Horizon p99`, value: h.p99, unit: 'ms', goal: '< 100 ms', met: h.p99 < 100, note: describe(h) },
      { name: `cursors ${n} × 30 Hz: reference p99`, value: ref.p99, unit: 'ms', note: describe(ref) },
      {
        name: `cursors ${n} × 30 Hz: Horizon / reference p99`,
        value: ref.p99 > 0 ? h.p99 / ref.p99 : 0,
        unit: '×',
        note: `p50 ratio ${fmt(ref.p50 > 0 ? h.p50 / ref.p50 : 0, 2)} (Horizon holds presence up to one 30 ms tick by design)`,
      },
    )
    for (const kind of ['horizon', 'reference'] as const) {
      const f = figures[kind]
      results.push(
        { name: `cursors ${n} × 30 Hz: ${LABEL[kind]} server CPU`, value: f.server.cpuPercent, unit: '%', note: `RSS peak ${fmt(f.server.rssPeakMB, 0)} MB` },
        {
          name: `cursors ${n} × 30 Hz: ${LABEL[kind]} event-loop lag p99`,
          value: f.server.loopP99,
          unit: 'ms',
          note: f.server.responsive ? `max ${fmt(f.server.loopMax)} ms` : 'at least: the server did not answer within 5 s',
        },
      )
    }
  }
  return results
}
