/**
 * Attacks on the sync server from a scripted client that ignores the UI (issue "Trust"): writing
 * under another client's Yjs id, staging updates that Yjs would hold pending, forging a note's
 * author or an oversized name, asking for the whole document in a loop — and what happens when
 * storage fails under a change. Real server on a free port, stock y-websocket clients, raw
 * sockets for the attacker, real SQLite.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CLOSE } from '../../shared/roles'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote, listNotes, readNote } from '../../shared/board/note'
import { updateMessage } from '../../server/sync/protocol'
import { openSqliteStorage } from '../../server/storage/sqlite'
import { step2Message } from '../helpers/room'
import { closed, connect, createWorkshop, joinWorkshop, rawSocket, serverSuite, silentClient, sleep, synced, waitFor, type Client, type TestServer } from '../helpers/server'

const servers = serverSuite()

/** A raw socket on the board as `token`, synced to the server's state: the attacker's copy of the board. */
async function attacker(server: TestServer, workshopId: string, token: string): Promise<{ ws: WebSocket; doc: Y.Doc; result: Promise<{ code: number; reason: string }> }> {
  const watcher = connect(server.wsUrl, workshopId, 'board', token)
  await synced(watcher)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcher.doc))
  watcher.destroy()
  const ws = await rawSocket(`${server.wsUrl}/sync/${workshopId}/board?token=${token}`)
  return { ws, doc, result: closed(ws) }
}

/** The updates `doc` produces for `changes`, one each, written under Yjs client id `clientId`. */
function updatesUnder(doc: Y.Doc, clientId: number, ...changes: Array<(doc: Y.Doc) => void>): Uint8Array[] {
  const updates: Uint8Array[] = []
  const record = (update: Uint8Array) => updates.push(update)
  doc.on('update', record)
  const usual = doc.clientID
  doc.clientID = clientId
  for (const change of changes) change(doc)
  doc.clientID = usual
  doc.off('update', record)
  return updates
}

const texts = (client: Client) => listNotes(client.doc).map((note) => note.text).sort()

/** A fresh client's view of the board: what the server holds. */
async function fresh(server: TestServer, workshopId: string, token: string): Promise<Client> {
  const client = connect(server.wsUrl, workshopId, 'board', token)
  await synced(client)
  return client
}

