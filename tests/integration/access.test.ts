/**
 * Trust (issue #11) on a real server: security headers on every answer, writes only as JSON and
 * from the server's own origin, tokens that expire, and the facilitator's revocations — a new
 * join code, a new viewer link, removing a participant — taking effect at once.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { openSqliteStorage, SQLITE_FILE } from '../../server/storage/sqlite'
import { CLOSE } from '../../shared/roles'
import { addNote, listNotes } from '../../shared/board/note'
import {
  closed,
  connect,
  createWorkshop,
  joinWorkshop,
  rawSocket,
  serverSuite,
  synced,
  tempDir,
  TEST_SECRET,
  waitFor,
  type CreatedWorkshop,
  type TestServer,
} from '../helpers/server'

const servers = serverSuite()

const auth = (token: string) => ({ Authorization: `Bearer ${token}` })
const json = { 'Content-Type': 'application/json' }

async function status(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, init)
  const text = await response.text()
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined }
}

/** The HTTP status a WebSocket upgrade gets, or 101 when it opens. */
async function upgradeStatus(url: string): Promise<number> {
  return rawSocket(url).then(
    (ws) => {
      ws.close()
      return 101
    },
    (error: { status?: number }) => error.status ?? 0,
  )
}

describe('security headers', () => {
  it('sends a CSP, nosniff and no-referrer with pages, assets, API answers and errors', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const host = new URL(server.url).host
    const index = await fetch(`${server.url}/`)
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1]
    const answers: Array<[string, Response]> = [
      ['index', index],
      ['deep link', await fetch(`${server.url}/w/${workshop.id}`)],
      ['asset', await fetch(`${server.url}${script ?? '/assets/missing.js'}`)],
      ['API', await fetch(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(workshop.facilitatorToken) })],
      ['API error', await fetch(`${server.url}/api/nothing`)],
      ['created', await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: json, body: '{}' })],
      ['export', await fetch(`${server.url}/api/workshops/${workshop.id}/export?format=md`, { headers: auth(workshop.facilitatorToken) })],
      ['healthz', await fetch(`${server.url}/healthz`)],
    ]
    for (const [name, response] of answers) {
      const csp = response.headers.get('content-security-policy') ?? ''
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([key = '', ...values]) => [key, values]))
      expect(directives.get('default-src'), name).toEqual(["'self'"])
      expect(directives.get('script-src'), name).toEqual(["'self'"])
      expect(directives.get('style-src'), name).toEqual(["'self'"])
      expect(directives.get('connect-src'), name).toEqual(["'self'", `ws://${host}`, `wss://${host}`])
      expect(directives.get('img-src'), name).toEqual(["'self'", 'data:', 'blob:'])
      expect(directives.get('worker-src'), name).toEqual(["'self'", 'blob:'])
      expect(directives.get('object-src'), name).toEqual(["'none'"])
      expect(directives.get('base-uri'), name).toEqual(["'none'"])
      expect(directives.get('form-action'), name).toEqual(["'self'"])
      expect(directives.get('frame-ancestors'), name).toEqual(["'none'"])
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), name).toBe('no-referrer')
    }
  })
})

