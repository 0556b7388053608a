/** Wires the pieces into one HTTP + WebSocket server. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { CLOSE } from '../shared/roles'
import { checkScaleout, type Config } from './config'
import { createHttpHandler } from './http/handler'
import { createImporter } from './http/importWorker'
import { consoleLogger, type Logger } from './log'
import { createRateLimits } from './ratelimit'
import { RoomRegistry } from './sync/workshopRoom'
import { openSqliteStorage } from './storage/sqlite'
import type { Storage } from './storage/types'
import { attachSync } from './sync/socket'
import { closeRevoked, withRevocationFanout } from './sync/fanout'
import type { RedisFanout } from './sync/redisFanout'
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
  checkScaleout(config)
  // SQLite in DATA_DIR by default; PostgreSQL and Redis when several instances share the work.
  // (pg and ioredis are loaded only when configured: one instance starts as before.)
  const store = config.databaseUrl
    ? await (await import('./storage/postgres')).openPostgresStorage(config.databaseUrl, { poolMax: config.pgPoolMax, synchronousCommit: config.pgSynchronousCommit, log })
    : openSqliteStorage(config.dataDir)
  let fanout: RedisFanout | undefined
  try {
    fanout = config.redisUrl ? await (await import('./sync/redisFanout')).RedisFanout.connect(config.redisUrl, { prefix: config.redisPrefix, log }) : undefined
  } catch (error) {
    await store.close()
    throw error
  }
  // A removal or a replaced viewer link is told to every instance once the store has it.
  const storage = fanout ? withRevocationFanout(store, fanout) : store
  const tokens = createTokenService(resolveSecret(config.secret, config.dataDir))
  const limits = createRateLimits({
    connections: config.connectionsPerMinute,
    creates: config.createsPerMinute,
    joinFailures: config.joinFailuresPerMinute,
  }, fanout?.sharedCounts)
  const rooms = new RoomRegistry({
    storage,
    maxDocBytes: config.maxDocBytes,
    compactEvery: config.compactEvery,
    awarenessTickMs: config.awarenessTickMs,
    step1IntervalMs: config.step1IntervalMs,
    log,
    ...(fanout && { fanout }),
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
  fanout?.onRevocation((workshopId) => {
    closeRevoked(storage, workshopId, (match, code, reason) => sync.closeWhere(match, code, reason)).catch((error: unknown) =>
      log.error(`closing revoked connections of ${workshopId} failed`, error),
    )
  })

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
        await fanout?.close()
        await storage.close()
      })()
      return closing
    },
  }
}
