/**
 * Export and import over HTTP against a real server: every role exports Markdown, Jira CSV and
 * JSON; wrong tokens cannot; an import is a new workshop whose export equals the source; bad
 * imports (malformed, truncated, future version, 50 MB) are refused with a 4xx {error}, store
 * nothing, and the server goes on.
 */
import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { JIRA_HEADER, workshopToJiraCsv } from '../../shared/workshop-file/jira'
import { workshopToMarkdown } from '../../shared/workshop-file/markdown'
import type { WorkshopJson } from '../../shared/workshop-file/format'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { listLanes } from '../../shared/board/lane'
import { addNote, listNotes } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { addStory } from '../../shared/deliver/story'
import { SQLITE_FILE } from '../../server/storage/sqlite'
import { emptyFixture, NOTE, richFixture, UNICODE } from '../helpers/fixture'
import {
  connect,
  createWorkshop,
  joinWorkshop,
  serverSuite,
  synced,
  waitFor,
  type CreatedWorkshop,
} from '../helpers/server'

const servers = serverSuite()
const start = servers.start

const richJson = (): WorkshopJson => {
  const { board, control } = richFixture()
  return workshopToJson(board, control)
}

function postImport(url: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  return fetch(`${url}/api/workshops/import`, {
    method: 'POST',
    headers,
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit)
}

async function importWorkshop(url: string, json: unknown): Promise<CreatedWorkshop> {
  const response = await postImport(url, JSON.stringify(json))
  if (response.status !== 201) throw new Error(`import failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as CreatedWorkshop
}

function exportAs(url: string, workshopId: string, format: string, token: string | undefined) {
  return fetch(`${url}/api/workshops/${workshopId}/export?format=${format}`, token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } })
}

/** Rows in the store, read as the CLI reads it: workshops, and stored documents. */
function storedCounts(dataDir: string): { workshops: number; docs: number } {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true })
  try {
    const workshops = (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n
    const docs = (db.prepare('SELECT COUNT(DISTINCT workshop_id) AS n FROM doc_updates').get() as { n: number }).n
    return { workshops, docs }
  } finally {
    db.close()
  }
}

const EXPECTED = {
  md: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
} as const

describe('export over HTTP', () => {
  it('lets the facilitator, a participant and a viewer export md, csv and json, as files named after the title', async () => {
    const server = await start()
    const source = richJson()
    const workshop = await importWorkshop(server.url, source)
    const participant = await joinWorkshop(server.url, workshop, 'Zoë')
    const tokens = { facilitator: workshop.facilitatorToken, participant: participant.token, viewer: workshop.viewerToken }
    for (const [role, token] of Object.entries(tokens)) {
      for (const format of ['md', 'csv', 'json'] as const) {
        const response = await exportAs(server.url, workshop.id, format, token)
        const what = `${role} ${format}`
        expect(response.status, what).toBe(200)
        expect(response.headers.get('content-type'), what).toBe(EXPECTED[format].type)
        expect(response.headers.get('content-disposition'), what).toBe(
          `attachment; filename="Zoes-cafe.${EXPECTED[format].ext}"; ` +
            `filename*=UTF-8''${encodeURIComponent(`${UNICODE}.${EXPECTED[format].ext}`).replace(/'/g, '%27')}`,
        )
        expect(response.headers.get('cache-control'), what).toBe('no-store')
        // Bytes as sent: Response.text() would drop the CSV's byte-order mark.
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
        if (format === 'md') {
          expect(text, what).toBe(workshopToMarkdown(source))
          expect(text).toContain(`# ${UNICODE}\n`)
          expect(text).toContain('| 1 | Checkout asks for my address twice, "again" | Buy \\| pay / Pain points | 5 |')
        }
        if (format === 'csv') {
          expect(text, what).toBe(workshopToJiraCsv(source))
          const rows = parse(text, { bom: true }) as string[][]
          expect(text.charCodeAt(0)).toBe(0xfeff)
          expect(rows[0]).toEqual(JIRA_HEADER)
          expect(rows).toHaveLength(1 + source.roadmap.length + source.stories.length)
          expect(rows[1 + source.roadmap.length]!.slice(2, 10)).toEqual(['Story', 'Highest', String(source.roadmap.length + 1), '1', 'horizon', 'moscow-must', 'roadmap-now', 'mvp'])
        }
        if (format === 'json') expect(JSON.parse(text), what).toStrictEqual(source)
      }
    }
    // Exports do not keep the workshop loaded.
    await waitFor(() => server.server.stats().workshopsLoaded === 0, { message: 'export released the room' })
  })

  it('refuses a missing, wrong or other workshop’s token with 401 {error}', async () => {
    const server = await start()
    const mine = await createWorkshop(server.url, { title: 'Mine' })
    const other = await createWorkshop(server.url, { title: 'Other' })
    const otherParticipant = await joinWorkshop(server.url, other, 'Eve')
    const cases: [string, string | undefined, RegExp][] = [
      ['no token', undefined, /Bearer token is required/],
      ['garbage token', 'not-a-token', /invalid token/],
      ['other workshop’s facilitator', other.facilitatorToken, /invalid token for this workshop/],
      ['other workshop’s participant', otherParticipant.token, /invalid token for this workshop/],
      ['other workshop’s viewer', other.viewerToken, /invalid token for this workshop/],
      ['a token with a changed signature', `${mine.viewerToken.slice(0, -4)}AAAA`, /invalid token/],
    ]
    for (const format of ['md', 'csv', 'json']) {
      for (const [name, token, message] of cases) {
        const response = await exportAs(server.url, mine.id, format, token)
        expect(response.status, `${name} ${format}`).toBe(401)
        expect(response.headers.get('content-type')).toMatch(/^application\/json/)
        expect(((await response.json()) as { error: string }).error, name).toMatch(message)
      }
    }
    // A wrong token learns nothing about formats either; a right one gets 400 for a bad format.
    expect((await exportAs(server.url, mine.id, 'xls', other.viewerToken)).status).toBe(401)
    const bad = await exportAs(server.url, mine.id, 'xls', mine.viewerToken)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'format must be one of md, csv, json' })
  })

  it('exports what clients wrote on the live board, and an empty workshop as valid empty files', async () => {
    const server = await start()
    const workshop = await createWorkshop(server.url, { title: 'Live, "board"', persona: 'Pat | 日本' })
    const client = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(client)
    const stage = listStages(client.doc)[1]!
    const lane = listLanes(client.doc).find((l) => l.kind === 'pains')!
    addNote(client.doc, { text: 'Waiting | on hold\n20 min', kind: 'pain', x: 1, y: 2, stageId: stage.id, laneId: lane.id })
    addStory(client.doc, { asA: 'caller', iWant: 'a call-back, "soon"', acceptance: ['Within 1 h'], priority: 'could' })
    await waitFor(async () => (await (await exportAs(server.url, workshop.id, 'csv', workshop.viewerToken)).text()).includes('call-back'), {
      message: 'story reached the server',
    })
    const md = await (await exportAs(server.url, workshop.id, 'md', workshop.viewerToken)).text()
    expect(md).toContain('# Live, "board"\n')
    expect(md).toContain('- **Persona:** Pat \\| 日本')
    expect(md).toContain(`| **Pain points** |   | Waiting \\| on hold<br>20 min |`)
    const [, row] = parse(await (await exportAs(server.url, workshop.id, 'csv', workshop.facilitatorToken)).text()) as string[][]
    expect(row!.slice(0, 4)).toEqual(['As a caller, I want a call-back, "soon"', 'As a caller, I want a call-back, "soon".\n\nAcceptance criteria:\n* Within 1 h', 'Story', 'Medium'])

    const blank = await createWorkshop(server.url, { title: 'Blank', template: 'blank' })
    const empty = emptyFixture('Blank')
    const expected = workshopToJson(empty.board, empty.control)
    const emptyMd = await exportAs(server.url, blank.id, 'md', blank.viewerToken)
    expect(emptyMd.status).toBe(200)
    expect(await emptyMd.text()).toBe(workshopToMarkdown(expected))
    const emptyCsv = await exportAs(server.url, blank.id, 'csv', blank.viewerToken)
    expect(emptyCsv.status).toBe(200)
    expect(await emptyCsv.text()).toBe('Summary,Description,Issue Type,Priority,Issue ID,Parent,Labels,Labels,Labels,Labels\r\n')
    const emptyJson = await exportAs(server.url, blank.id, 'json', blank.viewerToken)
    expect(await emptyJson.json()).toStrictEqual(expected)
  })
})