describe('writes: JSON only, from our own origin', () => {
  it('refuses a body that is not declared application/json with 415, on every POST', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const body = JSON.stringify({ name: 'Ann', joinCode: workshop.joinCode })
    const posts: Array<[string, string, string]> = [
      ['create', '/api/workshops', '{"title":"x"}'],
      ['join', `/api/workshops/${workshop.id}/join`, body],
      ['join by code', '/api/join', body],
      ['import', '/api/workshops/import', '{}'],
      ['new join code', `/api/workshops/${workshop.id}/join-code`, ''],
      ['new viewer link', `/api/workshops/${workshop.id}/viewer-link`, ''],
    ]
    for (const [name, path, text] of posts) {
      for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
        const headers: Record<string, string> = { ...auth(workshop.facilitatorToken), ...(type && { 'Content-Type': type }) }
        // fetch labels a string body text/plain itself when no type is given.
        const answer = await status(`${server.url}${path}`, { method: 'POST', headers, body: text })
        expect(answer.status, `${name} as ${type}`).toBe(415)
        expect(answer.body, `${name} as ${type}`).toEqual({ error: 'Content-Type must be application/json' })
      }
    }
    // Parameters and letter case do not matter; nothing was created or joined above.
    const ok = await status(`${server.url}/api/workshops/${workshop.id}/join`, { method: 'POST', headers: { 'Content-Type': 'Application/JSON; charset=utf-8' }, body })
    expect(ok.status).toBe(200)
    const people = await status(`${server.url}/api/workshops/${workshop.id}/participants`, { headers: auth(workshop.facilitatorToken) })
    expect((people.body as unknown[]).length).toBe(1)
  })

  it('refuses writes whose Origin is not the server’s own with 403; same origin and no Origin pass', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const body = JSON.stringify({ name: 'Ann', joinCode: workshop.joinCode })
    const post = (path: string, origin: string | undefined, text = body) =>
      status(`${server.url}${path}`, {
        method: 'POST',
        headers: { ...json, ...auth(workshop.facilitatorToken), ...(origin !== undefined && { Origin: origin }) },
        body: text,
      })
    const own = new URL(server.url)
    for (const origin of ['https://evil.example', 'null', `http://${own.hostname}:1`, 'http://localhost.evil.example', 'not a url']) {
      for (const [path, text] of [
        ['/api/workshops', '{}'],
        [`/api/workshops/${workshop.id}/join`, body],
        ['/api/join', body],
        ['/api/workshops/import', '{}'],
        [`/api/workshops/${workshop.id}/join-code`, ''],
      ] as const) {
        const answer = await post(path, origin, text)
        expect(answer.status, `${path} from ${origin}`).toBe(403)
        expect(answer.body, `${path} from ${origin}`).toEqual({ error: 'requests from another origin are not allowed' })
      }
    }
    const removal = await status(`${server.url}/api/workshops/${workshop.id}/participants/abcdefgh12`, {
      method: 'DELETE',
      headers: { ...auth(workshop.facilitatorToken), Origin: 'https://evil.example' },
    })
    expect(removal.status).toBe(403)
    expect((await post(`/api/workshops/${workshop.id}/join`, own.origin)).status).toBe(200)
    expect((await post(`/api/workshops/${workshop.id}/join`, undefined)).status).toBe(200)
    expect((await post('/api/workshops', own.origin, '{}')).status).toBe(201)
  })

  it('with PUBLIC_URL, only that origin may write', async () => {
    const before = process.env.PUBLIC_URL
    process.env.PUBLIC_URL = 'https://horizon.example.org/'
    let server: TestServer
    try {
      server = await servers.start()
    } finally {
      if (before === undefined) delete process.env.PUBLIC_URL
      else process.env.PUBLIC_URL = before
    }
    const create = (origin: string) => fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { ...json, Origin: origin }, body: '{}' })
    expect((await create(new URL(server.url).origin)).status).toBe(403)
    expect((await create('https://horizon.example.org')).status).toBe(201)
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy')
    expect(csp).toContain("connect-src 'self' ws://horizon.example.org wss://horizon.example.org")
  })
})

describe('tokens', () => {
  it('refuses a correctly signed token without an expiry, on the API and the upgrade', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const key = new TextEncoder().encode(TEST_SECRET)
    const forever = await new SignJWT({ wid: workshop.id, role: 'facilitator' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject('x').setIssuedAt().sign(key)
    const expiring = await new SignJWT({ wid: workshop.id, role: 'facilitator' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key)
    expect((await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(forever) })).status).toBe(401)
    expect(await upgradeStatus(`${server.wsUrl}/sync/${workshop.id}/board?token=${forever}`)).toBe(401)
    // The same claims with an expiry are accepted: the expiry is what made the difference.
    expect((await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(expiring) })).status).toBe(200)
    expect(await upgradeStatus(`${server.wsUrl}/sync/${workshop.id}/board?token=${expiring}`)).toBe(101)
  })
})

