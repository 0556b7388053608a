/**
 * Two Horizon instances (child processes, started as `npm run serve` starts one) on two ports,
 * sharing a PostgreSQL database of this run's own and a Redis (a redis-server of the test's own
 * when one is installed, else the local one under a key prefix of the test's own). Stock
 * y-websocket clients on each. PostgreSQL or Redis missing: skipped with one loud line (fails
 * under CI).
 */
import { execFileSync } from 'node:child_process'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addNote, listNotes } from '../../shared/board/note'
import { isLocked, readControl, setFlag, setPhase } from '../../shared/facilitation/control'
import { closeRound, openRound } from '../../shared/voting/round'
import { readVotes, setVote } from '../../shared/voting/vote'
import { CLOSE } from '../../shared/roles'
import { connect, createWorkshop, destroyAllClients, joinWorkshop, silentClient, synced, tempDir, TEST_SECRET, waitFor, type Client } from '../helpers/server'
import {
  failoverProxy,
  freshDatabase,
  postgresAvailable,
  REDIS_TEST_URL,
  redisAvailable,
  redisPrefix,
  redisServerInstalled,
  spawnInstance,
  startRedis,
  type Instance,
  type OwnRedis,
  type Proxy,
  type TestDatabase,
} from '../helpers/services'

const ready = (await postgresAvailable()) && (redisServerInstalled() || (await redisAvailable()))

let database: TestDatabase | undefined
let redis: OwnRedis | undefined
const children: Instance[] = []
const proxies: Proxy[] = []

beforeAll(async () => {
  if (!ready) return
  database = await freshDatabase()
  if (redisServerInstalled()) redis = await startRedis()
}, 60_000)

afterAll(async () => {
  await redis?.stop()
  await database?.drop()
})

afterEach(async () => {
  destroyAllClients()
  for (const proxy of proxies.splice(0)) await proxy.close()
  for (const child of children.splice(0)) if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL')
})

/** Two instances on the shared PostgreSQL and Redis. */
async function twoInstances(prefix = redisPrefix(), extra: Record<string, string> = {}): Promise<[Instance, Instance]> {
  const env = {
    ...extra,
    DATABASE_URL: (database as TestDatabase).url,
    REDIS_URL: redis?.url ?? REDIS_TEST_URL,
    REDIS_PREFIX: prefix,
    PG_POOL_MAX: '4',
    SECRET: TEST_SECRET,
  }
  // One after the other: two tsx start-ups at once on a busy machine take long.
  const first = await spawnInstance({ ...env, DATA_DIR: tempDir() })
  children.push(first)
  const second = await spawnInstance({ ...env, DATA_DIR: tempDir() })
  children.push(second)
  return [first, second]
}

const texts = (client: Client) => listNotes(client.doc).map((n) => n.text).sort()

const presenceNames = (client: Client) =>
  [...client.provider.awareness.getStates().entries()]
    .filter(([id, state]) => id !== client.doc.clientID && (state as { cursor?: unknown }).cursor !== undefined)
    .map(([, state]) => (state as { user?: { name?: string } }).user?.name)

