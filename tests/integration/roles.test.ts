/** Roles are enforced on the server: refused updates are never applied, stored or relayed. */
import { SignJWT } from 'jose'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readControl, setFlag, setPhase } from '../../shared/facilitation/control'
import { CLOSE } from '../../shared/roles'
import { createTokenService } from '../../server/tokens'
import { addNote, deleteNote, listNotes } from '../../shared/board/note'
import { listStages, renameStage } from '../../shared/board/stage'
import {
  connect,
  createWorkshop,
  destroyAllClients,
  joinWorkshop,
  rawSocket,
  sleep,
  startTestServer,
  synced,
  TEST_SECRET,
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

/** Restart the server on the same data and read a document fresh from storage. */
async function storedBoard(workshopId: string, token: string, docName = 'board'): Promise<Y.Doc> {
  destroyAllClients()
  await server.close()
  server = await startTestServer({ dataDir: server.dataDir })
  const fresh = connect(server.wsUrl, workshopId, docName, token)
  await synced(fresh)
  return fresh.doc
}

describe('roles', () => {
  it('a viewer’s edit never reaches other clients nor storage, and the viewer is told why', async () => {
    const workshop = await createWorkshop(server.url)
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const viewer = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await Promise.all([synced(facilitator), synced(viewer)])
    addNote(viewer.doc, { text: 'viewer graffiti', x: 0, y: 0 })
    renameStage(viewer.doc, listStages(viewer.doc)[0]!.id, 'Hacked')
    await waitFor(() => viewer.closes.length > 0, { message: 'viewer closed' })
    expect(viewer.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'viewers cannot edit' })
    // A legitimate edit afterwards proves the channel works, and the graffiti is not behind it.
    addNote(facilitator.doc, { text: 'real note', x: 0, y: 0 })
    const other = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await waitFor(() => listNotes(other.doc).length === 1, { message: 'other sees the real note' })
    await sleep(100)
    expect(listNotes(facilitator.doc).map((n) => n.text)).toEqual(['real note'])
    expect(listStages(other.doc)[0]?.title).toBe('Orientation')
    const stored = await storedBoard(workshop.id, workshop.facilitatorToken)
    expect(listNotes(stored).map((n) => n.text)).toEqual(['real note'])
    expect(listStages(stored)[0]?.title).toBe('Orientation')
  })

  it('a participant’s edit of the control document is refused; the facilitator’s goes through', async () => {
    const workshop = await createWorkshop(server.url)
    const pat = await joinWorkshop(server.url, workshop)
    const facilitator = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const participant = connect(server.wsUrl, workshop.id, 'control', pat.token)
    await Promise.all([synced(facilitator), synced(participant)])
    setPhase(participant.doc, 'deliver')
    setFlag(participant.doc, 'locked', true)
    await waitFor(() => participant.closes.length > 0, { message: 'participant closed' })
    expect(participant.closes[0]?.code).toBe(CLOSE.forbidden)
    expect(participant.closes[0]?.reason).toMatch(/facilitator/)
    setPhase(facilitator.doc, 'define')
    const watcher = connect(server.wsUrl, workshop.id, 'control', pat.token)
    await waitFor(() => readControl(watcher.doc).phase === 'define', { message: 'watcher sees define' })
    expect(readControl(watcher.doc).locked).toBe(false)
    const stored = await storedBoard(workshop.id, workshop.facilitatorToken, 'control')
    expect(readControl(stored)).toMatchObject({ phase: 'define', locked: false })
  })

  it('refuses a participant’s board edits while the board is locked, and accepts them again after', async () => {
    const workshop = await createWorkshop(server.url)
    const pat = await joinWorkshop(server.url, workshop)
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const participant = connect(server.wsUrl, workshop.id, 'board', pat.token)
    await Promise.all([synced(control), synced(facilitator), synced(participant)])
    setFlag(control.doc, 'locked', true)
    const participantControl = connect(server.wsUrl, workshop.id, 'control', pat.token)
    await waitFor(() => readControl(participantControl.doc).locked, { message: 'lock visible' })

    addNote(participant.doc, { text: 'while locked', x: 0, y: 0 })
    await waitFor(() => participant.closes.length > 0, { message: 'participant closed' })
    expect(participant.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'the board is locked by the facilitator' })
    // The facilitator may still edit a locked board.
    addNote(facilitator.doc, { text: 'facilitator while locked', x: 0, y: 0 })
    participant.destroy()

    setFlag(control.doc, 'locked', false)
    await waitFor(() => !readControl(participantControl.doc).locked, { message: 'unlock visible' })
    // As our client does after a refusal: start again from the server's state.
    const again = connect(server.wsUrl, workshop.id, 'board', pat.token)
    await synced(again)
    addNote(again.doc, { text: 'after unlock', x: 0, y: 0 })
    await waitFor(() => listNotes(facilitator.doc).length === 2, { message: 'facilitator sees unlocked edit' })
    expect(listNotes(facilitator.doc).map((n) => n.text).sort()).toEqual(['after unlock', 'facilitator while locked'])
    const stored = await storedBoard(workshop.id, workshop.facilitatorToken)
    expect(listNotes(stored).map((n) => n.text).sort()).toEqual(['after unlock', 'facilitator while locked'])
  })

  it('lets a read-only client reconnect with everything it has (deletions included) without being refused', async () => {
    const workshop = await createWorkshop(server.url)
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(facilitator)
    const keep = addNote(facilitator.doc, { text: 'keep', x: 0, y: 0 })
    const gone = addNote(facilitator.doc, { text: 'gone', x: 0, y: 0 })
    deleteNote(facilitator.doc, gone)
    const viewer = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(viewer)
    await waitFor(() => listNotes(viewer.doc).length === 1)
    viewer.provider.disconnect()
    viewer.provider.connect()
    await synced(viewer)
    await sleep(200)
    expect(viewer.closes.filter((c) => c.code === CLOSE.forbidden)).toEqual([])
    expect(viewer.provider.wsconnected).toBe(true)
    expect(listNotes(viewer.doc).map((n) => n.id)).toEqual([keep])
  })
})