describe('the facilitator revokes access', () => {
  async function setup(): Promise<{ server: TestServer; workshop: CreatedWorkshop }> {
    const server = await servers.start()
    return { server, workshop: await createWorkshop(server.url) }
  }
  const post = (server: TestServer, path: string, token: string) =>
    status(`${server.url}${path}`, { method: 'POST', headers: { ...json, ...auth(token) } })

  it('replaces the join code: the old one stops working for new joins, joined people stay', async () => {
    const { server, workshop } = await setup()
    const pat = await joinWorkshop(server.url, workshop, 'Pat')
    const patSocket = connect(server.wsUrl, workshop.id, 'board', pat.token)
    await synced(patSocket)
    const rotated = await post(server, `/api/workshops/${workshop.id}/join-code`, workshop.facilitatorToken)
    expect(rotated.status).toBe(200)
    const { joinCode, joinUrl } = rotated.body as { joinCode: string; joinUrl: string }
    expect(joinCode).toMatch(/^[A-Z0-9]{6}$/)
    expect(joinCode).not.toBe(workshop.joinCode)
    expect(joinUrl).toBe(`${server.url}/join/${workshop.id}#code=${joinCode}`)
    const joinWith = (path: string, code: string) =>
      status(`${server.url}${path}`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Eve', joinCode: code }) })
    expect(await joinWith(`/api/workshops/${workshop.id}/join`, workshop.joinCode)).toEqual({ status: 403, body: { error: 'wrong join code' } })
    expect((await joinWith('/api/join', workshop.joinCode)).status).toBe(403)
    expect((await joinWith('/api/join', joinCode)).status).toBe(200)
    // Pat, who joined with the old code, is still in.
    expect(patSocket.provider.wsconnected).toBe(true)
    expect((await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(pat.token) })).status).toBe(200)
    const described = await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(workshop.facilitatorToken) })
    expect(described.body).toMatchObject({ joinCode, joinUrl })
  })

  it('replaces the viewer link: old viewer tokens are refused and their sockets closed at once', async () => {
    const { server, workshop } = await setup()
    const oldViewer = await rawSocket(`${server.wsUrl}/sync/${workshop.id}/board?token=${workshop.viewerToken}`)
    const oldClosed = closed(oldViewer)
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(facilitator)
    const rotated = await post(server, `/api/workshops/${workshop.id}/viewer-link`, workshop.facilitatorToken)
    expect(rotated.status).toBe(200)
    const { viewerToken, viewerUrl } = rotated.body as { viewerToken: string; viewerUrl: string }
    expect(viewerUrl).toBe(`${server.url}/w/${workshop.id}#token=${viewerToken}`)
    expect(await oldClosed).toEqual({ code: CLOSE.unauthorized, reason: 'this viewer link was replaced by the facilitator' })
    expect(await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(workshop.viewerToken) })).toEqual({
      status: 401,
      body: { error: 'this viewer link was replaced by the facilitator' },
    })
    expect(await upgradeStatus(`${server.wsUrl}/sync/${workshop.id}/board?token=${workshop.viewerToken}`)).toBe(401)
    // The new link works; the facilitator never noticed.
    expect((await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(viewerToken) })).body).toMatchObject({ role: 'viewer' })
    expect(await upgradeStatus(`${server.wsUrl}/sync/${workshop.id}/control?token=${viewerToken}`)).toBe(101)
    expect(facilitator.provider.wsconnected).toBe(true)
    // What GET /api/workshops/:id hands the facilitator is of the new generation too.
    const described = (await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(workshop.facilitatorToken) })).body as { viewerUrl: string }
    const fresh = new URL(described.viewerUrl).hash.replace('#token=', '')
    expect((await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(fresh) })).status).toBe(200)
    // Rotating again retires that one as well.
    await post(server, `/api/workshops/${workshop.id}/viewer-link`, workshop.facilitatorToken)
    expect((await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(viewerToken) })).status).toBe(401)
  })

  it('lists participants and removes one: token refused, sockets closed with 4410, notes kept', async () => {
    const { server, workshop } = await setup()
    const pat = await joinWorkshop(server.url, workshop, 'Pat')
    const kim = await joinWorkshop(server.url, workshop, 'Kim')
    const list = await status(`${server.url}/api/workshops/${workshop.id}/participants`, { headers: auth(workshop.facilitatorToken) })
    expect(list.status).toBe(200)
    expect((list.body as Array<{ id: string; name: string; createdAt: number }>).map(({ id, name }) => ({ id, name }))).toEqual([
      { id: pat.participantId, name: 'Pat' },
      { id: kim.participantId, name: 'Kim' },
    ])
    expect(typeof (list.body as Array<{ createdAt: number }>)[0]?.createdAt).toBe('number')

    const patBoard = connect(server.wsUrl, workshop.id, 'board', pat.token)
    const kimBoard = connect(server.wsUrl, workshop.id, 'board', kim.token)
    await Promise.all([synced(patBoard), synced(kimBoard)])
    const patControl = await rawSocket(`${server.wsUrl}/sync/${workshop.id}/control?token=${pat.token}`)
    const patPrivate = await rawSocket(`${server.wsUrl}/sync/${workshop.id}/private-${pat.participantId}?token=${pat.token}`)
    const controlClosed = closed(patControl)
    const privateClosed = closed(patPrivate)
    const noteId = addNote(patBoard.doc, { text: 'Pat was here', x: 0, y: 0 })
    await waitFor(() => listNotes(kimBoard.doc).some((n) => n.id === noteId), { message: 'Pat’s note reached Kim' })

    // Only the facilitator may list or remove.
    for (const token of [kim.token, workshop.viewerToken]) {
      expect((await status(`${server.url}/api/workshops/${workshop.id}/participants`, { headers: auth(token) })).status).toBe(403)
      const refused = await status(`${server.url}/api/workshops/${workshop.id}/participants/${pat.participantId}`, { method: 'DELETE', headers: auth(token) })
      expect(refused).toEqual({ status: 403, body: { error: 'only the facilitator may do this' } })
    }
    expect((await status(`${server.url}/api/workshops/${workshop.id}/participants/${pat.participantId}`, { method: 'DELETE' })).status).toBe(401)

    const removed = await fetch(`${server.url}/api/workshops/${workshop.id}/participants/${pat.participantId}`, {
      method: 'DELETE',
      headers: auth(workshop.facilitatorToken),
    })
    expect(removed.status).toBe(204)
    const removal = { code: CLOSE.removed, reason: 'the facilitator removed you from this workshop' }
    expect(await controlClosed).toEqual(removal)
    expect(await privateClosed).toEqual(removal)
    await waitFor(() => patBoard.closes.some((c) => c.code === CLOSE.removed), { message: 'Pat’s board socket closed with 4410' })
    expect(patBoard.closes.find((c) => c.code === CLOSE.removed)?.reason).toBe(removal.reason)

    // The token is refused everywhere from now on.
    expect(await status(`${server.url}/api/workshops/${workshop.id}`, { headers: auth(pat.token) })).toEqual({
      status: 401,
      body: { error: 'the facilitator removed you from this workshop' },
    })
    expect((await status(`${server.url}/api/workshops/${workshop.id}/export?format=json`, { headers: auth(pat.token) })).status).toBe(401)
    expect(await upgradeStatus(`${server.wsUrl}/sync/${workshop.id}/board?token=${pat.token}`)).toBe(401)
    // The reconnecting provider never gets back in.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(patBoard.provider.wsconnected).toBe(false)

    // Kim goes on; Pat's note stays; Pat is no longer listed; removing twice is a 404.
    expect(kimBoard.provider.wsconnected).toBe(true)
    expect(listNotes(kimBoard.doc).find((n) => n.id === noteId)?.text).toBe('Pat was here')
    const after = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(after)
    expect(listNotes(after.doc).some((n) => n.id === noteId)).toBe(true)
    const listed = (await status(`${server.url}/api/workshops/${workshop.id}/participants`, { headers: auth(workshop.facilitatorToken) })).body
    expect(listed).toEqual([expect.objectContaining({ id: kim.participantId, name: 'Kim' })])
    const again = await status(`${server.url}/api/workshops/${workshop.id}/participants/${pat.participantId}`, {
      method: 'DELETE',
      headers: auth(workshop.facilitatorToken),
    })
    expect(again).toEqual({ status: 404, body: { error: 'no such participant in this workshop' } })
    expect((await status(`${server.url}/api/workshops/${workshop.id}/participants/%E0%A4%A`, { method: 'DELETE', headers: auth(workshop.facilitatorToken) })).status).toBe(404)
    expect((await status(`${server.url}/api/workshops/${workshop.id}/participants`, { method: 'POST', headers: { ...json, ...auth(workshop.facilitatorToken) } })).status).toBe(405)
  })
})