describe('Yjs client ids belong to their first writer', () => {
  it('refuses a participant writing under the facilitator’s client id; the facilitator’s next edits all arrive', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const mallory = await joinWorkshop(server.url, workshop, 'Mallory')
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(facilitator)
    addNote(facilitator.doc, { text: 'F1', x: 0, y: 0 })
    await waitFor(async () => texts(await fresh(server, workshop.id, workshop.facilitatorToken)).includes('F1'))

    // Mallory takes the facilitator's id and next clock from what she was sent.
    const evil = await attacker(server, workshop.id, mallory.token)
    const [staged] = updatesUnder(evil.doc, facilitator.doc.clientID, (d) => addNote(d, { text: 'staged', x: 1, y: 1 }))
    evil.ws.send(updateMessage(staged as Uint8Array))
    expect(await evil.result).toEqual({ code: CLOSE.forbidden, reason: 'this update writes under a Yjs client id that belongs to someone else' })

    addNote(facilitator.doc, { text: 'F2', x: 0, y: 0 })
    addNote(facilitator.doc, { text: 'F3', x: 0, y: 0 })
    const check = await fresh(server, workshop.id, workshop.facilitatorToken)
    await waitFor(() => texts(check).includes('F3'), { message: 'the facilitator’s edits reach a new client' })
    expect(texts(check)).toEqual(['F1', 'F2', 'F3'])
    expect(facilitator.closes).toEqual([])
  })

  it('a staged note behind a clock gap never lands, not even after the lock and the facilitator’s next edit', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const mallory = await joinWorkshop(server.url, workshop, 'Mallory')
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await Promise.all([synced(facilitator), synced(control)])
    addNote(facilitator.doc, { text: 'F1', x: 0, y: 0 })

    // Under a client id of her own, she withholds one change and sends the next: a gap.
    const evil = await attacker(server, workshop.id, mallory.token)
    await sleep(100)
    Y.applyUpdate(evil.doc, Y.encodeStateAsUpdate(facilitator.doc))
    const [withheld, sent] = updatesUnder(
      evil.doc,
      0x7fff_0001,
      (d) => addNote(d, { text: 'withheld', x: 1, y: 1 }),
      (d) => addNote(d, { text: 'staged', x: 2, y: 2 }),
    )
    expect(withheld).toBeDefined()
    // Sent before answering the server's sync step 1 it is dropped (the answer should bring what
    // it builds on); the answer without the withheld change is refused.
    evil.ws.send(updateMessage(sent as Uint8Array))
    evil.ws.send(step2Message(sent as Uint8Array))
    expect(await evil.result).toEqual({ code: CLOSE.forbidden, reason: 'the update depends on changes the server does not have (a clock gap)' })

    // Nothing of it is stored: a new client holds no pending structs.
    const check = await fresh(server, workshop.id, workshop.facilitatorToken)
    expect(check.doc.store.pendingStructs).toBeNull()
    control.doc.getMap('control').set('locked', true)
    addNote(facilitator.doc, { text: 'F2', x: 0, y: 0 })
    await waitFor(() => texts(check).includes('F2'))
    expect(texts(check)).toEqual(['F1', 'F2'])
    const stored = await server.server.storage.loadDoc(workshop.id, 'board')
    const replay = new Y.Doc()
    for (const update of stored.updates) Y.applyUpdate(replay, update)
    expect(replay.store.pendingStructs).toBeNull()
  })

  it('an offline participant’s clocks cannot be taken: Bob reconnects with 3 offline notes and all 3 are stored (stock client)', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const bob = await joinWorkshop(server.url, workshop, 'Bob')
    const mallory = await joinWorkshop(server.url, workshop, 'Mallory')
    const bobClient = connect(server.wsUrl, workshop.id, 'board', bob.token)
    await synced(bobClient)
    addNote(bobClient.doc, { text: 'Bob online', x: 0, y: 0, authorId: bob.participantId })
    const watcher = await fresh(server, workshop.id, workshop.facilitatorToken)
    await waitFor(() => texts(watcher).includes('Bob online'))

    bobClient.provider.disconnect()
    for (const n of [1, 2, 3]) addNote(bobClient.doc, { text: `Bob offline ${n}`, x: n, y: 0, authorId: bob.participantId })

    const evil = await attacker(server, workshop.id, mallory.token)
    const [taken] = updatesUnder(evil.doc, bobClient.doc.clientID, (d) => addNote(d, { text: 'taken', x: 9, y: 9 }))
    evil.ws.send(updateMessage(taken as Uint8Array))
    expect((await evil.result).code).toBe(CLOSE.forbidden)

    bobClient.provider.connect()
    await waitFor(() => texts(watcher).length === 4, { message: 'Bob’s offline notes merged' })
    expect(texts(watcher)).toEqual(['Bob offline 1', 'Bob offline 2', 'Bob offline 3', 'Bob online'])
    expect(bobClient.closes.filter((c) => c.code !== 1000 && c.code !== 1005)).toEqual([])
  })

  it('a client id seen only in presence already belongs to its announcer: nobody who saw it writes under it first', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const mallory = await joinWorkshop(server.url, workshop, 'Mallory')
    // The facilitator opens the board and shows presence, but has not written anything yet.
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(facilitator)
    facilitator.provider.awareness.setLocalStateField('user', { name: 'F' })
    const spy = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    await synced(spy)
    await waitFor(() => spy.provider.awareness.getStates().has(facilitator.doc.clientID), { message: 'Mallory sees the facilitator’s presence' })

    const evil = await attacker(server, workshop.id, mallory.token)
    const [squat] = updatesUnder(evil.doc, facilitator.doc.clientID, (d) => d.getMap('meta').set('squat', 1))
    evil.ws.send(updateMessage(squat as Uint8Array))
    expect(await evil.result).toEqual({ code: CLOSE.forbidden, reason: 'this update writes under a Yjs client id that belongs to someone else' })

    // The facilitator's first edit, made offline, lands when it comes back.
    facilitator.provider.disconnect()
    facilitator.doc.getMap('meta').set('title', 'Renamed offline')
    facilitator.provider.connect()
    const check = await fresh(server, workshop.id, workshop.viewerToken)
    await waitFor(() => check.doc.getMap('meta').get('title') === 'Renamed offline', { message: 'the offline rename stored' })
    expect(check.doc.getMap('meta').get('squat')).toBeUndefined()
    expect(facilitator.closes.filter((c) => c.code === CLOSE.forbidden)).toEqual([])
  })

  it('keeps ownership across a restart (recorded durably)', async () => {
    const first = await servers.start()
    const workshop = await createWorkshop(first.url)
    const mallory = await joinWorkshop(first.url, workshop, 'Mallory')
    const facilitator = connect(first.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(facilitator)
    addNote(facilitator.doc, { text: 'F1', x: 0, y: 0 })
    await waitFor(async () => (await first.server.storage.loadDoc(workshop.id, 'board')).clientOwners.has(facilitator.doc.clientID))
    const clientId = facilitator.doc.clientID
    const state = Y.encodeStateAsUpdate(facilitator.doc)
    facilitator.destroy()
    await servers.stop(first)

    const second = await servers.start({ dataDir: first.dataDir })
    const evil = await attacker(second, workshop.id, mallory.token)
    Y.applyUpdate(evil.doc, state)
    const [staged] = updatesUnder(evil.doc, clientId, (d) => addNote(d, { text: 'staged', x: 1, y: 1 }))
    evil.ws.send(updateMessage(staged as Uint8Array))
    expect((await evil.result).code).toBe(CLOSE.forbidden)
  })

  it('keeps an id first written offline its writer’s across a restart, before the writer announced it, and nobody else’s', async () => {
    const first = await servers.start()
    const workshop = await createWorkshop(first.url)
    const pat = await joinWorkshop(first.url, workshop, 'Pat')
    const mallory = await joinWorkshop(first.url, workshop, 'Mallory')
    // Pat's offline note comes in Pat's answer; Pat's client announces no presence, so the
    // server only holds the id for Pat (stored as held).
    const doc = new Y.Doc()
    addNote(doc, { text: 'offline by Pat', x: 0, y: 0 })
    const patClient = silentClient(first.wsUrl, workshop.id, 'board', pat.token, doc)
    await synced(patClient)
    await waitFor(async () => (await first.server.storage.loadDoc(workshop.id, 'board')).heldClientIds?.has(doc.clientID) === true, { message: 'the id stored as held' })
    patClient.destroy()
    await servers.stop(first)

    // After the restart the load must not give the id to the server (Pat's live writes were
    // refused from then on): Pat writes under it live and it becomes Pat's for good.
    const second = await servers.start({ dataDir: first.dataDir })
    const again = silentClient(second.wsUrl, workshop.id, 'board', pat.token, doc)
    await synced(again)
    addNote(doc, { text: 'live by Pat', x: 2, y: 2 })
    const check = await fresh(second, workshop.id, workshop.viewerToken)
    await waitFor(() => texts(check).includes('live by Pat'), { message: 'Pat’s live note after the restart' })
    expect(again.closes).toEqual([])
    const stored = await second.server.storage.loadDoc(workshop.id, 'board')
    expect(stored.clientOwners.get(doc.clientID)).toBe(pat.participantId)
    expect(stored.heldClientIds?.has(doc.clientID)).toBe(false)
    // From then on nobody else writes under it.
    const evil = await attacker(second, workshop.id, mallory.token)
    const [staged] = updatesUnder(evil.doc, doc.clientID, (d) => addNote(d, { text: 'Mallory as Pat', x: 1, y: 1 }))
    evil.ws.send(updateMessage(staged as Uint8Array))
    expect((await evil.result).code).toBe(CLOSE.forbidden)
    expect(texts(check)).toEqual(['live by Pat', 'offline by Pat'])
  })

  it('cleans a stored document that holds pending structs when it loads', async () => {
    const first = await servers.start()
    const workshop = await createWorkshop(first.url)
    await servers.stop(first)
    // What the old server stored: an update waiting behind a clock gap.
    const doc = new Y.Doc()
    const [, pending] = updatesUnder(
      doc,
      0x7fff_0002,
      (d) => addNote(d, { text: 'never sent', x: 0, y: 0 }),
      (d) => addNote(d, { text: 'pending', x: 0, y: 0 }),
    )
    const storage = openSqliteStorage(first.dataDir)
    await storage.appendUpdate(workshop.id, 'board', pending as Uint8Array)
    await storage.close()

    const second = await servers.start({ dataDir: first.dataDir })
    const client = await fresh(second, workshop.id, workshop.facilitatorToken)
    expect(client.doc.store.pendingStructs).toBeNull()
    expect(texts(client)).toEqual([])
    const stored = await second.server.storage.loadDoc(workshop.id, 'board')
    const replay = new Y.Doc()
    for (const update of stored.updates) Y.applyUpdate(replay, update)
    expect(replay.store.pendingStructs).toBeNull()
    expect(stored.updates).toHaveLength(1)
  })
})

