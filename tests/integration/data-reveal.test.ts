/**
 * The reveal of the data (issue #12) against a real server with stock y-websocket clients:
 *
 * - before the reveal a participant's browser receives no touchpoint name and no aggregate in
 *   any of its documents (board, control, its private document, data), also when the
 *   facilitator puts a key touchpoint on the roadmap (*To roadmap*): the server refuses that
 *   board update (4403) until the reveal, and accepts it after;
 * - hiding the data again does not reopen the guesses: the first reveal closes them for good
 *   (control `guessesClosed`, set by the server when a client's reveal came without it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { areGuessesClosed, setDataRevealed, setFlag } from '../../shared/facilitation/control'
import { addDataset, setKeyTouchpoint } from '../../shared/data/data-doc'
import { readGuesses, setGuess } from '../../shared/data/guesses'
import { addRoadmapItem, listRoadmap } from '../../shared/deliver/roadmap'
import { addStory } from '../../shared/deliver/story'
import { CLOSE, privateDocName } from '../../shared/roles'
import { GUESSES_CLOSED, ROADMAP_NOT_REVEALED } from '../../server/sync/dataGuards'
import { connect, createWorkshop, destroyAllClients, joinWorkshop, sleep, startTestServer, synced, waitFor, type CreatedWorkshop, type TestServer } from '../helpers/server'
import { aggregates, dataset, touchpoint } from '../helpers/dataset'

let server: TestServer
let workshop: CreatedWorkshop
beforeEach(async () => {
  server = await startTestServer()
  workshop = await createWorkshop(server.url)
})
afterEach(async () => {
  destroyAllClients()
  await server.close()
})

/** Distinctive names, so that a byte search of what a client received cannot hit by chance. */
const SECRET_TOUCHPOINTS = ['Zebracall hotline', 'Quokkamail inbox', 'Narwhal chat']
const SECRET_VOLUME = 98765

/** Every update a client's document receives, from its first sync on. */
function recorder(doc: Y.Doc) {
  const received: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => received.push(update))
  return { received, holds: (text: string) => received.some((u) => Buffer.from(u).includes(text)) }
}

/** What *To roadmap* writes (client/src/data/KeyTouchpoints.tsx): the item and its story in one transaction. */
function toRoadmap(board: Y.Doc, name: string) {
  board.transact(() => {
    const roadmapId = addRoadmapItem(board, { title: `Improve ${name}`, touchpoint: name, owner: 'Service', metric: 'repeat rate < 10 %' })
    addStory(board, { asA: 'customer', iWant: `Improve ${name}`, soThat: 'it works', acceptance: ['repeat rate < 10 %'], roadmapId })
  })
}

describe('nothing of the data reaches a participant before the reveal', () => {
  it('refuses To roadmap of a key touchpoint until the reveal; the participant’s documents hold no name or aggregate', async () => {
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const data = connect(server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await Promise.all([synced(control), synced(data), synced(board)])
    addDataset(data.doc, dataset('ds1', { aggregates: aggregates(SECRET_TOUCHPOINTS.map((name, i) => touchpoint(name, SECRET_VOLUME - i))) }), { replace: false })
    setKeyTouchpoint(data.doc, SECRET_TOUCHPOINTS[0]!, { owner: 'Service', target: 'repeat rate < 10 %' })

    // A participant with every document its browser opens, recording all it receives.
    const ann = await joinWorkshop(server.url, workshop, 'Ann')
    const docs = Object.fromEntries(
      ['board', 'control', privateDocName(ann.participantId), 'data'].map((name) => {
        const client = connect(server.wsUrl, workshop.id, name, ann.token)
        return [name, { client, seen: recorder(client.doc) }]
      }),
    )
    await Promise.all(['board', 'control', privateDocName(ann.participantId)].map((name) => synced(docs[name]!.client)))
    await waitFor(() => docs.data!.client.closes.length > 0, { message: 'data refused' })

    // The facilitator's To roadmap before the reveal: refused, not applied, not relayed.
    const before = board.closes.length
    toRoadmap(board.doc, SECRET_TOUCHPOINTS[0]!)
    await waitFor(() => board.closes.length > before, { message: 'to roadmap refused' })
    expect(board.closes[before]).toEqual({ code: CLOSE.forbidden, reason: ROADMAP_NOT_REVEALED })
    await sleep(300)
    const check = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(check)
    expect(listRoadmap(check.doc)).toEqual([])

    for (const [name, { seen }] of Object.entries(docs)) {
      for (const secret of [...SECRET_TOUCHPOINTS, String(SECRET_VOLUME), 'repeat rate < 10 %']) {
        expect(seen.holds(secret), `${name} holds ${secret}`).toBe(false)
      }
    }
    expect(docs.data!.seen.received).toEqual([])

    // After the reveal the same action is accepted and reaches the participant.
    setDataRevealed(control.doc, true)
    await sleep(100)
    toRoadmap(check.doc, SECRET_TOUCHPOINTS[0]!)
    await waitFor(() => listRoadmap(docs.board!.client.doc).some((item) => item.touchpoint === SECRET_TOUCHPOINTS[0]), { message: 'roadmap item arrives after the reveal' })
    expect(check.closes).toEqual([])
  })
})

describe('hiding the data again', () => {
  it('keeps the guesses closed: the server marks them closed at the first reveal, even when the reveal came without the mark', async () => {
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await synced(control)
    const ann = await joinWorkshop(server.url, workshop, 'Ann')
    const annBoard = connect(server.wsUrl, workshop.id, 'board', ann.token)
    await synced(annBoard)
    setGuess(annBoard.doc, ann.participantId, ['Phone', 'Email'])
    await sleep(100)

    // A script that sets only `dataRevealed` (no `guessesClosed`): the server adds the mark.
    setFlag(control.doc, 'dataRevealed', true)
    await waitFor(() => areGuessesClosed(control.doc, { once: true }), { message: 'server closes the guesses' })
    setFlag(control.doc, 'dataRevealed', false)
    await sleep(100)

    const retry = connect(server.wsUrl, workshop.id, 'board', ann.token)
    await synced(retry)
    setGuess(retry.doc, ann.participantId, ['Chat'])
    await waitFor(() => retry.closes.length > 0, { message: 'guess refused after hiding' })
    expect(retry.closes[0]).toEqual({ code: CLOSE.forbidden, reason: GUESSES_CLOSED })
    const viewer = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(viewer)
    expect(readGuesses(viewer.doc).get(ann.participantId)).toEqual(['Phone', 'Email'])
  })
})
