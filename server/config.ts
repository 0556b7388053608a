/** Server configuration from the environment (see README "Configuration"). */
import { DEFAULT_MAX_IMPORT_BYTES } from '../shared/limits'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface Config {
  port: number
  host: string
  dataDir: string
  /** HMAC secret for tokens; generated and kept in dataDir when unset. */
  secret: string | undefined
  /** PostgreSQL instead of SQLite (postgres://…): the store several instances share. */
  databaseUrl: string | undefined
  /** Redis (redis://…) to fan updates and presence out between instances; needs DATABASE_URL. */
  redisUrl: string | undefined
  /** Connections one instance holds to PostgreSQL at most. */
  pgPoolMax: number
  /**
   * Whether an append waits for PostgreSQL to flush its WAL to disk before the update is relayed
   * (synchronous_commit on). Off by default: the row is committed — every instance reads it —
   * before the relay, and only a crash of PostgreSQL or of the machine can take the last
   * ~0.6 s of appends, the same class of guarantee as SQLite's WAL with synchronous=NORMAL.
   */
  pgSynchronousCommit: boolean
  /** Prefix of this deployment's Redis keys (deployments may share a Redis). */
  redisPrefix: string
  /** Where the built client lives (vite build output). */
  clientDir: string
  /** Largest websocket message accepted. */
  maxPayloadBytes: number
  /** Largest JSON request body accepted. */
  maxBodyBytes: number
  /** Largest body of an import (POST /api/workshops/import, a whole exported workshop). */
  maxImportBytes: number
  /** Largest stored size of one document (updates since the last snapshot included). */
  maxDocBytes: number
  /** What a client may have queued for processing before it is cut off. */
  maxQueuedBytes: number
  /** What may wait in a client's send buffer before it counts as too slow and is cut off. */
  maxBufferedBytes: number
  /** New websocket connections per IP per minute (a whole office may share one address). */
  connectionsPerMinute: number
  /** REST calls that create something (workshops, joins) per IP per minute. */
  createsPerMinute: number
  /** Wrong join codes per IP per minute before further attempts are refused. */
  joinFailuresPerMinute: number
  /** Compact a document's log into one snapshot after this many appended updates. */
  compactEvery: number
  /** Interval of websocket pings (a client answers each with a pong; see pingTimeoutMs). */
  pingIntervalMs: number
  /**
   * A connection from which nothing (no pong, no message) arrived for this long is cut off (ms),
   * its presence removed for everyone: a laptop that went to sleep, a network that dropped
   * without a close. Checked at every ping, so it takes effect within timeout + interval.
   */
  pingTimeoutMs: number
  /** What a client may send before its connection has joined its document's room (bytes). */
  maxPreAcceptBytes: number
  /** Awareness (presence) changes are batched and sent once per tick. */
  awarenessTickMs: number
  /** One connection gets a full-state answer to sync step 1 at most this often (ms). */
  step1IntervalMs: number
}

const here = path.dirname(fileURLToPath(import.meta.url))

export const DEFAULTS: Config = {
  port: 8080,
  host: '127.0.0.1',
  dataDir: path.resolve('data'),
  secret: undefined,
  databaseUrl: undefined,
  redisUrl: undefined,
  pgPoolMax: 10,
  pgSynchronousCommit: false,
  redisPrefix: 'horizon:',
  clientDir: path.resolve(here, '../dist/client'),
  maxPayloadBytes: 4 * 1024 * 1024,
  maxBodyBytes: 64 * 1024,
  maxImportBytes: DEFAULT_MAX_IMPORT_BYTES,
  maxDocBytes: 64 * 1024 * 1024,
  maxQueuedBytes: 16 * 1024 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
  connectionsPerMinute: 1200,
  createsPerMinute: 600,
  joinFailuresPerMinute: 30,
  compactEvery: 500,
  pingIntervalMs: 30_000,
  pingTimeoutMs: 60_000,
  maxPreAcceptBytes: 256 * 1024,
  awarenessTickMs: 30,
  step1IntervalMs: 2000,
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  }
  return value
}

function onOffFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase()
  if (raw === undefined) return fallback
  if (raw === 'on' || raw === 'true' || raw === '1') return true
  if (raw === 'off' || raw === 'false' || raw === '0') return false
  throw new Error(`${name} must be on or off, got ${JSON.stringify(env[name])}`)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

