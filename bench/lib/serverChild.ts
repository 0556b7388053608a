/**
 * A server under test, alone in its own process so that the clients' load does not show up in
 * its CPU and memory figures. Started by `startBenchServer` (bench/lib/server.ts) with the spec
 * as JSON in argv[2]; answers requests over IPC:
 *   stats → CPU time, RSS, heap, event-loop delay since the last reset, connections, rooms
 *   resetLoopDelay, gc (needs --expose-gc), close (graceful; Horizon compacts and flushes).
 * kind "horizon": startServer() with SQLite in the given DATA_DIR and real tokens.
 * kind "reference": y-websocket@2's own bin/utils.cjs setupWSConnection on a plain http + ws
 * server (in memory, no auth), as `npx y-websocket` runs it.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { WebSocketServer } from 'ws'
import type { ChildReply, ChildRequest, ChildSpec, ChildStats } from './server'

const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec
/** The histogram records the whole interval between samples; the lag is what exceeds it. */
const LOOP_RESOLUTION_MS = 10
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
loop.enable()

let errors = 0
let warnings = 0
const firstProblems: string[] = []
const note = (level: string, message: string, details: unknown[]) => {
  if (firstProblems.length < 5) firstProblems.push(`${level}: ${message} ${details.map((d) => (d instanceof Error ? d.message : String(d))).join(' ')}`.trim())
}

interface Running {
  url: string
  port: number
  counts(): { connections: number; rooms: number }
  close(): Promise<void>
}

async function startHorizon(): Promise<Running> {
  const { startServer } = await import('../../server/app')
  const { DEFAULTS } = await import('../../server/config')
  const server = await startServer(
    { ...DEFAULTS, ...spec.config, port: spec.port, host: '127.0.0.1', dataDir: spec.dataDir, secret: spec.secret },
    {
      info: () => undefined,
      warn: (message, ...details) => {
        warnings++
        note('warn', message, details)
      },
      error: (message, ...details) => {
        errors++
        note('error', message, details)
      },
    },
  )
  return {
    url: server.url,
    port: server.port,
    counts: () => {
      const s = server.stats()
      return { connections: s.connections, rooms: s.workshopsLoaded }
    },
    close: () => server.close(),
  }
}

interface ReferenceUtils {
  setupWSConnection(conn: unknown, req: http.IncomingMessage, options?: { docName?: string; gc?: boolean }): void
  docs: Map<string, unknown>
}

async function startReference(): Promise<Running> {
  const require = createRequire(import.meta.url)
  const utils = require('y-websocket/bin/utils') as ReferenceUtils
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' })
    res.end('okay')
  })
  const wss = new WebSocketServer({ noServer: true })
  wss.on('connection', (ws, req: http.IncomingMessage) => utils.setupWSConnection(ws, req))
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })
  await new Promise<void>((resolve) => server.listen(spec.port, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    counts: () => ({ connections: wss.clients.size, rooms: utils.docs.size }),
    close: async () => {
      for (const ws of wss.clients) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function stats(running: Running): ChildStats {
  const cpu = process.cpuUsage()
  const mem = process.memoryUsage()
  const ms = (ns: number) => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS) : 0)
  return {
    at: performance.now(),
    cpuUs: cpu.user + cpu.system,
    rss: mem.rss,
    heapUsed: mem.heapUsed,
    heapTotal: mem.heapTotal,
    external: mem.external,
    loop: { mean: ms(loop.mean), p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    ...running.counts(),
    errors,
    warnings,
    problems: [...firstProblems],
  }
}

async function main(): Promise<void> {
  const running = spec.kind === 'horizon' ? await startHorizon() : await startReference()
  const reply = (message: ChildReply) => process.send?.(message)
  process.on('message', (raw: ChildRequest) => {
    const { id } = raw
    switch (raw.type) {
      case 'stats':
        reply({ id, stats: stats(running) })
        return
      case 'resetLoopDelay':
        loop.reset()
        reply({ id })
        return
      case 'gc': {
        const gc = (globalThis as { gc?: () => void }).gc
        gc?.()
        gc?.()
        // Let finalizers and freed pages settle before anyone reads the RSS.
        setTimeout(() => reply({ id }), 200)
        return
      }
      case 'close':
        running.close().then(
          () => {
            reply({ id })
            setTimeout(() => process.exit(0), 50)
          },
          (error: unknown) => {
            reply({ id, error: String(error) })
            setTimeout(() => process.exit(1), 50)
          },
        )
        return
    }
  })
  // The parent is gone (crashed or killed): nobody will stop us, so stop.
  process.on('disconnect', () => process.exit(0))
  reply({ id: 0, ready: { url: running.url, port: running.port } })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
