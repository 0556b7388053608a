/**
 * The note-moving load: rooms of clients, each client owns one note and moves it once per
 * period (a drop: moveNote writes x and y once). The send time travels in the change itself
 * (x = the sender's clock, ms), and every other client of the room records when it got it.
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote, moveNote, setNoteText } from '../../shared/board/note'
import { ClientLoad, combineClientFigures, DeliveryTracker, fmt, otherCpu, Samples, since, sleep, stampNow, type ClientFigures } from './measure'
import { forEachNumber, FullClient, LitePeer } from './peer'
import { combineWindows, ServerWindow, type BenchServer, type WindowFigures } from './server'
import { connectAll, openRoom, type BenchRoom } from './workshops'

export interface MoveLoadOptions {
  rooms: number
  clientsPerRoom: number
  /** Stock-provider clients per room (they apply what they receive); the rest are LitePeers. */
  fullPerRoom: number
  windowMs: number
  periodMs?: number
  drainMs?: number
  /** Every k-th change is a text edit instead of a move (0: moves only). Text edits are not timed. */
  textEvery?: number
  /**
   * Runs on each room before its clients connect (e.g. preloads a big board); the state vector
   * it returns is what the LitePeers announce (they come back with a local copy).
   */
  prepare?: (room: BenchRoom) => Promise<Uint8Array | undefined>
  /** Pause between setting up and measuring (ms, default 1000). */
  settleMs?: number
  /** Called every ~10 s during the window (soak progress). */
  onProgress?: (elapsedMs: number) => void | Promise<void>
  log(message: string): void
}

export interface MoveLoadResult {
  latency: ReturnType<DeliveryTracker['summary']>
  /** Latency seen by stock-provider clients only (applied and observed). */
  full: { count: number; p50: number; p99: number }
  server: WindowFigures
  client: ClientFigures
  /** CPU other processes on the machine used during the window, % of one core (-1 unknown). */
  otherCpu: number
  /** Sends achieved per client per second (target 1000 / periodMs). */
  sendRate: number
  unexpectedCloses: number
  errors: number
  errorNotes: string[]
}

interface BenchClient {
  clientID: number
  doc: Y.Doc
  noteId: string
  full: FullClient | undefined
  lite: LitePeer | undefined
}

/** Connects and warms up every client of every room; returns them and a teardown. */
async function setUp(server: BenchServer, options: MoveLoadOptions, tracker: DeliveryTracker, fullLatency: Samples) {
  const clients: BenchClient[][] = []
  const allLite: LitePeer[] = []
  const fulls: FullClient[] = []
  for (let r = 0; r < options.rooms; r++) {
    const room = await openRoom(server, options.clientsPerRoom, `Load room ${r + 1}`)
    const announce = await options.prepare?.(room)
    const roomClients: BenchClient[] = []
    const noteOwner = new Map<string, number>()
    for (let i = 0; i < options.clientsPerRoom; i++) {
      if (i < options.fullPerRoom) {
        const full = new FullClient(room.serverUrl, 'board', room.tokens[i])
        fulls.push(full)
        roomClients.push({ clientID: full.clientID, doc: full.doc, noteId: '', full, lite: undefined })
      } else {
        const lite = new LitePeer(room.boardUrl(i))
        lite.announce = announce
        allLite.push(lite)
        roomClients.push({ clientID: lite.clientID, doc: lite.doc, noteId: '', full: undefined, lite })
      }
    }
    for (const client of roomClients) {
      if (client.lite) {
        const self = client.lite.clientID
        client.lite.handlers.onUpdate = (update, at) => {
          // Both servers may send a change back to its sender (in a batch); that is not a delivery.
          forEachNumber(update, (writer, value) => {
            if (writer !== self) tracker.recordReceive(writer, value, at)
          })
        }
      } else if (client.full) {
        boardMaps(client.doc).notes.observeDeep((events) => {
          const at = performance.now()
          for (const event of events) {
            if (event.transaction.local || event.path.length !== 1 || !(event instanceof Y.YMapEvent) || !event.keysChanged.has('x')) continue
            const owner = noteOwner.get(event.path[0] as string)
            const x = (event.target as Y.Map<unknown>).get('x')
            if (owner === undefined || typeof x !== 'number') continue
            const before = tracker.latency.count
            tracker.recordReceive(owner, x, at)
            if (tracker.latency.count > before) fullLatency.push(since(x, at))
          }
        })
      }
    }
    clients.push(roomClients)
    for (const [i, client] of roomClients.entries()) {
      client.noteId = addNote(client.doc, { x: 0, y: 200 + i * 10, text: `Note of client ${i + 1}: the customer waits on hold` })
      noteOwner.set(client.noteId, client.clientID)
    }
  }
  options.log(`connecting ${allLite.length} lite + ${fulls.length} provider clients in ${options.rooms} room(s)`)
  await connectAll(allLite)
  await Promise.all(fulls.map((full) => full.synced()))
  // Everyone's note is on the server; a moment for the relays to land.
  await Promise.all(allLite.map((lite) => lite.roundTrip()))
  await sleep(options.settleMs ?? 1000)
  const teardown = async () => {
    for (const lite of allLite) lite.close()
    for (const full of fulls) full.destroy()
    await Promise.race([Promise.all(allLite.map((lite) => lite.closed())), sleep(5000)])
  }
  return { clients, allLite, fulls, teardown }
}

