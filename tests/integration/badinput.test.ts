/**
 * Bad input closes only the offending connection (or gets a 4xx with {error}); the process
 * and other rooms go on.
 */
import { describe, expect, it } from 'vitest'
import { mulberry32 as prng } from '../helpers/random'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { CLOSE } from '../../shared/roles'
import { addNote, listNotes, setNoteText } from '../../shared/board/note'
import {
  closed,
  connect,
  createWorkshop,
  joinWorkshop,
  rawSocket,
  serverSuite,
  synced,
  waitFor,
  type TestServer,
} from '../helpers/server'

const servers = serverSuite()
const start = servers.start


/** Proves a workshop still syncs: a fresh pair of clients exchanges an edit. */
async function stillSyncs(server: TestServer, workshop: { id: string; facilitatorToken: string }): Promise<void> {
  const a = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  const b = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  await Promise.all([synced(a), synced(b)])
  const marker = `alive ${Math.random()}`
  addNote(a.doc, { text: marker, x: 0, y: 0 })
  await waitFor(() => listNotes(b.doc).some((n) => n.text === marker), { message: 'room still syncs' })
  a.destroy()
  b.destroy()
}

function frame(...parts: Array<(e: encoding.Encoder) => void>): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) part(encoder)
  return encoding.toUint8Array(encoder)
}

