/**
 * Private writing: a note written in private mode lives in its author's own document, which
 * nobody else can open; not a byte of its text reaches another participant until the
 * facilitator reveals, when the server moves it onto the board.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setFlag } from '../../shared/facilitation/control'
import { privateDocName } from '../../shared/roles'
import { addNote, listNotes, setNoteText } from '../../shared/board/note'
import {
  connect,
  createWorkshop,
  destroyAllClients,
  joinWorkshop,
  rawSocket,
  sleep,
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

const SECRET = 'Our onboarding emails are ignored by everyone'

describe('private writing', () => {
  it('keeps private notes out of everyone else’s documents until the facilitator reveals', async () => {
    const workshop = await createWorkshop(server.url)
    const ann = await joinWorkshop(server.url, workshop, 'Ann')
    const bob = await joinWorkshop(server.url, workshop, 'Bob')
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const facilitatorBoard = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const bobBoard = connect(server.wsUrl, workshop.id, 'board', bob.token)
    await Promise.all([synced(control), synced(facilitatorBoard), synced(bobBoard)])
    // Everything Bob's and the facilitator's board documents ever receive.
    const received: Uint8Array[] = []
    bobBoard.doc.on('update', (update: Uint8Array) => received.push(update))
    facilitatorBoard.doc.on('update', (update: Uint8Array) => received.push(update))
    setFlag(control.doc, 'privateMode', true)

    const annPrivate = connect(server.wsUrl, workshop.id, privateDocName(ann.participantId), ann.token)
    await synced(annPrivate)
    const id = addNote(annPrivate.doc, { text: 'draft', x: 10, y: 10, authorId: ann.participantId })
    setNoteText(annPrivate.doc, id, SECRET)
    // Ann's second device sees it: it is stored on the server.
    const annAgain = connect(server.wsUrl, workshop.id, privateDocName(ann.participantId), ann.token)
    await waitFor(() => listNotes(annAgain.doc)[0]?.text === SECRET, { message: 'ann’s private doc synced' })

    // Nobody else can open Ann's private document — not Bob, not the facilitator, not a viewer.
    for (const token of [bob.token, workshop.facilitatorToken, workshop.viewerToken]) {
      await expect(rawSocket(`${server.wsUrl}/sync/${workshop.id}/${privateDocName(ann.participantId)}?token=${token}`)).rejects.toMatchObject({ status: 403 })
    }
    await sleep(200)
    const secretBytes = new TextEncoder().encode('onboarding emails')
    const contains = (haystack: Uint8Array) => {
      outer: for (let i = 0; i + secretBytes.length <= haystack.length; i++) {
        for (let j = 0; j < secretBytes.length; j++) if (haystack[i + j] !== secretBytes[j]) continue outer
        return true
      }
      return false
    }
    expect(received.some(contains)).toBe(false)
    expect(listNotes(bobBoard.doc)).toEqual([])

    // Reveal: the server moves Ann's note onto the board, same id, and empties her document.
    setFlag(control.doc, 'privateMode', false)
    await waitFor(() => listNotes(bobBoard.doc).some((n) => n.text === SECRET), { message: 'revealed to bob' })
    const revealed = listNotes(facilitatorBoard.doc).find((n) => n.id === id)
    expect(revealed).toMatchObject({ text: SECRET, authorId: ann.participantId, x: 10, y: 10 })
    await waitFor(() => listNotes(annPrivate.doc).length === 0, { message: 'ann’s private doc emptied' })
    expect(received.some(contains)).toBe(true)

    // It is on the board in storage too, once.
    destroyAllClients()
    await server.close()
    server = await startTestServer({ dataDir: server.dataDir })
    const fresh = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(fresh)
    expect(listNotes(fresh.doc).filter((n) => n.text === SECRET)).toHaveLength(1)
    const annLater = connect(server.wsUrl, workshop.id, privateDocName(ann.participantId), ann.token)
    await synced(annLater)
    expect(listNotes(annLater.doc)).toEqual([])
  })

  it('refuses private writing while the board is locked, like any participant edit', async () => {
    const workshop = await createWorkshop(server.url)
    const ann = await joinWorkshop(server.url, workshop, 'Ann')
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await synced(control)
    setFlag(control.doc, 'locked', true)
    const annPrivate = connect(server.wsUrl, workshop.id, privateDocName(ann.participantId), ann.token)
    await synced(annPrivate)
    await sleep(100)
    addNote(annPrivate.doc, { text: 'while locked', x: 0, y: 0 })
    await waitFor(() => annPrivate.closes.length > 0)
    expect(annPrivate.closes[0]?.code).toBe(4403)
  })
})
