/** Two stock y-websocket providers converge through a real server; late joiners get it all. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import * as Y from 'yjs'
import { addNote, listNotes, setNoteText } from '../../shared/board/note'
import { addStage, listStages, moveStage } from '../../shared/board/stage'
import { readVotes, setVote } from '../../shared/voting/vote'
import { tallyRound } from '../../shared/voting/tally'
import {
  connect,
  createWorkshop,
  destroyAllClients,
  joinWorkshop,
  startTestServer,
  synced,
  waitFor,
  type TestServer,
} from '../helpers/server'

let server: TestServer

beforeEach(async () => {
  server = await startTestServer()
})

afterEach(async () => {
  destroyAllClients()
  await server.close()
})

function boardState(doc: Y.Doc) {
  const { notes, stages, lanes, votes } = workshopToJson(doc, new Y.Doc())
  return { notes, stages, lanes, votes }
}

describe('sync between stock y-websocket clients', () => {
  it('converges on notes, stages and votes, and a late joiner gets the full state', async () => {
    const workshop = await createWorkshop(server.url)
    const pat = await joinWorkshop(server.url, workshop, 'Pat')
    const a = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const b = connect(server.wsUrl, workshop.id, 'board', pat.token)
    await Promise.all([synced(a), synced(b)])
    // The template written at creation arrives once, not duplicated.
    expect(listStages(a.doc).map((s) => s.title)).toEqual([
      'Orientation',
      'Purchase',
      'Onboarding',
      'Use',
      'Service',
      'Share experience',
    ])
    expect(listStages(b.doc)).toEqual(listStages(a.doc))

    const [orientation, purchase] = listStages(a.doc)
    const noteA = addNote(a.doc, { text: 'Cannot find pricing', kind: 'pain', x: 10, y: 20, stageId: orientation!.id })
    const noteB = addNote(b.doc, { text: 'Called support twice', x: 30, y: 40, stageId: purchase!.id, authorId: pat.participantId })
    const extraStage = addStage(b.doc, 'Renewal')
    moveStage(a.doc, orientation!.id, 3)
    setVote(a.doc, 'round1', workshop.participantId, noteB, 2)
    setVote(b.doc, 'round1', pat.participantId, noteA, 1)
    await waitFor(() => listNotes(b.doc).some((n) => n.id === noteA), { message: 'b receives a’s note' })
    setNoteText(b.doc, noteA, 'Cannot find pricing page')

    await waitFor(() => JSON.stringify(boardState(a.doc)) === JSON.stringify(boardState(b.doc)), { message: 'a and b converge' })
    const state = boardState(a.doc)
    expect(state.notes.map((n) => n.text).sort()).toEqual(['Called support twice', 'Cannot find pricing page'])
    expect(state.stages.map((s) => s.id)).toContain(extraStage)
    expect(listStages(a.doc)[3]?.id).toBe(orientation!.id)
    expect(readVotes(b.doc, 'round1', workshop.participantId).get(noteB)).toBe(2)
    const tally = tallyRound(b.doc, { id: 'round1', votesPerPerson: 5, maxPerTarget: 3 })
    expect(tally.ranking).toEqual([
      { targetId: noteB, votes: 2, voters: 1 },
      { targetId: noteA, votes: 1, voters: 1 },
    ].sort((x, y) => y.votes - x.votes))

    const c = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(c)
    await waitFor(() => JSON.stringify(boardState(c.doc)) === JSON.stringify(state), { message: 'late joiner has everything' })
    expect(listNotes(c.doc)).toHaveLength(2)
  })

  it('keeps workshops apart', async () => {
    const one = await createWorkshop(server.url, { title: 'One' })
    const two = await createWorkshop(server.url, { title: 'Two', template: 'blank' })
    const a = connect(server.wsUrl, one.id, 'board', one.facilitatorToken)
    const b = connect(server.wsUrl, two.id, 'board', two.facilitatorToken)
    await Promise.all([synced(a), synced(b)])
    expect(listStages(b.doc)).toEqual([])
    addNote(a.doc, { text: 'only in one', x: 0, y: 0 })
    const a2 = connect(server.wsUrl, one.id, 'board', one.facilitatorToken)
    await waitFor(() => listNotes(a2.doc).length === 1, { message: 'second client of workshop one' })
    expect(listNotes(b.doc)).toHaveLength(0)
  })

  it('relays presence, removes a dropped connection’s presence at once, and refuses spoofed presence', async () => {
    const workshop = await createWorkshop(server.url)
    const pat = await joinWorkshop(server.url, workshop, 'Pat')
    const a = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const b = connect(server.wsUrl, workshop.id, 'board', pat.token)
    await Promise.all([synced(a), synced(b)])
    a.provider.awareness.setLocalStateField('user', { name: 'Fay' })
    b.provider.awareness.setLocalStateField('user', { name: 'Pat' })
    const aId = a.doc.clientID
    const bId = b.doc.clientID
    // The facilitator's presence name is the server's, not what its client claims.
    await waitFor(() => (b.provider.awareness.getStates().get(aId) as { user?: { name: string } } | undefined)?.user?.name === 'Facilitator', {
      message: 'b sees a',
    })

    // A third connection tries to erase b's presence by speaking for b's client id.
    const c = connect(server.wsUrl, workshop.id, 'board', pat.token)
    await synced(c)
    await waitFor(() => c.provider.awareness.getStates().has(bId), { message: 'c sees b' })
    // A removal of b: b's client id, a newer clock, no state.
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness')
    const meta = b.provider.awareness.meta.get(bId)!
    const fake = new Awareness(new Y.Doc())
    fake.meta.set(bId, { clock: meta.clock + 5, lastUpdated: Date.now() })
    const encoding = await import('lib0/encoding')
    const enc = encoding.createEncoder()
    encoding.writeVarUint(enc, 1)
    encoding.writeVarUint8Array(enc, encodeAwarenessUpdate(fake, [bId]))
    let removedAtA = false
    a.provider.awareness.on('change', ({ removed }: { removed: number[] }) => {
      if (removed.includes(bId)) removedAtA = true
    })
    c.provider.ws!.send(encoding.toUint8Array(enc))
    await new Promise((r) => setTimeout(r, 300))
    expect(removedAtA).toBe(false)
    expect(a.provider.awareness.getStates().has(bId)).toBe(true)

    // Drop a's socket without any goodbye: its presence must vanish for b right away,
    // not after the 30-second awareness timeout.
    a.provider.shouldConnect = false
    const started = Date.now()
    ;(a.provider.ws as unknown as { terminate(): void }).terminate()
    await waitFor(() => !b.provider.awareness.getStates().has(aId), { timeout: 3000, message: 'a’s presence removed' })
    expect(Date.now() - started).toBeLessThan(3000)
  })
})
