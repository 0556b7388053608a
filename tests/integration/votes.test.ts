/**
 * A scripted participant that ignores the UI cannot touch anyone else's votes: writing,
 * changing or deleting another participant's key closes its connection (4403) and nothing of
 * it is applied, stored or relayed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { closeRound, openRound, readRound } from '../../shared/voting/round'
import { CLOSE } from '../../shared/roles'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote, listNotes } from '../../shared/board/note'
import { readPeople, setPerson } from '../../shared/board/person'
import { readVotes, setVote, voteKey } from '../../shared/voting/vote'
import { tallyRound } from '../../shared/voting/tally'
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

  it('refuses deleting what does not exist yet (a pending deletion that would strike Alice’s next vote)', async () => {
    const client = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    await synced(client)
    // Alice's client id and the clock her next item will get: a deletion of the next 50 clocks
    // is kept pending by Yjs and would delete whatever she writes next, once it arrives.
    const aliceId = aliceClient.doc.clientID
    const next = Y.getState(aliceClient.doc.store, aliceId)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, 0) // no structs
    encoding.writeVarUint(encoder, 1) // a delete set for one client
    encoding.writeVarUint(encoder, aliceId)
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarUint(encoder, next)
    encoding.writeVarUint(encoder, 50)
    const message = encoding.createEncoder()
    encoding.writeVarUint(message, 0) // sync
    syncProtocol.writeUpdate(message, encoding.toUint8Array(encoder))
    client.provider.ws!.send(encoding.toUint8Array(message))
    await waitFor(() => client.closes.length > 0, { message: 'mallory closed' })
    expect(client.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'an update may only delete what exists' })
    // Alice votes again: her new dots stay, for everyone and in storage.
    setVote(aliceClient.doc, 'r1', alice.participantId, 'second-target', 1)
    await waitFor(() => readVotes(facilitator.doc, 'r1', alice.participantId).get('second-target') === 1, { message: 'alice’s next vote arrived' })
    await sleep(100)
    expect(readVotes(facilitator.doc, 'r1', alice.participantId).get('second-target')).toBe(1)
    const fresh = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(fresh)
    expect(Object.fromEntries(readVotes(fresh.doc, 'r1', alice.participantId))).toEqual({ [target]: 2, 'second-target': 1 })
  })

  it('keeps a closed round’s results: its dots cannot be changed any more, an open round’s can', async () => {
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const watcher = connect(server.wsUrl, workshop.id, 'control', workshop.viewerToken)
    await Promise.all([synced(control), synced(watcher)])
    const round = openRound(control.doc, { title: 'Pains', targetKind: 'pain' })
    await waitFor(() => readRound(watcher.doc, round)?.status === 'open', { message: 'round open on the server' })
    setVote(aliceClient.doc, round, alice.participantId, target, 1)
    await waitFor(() => readVotes(facilitator.doc, round, alice.participantId).get(target) === 1, { message: 'vote in the open round' })
    closeRound(control.doc, round)
    await waitFor(() => readRound(watcher.doc, round)?.status === 'closed', { message: 'round closed on the server' })

    const late = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    await synced(late)
    setVote(late.doc, round, mallory.participantId, target, 3)
    await waitFor(() => late.closes.length > 0, { message: 'late voter closed' })
    expect(late.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'this voting round is closed' })
    await sleep(100)
    expect(readVotes(facilitator.doc, round, mallory.participantId).size).toBe(0)
    expect(tallyRound(facilitator.doc, { id: round, votesPerPerson: 5, maxPerTarget: 3 }).ranking).toEqual([{ targetId: target, votes: 1, voters: 1 }])
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
