/**
 * Series against a real server (README "Continuous journeys"): a workshop started from another
 * carries exactly what it should; the series is listed; a month of data attached through the
 * attach command's function shows as a new month in the comparison; bad input (tokens, bodies,
 * a mapping that differs, stage sets that differ) is refused naming what differs, and nothing
 * is changed.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, listNotes } from '../../shared/board/note'
import { listLanes } from '../../shared/board/lane'
import { addStage, listStages, renameStage } from '../../shared/board/stage'
import { boardMaps } from '../../shared/board/board-doc'
import { setDone } from '../../shared/continuous/done'
import { buildComparison } from '../../shared/continuous/compare'
import type { RunInput } from '../../shared/continuous/run'
import { addDataset } from '../../shared/data/data-doc'
import { addRoadmapItem, listRoadmap } from '../../shared/deliver/roadmap'
import { addStory, listStories } from '../../shared/deliver/story'
import { readControl, readDepartments, setDepartments, setPhase } from '../../shared/facilitation/control'
import { openRound } from '../../shared/voting/round'
import { listVotes, setVote } from '../../shared/voting/vote'
import { attachDataset, AttachError } from '../../server/cli/attach'
import { monthDataset, setKeyTouchpoints } from '../helpers/series'
import { api } from '../helpers/api'
import { connect, createWorkshop, joinWorkshop, serverSuite, synced, waitFor, type CreatedWorkshop, type TestServer } from '../helpers/server'

const servers = serverSuite()

const march = monthDataset('march', 'March contacts', '2026-03', {
  touchpoints: { Phone: ['Service', 400, 3.1, 0.2], 'Welcome mail': ['Onboarding', 200, 3.8, 0.02] },
})
const july = monthDataset('july', 'July contacts', '2026-07', {
  touchpoints: { Phone: ['Service', 250, 3.9, 0.08], 'Welcome mail': ['Onboarding', 190, 4.2, 0.01] },
})

/** The data document is the data room's (#12); until it lands, tests seed it in the store before anything loads it. */
async function seedData(server: TestServer, workshopId: string, build: (doc: Y.Doc) => void): Promise<void> {
  const doc = new Y.Doc()
  build(doc)
  await server.server.storage.appendUpdate(workshopId, 'data', Y.encodeStateAsUpdate(doc))
}

/** The March workshop: renamed and added stages, departments, key touchpoints, roadmap (one done), stories, a note with votes. */
async function marchWorkshop(server: TestServer) {
  const workshop = await createWorkshop(server.url, { title: 'Onboarding March', persona: 'new customer' })
  await seedData(server, workshop.id, (doc) => {
    setKeyTouchpoints(doc, [
      { touchpoint: 'Phone', owner: 'Service', target: 'repeat rate < 10 %' },
      { touchpoint: 'Welcome mail', owner: 'Marketing', target: 'csat >= 4' },
    ])
    addDataset(doc, march, { replace: false })
  })
  const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
  await Promise.all([synced(board), synced(control)])
  renameStage(board.doc, listStages(board.doc)[0]!.id, 'Awareness')
  addStage(board.doc, 'Renewal')
  setDepartments(control.doc, ['Service', 'Marketing'])
  setPhase(control.doc, 'deliver')
  const note = addNote(board.doc, { text: 'Hold music is awful', kind: 'pain', x: 0, y: 0 })
  const round = openRound(control.doc, { title: 'Pains', targetKind: 'pain' })
  setVote(board.doc, round, workshop.participantId, note, 2)
  const open = addRoadmapItem(board.doc, { title: 'Live chat', column: 'next', owner: 'Service' })
  const done = addRoadmapItem(board.doc, { title: 'FAQ rewrite', column: 'now', owner: 'Marketing' })
  setDone(board.doc, done, true)
  const openStory = addStory(board.doc, { asA: 'customer', iWant: 'to chat', soThat: 'I need not wait', roadmapId: open, sourceIds: [note] })
  addStory(board.doc, { asA: 'customer', iWant: 'answers', soThat: 'I help myself', roadmapId: done })
  // What the server holds is what was relayed: a second client sees it all.
  const check = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  await synced(check)
  await waitFor(() => listStories(check.doc).length === 2 && listVotes(check.doc).length === 1, { message: 'March relayed' })
  const checkControl = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
  await synced(checkControl)
  await waitFor(() => readDepartments(checkControl.doc).length === 2, { message: 'departments relayed' })
  return { workshop, board, control, note, open, done, openStory }
}