describe('values a participant may not forge', () => {
  it('refuses a note whose author is someone else; one’s own id and the facilitator’s choice are fine', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const bob = await joinWorkshop(server.url, workshop, 'Bob')
    const mallory = await joinWorkshop(server.url, workshop, 'Mallory')
    const honest = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    await synced(honest)
    addNote(honest.doc, { text: 'mine', x: 0, y: 0, authorId: mallory.participantId })
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(facilitator)
    addNote(facilitator.doc, { text: 'on behalf of Bob', x: 0, y: 0, authorId: bob.participantId })
    const check = await fresh(server, workshop.id, workshop.facilitatorToken)
    await waitFor(() => texts(check).length === 2)
    expect(honest.closes).toEqual([])

    const liar = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    await synced(liar)
    addNote(liar.doc, { text: 'by Bob, really', x: 0, y: 0, authorId: bob.participantId })
    await waitFor(() => liar.closes.length > 0)
    expect(liar.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'a note\'s author may only be its writer' })

    // Nor may she change the author of an existing note.
    const [mine] = listNotes(honest.doc).filter((n) => n.text === 'mine')
    const edit = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    await synced(edit)
    ;(boardMaps(edit.doc).notes.get(mine!.id) as Y.Map<unknown>).set('authorId', bob.participantId)
    await waitFor(() => edit.closes.length > 0)
    expect(edit.closes[0]?.code).toBe(CLOSE.forbidden)
    await sleep(100)
    expect(readNote(check.doc, mine!.id)?.authorId).toBe(mallory.participantId)
    expect(texts(check)).toEqual(['mine', 'on behalf of Bob'])
  })

  it('only the facilitator changes or removes an existing note’s author; deleting a note and undoing that are fine', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const alice = await joinWorkshop(server.url, workshop, 'Alice')
    const mallory = await joinWorkshop(server.url, workshop, 'Mallory')
    const aliceClient = connect(server.wsUrl, workshop.id, 'board', alice.token)
    await synced(aliceClient)
    const noteId = addNote(aliceClient.doc, { text: 'Alice’s idea', x: 0, y: 0, authorId: alice.participantId })
    const check = await fresh(server, workshop.id, workshop.facilitatorToken)
    await waitFor(() => readNote(check.doc, noteId) !== undefined)

    for (const change of [
      (doc: Y.Doc) => (boardMaps(doc).notes.get(noteId) as Y.Map<unknown>).set('authorId', mallory.participantId),
      (doc: Y.Doc) => (boardMaps(doc).notes.get(noteId) as Y.Map<unknown>).delete('authorId'),
    ]) {
      const thief = connect(server.wsUrl, workshop.id, 'board', mallory.token)
      await synced(thief)
      change(thief.doc)
      await waitFor(() => thief.closes.length > 0)
      expect(thief.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'only the facilitator may change a note\'s author' })
      thief.destroy()
    }
    expect(readNote(check.doc, noteId)?.authorId).toBe(alice.participantId)

    // Deleting Alice's note, then undoing it (the note comes back with its author): both fine.
    const tidy = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    await synced(tidy)
    const undo = new Y.UndoManager(boardMaps(tidy.doc).notes)
    boardMaps(tidy.doc).notes.delete(noteId)
    await waitFor(() => readNote(check.doc, noteId) === undefined, { message: 'deleted' })
    undo.undo()
    await waitFor(() => readNote(check.doc, noteId) !== undefined, { message: 'restored' })
    expect(readNote(check.doc, noteId)?.authorId).toBe(alice.participantId)
    expect(tidy.closes).toEqual([])

    // The facilitator may.
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(facilitator)
    ;(boardMaps(facilitator.doc).notes.get(noteId) as Y.Map<unknown>).set('authorId', mallory.participantId)
    await waitFor(() => readNote(check.doc, noteId)?.authorId === mallory.participantId)
    expect(facilitator.closes).toEqual([])
  })

  it('refuses a name in `people` longer than the join form allows', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const mallory = await joinWorkshop(server.url, workshop, 'Mallory')
    const client = connect(server.wsUrl, workshop.id, 'board', mallory.token)
    await synced(client)
    boardMaps(client.doc).people.set(mallory.participantId, 'M'.repeat(500))
    await waitFor(() => client.closes.length > 0)
    expect(client.closes[0]).toEqual({ code: CLOSE.forbidden, reason: 'a name must be text of at most 80 characters' })
    const check = await fresh(server, workshop.id, workshop.facilitatorToken)
    expect(boardMaps(check.doc).people.get(mallory.participantId)).toBeUndefined()
  })
})

