/**
 * Guesses and departments on the board (issue #12) against a real server with stock
 * y-websocket clients: a participant writes only its own ranking, at most 10 items of bounded
 * length, and nothing once the data is revealed; a participant's `people` entry may become a
 * Y.Map{name, department} (a department not in the workshop's list is ignored by readers).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readDepartments, setDepartments, setFlag } from '../../shared/facilitation/control'
import { GUESS_MAX_LENGTH, guessesMap, readGuesses, setGuess } from '../../shared/data/guesses'
import { readPeople, readPersonDepartments, setPerson, setPersonDepartment } from '../../shared/board/person'
import { boardMaps } from '../../shared/board/board-doc'
import { CLOSE } from '../../shared/roles'
import { GUESSES_CLOSED } from '../../server/sync/dataGuards'
import { connect, createWorkshop, destroyAllClients, joinWorkshop, sleep, startTestServer, synced, waitFor, type TestServer, type CreatedWorkshop } from '../helpers/server'

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

async function participant(name: string) {
  const joined = await joinWorkshop(server.url, workshop, name)
  const board = connect(server.wsUrl, workshop.id, 'board', joined.token)
  await synced(board)
  return { ...joined, board }
}

async function facilitator() {
  const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
  await Promise.all([synced(board), synced(control)])
  return { board, control }
}

/** Runs `change` on a fresh client of `token`; resolves with the close it got (or none). */
async function attempt(token: string, change: (doc: Y.Doc) => void) {
  const client = connect(server.wsUrl, workshop.id, 'board', token)
  await synced(client)
  change(client.doc)
  await waitFor(() => client.closes.length > 0, { timeout: 2000, message: 'refusal' }).catch(() => undefined)
  const close = client.closes[0]
  client.destroy()
  return close
}

describe('guesses', () => {
  it('keeps each ranking its owner’s, within 10 items of bounded length, and closed after the reveal', async () => {
    const f = await facilitator()
    const ann = await participant('Ann')
    const bob = await participant('Bob')

    setGuess(ann.board.doc, ann.participantId, ['Phone', 'Email', 'Chat'])
    await waitFor(() => readGuesses(f.board.doc).get(ann.participantId)?.length === 3, { message: 'ann’s guess arrives' })

    // Bob may not write Ann's ranking, nor delete it.
    expect(await attempt(bob.token, (doc) => setGuess(doc, ann.participantId, ['Letter']))).toMatchObject({ code: CLOSE.forbidden })
    expect(await attempt(bob.token, (doc) => guessesMap(doc).delete(ann.participantId))).toMatchObject({ code: CLOSE.forbidden })
    // Eleven items, written straight into the array (past the client's own cap): refused.
    expect(
      await attempt(bob.token, (doc) => guessesMap(doc).set(bob.participantId, Y.Array.from(Array.from({ length: 11 }, (_, i) => `Item ${i}`)))),
    ).toMatchObject({ code: CLOSE.forbidden, reason: 'a guess holds at most 10 touchpoints' })
    // Growing an existing ranking past ten by pushes: refused too.
    setGuess(bob.board.doc, bob.participantId, Array.from({ length: 10 }, (_, i) => `Own ${i}`))
    await waitFor(() => readGuesses(f.board.doc).get(bob.participantId)?.length === 10, { message: 'bob’s ten arrive' })
    expect(
      await attempt(bob.token, (doc) => (guessesMap(doc).get(bob.participantId) as Y.Array<string>).push(['Eleventh'])),
    ).toMatchObject({ code: CLOSE.forbidden, reason: 'a guess holds at most 10 touchpoints' })
    // Too long an item, or not text.
    expect(
      await attempt(bob.token, (doc) => {
        const own = guessesMap(doc).get(bob.participantId) as Y.Array<string>
        own.delete(0, 1)
        own.push(['x'.repeat(GUESS_MAX_LENGTH + 1)])
      }),
    ).toMatchObject({ code: CLOSE.forbidden })
    expect(await attempt(bob.token, (doc) => guessesMap(doc).set(bob.participantId, 'Phone'))).toMatchObject({ code: CLOSE.forbidden })
    // A reorder within ten is fine.
    setGuess(bob.board.doc, bob.participantId, Array.from({ length: 10 }, (_, i) => `Own ${9 - i}`))
    await waitFor(() => readGuesses(f.board.doc).get(bob.participantId)?.[0] === 'Own 9', { message: 'reorder arrives' })

    // After the reveal nobody's guess changes.
    setFlag(f.control.doc, 'dataRevealed', true)
    await sleep(100)
    expect(await attempt(ann.token, (doc) => setGuess(doc, ann.participantId, ['Chat']))).toEqual({ code: CLOSE.forbidden, reason: GUESSES_CLOSED })
    expect(await attempt(ann.token, (doc) => guessesMap(doc).delete(ann.participantId))).toMatchObject({ code: CLOSE.forbidden })
    const check = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(check)
    expect(readGuesses(check.doc).get(ann.participantId)).toEqual(['Phone', 'Email', 'Chat'])
    expect(readGuesses(check.doc).get(bob.participantId)?.[0]).toBe('Own 9')
  })
})

