/**
 * The load the peer comparisons share (bench/peers.ts, bench/scaleout.ts): every client owns
 * one note and moves it once a second, the send time (stampNow) in the note's `x`; receivers
 * read it from the update's bytes (forEachNumber) and the tracker turns it into a latency. In
 * a two-instance run only deliveries across instances count ("cross"): a client records what a
 * client of the other instance sent.
 */
import { performance } from 'node:perf_hooks'
import { addNote, moveNote } from '../../shared/board/note'
import { DeliveryTracker, sleep, stampNow } from './measure'
import { forEachNumber } from './peer'
import { PeerClient, type PeerClientOptions } from './peerClient'
import { procFigures } from './server'

export interface LoadClient {
  peer: PeerClient
  noteId: string
  /** Which instance it is connected to. */
  group: number
}

export interface ClientSpec {
  url: string
  options?: PeerClientOptions
  group: number
}

/** Connects every client (50 at a time), each with its note on the server. */
export async function connectClients(specs: ClientSpec[]): Promise<LoadClient[]> {
  const clients = specs.map((spec, i) => {
    const peer = new PeerClient(spec.url, spec.options)
    return { peer, noteId: addNote(peer.doc, { x: 0, y: 200 + i * 10, text: `Note of client ${i + 1}: the customer waits on hold` }), group: spec.group }
  })
  for (let start = 0; start < clients.length; start += 50) await Promise.all(clients.slice(start, start + 50).map((c) => c.peer.connect()))
  await Promise.all(clients.map((c) => c.peer.roundTrip()))
  return clients
}

/**
 * Records deliveries into `tracker`: every delivery to another client, or with `crossOnly`
 * those from a client of another instance.
 */
export function track(clients: LoadClient[], tracker: DeliveryTracker, crossOnly: boolean): void {
  const groupOf = new Map(clients.map((c) => [c.peer.clientID, c.group]))
  for (const client of clients) {
    const self = client.peer.clientID
    client.peer.onUpdate = (update, at) => {
      forEachNumber(update, (writer, value) => {
        if (writer === self) return
        if (crossOnly && groupOf.get(writer) === client.group) return
        tracker.recordReceive(writer, value, at)
      })
    }
  }
}

/** Drives every client for `ms` (one move per client per `periodMs`, spread evenly); CPU % of each pid meanwhile. */
export async function drive(clients: LoadClient[], tracker: DeliveryTracker, ms: number, pids: number[], periodMs = 1000): Promise<number[]> {
  const before = pids.map((pid) => procFigures(pid)?.cpuMs ?? 0)
  const started = performance.now()
  const next = clients.map((_, i) => started + (i / clients.length) * periodMs)
  let sends = 0
  tracker.start()
  const driver = setInterval(() => {
    const now = performance.now()
    for (let i = 0; i < clients.length; i++) {
      if (now < (next[i] as number)) continue
      next[i] = (next[i] as number) + periodMs
      const client = clients[i] as LoadClient
      const stamp = stampNow()
      tracker.recordSend(client.peer.clientID, stamp)
      moveNote(client.peer.doc, client.noteId, { x: stamp, y: 200 + (sends++ % 97) })
    }
  }, 5)
  await sleep(ms)
  clearInterval(driver)
  tracker.stop()
  const wall = performance.now() - started
  return pids.map((pid, i) => (((procFigures(pid)?.cpuMs ?? 0) - (before[i] as number)) / wall) * 100)
}

/** Waits up to `ms` for the last deliveries. */
export async function drain(tracker: DeliveryTracker, ms = 3000): Promise<void> {
  const deadline = performance.now() + ms
  while (performance.now() < deadline && tracker.summary().missing > 0) await sleep(100)
}

/** Clients the server closed on us, with the reasons seen ("4403 … ×12"), or '' when none. */
export function closedByServer(clients: LoadClient[]): string {
  const reasons = new Map<string, number>()
  for (const c of clients) if (c.peer.unexpectedCloses > 0) reasons.set(c.peer.lastClose ?? '?', (reasons.get(c.peer.lastClose ?? '?') ?? 0) + 1)
  return [...reasons].map(([reason, n]) => `${reason} ×${n}`).join(', ')
}

export async function closeClients(clients: LoadClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.peer.close()))
}