describe('tokens', () => {
  it('refuses missing, forged, malformed, other-workshop and wrong-role tokens before the upgrade', async () => {
    const workshop = await createWorkshop(server.url)
    const other = await createWorkshop(server.url)
    const forgedKey = new TextEncoder().encode('not-the-server-secret-0123456789')
    const forged = await new SignJWT({ wid: workshop.id, role: 'facilitator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .sign(forgedKey)
    const rightKey = new TextEncoder().encode(TEST_SECRET)
    const wrongRole = await new SignJWT({ wid: workshop.id, role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(rightKey)
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ wid: workshop.id, role: 'facilitator', sub: 'x' }),
    ).toString('base64url')}.`
    const base = `${server.wsUrl}/sync/${workshop.id}/board`
    const cases: Array<[string, string]> = [
      ['missing', base],
      ['empty', `${base}?token=`],
      ['malformed', `${base}?token=abc.def`],
      ['forged', `${base}?token=${forged}`],
      ['alg none', `${base}?token=${unsigned}`],
      ['wrong role', `${base}?token=${wrongRole}`],
      ['other workshop', `${base}?token=${other.facilitatorToken}`],
    ]
    for (const [name, url] of cases) {
      const error = await rawSocket(url).then(
        (ws) => {
          ws.close()
          return undefined
        },
        (e: { status?: number }) => e,
      )
      expect(error?.status, name).toBe(401)
    }
    // Unknown documents and unknown workshops.
    await expect(rawSocket(`${server.wsUrl}/sync/${workshop.id}/secrets?token=${workshop.facilitatorToken}`)).rejects.toMatchObject({ status: 404 })
    await expect(rawSocket(`${server.wsUrl}/elsewhere`)).rejects.toMatchObject({ status: 404 })
    // A well-formed, correctly signed token for a workshop that does not exist.
    const ghost = await createTokenService(TEST_SECRET).sign({ workshopId: 'NoSuchWorkshop0001', role: 'facilitator', participantId: 'someone' })
    await expect(rawSocket(`${server.wsUrl}/sync/NoSuchWorkshop0001/board?token=${ghost}`)).rejects.toMatchObject({ status: 404 })
    // The REST API checks the same way.
    const described = await fetch(`${server.url}/api/workshops/${workshop.id}`, { headers: { Authorization: `Bearer ${forged}` } })
    expect(described.status).toBe(401)
    expect(await described.json()).toEqual({ error: 'invalid token for this workshop' })
    const ok = await fetch(`${server.url}/api/workshops/${workshop.id}`, { headers: { Authorization: `Bearer ${workshop.viewerToken}` } })
    const viewerView = (await ok.json()) as Record<string, unknown>
    expect(viewerView).toMatchObject({ id: workshop.id, role: 'viewer' })
    // Only the facilitator learns the join code and links.
    expect(viewerView.joinCode).toBeUndefined()
    expect(viewerView.viewerUrl).toBeUndefined()
    const mine = await fetch(`${server.url}/api/workshops/${workshop.id}`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } })
    const facilitatorView = (await mine.json()) as { role: string; joinCode: string; joinUrl: string; viewerUrl: string }
    expect(facilitatorView).toMatchObject({ role: 'facilitator', joinCode: workshop.joinCode, joinUrl: workshop.joinUrl })
    // A fresh viewer link that works as one: read-only.
    const viewerToken = new URL(facilitatorView.viewerUrl).hash.replace('#token=', '')
    const asViewer = await fetch(`${server.url}/api/workshops/${workshop.id}`, { headers: { Authorization: `Bearer ${viewerToken}` } })
    expect(await asViewer.json()).toMatchObject({ role: 'viewer' })
  })
})