describe('websocket bad input', () => {
  it('survives 1,000 random binary frames; other rooms keep syncing throughout', async () => {
    const server = await start({ connectionsPerMinute: 100_000 })
    const target = await createWorkshop(server.url, { title: 'Target' })
    const bystander = await createWorkshop(server.url, { title: 'Bystander' })
    const watchA = connect(server.wsUrl, bystander.id, 'board', bystander.facilitatorToken)
    const watchB = connect(server.wsUrl, bystander.id, 'board', bystander.facilitatorToken)
    await Promise.all([synced(watchA), synced(watchB)])
    const seed = 20261124
    const random = prng(seed)
    const url = `${server.wsUrl}/sync/${target.id}/board?token=${target.facilitatorToken}`
    let sent = 0
    let closedByServer = 0
    while (sent < 1000) {
      const ws = await rawSocket(url)
      const done = closed(ws)
      let open = true
      void done.then(() => (open = false))
      // Send random frames until the server closes this connection.
      while (open && sent < 1000) {
        const length = 1 + Math.floor(random() * 64)
        const bytes = new Uint8Array(length)
        for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256)
        ws.send(bytes)
        sent++
        await new Promise((r) => setImmediate(r))
        if (sent % 50 === 0) {
          const id = addNote(watchA.doc, { text: `during barrage ${sent}`, x: 0, y: 0 })
          await waitFor(() => listNotes(watchB.doc).some((n) => n.id === id), { message: `bystander syncs at frame ${sent} (seed ${seed})` })
        }
      }
      if (open) ws.close()
      const { code } = await done
      if (code >= 4000) closedByServer++
    }
    expect(sent).toBe(1000)
    expect(closedByServer).toBeGreaterThan(10)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    await stillSyncs(server, target)
    await stillSyncs(server, bystander)
  })

  it('closes truncated, unknown and text messages with 4400 and a reason', async () => {
    const server = await start()
    const workshop = await createWorkshop(server.url)
    const url = `${server.wsUrl}/sync/${workshop.id}/board?token=${workshop.facilitatorToken}`
    const doc = new Y.Doc()
    doc.getMap('notes').set('x', 1)
    const update = Y.encodeStateAsUpdate(doc)
    const validUpdate = frame(
      (e) => encoding.writeVarUint(e, 0),
      (e) => encoding.writeVarUint(e, 2),
      (e) => encoding.writeVarUint8Array(e, update),
    )
    const cases: Array<[string, Uint8Array | string, RegExp]> = [
      ['empty frame', new Uint8Array(0), /malformed message/],
      ['truncated update', validUpdate.slice(0, validUpdate.length - 3), /truncated|malformed/],
      ['update with garbage inside', frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 2), (e) => encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 1, 2, 3]))), /malformed update/],
      ['truncated sync step 1', frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 40)), /truncated/],
      ['bad state vector', frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint8Array(e, new Uint8Array([9, 1]))), /state vector/],
      ['unknown sync type', frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 7)), /unknown sync/],
      ['unknown message type', frame((e) => encoding.writeVarUint(e, 42)), /unknown message type/],
      ['truncated awareness', frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 5]))), /awareness/],
      ['awareness with bad JSON', frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, frame((f) => encoding.writeVarUint(f, 1), (f) => encoding.writeVarUint(f, 77), (f) => encoding.writeVarUint(f, 1), (f) => encoding.writeVarString(f, '{nope')))), /awareness/],
      ['text frame', 'hello', /text frames/],
    ]
    for (const [name, data, reason] of cases) {
      const ws = await rawSocket(url)
      const result = closed(ws)
      ws.send(data)
      const { code, reason: text } = await result
      expect(code, name).toBe(CLOSE.badMessage)
      expect(text, name).toMatch(reason)
    }
    await stillSyncs(server, workshop)
  })

  it('closes an oversized frame with 1009 and keeps the room', async () => {
    const server = await start({ maxPayloadBytes: 64 * 1024 })
    const workshop = await createWorkshop(server.url)
    const ws = await rawSocket(`${server.wsUrl}/sync/${workshop.id}/board?token=${workshop.facilitatorToken}`)
    const result = closed(ws)
    ws.send(new Uint8Array(200 * 1024))
    expect((await result).code).toBe(CLOSE.tooBig)
    await stillSyncs(server, workshop)
  })

  it('refuses writes past the document size limit and keeps what was stored', async () => {
    const server = await start({ maxDocBytes: 40 * 1024 })
    const workshop = await createWorkshop(server.url)
    const writer = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(writer)
    const id = addNote(writer.doc, { text: 'small', x: 0, y: 0 })
    const watcher = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await waitFor(() => listNotes(watcher.doc).length === 1)
    for (let i = 0; i < 20 && writer.closes.length === 0; i++) {
      addNote(writer.doc, { text: 'x'.repeat(4000) + i, x: 0, y: 0 })
      await new Promise((r) => setTimeout(r, 10))
    }
    await waitFor(() => writer.closes.length > 0, { message: 'writer closed for size' })
    expect(writer.closes[0]).toEqual({ code: CLOSE.docTooLarge, reason: 'the document has reached its size limit' })
    writer.destroy()
    expect(listNotes(watcher.doc).find((n) => n.id === id)?.text).toBe('small')
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    // Editing an existing note's text in place still fits for others.
    setNoteText(watcher.doc, id, 'small edit')
    const reader = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await waitFor(() => listNotes(reader.doc).find((n) => n.id === id)?.text === 'small edit')
  })

  it('cuts off a client that stops reading instead of buffering for it without bound', async () => {
    // Every request answered (the answers' rate limit is another test's).
    const server = await start({ maxBufferedBytes: 256 * 1024, step1IntervalMs: 0 })
    const workshop = await createWorkshop(server.url)
    const writer = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(writer)
    for (let i = 0; i < 200; i++) addNote(writer.doc, { text: 'y'.repeat(4999) + i, x: i, y: 0 })
    const reader = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await waitFor(() => listNotes(reader.doc).length === 200, { message: 'a 1 MB board' })
    reader.destroy()
    // A client that keeps asking for the whole board but never reads the answers. Loopback
    // buffers in the kernel take tens of MB first; 120 requests ask for ~120 MB.
    const slow = await rawSocket(`${server.wsUrl}/sync/${workshop.id}/board?token=${workshop.viewerToken}`)
    await waitFor(() => server.server.stats().connections === 2)
    slow.pause()
    const askForEverything = frame((e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint(e, 0), (e) => encoding.writeVarUint8Array(e, new Uint8Array([0])))
    for (let i = 0; i < 120 && server.server.stats().connections === 2; i++) {
      slow.send(askForEverything)
      await new Promise((r) => setTimeout(r, 5))
    }
    await waitFor(() => server.server.stats().connections === 1, { timeout: 10_000, message: 'slow client cut off' })
    // The well-behaved writer is unaffected.
    expect(writer.provider.wsconnected).toBe(true)
    slow.terminate()
    await stillSyncs(server, workshop)
  })

  it('closes a connection that floods more than it may queue', async () => {
    const server = await start({ maxQueuedBytes: 16 * 1024 })
    const workshop = await createWorkshop(server.url)
    const ws = await rawSocket(`${server.wsUrl}/sync/${workshop.id}/board?token=${workshop.viewerToken}`)
    const result = closed(ws)
    // Query-awareness messages padded to 1 KB: harmless one by one, too much all at once.
    const message = new Uint8Array(1024)
    message[0] = 3
    for (let i = 0; i < 200; i++) ws.send(message)
    expect(await result).toEqual({ code: CLOSE.tooManyRequests, reason: 'too much data queued; slow down' })
    await stillSyncs(server, workshop)
  })

  it('lets a whole office in (500 connections a minute from one address) and limits beyond the setting', async () => {
    const generous = await start()
    const workshop = await createWorkshop(generous.url)
    const url = `${generous.wsUrl}/sync/${workshop.id}/control?token=${workshop.viewerToken}`
    for (let batch = 0; batch < 10; batch++) {
      const sockets = await Promise.all(Array.from({ length: 50 }, () => rawSocket(url)))
      for (const ws of sockets) ws.close()
    }
    const strict = await start({ connectionsPerMinute: 5 })
    const other = await createWorkshop(strict.url)
    const strictUrl = `${strict.wsUrl}/sync/${other.id}/board?token=${other.viewerToken}`
    for (let i = 0; i < 5; i++) (await rawSocket(strictUrl)).close()
    await expect(rawSocket(strictUrl)).rejects.toMatchObject({ status: 429 })
  })
})