describe('sync step 1', () => {
  it('answers a connection’s full-state requests at most once per interval (20 sockets asking 50 times each)', async () => {
    const server = await servers.start({ connectionsPerMinute: 10_000 })
    const workshop = await createWorkshop(server.url)
    const writer = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(writer)
    writer.doc.transact(() => {
      for (let i = 0; i < 100; i++) addNote(writer.doc, { text: 'x'.repeat(500), x: i, y: 0 })
    })
    await waitFor(async () => texts(await fresh(server, workshop.id, workshop.viewerToken)).length === 100)

    const askForEverything = (() => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint(encoder, 0)
      encoding.writeVarUint8Array(encoder, new Uint8Array([0]))
      return encoding.toUint8Array(encoder)
    })()
    const sockets = await Promise.all(Array.from({ length: 20 }, () => rawSocket(`${server.wsUrl}/sync/${workshop.id}/board?token=${workshop.viewerToken}`)))
    const answers = sockets.map(() => ({ count: 0, bytes: 0 }))
    sockets.forEach((ws, i) =>
      ws.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data))
        if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return
        answers[i]!.count++
        answers[i]!.bytes += data.byteLength
      }),
    )
    for (let round = 0; round < 50; round++) for (const ws of sockets) ws.send(askForEverything)
    await sleep(1000)
    // The first request is answered at once; the other 49 wait for the interval (2 s) and are
    // answered once, with the latest request's difference.
    expect(answers.map((a) => a.count)).toEqual(sockets.map(() => 1))
    await waitFor(() => answers.every((a) => a.count === 2), { timeout: 4000, message: 'the waiting request answered' })
    await sleep(300)
    expect(answers.map((a) => a.count)).toEqual(sockets.map(() => 2))
    for (const ws of sockets) ws.close()
  })
})

