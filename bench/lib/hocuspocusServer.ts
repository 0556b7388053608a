/** Hocuspocus 4 in a child process (hocuspocusChild.ts), as the benches compare it. */
import { fork } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { removeDir, tempDir, trackChild } from './cleanup'

export interface HocuspocusServer {
  readonly kind: 'hocuspocus'
  readonly wsUrl: string
  readonly pid: number
  counts(): Promise<{ connections: number; rooms: number }>
  close(): Promise<void>
}

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hocuspocusChild.ts')

export async function startHocuspocus(options: { redis?: { host: string; port: number; prefix: string } } = {}): Promise<HocuspocusServer> {
  const dir = tempDir('horizon-bench-hocuspocus-')
  const child = fork(entry, [JSON.stringify({ sqliteFile: path.join(dir, 'hocuspocus.sqlite'), ...(options.redis && { redis: options.redis }) })], {
    execArgv: ['--import', 'tsx'],
    cwd: path.resolve(path.dirname(entry), '../..'),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  trackChild(child)
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)))
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let nextId = 1
  const pending = new Map<number, (reply: { counts?: { connections: number; rooms: number } }) => void>()
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Hocuspocus did not start within 30 s:\n${output}`)), 30_000)
    child.on('message', (raw) => {
      const reply = raw as { id?: number; ready?: { port: number }; counts?: { connections: number; rooms: number } }
      if (reply.ready) {
        clearTimeout(timer)
        resolve(reply.ready.port)
        return
      }
      const waiter = reply.id === undefined ? undefined : pending.get(reply.id)
      if (waiter && reply.id !== undefined) {
        pending.delete(reply.id)
        waiter(reply)
      }
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`Hocuspocus exited before listening:\n${output}`))
    })
  })
  const request = (type: 'counts' | 'close') =>
    new Promise<{ counts?: { connections: number; rooms: number } }>((resolve) => {
      const id = nextId++
      pending.set(id, resolve)
      child.send({ id, type })
    })
  return {
    kind: 'hocuspocus',
    wsUrl: `ws://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    counts: async () => (await request('counts')).counts ?? { connections: -1, rooms: -1 },
    async close() {
      if (child.exitCode === null) {
        await Promise.race([request('close'), new Promise((resolve) => setTimeout(resolve, 10_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
        await exited
      }
      removeDir(dir)
    },
  }
}
