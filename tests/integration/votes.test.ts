/**
 * A scripted participant that ignores the UI cannot touch anyone else's votes: writing,
 * changing or deleting another participant's key closes its connection (4403) and nothing of
 * it is applied, stored or relayed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CLOSE } from '../../shared/roles'
import { addNote, boardMaps, listNotes, readPeople, readVotes, setPerson, setVote, voteKey } from '../../shared/schema'
import { tallyRound } from '../../shared/tally'
import {
  connect,
  createWorkshop,
  destroyAllClients,
  joinWorkshop,
  sleep,
  startTestServer,
  synced,
  waitFor,
  type Client,
  type CreatedWorkshop,
  type TestServer,
} from '../helpers/server'

let server: TestServer
let workshop: CreatedWorkshop
let alice: { participantId: string; token: string }
let mallory: { participantId: string; token: string }
let facilitator: Client
let aliceClient: Client
let target: string

beforeEach(async () => {
  server = await startTestServer()
  workshop = await createWorkshop(server.url)
  alice = await joinWorkshop(server.url, workshop, 'Alice')
  mallory = await joinWorkshop(server.url, workshop, 'Mallory')
  facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  aliceClient = connect(server.wsUrl, workshop.id, 'board', alice.token)
  await Promise.all([synced(facilitator), synced(aliceClient)])
  target = addNote(facilitator.doc, { text: 'pain', kind: 'pain', x: 0, y: 0 })
  await waitFor(() => listNotes(aliceClient.doc).length === 1)
  setVote(aliceClient.doc, 'r1', alice.participantId, target, 2)
  await waitFor(() => readVotes(facilitator.doc, 'r1', alice.participantId).get(target) === 2, { message: 'alice’s own vote accepted' })
})

afterEach(async () => {
  destroyAllClients()
  await server.close()
})

async function asMallory(attack: (doc: Y.Doc) => void): Promise<Client> {
  const client = connect(server.wsUrl, workshop.id, 'board', mallory.token)
  await synced(client)
  await waitFor(() => readVotes(client.doc, 'r1', alice.participantId).get(target) === 2)
  attack(client.doc)
  await waitFor(() => client.closes.length > 0, { message: 'mallory closed' })
  return client
}

async function aliceStillHasTwo(): Promise<void> {
  await sleep(100)
  expect(readVotes(facilitator.doc, 'r1', alice.participantId).get(target)).toBe(2)
  expect(readVotes(aliceClient.doc, 'r1', alice.participantId).get(target)).toBe(2)
  // And in storage: a fresh client after a restart.
  destroyAllClients()
  await server.close()
  server = await startTestServer({ dataDir: server.dataDir })
  const fresh = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
  await synced(fresh)
  expect(readVotes(fresh.doc, 'r1', alice.participantId).get(target)).toBe(2)
  expect(tallyRound(fresh.doc, { id: 'r1', votesPerPerson: 5, maxPerTarget: 3 }).ranking).toEqual([{ targetId: target, votes: 2, voters: 1 }])
}

describe('vote keys belong to their participant', () => {
  it('refuses a new key written under another participant’s id', async () => {
    const client = await asMallory((doc) => setVote(doc, 'r1', alice.participantId, 'other-target', 3))
    expect(client.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'participants may only change their own votes and name' })
    expect(readVotes(facilitator.doc, 'r1', alice.participantId).has('other-target')).toBe(false)
    await aliceStillHasTwo()
  })

  it('refuses a change inside another participant’s existing votes (an update without parent info)', async () => {
    const client = await asMallory((doc) => setVote(doc, 'r1', alice.participantId, target, 3))
    expect(client.closes[0]?.code).toBe(CLOSE.forbidden)
    await aliceStillHasTwo()
  })

  it('refuses deleting another participant’s vote, or their whole key', async () => {
    const one = await asMallory((doc) => setVote(doc, 'r1', alice.participantId, target, 0))
    expect(one.closes[0]?.code).toBe(CLOSE.forbidden)
    one.destroy()
    const two = await asMallory((doc) => doc.transact(() => boardMaps(doc).votes.delete(voteKey('r1', alice.participantId))))
    expect(two.closes[0]?.code).toBe(CLOSE.forbidden)
    await aliceStillHasTwo()
  })

  it('refuses a key that only pretends (a prefix or a different round of someone else)', async () => {
    const client = await asMallory((doc) =>
      doc.transact(() => {
        boardMaps(doc).votes.set(`r2/${alice.participantId}`, new Y.Map())
      }),
    )
    expect(client.closes[0]?.code).toBe(CLOSE.forbidden)
    const other = await asMallory((doc) => doc.transact(() => boardMaps(doc).votes.set('no-slash-key', new Y.Map())))
    expect(other.closes[0]?.code).toBe(CLOSE.forbidden)
    await aliceStillHasTwo()
  })

  it('lets a participant change its own votes and everything else on the board', async () => {
    const client = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    await synced(client)
    setVote(client.doc, 'r1', mallory.participantId, target, 3)
    setVote(client.doc, 'r1', mallory.participantId, target, 1)
    addNote(client.doc, { text: 'mallory’s honest note', x: 0, y: 0 })
    setVote(client.doc, 'r1', mallory.participantId, target, 0)
    setVote(client.doc, 'r1', mallory.participantId, target, 2)
    await waitFor(() => readVotes(facilitator.doc, 'r1', mallory.participantId).get(target) === 2 && listNotes(facilitator.doc).length === 2)
    expect(client.closes).toEqual([])
    expect(tallyRound(facilitator.doc, { id: 'r1', votesPerPerson: 5, maxPerTarget: 3 }).ranking).toEqual([{ targetId: target, votes: 4, voters: 2 }])
  })

  it('lets the facilitator clear anyone’s votes', async () => {
    facilitator.doc.transact(() => boardMaps(facilitator.doc).votes.delete(voteKey('r1', alice.participantId)))
    await waitFor(() => readVotes(aliceClient.doc, 'r1', alice.participantId).size === 0)
    expect(facilitator.closes).toEqual([])
  })
})

describe('names in `people` belong to their participant', () => {
  it('lets a participant set its own name, and refuses renaming someone else', async () => {
    setPerson(aliceClient.doc, alice.participantId, 'Alice')
    await waitFor(() => readPeople(facilitator.doc).get(alice.participantId) === 'Alice', { message: 'alice’s own name accepted' })
    expect(aliceClient.closes).toEqual([])
    const client = await asMallory((doc) => setPerson(doc, alice.participantId, 'Alice the liar'))
    expect(client.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'participants may only change their own votes and name' })
    const other = await asMallory((doc) => doc.transact(() => boardMaps(doc).people.delete(alice.participantId)))
    expect(other.closes[0]?.code).toBe(CLOSE.forbidden)
    await sleep(100)
    expect(readPeople(facilitator.doc).get(alice.participantId)).toBe('Alice')
    expect(readPeople(aliceClient.doc).get(alice.participantId)).toBe('Alice')
  })
})