describe('storage upgrade', () => {
  it('adds the viewer generation and removal columns to a database made before them', async () => {
    const dir = tempDir()
    const old = new Database(path.join(dir, SQLITE_FILE))
    old.exec(`
      CREATE TABLE workshops (id TEXT PRIMARY KEY, title TEXT NOT NULL, join_code TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
      CREATE TABLE participants (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES workshops(id), name TEXT NOT NULL, created_at INTEGER NOT NULL);
      INSERT INTO workshops VALUES ('OldWorkshop01', 'Before', 'ABCDEF', 1);
      INSERT INTO participants VALUES ('OldPerson0001', 'OldWorkshop01', 'Pat', 2);
    `)
    old.close()
    const storage = openSqliteStorage(dir)
    try {
      expect(await storage.getWorkshop('OldWorkshop01')).toMatchObject({ joinCode: 'ABCDEF', viewerGeneration: 0 })
      expect(await storage.bumpViewerGeneration('OldWorkshop01')).toBe(1)
      expect((await storage.getParticipant('OldWorkshop01', 'OldPerson0001'))?.removedAt).toBeUndefined()
      expect(await storage.removeParticipant('OldWorkshop01', 'OldPerson0001', 5)).toBe(true)
      expect(await storage.removeParticipant('OldWorkshop01', 'OldPerson0001', 6)).toBe(false)
      expect((await storage.getParticipant('OldWorkshop01', 'OldPerson0001'))?.removedAt).toBe(5)
    } finally {
      await storage.close()
    }
    // Opening it again (the columns exist now) changes nothing.
    const again = openSqliteStorage(dir)
    expect(await again.getWorkshop('OldWorkshop01')).toMatchObject({ viewerGeneration: 1 })
    await again.close()
  })
})