describe('import over HTTP', () => {
  it('creates a new workshop like POST /api/workshops, whose export equals the source', async () => {
    const server = await start()
    const created = await createWorkshop(server.url, { title: 'Made by hand' })
    const source = richJson()
    const imported = await importWorkshop(server.url, source)
    // The same answer as a created workshop: ids, tokens, join code, links.
    expect(Object.keys(imported).sort()).toEqual(Object.keys(created).sort())
    expect(imported.title).toBe(UNICODE)
    expect(imported.id).not.toBe(created.id)
    expect(imported.joinCode).toMatch(/^[A-Z2-9]{6}$/)
    expect(imported.facilitatorUrl).toBe(`${server.url}/w/${imported.id}#token=${imported.facilitatorToken}`)
    expect(imported.joinUrl).toBe(`${server.url}/join/${imported.id}#code=${imported.joinCode}`)
    const described = await fetch(`${server.url}/api/workshops/${imported.id}`, { headers: { Authorization: `Bearer ${imported.facilitatorToken}` } })
    expect(await described.json()).toMatchObject({ id: imported.id, title: UNICODE, role: 'facilitator', joinCode: imported.joinCode })
    expect(await (await fetch(`${server.url}/api/workshops/${imported.id}/public`)).json()).toEqual({ id: imported.id, title: UNICODE, departments: ['Marketing', 'Sales', 'Service', 'Finance', 'IT'] })

    const exported = (await (await exportAs(server.url, imported.id, 'json', imported.viewerToken)).json()) as WorkshopJson
    expect(exported).toStrictEqual(source)

    // It is a live workshop: people join it and sync its board.
    const pat = await joinWorkshop(server.url, imported, 'Pat')
    const client = connect(server.wsUrl, imported.id, 'board', pat.token)
    await synced(client)
    expect(listNotes(client.doc).map((n) => n.id)).toEqual(source.notes.map((n) => n.id))
    addNote(client.doc, { text: 'added after import', x: 0, y: 0 })
    await waitFor(async () => ((await (await exportAs(server.url, imported.id, 'json', pat.token)).json()) as WorkshopJson).notes.length === source.notes.length + 1, {
      message: 'edit on the imported board stored',
    })

    // Export → import → export again: the same.
    const again = await importWorkshop(server.url, exported)
    expect(await (await exportAs(server.url, again.id, 'json', again.viewerToken)).json()).toStrictEqual(source)
  })

  it('takes a new title from the body, and imports an empty workshop', async () => {
    const server = await start()
    const source = richJson()
    const renamed = await importWorkshop(server.url, { ...source, title: '  Copy of the café  ' })
    expect(renamed.title).toBe('Copy of the café')
    const exported = (await (await exportAs(server.url, renamed.id, 'json', renamed.viewerToken)).json()) as WorkshopJson
    expect(exported).toStrictEqual({ ...source, meta: { ...source.meta, title: 'Copy of the café' } })

    const blank = await createWorkshop(server.url, { title: 'Nothing yet', template: 'blank' })
    const empty = await (await exportAs(server.url, blank.id, 'json', blank.facilitatorToken)).json()
    const copy = await importWorkshop(server.url, empty)
    expect(await (await exportAs(server.url, copy.id, 'json', copy.facilitatorToken)).json()).toStrictEqual(empty)
  })

  it('refuses malformed, truncated, future-version, invalid and 50 MB files with 4xx {error}, stores nothing, and goes on serving', async () => {
    const server = await start()
    const existing = await createWorkshop(server.url, { title: 'Existing' })
    const before = storedCounts(server.dataDir)
    expect(before).toEqual({ workshops: 1, docs: 1 })
    const source = richJson()
    const text = JSON.stringify(source)
    const fiftyMb = 50 * 1024 * 1024
    const chunks = (total: number, chunk = 1024 * 1024) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const piece = new TextEncoder().encode(`[${' '.repeat(chunk - 2)},`)
          for (let sent = 0; sent < total; sent += chunk) controller.enqueue(piece)
          controller.close()
        },
      })
    const cases: [string, () => Promise<Response>, number, RegExp][] = [
      ['malformed', () => postImport(server.url, '{"format": "horizon-workshop", '), 400, /^malformed JSON/],
      ['truncated', () => postImport(server.url, text.slice(0, Math.floor(text.length / 2))), 400, /^malformed JSON/],
      ['truncated by one byte', () => postImport(server.url, text.slice(0, -1)), 400, /^malformed JSON/],
      [
        'future version',
        () => postImport(server.url, JSON.stringify({ ...source, schemaVersion: 2, meta: { ...source.meta, schemaVersion: 2 } })),
        400,
        /newer version of Horizon \(schema 2; this server knows up to 1\)/,
      ],
      ['not an export', () => postImport(server.url, '{"title":"A workshop"}'), 400, /not a Horizon workshop export/],
      ['empty body', () => postImport(server.url, ''), 400, /not a Horizon workshop export/],
      ['array', () => postImport(server.url, '[]'), 400, /must be a JSON object/],
      ['wrong shape', () => postImport(server.url, JSON.stringify({ ...source, notes: [{ ...source.notes[0], kind: 'sticky' }] })), 400, /notes\.0\.kind must be one of/],
      ['duplicate ids', () => postImport(server.url, JSON.stringify({ ...source, notes: [...source.notes, source.notes[0]] })), 400, /notes has "pain-a" twice/],
      ['bad new title', () => postImport(server.url, JSON.stringify({ ...source, title: '   ' })), 400, /title must not be empty/],
      ['50 MB with Content-Length', () => postImport(server.url, 'x'.repeat(fiftyMb)), 413, /request body is larger than 20971520 bytes/],
      ['50 MB streamed (no Content-Length)', () => postImport(server.url, chunks(fiftyMb)), 413, /request body is larger than 20971520 bytes/],
    ]
    for (const [name, request, status, message] of cases) {
      const response = await request()
      expect(response.status, name).toBe(status)
      expect(response.headers.get('content-type'), name).toMatch(/^application\/json/)
      const body = (await response.json()) as { error: string }
      expect(body.error, name).toMatch(message)
      expect(storedCounts(server.dataDir), name).toEqual(before)
    }
    expect((await fetch(`${server.url}/api/workshops/import`)).status).toBe(405)

    // Still serving: health, the existing workshop, a new import.
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true })
    expect((await exportAs(server.url, existing.id, 'md', existing.viewerToken)).status).toBe(200)
    await importWorkshop(server.url, source)
    expect(storedCounts(server.dataDir)).toEqual({ workshops: 2, docs: 2 })
  })

  it('has its own body limit, apart from (and above) the JSON limit of the other routes', async () => {
    const source = richJson()
    const size = Buffer.byteLength(JSON.stringify(source))
    expect(size).toBeGreaterThan(4096)
    const roomy = await start({ maxBodyBytes: 4096 })
    // Larger than MAX_BODY_BYTES, and still imported.
    expect((await importWorkshop(roomy.url, source)).title).toBe(UNICODE)
    const tight = await start({ maxImportBytes: size - 1 })
    const response = await postImport(tight.url, JSON.stringify(source))
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({ error: `request body is larger than ${size - 1} bytes` })
    expect(storedCounts(tight.dataDir).workshops).toBe(0)
  })

  // About 8 s alone; several times that while the other suites run beside it (2 cores).
  it('prepares a large import off the main thread: other requests are answered meanwhile, and the copy is whole', { timeout: 120_000 }, async () => {
    const server = await start()
    const source = richJson()
    // About 17 MB: 30,000 more notes with long texts, a second or more of CPU to check and build.
    const bulk = Array.from({ length: 30_000 }, (_, i) => ({ ...source.notes[0]!, id: `bulk${i}`, text: `${'x'.repeat(400)} ${i}` }))
    const body = JSON.stringify({ ...source, notes: [...source.notes, ...bulk] })
    expect(body.length).toBeLessThan(20 * 1024 * 1024)
    // node:http, to know when the whole body has been handed over.
    let sent = false
    let answered = false
    const reply = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => {
          answered = true
          resolve({ status: response.statusCode ?? 0, text })
        })
      })
      request.on('error', reject)
      request.end(body, () => (sent = true))
    })
    // Health checks, one after another, until the import is answered; those answered after the
    // upload and before the import's answer were served while it was being prepared.
    let during = 0
    while (!answered) {
      const ok = (await fetch(`${server.url}/healthz`)).ok
      if (ok && sent && !answered) during++
    }
    const { status, text } = await reply
    expect(status, text).toBe(201)
    expect(during).toBeGreaterThanOrEqual(100)
    const created = JSON.parse(text) as CreatedWorkshop
    const copy = (await (await exportAs(server.url, created.id, 'json', created.viewerToken)).json()) as WorkshopJson
    expect(copy.notes).toHaveLength(source.notes.length + bulk.length)
    expect(copy.notes.find((n) => n.id === 'bulk29999')?.text).toBe(`${'x'.repeat(400)} 29999`)
  })

  it('keeps imported votes under the round limits in the reports (a cheater’s extra dots never count)', async () => {
    const server = await start()
    const source = richJson()
    // p9 wrote 50 dots on one pain in a round of 3 per person, 2 per note: 2 count.
    const cheat = { ...source, votes: [...source.votes, { roundId: source.rounds[0]!.id, participantId: 'p9', targetId: NOTE.painD, count: 50 }] }
    const imported = await importWorkshop(server.url, cheat)
    const md = await (await exportAs(server.url, imported.id, 'md', imported.viewerToken)).text()
    expect(md).toContain('| 3 | \\# Not a heading')
    expect(md).toMatch(/\| \\# Not a heading .* \|\s+\| 2 \|/)
  })
})
