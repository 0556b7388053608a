/**
 * What the reliability suite (tests/reliability) shares: a Horizon server in its own process
 * that can be killed and started again on the same port and DATA_DIR (bench/lib/server.ts:
 * --expose-gc, heap and event-loop figures over IPC), the state of a workshop as one string,
 * the invariants every converged workshop keeps, and what storage holds, read directly.
 */
import * as Y from 'yjs'
import { afterEach } from 'vitest'
import { startBenchServer, type BenchServer } from '../../bench/lib/server'
import type { Config } from '../../server/config'
import { openSqliteReader } from '../../server/storage/sqlite'
import { docFromStored } from '../../server/storage/docLoader'
import { listClusters } from '../../shared/board/cluster'
import { listLanes } from '../../shared/board/lane'
import { listNotes } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { listRoadmap } from '../../shared/deliver/roadmap'
import { compareOrdered } from '../../shared/order'
import { listRounds } from '../../shared/voting/round'
import { tallyRound } from '../../shared/voting/tally'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { CLOSE } from '../../shared/roles'
import type { Client } from './server'

export { BENCH_SECRET } from '../../bench/lib/server'

/**
 * A server process of the suite that outlives restarts: `restart` brings a new process up on
 * the same port and DATA_DIR, after a SIGKILL (`kill: true`) or a graceful close.
 */
export interface ChildHorizon {
  readonly current: BenchServer
  readonly url: string
  readonly wsUrl: string
  readonly dataDir: string
  restart(options?: { kill?: boolean }): Promise<void>
  /** Down until `up()`: SIGKILL or graceful. */
  down(options?: { kill?: boolean }): Promise<void>
  up(): Promise<void>
  close(): Promise<void>
}

const running = new Set<ChildHorizon>()

/** Kills every suite server still running after each test. */
export function childServers(): { start(config?: Partial<Config>, dataDir?: string): Promise<ChildHorizon> } {
  afterEach(async () => {
    await Promise.all([...running].map((server) => server.close()))
  })
  return { start: startChildHorizon }
}

/** startBenchServer, tried again when the process did not come up in time (tsx on a loaded machine). */
async function startWithRetries(options: Parameters<typeof startBenchServer>[1]): Promise<BenchServer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startBenchServer('horizon', options)
    } catch (error) {
      if (attempt >= 2) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

export async function startChildHorizon(config: Partial<Config> = {}, dataDir?: string): Promise<ChildHorizon> {
  let server: BenchServer | undefined = await startWithRetries({ config, ...(dataDir !== undefined && { dataDir }) })
  const first = server
  const port = server.port
  const dir = server.dataDir
  const handle: ChildHorizon = {
    get current() {
      if (!server) throw new Error('the server is down')
      return server
    },
    url: first.url,
    wsUrl: first.wsUrl,
    dataDir: dir,
    async down({ kill = true } = {}) {
      if (!server) return
      const stopping = server
      server = undefined
      if (kill) await stopping.kill()
      else await stopping.close({ keepData: true })
    },
    async up() {
      if (server) return
      // The port was just given up; a few tries (also for a slow start).
      server = await startWithRetries({ config, dataDir: dir, port })
    },
    async restart(options) {
      await handle.down(options)
      await handle.up()
    },
    async close() {
      running.delete(handle)
      if (server) await server.kill()
      server = undefined
      // Only the first process owns (and removes) the directory.
      await first.close()
    },
  }
  running.add(handle)
  return handle
}

/** The whole workshop as the JSON export reads it: equal strings, equal workshops. */
export function workshopState(board: Y.Doc, control: Y.Doc = new Y.Doc()): string {
  return JSON.stringify(workshopToJson(board, control))
}

/** The documents of a workshop as storage holds them (read-only, beside or after a server). */
export function storedDocs(dataDir: string, workshopId: string, names: readonly string[] = ['board', 'control']): Record<string, Y.Doc> {
  const reader = openSqliteReader(dataDir)
  try {
    const stored = reader.loadDocs(workshopId, names)
    return Object.fromEntries(
      names.map((name) => {
        const doc = new Y.Doc()
        docFromStored(stored[name]!, (error) => {
          throw error
        }, doc)
        return [name, doc]
      }),
    )
  } finally {
    reader.close()
  }
}

/**
 * The invariants of a converged workshop; returns what is broken (empty: all hold).
 * - No orphan notes: a note's stage, lane and cluster exist.
 * - Ordered records (stages, lanes, roadmap items) appear once each, with finite orders, in one
 *   order every peer agrees on (equal orders are allowed by design: ties go by id, order.ts).
 * - The template is there once: no default stage or lane twice.
 * - Votes: what the tally counts stays within each round's limits.
 * - Nothing pending: every struct is integrated.
 */
export function invariantViolations(board: Y.Doc, control: Y.Doc): string[] {
  const problems: string[] = []
  const stages = listStages(board)
  const lanes = listLanes(board)
  const stageIds = new Set(stages.map((s) => s.id))
  const laneIds = new Set(lanes.map((l) => l.id))
  const clusterIds = new Set(listClusters(board).map((c) => c.id))
  for (const note of listNotes(board)) {
    if (note.stageId !== undefined && !stageIds.has(note.stageId)) problems.push(`note ${note.id} is in a stage that does not exist`)
    if (note.laneId !== undefined && !laneIds.has(note.laneId)) problems.push(`note ${note.id} is in a lane that does not exist`)
    if (note.clusterId !== undefined && !clusterIds.has(note.clusterId)) problems.push(`note ${note.id} is in a cluster that does not exist`)
  }
  const ordered = { stages, lanes, roadmap: listRoadmap(board) }
  for (const [name, items] of Object.entries(ordered)) {
    const ids = items.map((item) => item.id)
    if (new Set(ids).size !== ids.length) problems.push(`${name}: an item is listed twice`)
    if (items.some((item) => !Number.isFinite(item.order))) problems.push(`${name}: an order is not a finite number`)
    const sorted = [...items].sort(compareOrdered)
    if (name !== 'roadmap' && sorted.some((item, i) => item.id !== items[i]?.id)) problems.push(`${name}: not listed in its agreed order`)
  }
  for (const [name, items] of Object.entries({ stages, lanes })) {
    const titles = items.map((item) => item.title).filter((title) => !/^(stage|lane) /.test(title))
    if (new Set(titles).size !== titles.length) problems.push(`${name}: a template ${name.slice(0, -1)} is there twice`)
  }
  for (const round of listRounds(control)) {
    const tally = tallyRound(board, round)
    for (const [participant, used] of tally.usedByParticipant) {
      if (used > round.votesPerPerson) problems.push(`round ${round.id}: ${participant} counts ${used} dots, over ${round.votesPerPerson}`)
    }
    for (const entry of tally.ranking) {
      if (entry.votes > entry.voters * round.maxPerTarget) problems.push(`round ${round.id}: ${entry.targetId} counts over the limit per target`)
    }
  }
  for (const [name, doc] of Object.entries({ board, control })) {
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) problems.push(`${name}: pending structs`)
  }
  return problems
}

/** Close codes after which a stock client can never sync again as it is (the server refused a change). */
const REFUSED = new Set<number>([CLOSE.forbidden, CLOSE.badMessage, CLOSE.docTooLarge])

/** The refusals a client was closed with (each should be none in a fuzz of allowed changes). */
export function refusals(client: Client): string[] {
  return client.closes.filter((c) => REFUSED.has(c.code)).map((c) => `${c.code} ${c.reason}`)
}