async function openDocs(server: TestServer, workshop: { id: string; facilitatorToken: string }) {
  const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
  await Promise.all([synced(board), synced(control)])
  return { board: board.doc, control: control.doc }
}

describe('a workshop started from another', () => {
  it('carries stages, lanes, departments, key touchpoints, the open roadmap and open stories — and no notes, votes or done work', async () => {
    const server = await servers.start()
    const m = await marchWorkshop(server)
    const started = await api(server.url, m.workshop.facilitatorToken)('POST', '/api/workshops', { from: m.workshop.id, title: 'Onboarding June' })
    expect(started.status).toBe(201)
    expect(started.json).toMatchObject({ title: 'Onboarding June', seriesId: m.workshop.id })
    const june = started.json as CreatedWorkshop
    const docs = await openDocs(server, june)
    expect(listStages(docs.board).map((s) => [s.id, s.title])).toEqual(listStages(m.board.doc).map((s) => [s.id, s.title]))
    expect(listStages(docs.board).map((s) => s.title)).toEqual(['Awareness', 'Purchase', 'Onboarding', 'Use', 'Service', 'Share experience', 'Renewal'])
    expect(listLanes(docs.board)).toEqual(listLanes(m.board.doc))
    expect(boardMaps(docs.board).meta.get('persona')).toBe('new customer')
    expect(boardMaps(docs.board).meta.get('title')).toBe('Onboarding June')
    expect(readDepartments(docs.control)).toEqual(['Service', 'Marketing'])
    expect(readControl(docs.control).phase).toBe('discover')
    expect(listRoadmap(docs.board).map((i) => [i.id, i.title, i.column, i.owner])).toEqual([[m.open, 'Live chat', 'next', 'Service']])
    expect(listStories(docs.board).map((s) => [s.id, s.roadmapId, s.sourceIds])).toEqual([[m.openStory, m.open, []]])
    expect(listNotes(docs.board)).toEqual([])
    expect(listVotes(docs.board)).toEqual([])
    // Key touchpoints came along (the data document, read through the runs); the data did not.
    const runs = await api(server.url, june.facilitatorToken)('GET', `/api/workshops/${june.id}/series/runs`)
    expect(runs.status).toBe(200)
    const [marchRun, juneRun] = runs.json.runs as RunInput[]
    expect(marchRun!.datasets.map((d) => d.id)).toEqual(['march'])
    expect(juneRun!.keyTouchpoints).toEqual(marchRun!.keyTouchpoints)
    expect(juneRun!.keyTouchpoints.map((k) => k.owner)).toEqual(['Service', 'Marketing'])
    expect(juneRun!.datasets).toEqual([])
    // The source is untouched.
    expect(listNotes(m.board.doc)).toHaveLength(1)

    // Both list the same series, oldest first.
    for (const w of [m.workshop, june]) {
      const series = await api(server.url, w.facilitatorToken)('GET', `/api/workshops/${w.id}/series`)
      expect(series.json).toEqual({ seriesId: m.workshop.id, workshops: [{ id: m.workshop.id, title: 'Onboarding March', createdAt: expect.any(Number) }, { id: june.id, title: 'Onboarding June', createdAt: expect.any(Number) }] })
    }
    // A third from the second stays in the same series.
    const september = await api(server.url, june.facilitatorToken)('POST', '/api/workshops', { from: june.id })
    expect(september.status).toBe(201)
    expect(september.json.seriesId).toBe(m.workshop.id)
    expect(september.json.title).toMatch(/^Onboarding June \(\d{4}-\d{2}\)$/)
  })

  it('carries notes and votes only when asked', async () => {
    const server = await servers.start()
    const m = await marchWorkshop(server)
    const started = await api(server.url, m.workshop.facilitatorToken)('POST', '/api/workshops', { from: m.workshop.id, carry: { notes: true, votes: true } })
    expect(started.status).toBe(201)
    const docs = await openDocs(server, started.json)
    expect(listNotes(docs.board).map((n) => [n.id, n.text])).toEqual([[m.note, 'Hold music is awful']])
    expect(listVotes(docs.board)).toEqual(listVotes(m.board.doc))
    expect(listStories(docs.board)[0]!.sourceIds).toEqual([m.note])
    const onlyNotes = await api(server.url, m.workshop.facilitatorToken)('POST', '/api/workshops', { from: m.workshop.id, carry: { notes: true } })
    const docs2 = await openDocs(server, onlyNotes.json)
    expect(listNotes(docs2.board)).toHaveLength(1)
    expect(listVotes(docs2.board)).toEqual([])
  })

  it('refuses bad requests, creating nothing', async () => {
    const server = await servers.start()
    const source = await createWorkshop(server.url, { title: 'Source' })
    const other = await createWorkshop(server.url, { title: 'Other' })
    const participant = await joinWorkshop(server.url, source)
    const as = (token: string | undefined) => (body: unknown) => api(server.url, token)('POST', '/api/workshops', body)
    expect((await as(undefined)({ from: source.id })).status).toBe(401)
    expect((await as(other.facilitatorToken)({ from: source.id })).status).toBe(401)
    expect((await as(participant.token)({ from: source.id })).status).toBe(403)
    expect((await as(source.facilitatorToken)({ from: 'noSuchWorkshop1' })).json).toEqual({ error: 'unknown workshop to start from' })
    expect((await as(source.facilitatorToken)({ from: 'not an id!' })).json).toEqual({ error: 'from must be a workshop id' })
    expect((await as(source.facilitatorToken)({ from: source.id, carry: { votes: true } })).json).toEqual({ error: 'carry.votes needs carry.notes: votes are on notes' })
    expect((await as(source.facilitatorToken)({ from: source.id, carry: { notes: 'yes' } })).status).toBe(400)
    expect((await as(source.facilitatorToken)({ from: source.id, template: 'blank' })).status).toBe(400)
    expect((await as(source.facilitatorToken)({ from: source.id, title: '  ' })).status).toBe(400)
    const series = await api(server.url, source.facilitatorToken)('GET', `/api/workshops/${source.id}/series`)
    expect(series.json).toEqual({ seriesId: null, workshops: [{ id: source.id, title: 'Source', createdAt: expect.any(Number) }] })
    expect((await api(server.url, participant.token)('GET', `/api/workshops/${source.id}/series`)).status).toBe(403)
  })
})