/**
 * One measured turn: the server's figures (CPU, memory, loop) and this process's load, with the
 * tracker recording meanwhile. `stop()` ends all three and returns the figures.
 */
export async function measureTurn(server: BenchServer, tracker: DeliveryTracker) {
  const window = new ServerWindow(server)
  const load = new ClientLoad()
  await window.start()
  load.start()
  tracker.start()
  return {
    window,
    async stop(): Promise<{ server: WindowFigures; client: ClientFigures }> {
      tracker.stop()
      return { server: await window.stop(), client: load.stop() }
    },
  }
}

/**
 * A prepared load (rooms connected, notes in place) that runs in phases: `phase(ms)` drives
 * every client for that long, measuring the server and this process meanwhile. Two loads on
 * two servers can take turns, so that whatever else the machine is doing falls on both alike.
 */
export class MoveLoad {
  private readonly serverWindows: WindowFigures[] = []
  private readonly clientWindows: ClientFigures[] = []
  private activeMs = 0
  private sends = 0
  private edits = 0

  private constructor(
    private readonly server: BenchServer,
    private readonly options: MoveLoadOptions,
    private readonly clients: BenchClient[],
    private readonly allLite: LitePeer[],
    private readonly fulls: FullClient[],
    private readonly teardown: () => Promise<void>,
    private readonly tracker: DeliveryTracker,
    private readonly fullLatency: Samples,
  ) {}

  static async open(server: BenchServer, options: MoveLoadOptions): Promise<MoveLoad> {
    const tracker = new DeliveryTracker(options.clientsPerRoom - 1)
    const fullLatency = new Samples()
    const { clients, allLite, fulls, teardown } = await setUp(server, options, tracker, fullLatency)
    return new MoveLoad(server, options, clients.flat(), allLite, fulls, teardown, tracker, fullLatency)
  }

  /** Drives every client for `ms`: each moves its note once per period, at its own offset. */
  async phase(ms: number): Promise<void> {
    const periodMs = this.options.periodMs ?? 1000
    const textEvery = this.options.textEvery ?? 0
    const flat = this.clients
    const turn = await measureTurn(this.server, this.tracker)
    const started = performance.now()
    const next = flat.map((_, i) => started + (i / flat.length) * periodMs)
    // One timer drives every client.
    const driver = setInterval(() => {
      const now = performance.now()
      for (let i = 0; i < flat.length; i++) {
        if (now < (next[i] as number)) continue
        next[i] = (next[i] as number) + periodMs
        const client = flat[i] as BenchClient
        this.edits++
        if (textEvery > 0 && this.edits % textEvery === 0) {
          setNoteText(client.doc, client.noteId, `Note edited ${this.edits}: the customer waits on hold`)
          continue
        }
        const stamp = stampNow()
        this.tracker.recordSend(client.clientID, stamp)
        moveNote(client.doc, client.noteId, { x: stamp, y: 200 + (this.sends++ % 97) })
      }
    }, 5)
    let lastProgress = started
    while (performance.now() - started < ms) {
      await sleep(Math.min(1000, ms - (performance.now() - started)))
      if (this.options.onProgress && performance.now() - lastProgress >= 10_000) {
        lastProgress = performance.now()
        await this.options.onProgress(this.activeMs + lastProgress - started)
      }
    }
    clearInterval(driver)
    this.activeMs += performance.now() - started
    const figures = await turn.stop()
    this.serverWindows.push(figures.server)
    this.clientWindows.push(figures.client)
  }

