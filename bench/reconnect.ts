/**
 * Reconnection storm: 300 clients in one room (real participant tokens, SQLite), every one of
 * them cut off at once, each moving its note while offline, then reconnecting by itself with
 * y-websocket's backoff (100 ms, doubling after each failed attempt, 2.5 s at most).
 * Converged: every client is back, synced, and has every other client's offline change.
 * - network drop: every client's socket is destroyed without a close frame;
 * - server restart: the server process is killed (SIGKILL) and started again on the same port
 *   and DATA_DIR; what it had relayed comes back from storage.
 * Clients: 5 stock providers (Y.Doc, apply everything) and 295 LitePeers that reconnect the
 * same way and come back announcing the state vector they held (a browser's local copy). One
 * more run uses 300 stock providers — end to end, but then one process applies 300 × 299
 * updates into 300 documents (Yjs computes a state vector over all 300 client ids on every
 * transaction), and that process, not the server, sets the time: its CPU is in the note.
 * Goal: converged within 10 s.
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { boardMaps } from '../shared/board/board-doc'
import { addNote, moveNote } from '../shared/board/note'
import { removeDir, tempDir } from './lib/cleanup'
import { ClientLoad, fmt, quietMachine, sleep, waitUntil } from './lib/measure'
import { FullClient, LitePeer } from './lib/peer'
import { ServerWindow, startBenchServer, type BenchServer, type WindowFigures } from './lib/server'
import { connectAll, openRoom } from './lib/workshops'
import type { BenchContext, BenchResult } from './lib/bench'

type Variant = 'network drop' | 'server restart'

/** What a LitePeer has received: the highest clock per client, from every update and sync step 2. */
class Seen {
  readonly clocks = new Map<number, number>()
  add(update: Uint8Array): void {
    // (Y.encodeStateVectorFromUpdate counts only runs that start at clock 0: not for increments.)
    for (const struct of Y.decodeUpdate(update).structs) {
      if (struct instanceof Y.Skip) continue
      const end = struct.id.clock + struct.length
      if (end > (this.clocks.get(struct.id.client) ?? 0)) this.clocks.set(struct.id.client, end)
    }
  }
}