describe('departments', () => {
  it('the facilitator sets them; a participant stores its own in its people entry (a map), no one else’s', async () => {
    const f = await facilitator()
    expect(readDepartments(f.control.doc)).toEqual(['Marketing', 'Sales', 'Service', 'Finance', 'IT'])
    setDepartments(f.control.doc, ['Marketing', 'Customer service', 'IT'])
    const ann = await participant('Ann')
    const bob = await participant('Bob')
    const annControl = connect(server.wsUrl, workshop.id, 'control', ann.token)
    await waitFor(() => readDepartments(annControl.doc).includes('Customer service'), { message: 'departments arrive' })

    // A participant cannot change the list.
    setDepartments(annControl.doc, ['Hackers'])
    await waitFor(() => annControl.closes.length > 0, { message: 'refused' })
    expect(annControl.closes[0]?.code).toBe(CLOSE.forbidden)

    setPerson(ann.board.doc, ann.participantId, 'Ann')
    setPersonDepartment(ann.board.doc, ann.participantId, 'Ann', 'Customer service')
    await waitFor(() => readPersonDepartments(f.board.doc, readDepartments(f.control.doc)).get(ann.participantId) === 'Customer service', { message: 'department arrives' })
    expect(readPeople(f.board.doc).get(ann.participantId)).toBe('Ann')
    expect(boardMaps(f.board.doc).people.get(ann.participantId)).toBeInstanceOf(Y.Map)

    // Bob cannot set Ann's department, nor put anything else into his own entry.
    expect(await attempt(bob.token, (doc) => setPersonDepartment(doc, ann.participantId, 'Ann', 'IT'))).toMatchObject({ code: CLOSE.forbidden })
    expect(
      await attempt(bob.token, (doc) => {
        const map = new Y.Map<unknown>()
        map.set('name', 'Bob')
        map.set('department', 'x'.repeat(500))
        boardMaps(doc).people.set(bob.participantId, map)
      }),
    ).toMatchObject({ code: CLOSE.forbidden })
    expect(
      await attempt(bob.token, (doc) => {
        const map = new Y.Map<unknown>()
        map.set('name', 'Bob')
        map.set('admin', true)
        boardMaps(doc).people.set(bob.participantId, map)
      }),
    ).toMatchObject({ code: CLOSE.forbidden })

    // A department not in the list is accepted as text but ignored by every reader.
    setPersonDepartment(bob.board.doc, bob.participantId, 'Bob', 'Hackers')
    await waitFor(() => boardMaps(f.board.doc).people.get(bob.participantId) instanceof Y.Map, { message: 'bob’s entry arrives' })
    expect(bob.board.closes).toEqual([])
    expect(readPersonDepartments(f.board.doc, readDepartments(f.control.doc)).has(bob.participantId)).toBe(false)
    expect(readPeople(f.board.doc).get(bob.participantId)).toBe('Bob')
  })
})