describe('HTTP bad input', () => {
  it('answers malformed, mistyped, oversized and unknown requests with a 4xx and {error}', async () => {
    const server = await start({ maxBodyBytes: 4096 })
    const workshop = await createWorkshop(server.url)
    const post = (path: string, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers, body })
    const cases: Array<[string, Promise<Response>, number, RegExp]> = [
      ['malformed JSON', post('/api/workshops', '{"title": '), 400, /malformed JSON/],
      ['array body', post('/api/workshops', '[1,2]'), 400, /JSON object/],
      ['wrong type', post('/api/workshops', '{"title": 42}'), 400, /title/],
      ['empty title', post('/api/workshops', '{"title": "   "}'), 400, /title must not be empty/],
      ['10,000-character title', post('/api/workshops', JSON.stringify({ title: 'x'.repeat(10_000) }).slice(0, 4000) + '"}'), 400, /title is longer than 200/],
      ['unknown template', post('/api/workshops', '{"template": "kanban"}'), 400, /template/],
      ['oversized body', post('/api/workshops', JSON.stringify({ title: 'x'.repeat(10_000) })), 413, /larger than 4096/],
      ['join unknown workshop', post('/api/workshops/nope123/join', '{"name":"a","joinCode":"ABCDEF"}'), 404, /unknown workshop/],
      ['join with bad id', post('/api/workshops/..%2F..%2Fetc/join', '{"name":"a","joinCode":"ABCDEF"}'), 404, /unknown workshop|no API/],
      ['bad percent-encoding in the id', fetch(`${server.url}/api/workshops/%E0%A4%A/series`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } }), 404, /unknown workshop/],
      ['bad percent-encoding, public', fetch(`${server.url}/api/workshops/%ZZ/public`), 404, /unknown workshop/],
      ['join wrong code', post(`/api/workshops/${workshop.id}/join`, '{"name":"Ann","joinCode":"WRONG1"}'), 403, /wrong join code/],
      ['join empty name', post(`/api/workshops/${workshop.id}/join`, `{"name":"  ","joinCode":"${workshop.joinCode}"}`), 400, /name must not be empty/],
      ['join long name', post(`/api/workshops/${workshop.id}/join`, JSON.stringify({ name: 'n'.repeat(500), joinCode: workshop.joinCode })), 400, /name is longer than 80/],
      ['join missing code', post(`/api/workshops/${workshop.id}/join`, '{"name":"Ann"}'), 400, /joinCode/],
      ['create as a form', post('/api/workshops', 'title=x', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, /Content-Type must be application\/json/],
      ['join without a Content-Type', post(`/api/workshops/${workshop.id}/join`, `{"name":"Ann","joinCode":"${workshop.joinCode}"}`, {}), 415, /Content-Type/],
      ['create from another site', post('/api/workshops', '{}', { 'Content-Type': 'application/json', Origin: 'https://elsewhere.example' }), 403, /another origin/],
      ['describe without token', fetch(`${server.url}/api/workshops/${workshop.id}`), 401, /Bearer/],
      ['export unknown workshop', fetch(`${server.url}/api/workshops/zzzzzzzz/export?format=json`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } }), 401, /invalid token/],
      ['export bad format', fetch(`${server.url}/api/workshops/${workshop.id}/export?format=xls`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } }), 400, /format/],
      ['unknown endpoint', fetch(`${server.url}/api/nothing`), 404, /no API endpoint/],
      ['wrong method', fetch(`${server.url}/api/workshops`), 405, /POST/],
      ['plain GET on sync', fetch(`${server.url}/sync/${workshop.id}/board`), 426, /WebSocket/],
    ]
    for (const [name, request, status, message] of cases) {
      const response = await request
      expect(response.status, name).toBe(status)
      expect(response.headers.get('content-type'), name).toMatch(/application\/json/)
      const body = (await response.json()) as { error: string }
      expect(body.error, name).toMatch(message)
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it('joins with the right code (any letter case) and exports JSON for every role', async () => {
    const server = await start()
    const workshop = await createWorkshop(server.url, { title: 'Ünïcode, "quotes"', persona: 'Young families' })
    const response = await fetch(`${server.url}/api/workshops/${workshop.id}/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: ' Zoë ', joinCode: workshop.joinCode.toLowerCase() }),
    })
    expect(response.status).toBe(200)
    const joined = (await response.json()) as { token: string; participantId: string; name: string }
    expect(joined.name).toBe('Zoë')
    for (const token of [workshop.facilitatorToken, workshop.viewerToken, joined.token]) {
      const exported = await fetch(`${server.url}/api/workshops/${workshop.id}/export?format=json`, { headers: { Authorization: `Bearer ${token}` } })
      expect(exported.status).toBe(200)
      const json = (await exported.json()) as { schemaVersion: number; meta: { title: string; persona: string }; stages: unknown[] }
      expect(json.schemaVersion).toBe(1)
      expect(json.meta).toMatchObject({ title: 'Ünïcode, "quotes"', persona: 'Young families' })
      expect(json.stages).toHaveLength(6)
    }
    await waitFor(() => server.server.stats().workshopsLoaded === 0, { message: 'export released the room' })
  })

  it('tells the time, for clients correcting their clocks', async () => {
    const server = await start()
    const before = Date.now()
    const { now } = (await (await fetch(`${server.url}/api/time`)).json()) as { now: number }
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(Date.now())
  })

  it('tells the holder of a join link the workshop’s title, and nothing more', async () => {
    const server = await start()
    const workshop = await createWorkshop(server.url, { title: 'Public title', persona: 'kept private' })
    const info = await fetch(`${server.url}/api/workshops/${workshop.id}/public`)
    expect(info.status).toBe(200)
    // Issue #12: and the departments its join form offers.
    expect(await info.json()).toEqual({ id: workshop.id, title: 'Public title', departments: ['Marketing', 'Sales', 'Service', 'Finance', 'IT'] })
    const unknown = await fetch(`${server.url}/api/workshops/nosuchworkshop1/public`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'unknown workshop' })
  })

  it('joins by the code alone, and answers an unknown code like a wrong one', async () => {
    const server = await start()
    const workshop = await createWorkshop(server.url, { title: 'By code' })
    const byCode = (joinCode: string) =>
      fetch(`${server.url}/api/join`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Kim', joinCode }) })
    const ok = await byCode(` ${workshop.joinCode.toLowerCase()} `)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ workshopId: workshop.id, title: 'By code', name: 'Kim' })
    const unknown = await byCode('ZZZZZZ')
    expect(unknown.status).toBe(403)
    expect(await unknown.json()).toEqual({ error: 'wrong join code' })
  })

  it('limits wrong join codes per address', async () => {
    const server = await start({ joinFailuresPerMinute: 3 })
    const workshop = await createWorkshop(server.url)
    const attempt = (joinCode: string) =>
      fetch(`${server.url}/api/workshops/${workshop.id}/join`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Eve', joinCode }) })
    for (let i = 0; i < 3; i++) expect((await attempt('AAAAAA')).status).toBe(403)
    const limited = await attempt(workshop.joinCode)
    expect(limited.status).toBe(429)
    expect(((await limited.json()) as { error: string }).error).toMatch(/too many wrong join codes/)
  })
})

describe('static client', () => {
  it('serves the built client with an SPA fallback', async () => {
    const server = await start()
    const index = await fetch(`${server.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toMatch(/text\/html/)
    const html = await index.text()
    expect(html).toContain('<div id="root">')
    const deep = await fetch(`${server.url}/w/some-workshop`)
    expect(deep.status).toBe(200)
    expect(await deep.text()).toBe(html)
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
    expect(script).toBeDefined()
    const asset = await fetch(`${server.url}${script}`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    expect(asset.headers.get('cache-control')).toMatch(/immutable/)
  })
})

// Keep the import used when running a subset.
void WebSocket
void joinWorkshop