describe('presence queries', () => {
  it('answers a connection’s presence queries at most once per interval', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const ws = await rawSocket(`${server.wsUrl}/sync/${workshop.id}/board?token=${workshop.viewerToken}`)
    let answers = 0
    ws.on('message', (data: Buffer) => {
      if (data[0] === 1) answers++
    })
    await sleep(200)
    const before = answers
    for (let i = 0; i < 500; i++) ws.send(new Uint8Array([3]))
    await sleep(1000)
    expect(answers - before).toBe(1)
    await waitFor(() => answers - before === 2, { timeout: 4000, message: 'the waiting query answered' })
    expect(ws.readyState).toBe(WebSocket.OPEN)
    ws.close()
  })
})

describe('storage failure', () => {
  it('relays nothing, closes with 4503, reloads from storage; the client keeps its change and it is stored once storage works again', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const writer = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const other = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await Promise.all([synced(writer), synced(other)])
    addNote(writer.doc, { text: 'saved', x: 0, y: 0 })
    await waitFor(() => texts(other).includes('saved'))

    // A second connection holds SQLite's write lock: the server's append fails (SQLITE_BUSY
    // after its busy timeout) — a real storage failure.
    const lock = new Database(path.join(server.dataDir, 'horizon.sqlite'))
    lock.exec('BEGIN IMMEDIATE')
    const seenByOther: string[][] = []
    other.doc.on('update', () => seenByOther.push(texts(other)))
    addNote(writer.doc, { text: 'kept by its client', x: 1, y: 1 })
    await waitFor(() => writer.closes.some((c) => c.code === CLOSE.storageFailed), { timeout: 15_000, message: 'writer told' })
    expect(writer.closes.find((c) => c.code === CLOSE.storageFailed)?.reason).toBe('the change could not be saved; reconnecting')
    expect(other.closes.some((c) => c.code === CLOSE.storageFailed)).toBe(true)
    // Nothing unsaved was relayed.
    expect(seenByOther.flat()).not.toContain('kept by its client')
    lock.exec('ROLLBACK')
    lock.close()

    // The writer reconnects by itself and sends what the server lacks.
    const check = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await waitFor(() => texts(check).includes('kept by its client'), { timeout: 10_000, message: 'the kept change stored' })
    await waitFor(() => texts(other).includes('kept by its client'))
    const stored = await server.server.storage.loadDoc(workshop.id, 'board')
    const replay = new Y.Doc()
    for (const update of stored.updates) Y.applyUpdate(replay, update)
    expect(listNotes(replay).map((n) => n.text).sort()).toEqual(['kept by its client', 'saved'])
  }, 40_000)
})
