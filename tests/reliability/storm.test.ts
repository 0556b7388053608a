/**
 * Reconnection storm: 300 stock y-websocket clients in one workshop, with our client's jittered
 * backoff (client/src/sync/backoff.ts), all dropped at once (a TCP proxy between them and the
 * server cuts every connection), some editing while cut off. They must converge — every client
 * back in sync with every offline change — within 10 s, while /healthz keeps answering within
 * 1 s (the stated guarantees; everything else here is untimed). The server runs in its
 * own process and records its event-loop delay, printed here and reported by
 * `npm run bench -- --only reliability`. STORM_CLIENTS=n for another size.
 */
import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { applyJitteredBackoff } from '../../client/src/sync/backoff'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote } from '../../shared/board/note'
import { startProxy } from '../helpers/proxy'
import { childServers, refusals } from '../helpers/reliability'
import { connect, createWorkshop, joinWorkshop, synced, waitFor, type Client } from '../helpers/server'

const servers = childServers()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CLIENTS = Number(process.env.STORM_CLIENTS ?? 300)
/** One in ten edits while cut off. */
const EDITORS = Math.max(1, Math.floor(CLIENTS / 10))

describe('reconnection storm', () => {
  it(`${CLIENTS} clients dropped at once reconnect with jittered backoff and converge within 10 s; /healthz answers within 1 s throughout`, async () => {
    const server = await servers.start()
    const proxy = await startProxy(server.current.port)
    try {
      const workshop = await createWorkshop(server.url)
      const tokens: string[] = []
      for (let i = 0; i < CLIENTS; i += 20) {
        const batch = await Promise.all(Array.from({ length: Math.min(20, CLIENTS - i) }, (_, j) => joinWorkshop(server.url, workshop, `P${i + j}`)))
        tokens.push(...batch.map((joined) => joined.token))
      }
      const clients: Client[] = []
      for (let i = 0; i < CLIENTS; i += 25) {
        const batch = tokens.slice(i, i + 25).map((token) => {
          const client = connect(proxy.wsUrl, workshop.id, 'board', token)
          applyJitteredBackoff(client.provider)
          return client
        })
        clients.push(...batch)
        await Promise.all(batch.map((client) => synced(client, 30_000)))
      }
      await server.current.resetLoopDelay()

      // /healthz, straight to the server, every 100 ms through the storm, from another process.
      const poller = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/healthPoller.ts', `${server.url}/healthz`], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
      let polled = ''
      poller.stdout.on('data', (chunk: Buffer) => (polled += chunk.toString()))
      const pollerDone = new Promise<void>((resolve) => poller.once('exit', () => resolve()))
      await new Promise((resolve) => setTimeout(resolve, 1500))

      const cutAt = performance.now()
      proxy.cut()
      // Some edit while cut off (before any of them is back: the backoff waits first).
      for (let i = 0; i < EDITORS; i++) addNote(clients[i * 10]!.doc, { text: `offline ${i}`, x: i, y: 0 })
      const expected = EDITORS
      let convergedAt = 0
      try {
        await waitFor(() => clients.every((c) => c.provider.synced && boardMaps(c.doc).notes.size === expected), {
          timeout: 30_000,
          interval: 100,
          message: 'every client back in sync with every offline change',
        })
        convergedAt = performance.now()
      } finally {
        poller.stdin.end()
        await pollerDone
      }
      const health = JSON.parse(polled) as { slowest: number; answers: number; failures: number }
      const slowest = health.slowest
      expect(health.failures).toBe(0)
      expect(health.answers).toBeGreaterThan(3)
      const converged = convergedAt - cutAt
      const { loop } = await server.current.stats()
      console.log(
        `storm: ${CLIENTS} clients converged ${(converged / 1000).toFixed(2)} s after the drop; slowest /healthz ${slowest.toFixed(0)} ms; ` +
          `server event-loop delay p99 ${loop.p99.toFixed(1)} ms, max ${loop.max.toFixed(1)} ms; machine load ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
      )
      for (const client of clients) expect(refusals(client)).toEqual([])
      // The two times are the guarantees, asserted as stated — unless the machine is so
      // oversubscribed (load over 3 per core, other processes than ours) that no time measured
      // on it says anything about the server: then they are only reported, loudly.
      const load = os.loadavg()[0] ?? 0
      if (load > 3 * os.cpus().length) {
        console.warn(`\n!!! STORM TIMES NOT ASSERTED: machine load ${load.toFixed(1)} on ${os.cpus().length} cores (converged ${(converged / 1000).toFixed(2)} s, slowest /healthz ${slowest.toFixed(0)} ms) !!!\n`)
        return
      }
      expect(converged, 'converged within 10 s').toBeLessThan(10_000)
      expect(slowest, '/healthz answered within 1 s').toBeLessThan(1000)
    } finally {
      await proxy.close()
    }
  }, 300_000)
})
