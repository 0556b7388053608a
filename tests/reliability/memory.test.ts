/**
 * Memory back to baseline: a server (its own process, run with --expose-gc, reporting its heap
 * over IPC: bench/lib/server.ts) opens and closes 1,000 rooms — each a real workshop, its board
 * loaded by a connection and unloaded when it leaves — and refuses 1,000 connections (bad
 * tokens). Afterwards no room is loaded, no connection is left, and the heap after a full GC is
 * within 10 % of where it was after a warm-up. MEMORY_ROOMS=n for another size.
 */
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { childServers } from '../helpers/reliability'
import { createWorkshop, rawSocket, waitFor, type CreatedWorkshop } from '../helpers/server'

const servers = childServers()
const ROOMS = Number(process.env.MEMORY_ROOMS ?? 1000)
const PARALLEL = 10

/** Opens the board of `workshop`, waits for the server's first message (it is loaded), leaves. */
async function openAndClose(wsUrl: string, workshop: CreatedWorkshop): Promise<void> {
  const ws = new WebSocket(`${wsUrl}/sync/${workshop.id}/board?token=${workshop.facilitatorToken}`)
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve())
    ws.once('error', reject)
  })
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
  ws.close()
  await closed
}

async function refused(wsUrl: string, workshop: CreatedWorkshop, i: number): Promise<void> {
  const bad = i % 2 === 0 ? 'not-a-token' : `${workshop.facilitatorToken.slice(0, -4)}AAAA`
  await rawSocket(`${wsUrl}/sync/${workshop.id}/board?token=${bad}`).then(
    (ws: WebSocket) => {
      ws.terminate()
      throw new Error('a bad token was accepted')
    },
    (error: { status?: number }) => expect(error.status).toBe(401),
  )
}

async function inBatches<T>(items: T[], run: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += PARALLEL) await Promise.all(items.slice(i, i + PARALLEL).map((item, j) => run(item, i + j)))
}

describe('memory back to baseline', () => {
  it(`opens and closes ${ROOMS} rooms and refuses ${ROOMS} connections; afterwards nothing is loaded and the heap is within 10 %`, async () => {
    const server = await servers.start()
    const t0 = Date.now()
    const workshops: CreatedWorkshop[] = new Array<CreatedWorkshop>(ROOMS + 50)
    await inBatches([...workshops.keys()], async (i) => {
      workshops[i] = await createWorkshop(server.url, { title: `Room ${i}`, template: 'journey' })
    })
    const mark = (what: string) => console.log(`memory: ${what} at ${Date.now() - t0} ms`)
    mark('created')
    const warmUp = workshops.slice(0, 50)
    const rooms = workshops.slice(50)
    const settled = async () => {
      await waitFor(
        async () => {
          const stats = await server.current.stats()
          return stats.rooms === 0 && stats.connections === 0
        },
        { timeout: 20_000, message: 'no room loaded, no connection left' },
      )
    }
    const heap = async () => {
      await server.current.gc()
      await server.current.gc()
      return (await server.current.stats()).heapUsed
    }

    // Warm-up: every code path has run once (compiled, caches filled) before the baseline.
    await inBatches(warmUp, (workshop) => openAndClose(server.wsUrl, workshop))
    await inBatches(warmUp, (workshop, i) => refused(server.wsUrl, workshop, i))
    await settled()
    const baseline = await heap()
    mark('warm')

    await inBatches(rooms, (workshop) => openAndClose(server.wsUrl, workshop))
    mark('rooms')
    await inBatches(rooms, (workshop, i) => refused(server.wsUrl, workshop, i))
    mark('refused')
    await settled()
    const after = await heap()
    const stats = await server.current.stats()
    expect(stats.errors, stats.problems.join('\n')).toBe(0)
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
    console.log(`memory: heap ${mib(baseline)} after warm-up, ${mib(after)} after ${ROOMS} rooms and ${ROOMS} refusals`)
    expect(after, `heap ${mib(after)} against ${mib(baseline)} at the start`).toBeLessThanOrEqual(baseline * 1.1)
  }, 420_000)
})