  /** Waits for the last deliveries (up to `drainMs`), then sums up every phase. */
  async result(): Promise<MoveLoadResult> {
    const drainMs = this.options.drainMs ?? 3000
    const deadline = performance.now() + drainMs
    while (performance.now() < deadline && this.tracker.summary().missing > 0) await sleep(100)
    const latency = this.tracker.summary()
    if (process.env.BENCH_DEBUG) this.options.log(`p99 per second: ${this.tracker.perSecondP99().map((v) => v.toFixed(0)).join(' ')}`)
    const serverFigures = combineWindows(this.serverWindows)
    const clientFigures = combineClientFigures(this.clientWindows)
    const unexpectedCloses =
      this.allLite.reduce((n, lite) => n + lite.unexpectedCloses.length, 0) + this.fulls.reduce((n, full) => n + full.unexpectedCloses.length, 0)
    const errorNotes: string[] = []
    if (unexpectedCloses > 0) errorNotes.push(`${unexpectedCloses} connections closed unexpectedly`)
    if (latency.missing > 0) errorNotes.push(`${latency.missing} deliveries missing after ${drainMs} ms`)
    if (serverFigures.errors + serverFigures.warnings > 0) {
      errorNotes.push(`server logged ${serverFigures.errors} errors, ${serverFigures.warnings} warnings: ${serverFigures.problems.join('; ')}`)
    }
    return {
      latency,
      full: { count: this.fullLatency.count, p50: this.fullLatency.percentile(50), p99: this.fullLatency.percentile(99) },
      server: serverFigures,
      client: clientFigures,
      otherCpu: otherCpu(clientFigures, serverFigures.cpuPercent),
      sendRate: this.activeMs > 0 ? latency.changes / this.clients.length / (this.activeMs / 1000) : 0,
      unexpectedCloses,
      errors: unexpectedCloses + latency.missing + serverFigures.errors,
      errorNotes,
    }
  }

  close(): Promise<void> {
    return this.teardown()
  }
}

/** Sets up, runs one phase of `windowMs`, sums up and tears down. */
export async function runMoveLoad(server: BenchServer, options: MoveLoadOptions): Promise<MoveLoadResult> {
  const load = await MoveLoad.open(server, options)
  try {
    await load.phase(options.windowMs)
    return await load.result()
  } finally {
    await load.close()
  }
}

/** Waits until the server reports no connections and no loaded rooms (or gives up). */
export async function serverIdle(server: BenchServer, timeoutMs = 15_000): Promise<{ connections: number; rooms: number }> {
  let last = await server.stats()
  const deadline = performance.now() + timeoutMs
  while ((last.connections > 0 || last.rooms > 0) && performance.now() < deadline) {
    await sleep(100)
    last = await server.stats()
  }
  return { connections: last.connections, rooms: last.rooms }
}

/** The figures of a run beside its p99, for a result's note. */
export function describeLoad(r: MoveLoadResult): string {
  const l = r.latency
  return (
    `p50 ${fmt(l.p50)} / p95 ${fmt(l.p95)} / max ${fmt(l.max)} ms; last receiver p99 ${fmt(l.allSeenP99)} ms; ` +
    `provider clients p99 ${fmt(r.full.p99)} ms; ${l.deliveries} deliveries of ${l.changes} changes, ${l.missing} missing; ` +
    `clients CPU ${fmt(r.client.cpuPercent, 0)} %, loop p99 ${fmt(r.client.loopP99)} ms; other processes ${fmt(r.otherCpu, 0)} % CPU, kernel interrupts ${fmt(r.client.interruptPercent, 0)} %`
  )
}