async function storm(ctx: BenchContext, n: number, variant: Variant, providers: number): Promise<BenchResult> {
  const dataDir = tempDir('horizon-bench-reconnect-')
  let server: BenchServer | undefined
  const fulls: FullClient[] = []
  const lites: LitePeer[] = []
  const seen = new Map<LitePeer, Seen>()
  try {
    server = await startBenchServer('horizon', { dataDir })
    const room = await openRoom(server, n, 'Reconnect storm')
    const label = providers === n ? `${n} stock providers` : `${providers} stock providers + ${n - providers} lite`
    ctx.log(`${variant}: connecting ${label}`)
    for (let start = 0; start < providers; start += 50) {
      const batch = Array.from({ length: Math.min(50, providers - start) }, (_, k) => new FullClient(room.serverUrl, 'board', room.tokens[start + k]))
      fulls.push(...batch)
      await Promise.all(batch.map((client) => client.synced()))
    }
    for (let i = providers; i < n; i++) {
      const lite = new LitePeer(room.boardUrl(i))
      const mine = new Seen()
      lite.handlers.onUpdate = (update) => mine.add(update)
      lite.handlers.onSyncStep2 = (update) => mine.add(update)
      seen.set(lite, mine)
      lites.push(lite)
    }
    const notes = new Map<Y.Doc, string>()
    for (const [i, doc] of [...fulls.map((f) => f.doc), ...lites.map((l) => l.doc)].entries()) {
      notes.set(doc, addNote(doc, { text: `Note of client ${i + 1}`, x: 0, y: i * 10 }))
    }
    await connectAll(lites)
    await Promise.all(lites.map((lite) => lite.roundTrip()))
    const reference = fulls[0] as FullClient
    await waitUntil(() => fulls.every((client) => boardMaps(client.doc).notes.size >= n), 60_000, 'every provider to hold every note', 100)
    await sleep(500)
    // What every client holds before the cut; LitePeers announce it when they come back.
    const held = Y.encodeStateVector(reference.doc)
    for (const lite of lites) {
      lite.announce = held
      lite.autoReconnect = true
      for (const [client, clock] of Y.decodeStateVector(held)) seen.get(lite)?.clocks.set(client, clock)
    }

    // A client counts as back once it went down and then synced again.
    const resynced = new Set<object>()
    let cut = 0
    let allBackMs = 0
    const back = (client: object) => {
      if (resynced.has(client)) return
      resynced.add(client)
      if (resynced.size === n) allBackMs = performance.now() - cut
    }
    const down = new Set<FullClient>()
    for (const client of fulls) {
      client.provider.on('status', ({ status }) => {
        if (status === 'disconnected') down.add(client)
      })
      client.provider.on('sync', (synced) => {
        if (synced && down.has(client)) back(client)
      })
    }
    for (const lite of lites) lite.handlers.onReconnected = () => back(lite)

    const load = new ClientLoad()
    let window = new ServerWindow(server)
    if (variant === 'network drop') await window.start()
    load.start()
    cut = performance.now()
    const port = server.port
    if (variant === 'network drop') {
      for (const client of fulls) client.drop()
      for (const lite of lites) lite.drop()
    } else {
      await server.kill()
    }
    // Everyone moves its note while offline.
    for (const doc of [...fulls.map((f) => f.doc), ...lites.map((l) => l.doc)]) moveNote(doc, notes.get(doc) as string, { x: 500, y: 10 })
    const expected = new Map<number, number>([...fulls.map((f) => f.doc), ...lites.map((l) => l.doc)].map((doc) => [doc.clientID, Y.getState(doc.store, doc.clientID)]))
    let restartedMs = 0
    if (variant === 'server restart') {
      server = await startBenchServer('horizon', { dataDir, port })
      restartedMs = performance.now() - cut
      window = new ServerWindow(server)
      await window.start()
    }
    const complete = (clocks: (client: number) => number, self: number) => {
      for (const [writer, clock] of expected) if (writer !== self && clocks(writer) < clock) return false
      return true
    }
    const converged = () =>
      fulls.every((client) => resynced.has(client) && complete((w) => Y.getState(client.doc.store, w), client.clientID)) &&
      lites.every((lite) => {
        const clocks = (seen.get(lite) as Seen).clocks
        return resynced.has(lite) && complete((w) => clocks.get(w) ?? 0, lite.clientID)
      })
    const timeoutMs = Number(process.env.BENCH_RECONNECT_TIMEOUT_MS ?? 60_000)
    let ok = true
    while (!converged()) {
      if (performance.now() - cut > timeoutMs) {
        ok = false
        break
      }
      await sleep(20)
    }
    const convergedMs = performance.now() - cut
    if (!ok && process.env.BENCH_DEBUG) {
      for (const client of fulls) {
        const missing = [...expected].filter(([w, c]) => w !== client.clientID && Y.getState(client.doc.store, w) < c)
        ctx.log(`provider ${client.clientID}: back ${resynced.has(client)}, missing ${missing.length}: ${missing.slice(0, 3).map(([w, c]) => `${w}@${c} has ${Y.getState(client.doc.store, w)}`).join(', ')}`)
      }
      for (const lite of lites.slice(0, 3)) {
        const clocks = (seen.get(lite) as Seen).clocks
        const missing = [...expected].filter(([w, c]) => w !== lite.clientID && (clocks.get(w) ?? 0) < c)
        ctx.log(`lite ${lite.clientID}: back ${resynced.has(lite)}, missing ${missing.length}: ${missing.slice(0, 3).map(([w, c]) => `${w}@${c} has ${clocks.get(w)}`).join(', ')}`)
      }
    }
    const clientLoad = load.stop()
    const serverFigures: WindowFigures = await window.stop()
    const vectors = new Set(fulls.map((client) => Buffer.from(Y.encodeStateVector(client.doc)).toString('base64')))
    const closes = fulls.reduce((sum, client) => sum + client.unexpectedCloses.length, 0) + lites.reduce((sum, lite) => sum + lite.unexpectedCloses.length, 0)
    ctx.log(
      `${variant}, ${label}: converged ${ok ? `in ${fmt(convergedMs)} ms` : `NOT within ${timeoutMs / 1000} s`}; all back ${fmt(allBackMs)} ms; ` +
        `server CPU ${fmt(serverFigures.cpuPercent, 0)} %, loop max ${fmt(serverFigures.loopMax)} ms; clients CPU ${fmt(clientLoad.cpuPercent, 0)} %`,
    )
    return {
      name: `reconnect ${label}, ${variant}: converged`,
      value: convergedMs / 1000,
      unit: 's',
      goal: '< 10 s',
      met: ok && convergedMs < 10_000,
      note:
        (ok ? '' : `NOT converged within ${timeoutMs / 1000} s; `) +
        `all ${n} back and synced after ${fmt((allBackMs || convergedMs) / 1000, 2)} s` +
        (variant === 'server restart' ? ` (new server listening after ${fmt(restartedMs / 1000, 2)} s)` : '') +
        `; server CPU ${fmt(serverFigures.cpuPercent, 0)} %, event loop max ${fmt(serverFigures.loopMax)} ms; ` +
        `clients CPU ${fmt(clientLoad.cpuPercent, 0)} %, other processes ${fmt(Math.max(0, clientLoad.machinePercent - clientLoad.cpuPercent - serverFigures.cpuPercent), 0)} %; ` +
        `${vectors.size === 1 ? 'providers identical' : `${vectors.size} different state vectors among providers`}; ` +
        (variant === 'server restart' ? `${closes} failed attempts and closes while the server was down` : `${closes} other closes`),
    }
  } finally {
    for (const client of fulls) client.destroy()
    for (const lite of lites) lite.terminate()
    await server?.close()
    removeDir(dataDir)
  }
}

export async function reconnectBench(ctx: BenchContext): Promise<BenchResult[]> {
  const n = ctx.smoke ? 20 : 300
  const runs: Array<[Variant, number]> = [
    ['network drop', Math.min(5, n)],
    ['server restart', Math.min(5, n)],
    ['network drop', n],
  ]
  const results: BenchResult[] = []
  for (const [variant, providers] of runs) {
    if (!ctx.smoke) await quietMachine(ctx.log)
    results.push(await storm(ctx, n, variant, providers))
  }
  return results
}
