/** Wires the pieces into one HTTP + WebSocket server. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { CLOSE } from '../shared/roles'
import type { Config } from './config'
import { createHttpHandler } from './http/handler'
import { createImporter } from './http/importWorker'
import { consoleLogger, type Logger } from './log'
import { createRateLimits } from './ratelimit'
import { RoomRegistry } from './sync/workshopRoom'
import { openSqliteStorage } from './storage/sqlite'
import type { Storage } from './storage/types'
import { attachSync } from './sync/socket'
import { createTokenService, resolveSecret } from './tokens'

export interface HorizonServer {
  readonly url: string
  readonly port: number
  readonly storage: Storage
  stats(): { connections: number; workshopsLoaded: number }
  /** Stops accepting, closes every socket with a reason, flushes storage. */
  close(reason?: string): Promise<void>
}

export async function startServer(config: Config, log: Logger = consoleLogger): Promise<HorizonServer> {
  if (config.databaseUrl || config.redisUrl) {
    throw new Error(
      'DATABASE_URL and REDIS_URL (PostgreSQL storage and Redis fan-out for several instances) are not implemented yet; ' +
        'unset them to run one instance on SQLite in DATA_DIR',
    )
  }
  const storage = openSqliteStorage(config.dataDir)
  const tokens = createTokenService(resolveSecret(config.secret, config.dataDir))
  const limits = createRateLimits({
    connections: config.connectionsPerMinute,
    creates: config.createsPerMinute,
    joinFailures: config.joinFailuresPerMinute,
  })
  const rooms = new RoomRegistry({
    storage,
    maxDocBytes: config.maxDocBytes,
    compactEvery: config.compactEvery,
    awarenessTickMs: config.awarenessTickMs,
    step1IntervalMs: config.step1IntervalMs,
    log,
  })
  const importer = createImporter()
  // The HTTP handler closes revoked connections (a removed participant) through the sync server,
  // which is attached to the HTTP server once that exists (below; requests arrive only after listen).
  const server = http.createServer(
    createHttpHandler({
      storage,
      tokens,
      rooms,
      limits,
      log,
      maxBodyBytes: config.maxBodyBytes,
      maxImportBytes: config.maxImportBytes,
      importer,
      clientDir: config.clientDir,
      publicUrl: process.env.PUBLIC_URL,
      closeConnections: (match, code, reason) => sync.closeWhere(match, code, reason),
    }),
  )
  server.headersTimeout = 20_000
  server.requestTimeout = 30_000
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  const sync = attachSync(
    server,
    {
      maxPayloadBytes: config.maxPayloadBytes,
      maxQueuedBytes: config.maxQueuedBytes,
      maxBufferedBytes: config.maxBufferedBytes,
      pingIntervalMs: config.pingIntervalMs,
      pingTimeoutMs: config.pingTimeoutMs,
      maxPreAcceptBytes: config.maxPreAcceptBytes,
    },
    { tokens, storage, rooms, limits, log },
  )

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  let closing: Promise<void> | undefined

  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    storage,
    stats: () => ({ connections: sync.connections, workshopsLoaded: rooms.loadedCount }),
    close(reason = 'server shutting down') {
      closing ??= (async () => {
        server.close()
        sync.closeAll(CLOSE.goingAway, reason)
        // Give clients a moment to receive the close frame, then cut the rest.
        const deadline = Date.now() + 2000
        while (sync.connections > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
        sync.stop()
        server.closeAllConnections()
        await importer.close()
        await rooms.closeAll()
        await storage.close()
      })()
      return closing
    },
  }
}
