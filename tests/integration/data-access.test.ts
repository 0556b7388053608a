/**
 * The data document (issue #12) against a real server with stock y-websocket clients: only the
 * facilitator opens it before the reveal (a participant's or viewer's connection is closed with
 * 4403 "the data is not revealed yet" and receives nothing of it); after the reveal everyone
 * reads it, without a restart, and only the facilitator writes; hiding it again closes the
 * others' connections.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { setFlag } from '../../shared/facilitation/control'
import { addDataset, readDatasets, dataMaps } from '../../shared/data/data-doc'
import { CLOSE, DATA_NOT_REVEALED } from '../../shared/roles'
import { connect, createWorkshop, destroyAllClients, joinWorkshop, sleep, startTestServer, synced, waitFor, type TestServer } from '../helpers/server'
import { dataset } from '../helpers/dataset'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  destroyAllClients()
  await server.close()
})

/** Everything a client's data document receives, and whether any of it holds `text`. */
function recorder(doc: Y.Doc) {
  const received: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => received.push(update))
  return { received, holds: (text: string) => received.some((u) => Buffer.from(u).includes(text)) }
}

describe('the data document before and after the reveal', () => {
  it('refuses participants and viewers until the reveal, lets them read after it without a restart, and closes them again when hidden', async () => {
    const workshop = await createWorkshop(server.url)
    const ann = await joinWorkshop(server.url, workshop, 'Ann')
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const facilitatorData = connect(server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    await Promise.all([synced(control), synced(facilitatorData)])
    addDataset(facilitatorData.doc, dataset(), { replace: false })

    // Before the reveal: the participant's and the viewer's sockets are closed with the reason.
    const annData = connect(server.wsUrl, workshop.id, 'data', ann.token)
    const viewerData = connect(server.wsUrl, workshop.id, 'data', workshop.viewerToken)
    const annSeen = recorder(annData.doc)
    const viewerSeen = recorder(viewerData.doc)
    await waitFor(() => annData.closes.length > 0 && viewerData.closes.length > 0, { message: 'both refused' })
    expect(annData.closes[0]).toEqual({ code: CLOSE.forbidden, reason: DATA_NOT_REVEALED })
    expect(viewerData.closes[0]).toEqual({ code: CLOSE.forbidden, reason: DATA_NOT_REVEALED })
    // y-websocket keeps retrying; every attempt is refused the same way and brings nothing.
    await waitFor(() => annData.closes.length >= 3, { message: 'retries refused too' })
    expect(annData.closes.every((c) => c.code === CLOSE.forbidden)).toBe(true)
    expect(annSeen.received).toEqual([])
    expect(viewerSeen.received).toEqual([])
    expect(dataMaps(annData.doc).datasets.size).toBe(0)

    // Reveal: the same clients (still retrying) get the data, with no restart of the server.
    setFlag(control.doc, 'dataRevealed', true)
    await waitFor(() => readDatasets(annData.doc).length === 1 && readDatasets(viewerData.doc).length === 1, { message: 'revealed data arrives' })
    expect(annSeen.holds('Contact log October')).toBe(true)
    expect(readDatasets(annData.doc)[0]?.aggregates.touchpoints[0]?.touchpoint).toBe('Phone')

    // Still only the facilitator writes: a participant's write is refused (4403), not applied.
    const before = annData.closes.length
    dataMaps(annData.doc).matches.set('telephone', 'Phone')
    await waitFor(() => annData.closes.length > before, { message: 'participant write refused' })
    expect(annData.closes[before]).toMatchObject({ code: CLOSE.forbidden, reason: 'only the facilitator can change the data' })
    await sleep(100)
    expect(dataMaps(facilitatorData.doc).matches.size).toBe(0)

    // Hidden again: the server closes the others' data sockets, and refuses them anew.
    const fresh = connect(server.wsUrl, workshop.id, 'data', workshop.viewerToken)
    await synced(fresh)
    const closesBefore = fresh.closes.length
    setFlag(control.doc, 'dataRevealed', false)
    await waitFor(() => fresh.closes.length > closesBefore, { message: 'closed on un-reveal' })
    expect(fresh.closes[closesBefore]).toEqual({ code: CLOSE.forbidden, reason: DATA_NOT_REVEALED })
    // … while the facilitator's connection stays and still writes.
    addDataset(facilitatorData.doc, dataset('ds2', { name: 'Contact log November' }), { replace: false })
    const check = connect(server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    await waitFor(() => readDatasets(check.doc).length === 2, { message: 'facilitator still writes' })
    const laterSeen = recorder(fresh.doc)
    await sleep(300)
    expect(laterSeen.holds('November')).toBe(false)
  })

  it('reveals to a participant who connects only after the reveal (the client connects on reveal)', async () => {
    const workshop = await createWorkshop(server.url)
    const ann = await joinWorkshop(server.url, workshop, 'Ann')
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const facilitatorData = connect(server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    await Promise.all([synced(control), synced(facilitatorData)])
    addDataset(facilitatorData.doc, dataset(), { replace: false })
    setFlag(control.doc, 'dataRevealed', true)
    await sleep(100)
    const annData = connect(server.wsUrl, workshop.id, 'data', ann.token)
    await synced(annData)
    expect(readDatasets(annData.doc).map((d) => d.name)).toEqual(['Contact log October'])
  })
})