describe.skipIf(!ready)('two instances sharing PostgreSQL and Redis', () => {
  it('converge on notes, votes, control state and presence; a third client on either gets everything', async () => {
    const [a, b] = await twoInstances()
    const workshop = await createWorkshop(a.url)
    const pat = await joinWorkshop(b.url, workshop, 'Pat')

    const facBoard = connect(a.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const facControl = connect(a.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const patBoard = connect(b.wsUrl, workshop.id, 'board', pat.token)
    const patControl = connect(b.wsUrl, workshop.id, 'control', pat.token)
    await Promise.all([facBoard, facControl, patBoard, patControl].map((c) => synced(c)))

    addNote(facBoard.doc, { text: 'from A', x: 1, y: 1 })
    const patsNote = addNote(patBoard.doc, { text: 'from B', x: 2, y: 2 })
    await waitFor(() => texts(facBoard).join() === 'from A,from B' && texts(patBoard).join() === 'from A,from B', { timeout: 10_000, message: 'notes on both instances' })

    // A round opened on A; Pat votes on B — B's guard reads the control document fanned out from A.
    const round = openRound(facControl.doc, { targetKind: 'note', votesPerPerson: 3 })
    setPhase(facControl.doc, 'define')
    await waitFor(() => readControl(patControl.doc).phase === 'define' && readControl(patControl.doc).activeRoundId === round, { timeout: 10_000, message: 'control state on B' })
    setVote(patBoard.doc, round, pat.participantId, patsNote, 2)
    await waitFor(() => readVotes(facBoard.doc, round, pat.participantId).get(patsNote) === 2, { timeout: 10_000, message: 'vote from B on A' })

    // Presence both ways, with the name the server gives each identity.
    // (The server puts the identity's own name in `user`, whatever the client wrote there.)
    facBoard.provider.awareness.setLocalState({ user: { name: 'anyone' }, cursor: { x: 10, y: 10 } })
    patBoard.provider.awareness.setLocalState({ user: { name: 'anyone' }, cursor: { x: 20, y: 20 } })
    await waitFor(() => presenceNames(facBoard).includes('Pat') && presenceNames(patBoard).includes('Facilitator'), { timeout: 10_000, message: 'presence across instances' })

    // A third client, on either instance, gets everything.
    for (const server of [a, b]) {
      const third = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
      const thirdControl = connect(server.wsUrl, workshop.id, 'control', workshop.viewerToken)
      await Promise.all([synced(third), synced(thirdControl)])
      await waitFor(() => texts(third).join() === 'from A,from B' && readVotes(third.doc, round, pat.participantId).get(patsNote) === 2, { timeout: 10_000, message: 'third client has the board' })
      expect(readControl(thirdControl.doc).phase).toBe('define')
      await waitFor(() => presenceNames(third).includes('Pat') && presenceNames(third).includes('Facilitator'), { timeout: 10_000, message: 'third client sees both cursors' })
      third.destroy()
      thirdControl.destroy()
    }

    // Pat leaves B: the cursor goes from A's clients too.
    patBoard.destroy()
    await waitFor(() => !presenceNames(facBoard).includes('Pat'), { timeout: 10_000, message: 'presence gone on A' })

    // `npm run export` with DATABASE_URL reads the shared store.
    const exported = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/export.ts', workshop.id, '--format', 'md'], {
      env: { ...process.env, DATABASE_URL: (database as TestDatabase).url, DATA_DIR: tempDir() },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(exported).toContain('from A')
    expect(exported).toContain('from B')
  }, 240_000)

  it('an id first written offline stays its writer’s when another instance loads the document before the writer announces it', async () => {
    const [a, b] = await twoInstances()
    const workshop = await createWorkshop(a.url)
    const pat = await joinWorkshop(a.url, workshop, 'Pat')
    const sam = await joinWorkshop(b.url, workshop, 'Sam')
    // Pat's note made offline comes in Pat's answer to A's sync step 1. Pat's client announces
    // no presence (awareness cleared before the socket opens), so its id is only held for Pat.
    const patDoc = new Y.Doc()
    addNote(patDoc, { text: 'offline by Pat', x: 1, y: 1 })
    const patBoard = silentClient(a.wsUrl, workshop.id, 'board', pat.token, patDoc)
    await synced(patBoard, 10_000)
    await waitFor(async () => {
      const response = await fetch(`${a.url}/api/workshops/${workshop.id}/export?format=json`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } })
      return response.ok && JSON.stringify(await response.json()).includes('offline by Pat')
    }, { timeout: 10_000, message: 'Pat’s offline note stored' })
    // B loads the document from PostgreSQL now: Pat's id must not become the server's.
    const samBoard = connect(b.wsUrl, workshop.id, 'board', sam.token)
    await synced(samBoard, 10_000)
    await waitFor(() => texts(samBoard).includes('offline by Pat'), { timeout: 10_000, message: 'the offline note on B' })
    // Pat goes on writing live under the same id on A: taken, stored and seen on B.
    addNote(patDoc, { text: 'live by Pat', x: 2, y: 2 })
    await waitFor(() => texts(samBoard).includes('live by Pat'), { timeout: 10_000, message: 'Pat’s live note on B' })
    expect(patBoard.closes).toEqual([])
    expect(samBoard.closes).toEqual([])
    // Sam cannot take Pat's id: writing under it is refused on B (4403), and nothing of it lands.
    const mallory = new Y.Doc()
    Y.applyUpdate(mallory, Y.encodeStateAsUpdate(patDoc))
    // After the update: Yjs gives a doc a new id when an update it applies carries its own.
    mallory.clientID = patDoc.clientID
    const samAsPat = silentClient(b.wsUrl, workshop.id, 'board', sam.token, mallory)
    await synced(samAsPat, 10_000)
    addNote(mallory, { text: 'Sam under Pat’s id', x: 3, y: 3 })
    await waitFor(() => samAsPat.closes.some((c) => c.code === CLOSE.forbidden), { timeout: 10_000, message: 'Sam refused' })
    const reader = connect(a.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(reader, 10_000)
    expect(texts(reader)).toEqual(['live by Pat', 'offline by Pat'])
  }, 120_000)

  it('counts an address’s per-minute limits across both instances (Redis), not once per instance', async () => {
    const limits = { CREATES_PER_MINUTE: '3', JOIN_FAILURES_PER_MINUTE: '2' }
    const [a, b] = await twoInstances(redisPrefix(), limits)
    const create = (server: Instance) =>
      fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ title: 'Limited' }) })
    expect((await create(a)).status).toBe(201)
    expect((await create(b)).status).toBe(201)
    expect((await create(a)).status).toBe(201)
    // The fourth from the same address, on either instance, is refused.
    const refused = await create(b)
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as { error: string }).error).toMatch(/too many workshops/)
    expect((await create(a)).status).toBe(429)
  }, 60_000)

  it('holds the lock and closed rounds on both instances, and closes a removed participant’s socket on the other', async () => {
    const [a, b] = await twoInstances()
    const workshop = await createWorkshop(a.url)
    const patA = await joinWorkshop(a.url, workshop, 'Pat')
    const samB = await joinWorkshop(b.url, workshop, 'Sam')
    const facBoard = connect(a.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const facControl = connect(a.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const samControl = connect(b.wsUrl, workshop.id, 'control', samB.token)
    await Promise.all([synced(facBoard), synced(facControl), synced(samControl)])

    // A closed round (closed on A) refuses Sam's vote on B.
    const round = openRound(facControl.doc, { targetKind: 'note' })
    const target = addNote(facBoard.doc, { text: 'target', x: 0, y: 0 })
    closeRound(facControl.doc, round)
    await waitFor(() => readControl(samControl.doc).activeRoundId === undefined, { timeout: 10_000, message: 'round closed on B' })
    const samVoter = connect(b.wsUrl, workshop.id, 'board', samB.token)
    await synced(samVoter)
    await waitFor(() => listNotes(samVoter.doc).some((n) => n.id === target), { timeout: 10_000, message: 'target on B' })
    setVote(samVoter.doc, round, samB.participantId, target, 1)
    await waitFor(() => samVoter.closes.length > 0, { timeout: 10_000, message: 'late vote refused on B' })
    expect(samVoter.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'this voting round is closed' })
    samVoter.destroy()

    // Locked on A: refused on both instances.
    setFlag(facControl.doc, 'locked', true)
    await waitFor(() => isLocked(samControl.doc), { timeout: 10_000, message: 'lock reached B' })
    for (const [server, token] of [[a, patA.token], [b, samB.token]] as const) {
      const writer = connect(server.wsUrl, workshop.id, 'board', token)
      await synced(writer)
      addNote(writer.doc, { text: 'while locked', x: 5, y: 5 })
      await waitFor(() => writer.closes.length > 0, { timeout: 10_000, message: 'write refused while locked' })
      expect(writer.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'the board is locked by the facilitator' })
      writer.destroy()
    }
    expect(texts(facBoard)).toEqual(['target'])
    setFlag(facControl.doc, 'locked', false)

    // Sam is connected to B; the facilitator removes Sam through A.
    const removed = await fetch(`${a.url}/api/workshops/${workshop.id}/participants/${samB.participantId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${workshop.facilitatorToken}` },
    })
    expect(removed.status).toBe(204)
    await waitFor(() => samControl.closes.length > 0, { timeout: 10_000, message: 'Sam closed on B' })
    expect(samControl.closes[0]?.code).toBe(CLOSE.removed)
  }, 240_000)

  it('loses nothing relayed when one instance is killed with SIGKILL: its clients go on on the other', async () => {
    const [a, b] = await twoInstances()
    const port = (server: Instance) => Number(new URL(server.url).port)
    // Clients of A come through a balancer that fails over to B.
    const balancer = await failoverProxy(() => [port(a), port(b)])
    proxies.push(balancer)
    const workshop = await createWorkshop(a.url)
    const pat = await joinWorkshop(a.url, workshop, 'Pat')
    const onA = connect(balancer.wsUrl, workshop.id, 'board', pat.token)
    const onB = connect(b.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    // Kim's cursor is on A, and Kim will not come back.
    const kim = await joinWorkshop(a.url, workshop, 'Kim')
    const kimOnA = connect(a.wsUrl, workshop.id, 'board', kim.token)
    await Promise.all([synced(onA), synced(onB), synced(kimOnA)])
    kimOnA.provider.awareness.setLocalState({ user: { name: 'Kim' }, cursor: { x: 1, y: 1 } })
    await waitFor(() => presenceNames(onB).includes('Kim'), { timeout: 10_000, message: 'Kim’s cursor on B' })
    const ids: string[] = []
    for (let i = 0; i < 100; i++) {
      ids.push(addNote(onA.doc, { text: `A ${i}`, x: i, y: 0 }))
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    // Everything A relayed reached B's client: then A dies.
    await waitFor(() => listNotes(onB.doc).length === 100, { timeout: 15_000, interval: 1, message: 'B saw all of A’s notes' })
    a.child.kill('SIGKILL')
    expect((await a.exited).signal).toBe('SIGKILL')
    kimOnA.destroy()
    const killedAt = Date.now()

    // A's client reconnects through the balancer (to B) and goes on writing.
    await waitFor(() => onA.closes.length > 0, { timeout: 10_000, message: 'A’s client noticed' })
    ids.push(addNote(onA.doc, { text: 'after the failover', x: 0, y: 1 }))
    await waitFor(() => listNotes(onB.doc).length === 101, { timeout: 15_000, message: 'the client of A reached B' })

    // A fresh instance (storage) has all of it.
    const reader = connect(b.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(reader)
    expect(new Set(listNotes(reader.doc).map((n) => n.id))).toEqual(new Set(ids))

    // The cursor of a client of the dead instance goes from B once B stops hearing A's
    // heartbeat (6 s), well before Awareness would time it out (30 s without renewal).
    await waitFor(() => !presenceNames(onB).includes('Kim'), { timeout: Math.max(1, killedAt + 20_000 - Date.now()), interval: 250, message: 'Kim’s cursor gone from B within 20 s of the kill' })
    // Pat (A's client, now on B) is still shown: a state that moved to B is B's own.
    onA.provider.awareness.setLocalState({ user: { name: 'Pat' }, cursor: { x: 5, y: 5 } })
    await waitFor(() => presenceNames(onB).includes('Pat'), { timeout: 10_000, message: 'Pat’s cursor on B after the failover' })
  }, 240_000)
})

describe.skipIf(!ready || !redisServerInstalled())('when Redis or PostgreSQL goes away', () => {
  it('Redis restarted: the instances resubscribe, read what they missed from storage, and keep syncing', async () => {
    const [a, b] = await twoInstances()
    const own = redis as OwnRedis
    const workshop = await createWorkshop(a.url)
    const onA = connect(a.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const onB = connect(b.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await Promise.all([synced(onA), synced(onB)])
    addNote(onA.doc, { text: 'before', x: 0, y: 0 })
    await waitFor(() => texts(onB).join() === 'before', { timeout: 10_000, message: 'live before' })

    await own.stop()
    // Written while Redis is down: stored by A, relayed to A's clients, not yet to B.
    addNote(onA.doc, { text: 'during', x: 1, y: 0 })
    const alsoOnA = connect(a.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await waitFor(() => texts(alsoOnA).includes('during'), { timeout: 10_000, message: 'A relays locally without Redis' })
    await own.start()

    await waitFor(() => texts(onB).includes('during'), { timeout: 20_000, message: 'B caught up after Redis came back' })
    addNote(onB.doc, { text: 'after', x: 2, y: 0 })
    await waitFor(() => texts(onA).join() === 'after,before,during', { timeout: 10_000, message: 'live again' })
  }, 240_000)

  it('PostgreSQL unreachable: clients are told saving fails (4503), and nothing is lost once it is back', async () => {
    const db = database as TestDatabase
    const [a, b] = await twoInstances()
    const workshop = await createWorkshop(a.url)
    const onA = connect(a.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const onB = connect(b.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await Promise.all([synced(onA), synced(onB)])
    addNote(onA.doc, { text: 'before', x: 0, y: 0 })
    await waitFor(() => texts(onB).join() === 'before', { timeout: 10_000, message: 'live before' })

    // Only this test's database goes away: no new connections, and the open ones are ended.
    await db.admin(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS false`)
    await db.admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db.name}'`)
    try {
      addNote(onA.doc, { text: 'while down', x: 1, y: 0 })
      await waitFor(() => onA.closes.some((c) => c.code === CLOSE.storageFailed), { timeout: 20_000, message: 'A’s client told saving failed' })
      // Not relayed: it was never stored.
      expect(texts(onB)).not.toContain('while down')
    } finally {
      await db.admin(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS true`)
    }
    // The client kept its change and sends it again when it reconnects.
    await waitFor(() => texts(onB).join() === 'before,while down', { timeout: 30_000, message: 'saved and relayed once PostgreSQL is back' })
    const reader = connect(b.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(reader, 10_000)
    expect(texts(reader)).toEqual(['before', 'while down'])
  }, 240_000)
})