describe('attaching a month and comparing', () => {
  it('adds a month through the attach function; a different mapping is refused naming the columns', async () => {
    const server = await servers.start()
    const m = await marchWorkshop(server)
    const june = (await api(server.url, m.workshop.facilitatorToken)('POST', '/api/workshops', { from: m.workshop.id, title: 'Onboarding June' })).json as CreatedWorkshop

    const attached = await attachDataset({ server: server.url, token: m.workshop.facilitatorToken, workshopId: m.workshop.id, name: july.name, fileName: 'july.csv', mapping: july.mapping, aggregates: july.aggregates })
    // It goes to the series' latest workshop.
    expect(attached).toMatchObject({ workshopId: june.id, name: 'July contacts', period: '2026-07' })

    const runs = (await api(server.url, june.facilitatorToken)('GET', `/api/workshops/${june.id}/series/runs`)).json.runs as RunInput[]
    const comparison = buildComparison(runs)
    if (!comparison.ok) throw new Error(comparison.error)
    // Imported in the room (March) or attached from the command line (July): the dataset says which.
    expect(comparison.value.columns.map((c) => [c.label, c.period, c.workshopId, c.attached])).toEqual([
      ['March contacts', '2026-03', m.workshop.id, false],
      ['July contacts', '2026-07', june.id, true],
    ])
    const phone = comparison.value.touchpoints.find((t) => t.touchpoint === 'Phone')!
    expect(phone.metrics.find((x) => x.metric === 'repeatRate')!.values).toEqual([0.2, 0.08])
    expect(phone.met).toEqual([false, true])
    // A second month on the same workshop is attached too; the stage map came from the series.
    const august = monthDataset('aug', 'August contacts', '2026-08', { touchpoints: { Phone: ['Service', 200, 4, 0.05] } })
    await attachDataset({ server: server.url, token: june.facilitatorToken, workshopId: june.id, name: august.name, fileName: 'aug.csv', mapping: august.mapping, aggregates: august.aggregates })
    const after = buildComparison((await api(server.url, june.facilitatorToken)('GET', `/api/workshops/${june.id}/series/runs`)).json.runs)
    expect(after.ok && after.value.columns.map((c) => [c.period, c.attached])).toEqual([['2026-03', false], ['2026-07', true], ['2026-08', true]])

    // Another mapping: refused by the server, naming the fields and columns; nothing added.
    const wrong = { ...july.mapping, csat: 'Score', segment: 'Segment' }
    delete (wrong as { channel?: string }).channel
    const refused = attachDataset({ server: server.url, token: june.facilitatorToken, workshopId: june.id, name: 'Wrong', fileName: 'x.csv', mapping: wrong, aggregates: july.aggregates })
    await expect(refused).rejects.toBeInstanceOf(AttachError)
    await expect(refused).rejects.toThrow(
      `the server refused the data (409): the columns differ from the series' last import ("August contacts"): csat: "CSAT" in the last import, "Score" now; segment: not mapped in the last import, "Segment" now; nothing was attached`,
    )
    // … and checked before sending when the expected mapping is known.
    await expect(attachDataset({ server: 'http://127.0.0.1:1', token: 'x', workshopId: june.id, name: 'Wrong', fileName: 'x.csv', mapping: wrong, aggregates: july.aggregates, expectedMapping: july.mapping })).rejects.toThrow('csat: "CSAT" in the last import, "Score" now')
    const count = ((await api(server.url, june.facilitatorToken)('GET', `/api/workshops/${june.id}/series/runs`)).json.runs as RunInput[]).flatMap((r) => r.datasets).length
    expect(count).toBe(3)
    // Bad bodies and tokens.
    const post = (token: string | undefined, body: unknown) => api(server.url, token)('POST', `/api/workshops/${june.id}/series/datasets`, body)
    expect((await post(undefined, {})).status).toBe(401)
    expect((await post(june.facilitatorToken, { name: 'x', mapping: {}, aggregates: { rows: -1 } })).status).toBe(400)
    expect((await post(june.facilitatorToken, { name: '', mapping: {}, aggregates: july.aggregates })).json.error).toContain('name must not be empty')
  })

  it('exports the comparison as Markdown, and refuses workshops of different stage sets naming them', async () => {
    const server = await servers.start()
    const m = await marchWorkshop(server)
    const june = (await api(server.url, m.workshop.facilitatorToken)('POST', '/api/workshops', { from: m.workshop.id, title: 'Onboarding June' })).json as CreatedWorkshop
    const md = await api(server.url, june.facilitatorToken)('GET', `/api/workshops/${june.id}/series/compare?format=md`)
    expect(md.status).toBe(200)
    expect(md.text).toContain('# Onboarding March: comparison of runs')
    expect(md.text).toContain('### Phone — owner: Service')
    expect(md.text).toContain('- FAQ rewrite: Now → Done (Marketing)')
    const juneDocs = await openDocs(server, june)
    renameStage(juneDocs.board, listStages(juneDocs.board)[6]!.id, 'Loyalty')
    const watcher = await openDocs(server, june)
    await waitFor(() => listStages(watcher.board).some((s) => s.title === 'Loyalty'), { message: 'rename relayed' })
    const refused = await api(server.url, june.facilitatorToken)('GET', `/api/workshops/${june.id}/series/compare?format=md`)
    expect(refused.status).toBe(409)
    expect(refused.json.error).toBe(
      'these workshops cannot be compared: "Onboarding March" and "Onboarding June" have different stages (only in "Onboarding March": Renewal; only in "Onboarding June": Loyalty); rename or add stages so that both have the same ones to compare them',
    )
  })
})
