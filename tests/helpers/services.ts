/**
 * PostgreSQL and Redis for the tests that need them (real ones, never mocks). A missing service
 * skips those tests with one loud line on a person's machine and fails them under CI=true or
 * HORIZON_REQUIRE_SERVICES=1 (what .ci/run sets).
 *
 * - PostgreSQL: PG_TEST_URL (default postgres://postgres@127.0.0.1:5432/test). Each suite gets a
 *   database of its own (`freshDatabase`), dropped afterwards, so parallel runs and other
 *   people's tests never see each other's rows.
 * - Redis: REDIS_TEST_URL (default redis://127.0.0.1:6379) with a key prefix per test; or a
 *   redis-server of the test's own on a free port (`startRedis`), which it may stop and start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import net from 'node:net'
import { Redis } from 'ioredis'
import pg from 'pg'
import { nanoid } from 'nanoid'

export const PG_TEST_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379'

const required = () => process.env.CI === 'true' || process.env.HORIZON_REQUIRE_SERVICES === '1'

/** Whether `name` may be used; throws under CI when it cannot, else says loudly why it is skipped. */
function usable(name: string, error: unknown): boolean {
  if (error === undefined) return true
  const why = error instanceof Error ? error.message : String(error)
  if (required()) throw new Error(`${name} is required here (CI=true or HORIZON_REQUIRE_SERVICES=1) but unreachable: ${why}`)
  console.warn(`\n!!! SKIPPING ${name.toUpperCase()} TESTS: ${name} unreachable (${why}) !!!\n`)
  return false
}

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 3000 })
  let failure: unknown
  try {
    await client.connect()
    await client.query('SELECT 1')
  } catch (error) {
    failure = error ?? new Error('unknown error')
  } finally {
    await client.end().catch(() => undefined)
  }
  return usable(`PostgreSQL at ${PG_TEST_URL.replace(/\/\/[^@]*@/, '//')}`, failure)
}

export async function redisAvailable(url = REDIS_TEST_URL): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 })
  redis.on('error', () => undefined)
  let failure: unknown
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    failure = error ?? new Error('unknown error')
  } finally {
    redis.disconnect()
  }
  return usable(`Redis at ${url}`, failure)
}

/** Whether a redis-server binary is here to start one of the test's own. */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0
}

export interface TestDatabase {
  url: string
  name: string
  /** Runs SQL on the maintenance database (the one PG_TEST_URL names). */
  admin(sql: string): Promise<void>
  drop(): Promise<void>
}

/** A new, empty database for one suite. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `horizon_t_${nanoid(10).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: PG_TEST_URL })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(PG_TEST_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    admin,
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

/** A key prefix no other test uses. */
export function redisPrefix(): string {
  return `horizon-test:${nanoid(8)}:`
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface OwnRedis {
  url: string
  port: number
  start(): Promise<void>
  /** Stops it at once, losing everything (no persistence), as a crash would. */
  stop(): Promise<void>
}

/** A redis-server of this test's own on a free port, without persistence. */
export async function startRedis(): Promise<OwnRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const own: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
      const deadline = Date.now() + 10_000
      for (;;) {
        const up = await new Promise<boolean>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => {
            socket.end()
            resolve(true)
          })
          socket.on('error', () => resolve(false))
        })
        if (up) return
        if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    async stop() {
      const running = child
      child = undefined
      if (!running || running.exitCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
    },
  }
  await own.start()
  return own
}

export interface Proxy {
  url: string
  wsUrl: string
  close(): Promise<void>
}

/**
 * A TCP load balancer in miniature (what HAProxy or nginx does in front of two instances, with
 * no sticky sessions): each connection goes to the first backend of `backends()` that accepts
 * it. An instance that died refuses connections, and its clients land on the next one.
 */
export async function failoverProxy(backends: () => number[]): Promise<Proxy> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    client.pause()
    const tryNext = (ports: number[]) => {
      const [port, ...rest] = ports
      if (port === undefined) {
        client.destroy()
        return
      }
      const upstream = net.connect(port, '127.0.0.1')
      let connected = false
      upstream.once('connect', () => {
        connected = true
        sockets.add(upstream)
        client.pipe(upstream)
        upstream.pipe(client)
        client.resume()
      })
      upstream.on('error', () => {
        if (!connected) tryNext(rest)
        else client.destroy()
      })
      upstream.on('close', () => {
        sockets.delete(upstream)
        if (connected) client.destroy()
      })
      client.on('close', () => upstream.destroy())
    }
    tryNext(backends())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export interface Instance {
  url: string
  wsUrl: string
  child: ChildProcess
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output(): string
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * A Horizon instance in a child process, started as `npm run serve` starts one (like
 * child.ts's spawnServer, with more time to start: several start at once, with PostgreSQL and
 * Redis to reach, on a machine others share).
 */
export function spawnInstance(env: Record<string, string>, timeoutMs = 90_000): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/[^\s]+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ url: match[1], wsUrl: match[1].replace(/^http/, 'ws'), child, exited, output: () => output })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then(({ code }) => {
      clearTimeout(timer)
      reject(new Error(`instance exited with ${code} before listening:\n${output}`))
    })
  })
}
