/**
 * Names and titles through the real API: control characters and bidi formatting characters are
 * removed (shared/text.ts `cleanLine`), a name with nothing left is refused with a 400, and a
 * name written straight into the board's `people` map by a scripted client reads cleaned and
 * capped on the other side.
 */
import { describe, expect, it } from 'vitest'
import { boardMaps } from '../../shared/board/board-doc'
import { readPeople } from '../../shared/board/person'
import { LIMITS } from '../../shared/limits'
import { connect, createWorkshop, serverSuite, synced, waitFor } from '../helpers/server'

const { start } = serverSuite()

const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

async function exported(url: string, id: string, token: string): Promise<{ meta: { title: string; persona: string } }> {
  const response = await fetch(`${url}/api/workshops/${id}/export?format=json`, { headers: { Authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
  return (await response.json()) as { meta: { title: string; persona: string } }
}

describe('names and titles with control and bidi characters', () => {
  it('join cleans the name (both join routes); the token’s name is the cleaned one', async () => {
    const server = await start()
    const workshop = await createWorkshop(server.url)
    const byId = await post(server.url, `/api/workshops/${workshop.id}/join`, { name: 'Bob\u202Eevil', joinCode: workshop.joinCode })
    expect(byId.status).toBe(200)
    const joined = (await byId.json()) as { name: string; token: string }
    expect(joined.name).toBe('Bobevil')
    const described = await fetch(`${server.url}/api/workshops/${workshop.id}`, { headers: { Authorization: `Bearer ${joined.token}` } })
    expect(((await described.json()) as { name: string }).name).toBe('Bobevil')

    const byCode = await post(server.url, '/api/join', { name: ' \u2067Ann\u2069\r\n\u0007 Lee\u200F ', joinCode: workshop.joinCode })
    expect(byCode.status).toBe(200)
    expect(((await byCode.json()) as { name: string }).name).toBe('Ann Lee')
  })

  it('refuses a name that is empty after cleaning with a 400 that says why', async () => {
    const server = await start()
    const workshop = await createWorkshop(server.url)
    for (const name of ['\u202E', '\u2066\u2069\u200E', '\u0000\u0001\u009b', '\u202E \n\t\u202C']) {
      const response = await post(server.url, `/api/workshops/${workshop.id}/join`, { name, joinCode: workshop.joinCode })
      expect(response.status, JSON.stringify(name)).toBe(400)
      expect(await response.json()).toEqual({ error: 'name must not be empty: it has only control or text-direction characters' })
    }
  })

  it('create cleans the title and one-line scope fields; refuses an invisible title', async () => {
    const server = await start()
    const workshop = await createWorkshop(server.url, { title: 'Q1\u202E\u0000 onboarding\njourney', persona: '\u2066New\tcustomers\u2069' })
    expect(workshop.title).toBe('Q1 onboarding journey')
    const pub = await fetch(`${server.url}/api/workshops/${workshop.id}/public`)
    expect(((await pub.json()) as { title: string }).title).toBe('Q1 onboarding journey')
    const json = await exported(server.url, workshop.id, workshop.facilitatorToken)
    expect(json.meta.title).toBe('Q1 onboarding journey')
    expect(json.meta.persona).toBe('New customers')

    const refused = await post(server.url, '/api/workshops', { title: '\u202E\u200F\r\n' })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({ error: 'title must not be empty: it has only control or text-direction characters' })
  })

  it('import cleans a new title and the file’s own title', async () => {
    const server = await start()
    const source = await createWorkshop(server.url, { title: 'Source' })
    const json = (await exported(server.url, source.id, source.facilitatorToken)) as Record<string, unknown> & { meta: Record<string, unknown> }

    const renamed = await post(server.url, '/api/workshops/import', { ...json, title: 'Copy\u202E of\nsource' })
    expect(renamed.status).toBe(201)
    expect(((await renamed.json()) as { title: string }).title).toBe('Copy of source')

    const dirty = await post(server.url, '/api/workshops/import', { ...json, meta: { ...json.meta, title: '\u2067Old\u0000 title\u2069' } })
    expect(dirty.status).toBe(201)
    const created = (await dirty.json()) as { id: string; title: string; facilitatorToken: string }
    expect(created.title).toBe('Old title')
    expect((await exported(server.url, created.id, created.facilitatorToken)).meta.title).toBe('Old title')

    const invisible = await post(server.url, '/api/workshops/import', { ...json, meta: { ...json.meta, title: '\u202E\u202C' } })
    expect(invisible.status).toBe(201)
    expect(((await invisible.json()) as { title: string }).title).toBe('Untitled workshop')

    const refused = await post(server.url, '/api/workshops/import', { ...json, title: '\u202E' })
    expect(refused.status).toBe(400)
  })

  it('a name a scripted client writes straight into `people` reads cleaned and capped on the other side', async () => {
    const server = await start()
    const workshop = await createWorkshop(server.url)
    const joined = (await (await post(server.url, `/api/workshops/${workshop.id}/join`, { name: 'Eve', joinCode: workshop.joinCode })).json()) as { participantId: string; token: string }
    const scripted = connect(server.wsUrl, workshop.id, 'board', joined.token)
    const facilitator = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await Promise.all([synced(scripted), synced(facilitator)])
    // Its own key and within the length the server takes (a longer one is refused: trust.test.ts);
    // the characters are whatever the script wants.
    boardMaps(scripted.doc).people.set(joined.participantId, `\u202EEve\u2066\n${'x'.repeat(LIMITS.name - 6)}`)
    await waitFor(() => boardMaps(facilitator.doc).people.has(joined.participantId), { message: 'the name arrives' })
    const name = readPeople(facilitator.doc).get(joined.participantId)
    expect(name).toBe(`Eve ${'x'.repeat(LIMITS.name - 6)}`)
  })
})