function urlFromEnv(env: NodeJS.ProcessEnv, name: string, schemes: readonly string[]): string | undefined {
  const raw = nonEmpty(env[name])
  if (raw === undefined) return undefined
  let scheme: string
  try {
    scheme = new URL(raw).protocol.replace(/:$/, '')
  } catch {
    throw new Error(`${name} must be a URL (${schemes.map((s) => `${s}://…`).join(' or ')})`)
  }
  if (!schemes.includes(scheme)) throw new Error(`${name} must be a URL (${schemes.map((s) => `${s}://…`).join(' or ')}), got ${scheme}://…`)
  return raw
}

/**
 * What running several instances needs beyond the single-process default: one store they
 * share (DATABASE_URL) under the fan-out, and one SECRET (tokens signed by one instance are
 * checked by the others; a generated one lives in one instance's DATA_DIR).
 */
export function checkScaleout(config: Pick<Config, 'databaseUrl' | 'redisUrl' | 'secret'>): void {
  if (config.redisUrl && !config.databaseUrl) {
    throw new Error('REDIS_URL needs DATABASE_URL: instances that fan out to each other must share one PostgreSQL store (each SQLite file would hold only its own part)')
  }
  if (config.redisUrl && !config.secret) {
    throw new Error('REDIS_URL needs SECRET, the same on every instance: each would otherwise generate its own and refuse the others\' tokens')
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    ...DEFAULTS,
    port: intFromEnv(env, 'PORT', DEFAULTS.port, 0),
    host: nonEmpty(env.HOST) ?? DEFAULTS.host,
    dataDir: path.resolve(nonEmpty(env.DATA_DIR) ?? DEFAULTS.dataDir),
    secret: nonEmpty(env.SECRET),
    databaseUrl: urlFromEnv(env, 'DATABASE_URL', ['postgres', 'postgresql']),
    redisUrl: urlFromEnv(env, 'REDIS_URL', ['redis', 'rediss']),
    pgPoolMax: intFromEnv(env, 'PG_POOL_MAX', DEFAULTS.pgPoolMax, 1),
    pgSynchronousCommit: onOffFromEnv(env, 'PG_SYNCHRONOUS_COMMIT', DEFAULTS.pgSynchronousCommit),
    redisPrefix: nonEmpty(env.REDIS_PREFIX) ?? DEFAULTS.redisPrefix,
    clientDir: path.resolve(nonEmpty(env.CLIENT_DIR) ?? DEFAULTS.clientDir),
    maxPayloadBytes: intFromEnv(env, 'MAX_PAYLOAD_BYTES', DEFAULTS.maxPayloadBytes, 1024),
    maxBodyBytes: intFromEnv(env, 'MAX_BODY_BYTES', DEFAULTS.maxBodyBytes, 1024),
    maxImportBytes: intFromEnv(env, 'MAX_IMPORT_BYTES', DEFAULTS.maxImportBytes, 1024),
    maxDocBytes: intFromEnv(env, 'MAX_DOC_BYTES', DEFAULTS.maxDocBytes, 1024),
    connectionsPerMinute: intFromEnv(env, 'CONNECTIONS_PER_MINUTE', DEFAULTS.connectionsPerMinute, 1),
    createsPerMinute: intFromEnv(env, 'CREATES_PER_MINUTE', DEFAULTS.createsPerMinute, 1),
    joinFailuresPerMinute: intFromEnv(env, 'JOIN_FAILURES_PER_MINUTE', DEFAULTS.joinFailuresPerMinute, 1),
    compactEvery: intFromEnv(env, 'COMPACT_EVERY', DEFAULTS.compactEvery, 1),
    pingIntervalMs: intFromEnv(env, 'PING_INTERVAL_MS', DEFAULTS.pingIntervalMs, 10),
    // Unset, the timeout follows the interval: two pings missed.
    pingTimeoutMs: intFromEnv(env, 'PING_TIMEOUT_MS', 2 * intFromEnv(env, 'PING_INTERVAL_MS', DEFAULTS.pingIntervalMs, 10), 10),
  }
}
