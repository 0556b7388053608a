/**
 * Snapshots against a real server (README "Continuous journeys"): save one, keep editing, see
 * what changed, restore it as a new workshop and find the old state there while the live one
 * keeps the new; automatic snapshots on a phase change and on ending the workshop; bad input
 * (roles, names, unknown ids, the limit, a snapshot from a newer schema) changes nothing.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, deleteNote, listNotes, setNoteText } from '../../shared/board/note'
import { boardMaps } from '../../shared/board/board-doc'
import { isLocked, setPhase } from '../../shared/facilitation/control'
import { SNAPSHOT_LIMIT } from '../../server/http/snapshots'
import { api, workshopCount } from '../helpers/api'
import { connect, createWorkshop, joinWorkshop, serverSuite, synced, waitFor, type CreatedWorkshop } from '../helpers/server'

const servers = serverSuite()

async function boardClient(wsUrl: string, workshop: { id: string; facilitatorToken: string }) {
  const client = connect(wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  await synced(client)
  return client
}

const noteTexts = (doc: Y.Doc) => listNotes(doc).map((n) => n.text).sort()

describe('snapshots', () => {
  it('saves one, keeps editing, shows the changes, and restores it as a new workshop with the old state', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url, { title: 'Onboarding March' })
    const call = api(server.url, workshop.facilitatorToken)
    const editor = await boardClient(server.wsUrl, workshop)
    const watcher = await boardClient(server.wsUrl, workshop)
    const kept = addNote(editor.doc, { text: 'Long wait on the phone', kind: 'pain', x: 10, y: 10 })
    const gone = addNote(editor.doc, { text: 'Welcome mail is late', x: 300, y: 10 })
    await waitFor(() => listNotes(watcher.doc).length === 2, { message: 'the server relayed both notes' })

    const saved = await call('POST', `/api/workshops/${workshop.id}/snapshots`, { name: 'End of Define' })
    expect(saved.status).toBe(201)
    expect(saved.json).toMatchObject({ name: 'End of Define', kind: 'manual', schemaVersion: 1 })
    expect(typeof saved.json.id).toBe('string')

    setNoteText(editor.doc, kept, 'Very long wait on the phone')
    deleteNote(editor.doc, gone)
    addNote(editor.doc, { text: 'Chatbot idea', kind: 'idea', x: 600, y: 10 })
    await waitFor(() => noteTexts(watcher.doc).join('|') === 'Chatbot idea|Very long wait on the phone', { message: 'edits relayed' })

    const listed = await call('GET', `/api/workshops/${workshop.id}/snapshots`)
    expect(listed.status).toBe(200)
    expect(listed.json.limit).toBe(SNAPSHOT_LIMIT)
    expect(listed.json.snapshots.map((s: { name: string }) => s.name)).toEqual(['End of Define'])

    const changes = await call('GET', `/api/workshops/${workshop.id}/snapshots/${saved.json.id}/changes`)
    expect(changes.status).toBe(200)
    expect(changes.json.changes.notes.added.map((n: { text: string }) => n.text)).toEqual(['Chatbot idea'])
    expect(changes.json.changes.notes.removed.map((n: { text: string }) => n.text)).toEqual(['Welcome mail is late'])
    expect(changes.json.changes.notes.textChanged).toEqual([{ id: kept, before: 'Long wait on the phone', after: 'Very long wait on the phone' }])
    expect(changes.json.state.notes.map((n: { text: string }) => n.text).sort()).toEqual(['Long wait on the phone', 'Welcome mail is late'])

    const exported = await call('GET', `/api/workshops/${workshop.id}/snapshots/${saved.json.id}/export?format=json`)
    expect(exported.status).toBe(200)
    expect(exported.json.notes.map((n: { text: string }) => n.text).sort()).toEqual(['Long wait on the phone', 'Welcome mail is late'])
    const markdown = await call('GET', `/api/workshops/${workshop.id}/snapshots/${saved.json.id}/export?format=md`)
    expect(markdown.status).toBe(200)
    expect(markdown.text).toContain('Welcome mail is late')

    const restored = await call('POST', `/api/workshops/${workshop.id}/snapshots/${saved.json.id}/restore`, {})
    expect(restored.status).toBe(201)
    expect(restored.json.id).not.toBe(workshop.id)
    expect(restored.json.title).toBe('Onboarding March (End of Define)')
    expect(restored.json.facilitatorToken).toEqual(expect.any(String))
    const copy = await boardClient(server.wsUrl, restored.json as CreatedWorkshop)
    expect(noteTexts(copy.doc)).toEqual(['Long wait on the phone', 'Welcome mail is late'])
    expect(boardMaps(copy.doc).meta.get('title')).toBe('Onboarding March (End of Define)')
    // The live workshop was not touched, and its connected clients were not disturbed.
    expect(noteTexts(watcher.doc)).toEqual(['Chatbot idea', 'Very long wait on the phone'])
    expect(editor.closes).toEqual([])
    // The copy is a workshop like any other: people can edit it.
    addNote(copy.doc, { text: 'Edited in the copy', x: 0, y: 0 })
    const copyWatcher = await boardClient(server.wsUrl, restored.json as CreatedWorkshop)
    await waitFor(() => noteTexts(copyWatcher.doc).includes('Edited in the copy'), { message: 'the copy takes edits' })
    expect(noteTexts(watcher.doc)).not.toContain('Edited in the copy')

    expect((await call('DELETE', `/api/workshops/${workshop.id}/snapshots/${saved.json.id}`)).status).toBe(204)
    expect((await call('GET', `/api/workshops/${workshop.id}/snapshots`)).json.snapshots).toEqual([])
    expect((await call('DELETE', `/api/workshops/${workshop.id}/snapshots/${saved.json.id}`)).status).toBe(404)
  })

  it('opened again, shows what changed since the last opening (the snapshot is read once, the live board each time)', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url, { title: 'Kept view' })
    const call = api(server.url, workshop.facilitatorToken)
    const editor = await boardClient(server.wsUrl, workshop)
    const watcher = await boardClient(server.wsUrl, workshop)
    const first = addNote(editor.doc, { text: 'First', x: 10, y: 10 })
    await waitFor(() => listNotes(watcher.doc).length === 1, { message: 'the note relayed' })
    const saved = await call('POST', `/api/workshops/${workshop.id}/snapshots`, { name: 'Before' })
    const route = `/api/workshops/${workshop.id}/snapshots/${saved.json.id}/changes`
    const opened = await call('GET', route)
    expect(opened.json.changes.empty).toBe(true)
    expect(opened.json.snapshot).toMatchObject({ id: saved.json.id, name: 'Before' })
    expect(await call('GET', route)).toEqual(opened)

    // A deletion adds no struct (the live board's state vector stays the same): it must show too.
    deleteNote(editor.doc, first)
    await waitFor(() => listNotes(watcher.doc).length === 0, { message: 'the deletion relayed' })
    const afterDelete = await call('GET', route)
    expect(afterDelete.json.changes.notes.removed.map((n: { text: string }) => n.text)).toEqual(['First'])
    expect(afterDelete.json.state.notes.map((n: { text: string }) => n.text)).toEqual(['First'])
    addNote(editor.doc, { text: 'Second', x: 10, y: 10 })
    await waitFor(() => listNotes(watcher.doc).length === 1, { message: 'the new note relayed' })
    expect((await call('GET', route)).json.changes.notes.added.map((n: { text: string }) => n.text)).toEqual(['Second'])

    // Deleted, it is gone, however recently it was opened.
    expect((await call('DELETE', `/api/workshops/${workshop.id}/snapshots/${saved.json.id}`)).status).toBe(204)
    expect(await call('GET', route)).toMatchObject({ status: 404, json: { error: 'unknown snapshot' } })
  })

  it('takes one by itself when the phase changes and when the facilitator ends the workshop', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url, { title: 'Auto' })
    const call = api(server.url, workshop.facilitatorToken)
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await synced(control)
    setPhase(control.doc, 'define')
    await waitFor(async () => (await call('GET', `/api/workshops/${workshop.id}/snapshots`)).json.snapshots.length === 1, { message: 'the phase snapshot' })
    const [phase] = (await call('GET', `/api/workshops/${workshop.id}/snapshots`)).json.snapshots
    expect(phase).toMatchObject({ name: 'End of Discover (→ Define)', kind: 'phase' })
    const state = await call('GET', `/api/workshops/${workshop.id}/snapshots/${phase.id}/export?format=json`)
    expect(state.json.control.phase).toBe('define')

    const ended = await call('POST', `/api/workshops/${workshop.id}/end`, {})
    expect(ended.status).toBe(201)
    expect(ended.json).toMatchObject({ name: 'Workshop ended', kind: 'end' })
    await waitFor(() => isLocked(control.doc), { message: 'the board is locked once the workshop ended' })
    // Ending again (a second click) answers with the same snapshot and takes no other.
    const again = await call('POST', `/api/workshops/${workshop.id}/end`, {})
    expect(again).toMatchObject({ status: 200, json: { id: ended.json.id, kind: 'end' } })
    const names = (await call('GET', `/api/workshops/${workshop.id}/snapshots`)).json.snapshots.map((s: { kind: string }) => s.kind)
    expect(names).toEqual(['phase', 'end'])
  })

  it('refuses bad input with a clear message and changes nothing', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url, { title: 'Bad input' })
    const other = await createWorkshop(server.url, { title: 'Other' })
    const participant = await joinWorkshop(server.url, workshop)
    const call = api(server.url, workshop.facilitatorToken)
    const base = `/api/workshops/${workshop.id}/snapshots`

    expect((await api(server.url, undefined)('POST', base, { name: 'x' })).status).toBe(401)
    expect((await api(server.url, other.facilitatorToken)('POST', base, { name: 'x' })).status).toBe(401)
    const asParticipant = await api(server.url, participant.token)('POST', base, { name: 'x' })
    expect(asParticipant.status).toBe(403)
    expect(asParticipant.json.error).toBe('only the facilitator may do this')
    expect((await api(server.url, participant.token)('GET', base)).status).toBe(403)
    expect((await call('POST', base, { name: '   ' })).json).toEqual({ error: 'name must not be empty' })
    expect((await call('POST', base, { name: 42 })).status).toBe(400)
    expect((await call('POST', base, { name: 'x'.repeat(500) })).status).toBe(400)
    const malformed = await fetch(`${server.url}${base}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${workshop.facilitatorToken}` }, body: '{"name":' })
    expect(malformed.status).toBe(400)
    expect((await call('GET', `${base}/nosuchsnapshot/export`)).status).toBe(404)
    expect((await call('POST', `${base}/nosuchsnapshot/restore`, {})).status).toBe(404)
    expect((await call('GET', `${base}/x/export?format=csv`)).status).toBe(400)
    expect((await call('PUT', base, {})).status).toBe(405)
    expect((await call('GET', base)).json.snapshots).toEqual([])
    // A body must be a JSON object, as for POST /api/workshops: nothing is saved or created otherwise.
    for (const body of [[], 'x', null, 42, true]) {
      expect(await call('POST', base, body)).toMatchObject({ status: 400, json: { error: 'request body must be a JSON object' } })
    }
    expect((await call('GET', base)).json.snapshots).toEqual([])
    // Ending takes an empty object: anything else is refused before the board is locked.
    const endRoute = `/api/workshops/${workshop.id}/end`
    for (const body of [[], 'x', null, 42]) {
      expect(await call('POST', endRoute, body)).toMatchObject({ status: 400, json: { error: 'request body must be a JSON object' } })
    }
    expect((await call('POST', endRoute, { name: 'Done' })).status).toBe(400)
    expect((await call('GET', base)).json.snapshots).toEqual([])
    const saved = await call('POST', base, {})
    expect(saved.status).toBe(201)
    expect(saved.json.name).toMatch(/^Snapshot \d{4}-\d\d-\d\d \d\d:\d\d$/)
    const restoreRoute = `${base}/${saved.json.id}/restore`
    const workshops = workshopCount(server.dataDir)
    for (const body of [[], 'x', null, 42]) {
      expect(await call('POST', restoreRoute, body)).toMatchObject({ status: 400, json: { error: 'request body must be a JSON object' } })
    }
    // The title of a restored workshop is limited as a created one's is (POST /api/workshops).
    expect(await call('POST', '/api/workshops', { title: 't'.repeat(201) })).toMatchObject({ status: 400, json: { error: 'title is longer than 200 characters' } })
    expect(await call('POST', restoreRoute, { title: 't'.repeat(201) })).toMatchObject({ status: 400, json: { error: 'title is longer than 200 characters' } })
    expect(await call('POST', restoreRoute, { title: ' \u202e ' })).toMatchObject({ status: 400, json: { error: 'title must not be empty: it has only control or text-direction characters' } })
    expect((await call('POST', restoreRoute, { title: 7 })).status).toBe(400)
    expect(workshopCount(server.dataDir)).toBe(workshops)
    const longest = await call('POST', restoreRoute, { title: `  ${'t'.repeat(200)}  ` })
    expect(longest.status).toBe(201)
    expect(longest.json.title).toBe('t'.repeat(200))
    expect((await call('DELETE', `${base}/${saved.json.id}`)).status).toBe(204)

    // The limit: the 51st is refused, saying how many and what to do.
    for (let i = 0; i < SNAPSHOT_LIMIT; i++) expect((await call('POST', base, { name: `S${i}` })).status).toBe(201)
    const full = await call('POST', base, { name: 'one too many' })
    expect(full.status).toBe(409)
    expect(full.json.error).toBe(`this workshop has ${SNAPSHOT_LIMIT} snapshots, the most it may keep; delete one to save another`)
    expect((await call('GET', base)).json.snapshots).toHaveLength(SNAPSHOT_LIMIT)
  }, 30_000)

  it('refuses to restore a snapshot of a newer schema, naming the versions, and creates nothing', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url, { title: 'Old server' })
    const future = new Y.Doc()
    boardMaps(future).meta.set('schemaVersion', 7)
    boardMaps(future).meta.set('title', 'From the future')
    await server.server.storage.addSnapshot(
      { id: 'futureSnapshot01', workshopId: workshop.id, name: 'Future', createdAt: Date.now(), kind: 'manual', schemaVersion: 7, bytes: 10 },
      { board: Y.encodeStateAsUpdate(future), control: Y.encodeStateAsUpdate(new Y.Doc()) },
      SNAPSHOT_LIMIT,
    )
    const before = workshopCount(server.dataDir)
    const refused = await api(server.url, workshop.facilitatorToken)('POST', `/api/workshops/${workshop.id}/snapshots/futureSnapshot01/restore`, {})
    expect(refused.status).toBe(409)
    expect(refused.json.error).toBe('this snapshot was saved by a newer version of Horizon (board schema 7; this server knows up to 1); nothing was changed')
    expect(workshopCount(server.dataDir)).toBe(before)
    const opened = await api(server.url, workshop.facilitatorToken)('GET', `/api/workshops/${workshop.id}/snapshots/futureSnapshot01/export?format=json`)
    expect(opened.status).toBe(409)
  })
})
