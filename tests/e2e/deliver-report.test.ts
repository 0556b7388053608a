/**
 * Deliver's take-home in Chromium: the printable report page (screen, print media, PDF), the
 * whole board as a PNG drawn offscreen (png.ts, bundled on its own into a blank page: the app
 * exposes nothing for tests), and importing a `.json` export on the start page.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import Database from 'better-sqlite3'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { closeRound, openRound } from '../../shared/voting/round'
import type { WorkshopJson } from '../../shared/workshop-file/format'
import { boardLayout, LAYOUT, noteWorldPosition } from '../../shared/board/layout'
import { addCluster } from '../../shared/board/cluster'
import { setEmotion } from '../../shared/board/emotion'
import { listLanes, type LaneKind } from '../../shared/board/lane'
import { addNote } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { addRoadmapItem } from '../../shared/deliver/roadmap'
import { addAcceptance, addStory } from '../../shared/deliver/story'
import { setVote } from '../../shared/voting/vote'
import { setPersonDepartment } from '../../shared/board/person'
import { SQLITE_FILE } from '../../server/storage/sqlite'
import { chromiumAvailable, screenshot, SCREENSHOT_DIR } from '../helpers/browser'
import { browserSuite, expectNotes, item, waitForBoard } from '../helpers/board'
import { connect, createWorkshop, destroyAllClients, synced, waitFor, type CreatedWorkshop, type TestServer } from '../helpers/server'

const hasChromium = chromiumAvailable()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

async function exportJson(url: string, workshop: CreatedWorkshop): Promise<WorkshopJson> {
  const response = await fetch(`${url}/api/workshops/${workshop.id}/export?format=json`, {
    headers: { Authorization: `Bearer ${workshop.facilitatorToken}` },
  })
  if (!response.ok) throw new Error(`export failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as WorkshopJson
}

function workshopCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n
  } finally {
    db.close()
  }
}

/**
 * A workshop through all four phases, written by a scripted facilitator over y-websocket:
 * notes in cells, a loose note far outside the grid, a cluster, emotions, two closed voting
 * rounds, a roadmap in three columns and a story with acceptance criteria.
 */
async function filledWorkshop(server: TestServer) {
  const workshop = await createWorkshop(server.url, {
    title: 'Claims journey',
    persona: 'First-time claimant',
    journeyStart: 'Damage happens',
    journeyEnd: 'Money received',
    goal: 'Fewer “where is my claim” calls',
  })
  const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
  await Promise.all([synced(board), synced(control)])
  const doc = board.doc
  const stage = (title: string) => listStages(doc).find((s) => s.title === title)!.id
  const lane = (kind: LaneKind) => listLanes(doc).find((l) => l.kind === kind)!.id
  const inCell = (text: string, stageTitle: string, laneKind: LaneKind, kind: 'note' | 'pain' | 'hmw' | 'idea' = 'note', x = 10) =>
    addNote(doc, { text, kind, x, y: 10, stageId: stage(stageTitle), laneId: lane(laneKind) })

  inCell('Finds the claim form', 'Orientation', 'actions')
  inCell('Website', 'Orientation', 'touchpoints')
  const hotline = inCell('Calls the hotline', 'Service', 'touchpoints')
  const twice = inCell('Form asks for the policy number twice', 'Purchase', 'pains', 'pain')
  const silence = inCell('Nobody says how long it takes', 'Service', 'pains', 'pain')
  inCell('How might we show where a claim is?', 'Service', 'opportunities', 'hmw')
  const statusPage = inCell('Status page', 'Service', 'opportunities', 'idea', 160)
  const sms = inCell('SMS updates', 'Use', 'opportunities', 'idea')
  addNote(doc, { text: 'Parking lot: chat with an adjuster', color: 'green', x: -600, y: -400 })
  addCluster(doc, { title: 'Waiting in the dark', x: 0, y: 0, noteIds: [hotline, silence] })
  setEmotion(doc, stage('Orientation'), 1)
  setEmotion(doc, stage('Service'), -2)

  // Issue #12: the voters' departments; the report splits the votes by them (no names).
  setPersonDepartment(doc, 'p1', 'Pat', 'Service')
  setPersonDepartment(doc, 'p2', 'Kim', 'Sales')
  const pains = openRound(control.doc, { title: 'Pains', targetKind: 'pain' })
  setVote(doc, pains, 'p1', twice, 2)
  setVote(doc, pains, 'p2', twice, 1)
  setVote(doc, pains, 'p2', silence, 1)
  closeRound(control.doc, pains)
  const ideas = openRound(control.doc, { title: 'Ideas', targetKind: 'idea' })
  setVote(doc, ideas, 'p1', statusPage, 3)
  setVote(doc, ideas, 'p2', sms, 1)
  closeRound(control.doc, ideas)

  const now = addRoadmapItem(doc, { title: 'Status page', column: 'now', owner: 'Service', metric: 'Avoidable contacts', mvp: true, sourceId: statusPage })
  addRoadmapItem(doc, { title: 'SMS updates', column: 'next', owner: 'IT', metric: 'CSAT', sourceId: sms })
  addRoadmapItem(doc, { title: 'Chat with an adjuster', column: 'later' })
  const story = addStory(doc, { asA: 'claimant', iWant: 'to see my claim status', soThat: 'I do not have to call', priority: 'must', roadmapId: now })
  addAcceptance(doc, story, 'The status changes within a minute of a decision')
  addAcceptance(doc, story, 'It works on a phone')

  // Everything written has reached the server.
  await waitFor(async () => {
    const json = await exportJson(server.url, workshop)
    return json.notes.length === 9 && json.stories[0]?.acceptance.length === 2 && json.rounds.every((r) => r.status === 'closed')
  }, { timeout: 10_000, message: 'the scripted workshop on the server' })
  return workshop
}

/** A table as text: one array per row, header row first. */
function tableText(page: Page, name: string): Promise<string[][]> {
  return page.getByRole('table', { name, exact: true }).evaluate((table) =>
    [...(table as HTMLTableElement).rows].map((row) => [...row.cells].map((cell) => (cell as HTMLElement).innerText.trim())),
  )
}

describe.skipIf(!hasChromium)('deliver: report, board image and import in Chromium', () => {
  const suite = browserSuite()
  afterEach(() => destroyAllClients())

  it('report: shows every section from the live workshop, prints without its buttons and saves as a PDF', async () => {
    const workshop = await filledWorkshop(suite.server)
    const f = await suite.open()
    const { page } = f
    // The board keeps the facilitator's session; the report reads it (the Export panel opens it in a new tab).
    await page.goto(workshop.facilitatorUrl)
    await waitForBoard(page)
    await page.goto(`${suite.server.url}/w/${workshop.id}/report`)
    await page.getByRole('heading', { level: 1, name: 'Claims journey' }).waitFor()
    expect(await page.title()).toBe('Claims journey — Horizon')

    const scope = page.getByRole('region', { name: 'Scope' })
    expect(await scope.innerText()).toMatch(/Persona\s+First-time claimant[\s\S]*Journey starts\s+Damage happens[\s\S]*Journey ends\s+Money received[\s\S]*Goal\s+Fewer “where is my claim” calls/)

    const journey = await tableText(page, 'Journey')
    expect(journey[0]).toEqual(['Lane', 'Orientation', 'Purchase', 'Onboarding', 'Use', 'Service', 'Share experience'])
    expect(journey[1]).toEqual(['Emotion', '+1', '', '', '', '−2', ''])
    const row = (lane: string) => journey.find((r) => r[0] === lane) ?? []
    expect(row('Customer actions')[1]).toBe('Finds the claim form')
    expect(row('Touchpoints & channels')[1]).toBe('Website')
    expect(row('Touchpoints & channels')[5]).toBe('Calls the hotline')
    expect(row('Pain points')[2]).toBe('Form asks for the policy number twice')
    // Two notes in one cell, in board order.
    expect(row('Opportunities')[5]).toBe('How might we show where a claim is?\nStatus page')

    expect(await tableText(page, 'Top pains')).toEqual([
      ['#', 'Pain', 'Where', 'Votes'],
      ['1', 'Form asks for the policy number twice', 'Purchase / Pain points', '3\n(by department: Service 2, Sales 1)'],
      ['2', 'Nobody says how long it takes', 'Service / Pain points', '1\n(by department: Sales 1)'],
    ])
    expect(await tableText(page, 'Ideas')).toEqual([
      ['#', 'Idea', 'Where', 'Votes'],
      ['1', 'Status page', 'Service / Opportunities', '3\n(by department: Service 3)'],
      ['2', 'SMS updates', 'Use / Opportunities', '1\n(by department: Sales 1)'],
    ])
    // The exports carry departments, never the voters' names.
    const md = await (await fetch(`${suite.server.url}/api/workshops/${workshop.id}/export?format=md`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } })).text()
    expect(md).toContain('| Form asks for the policy number twice | Purchase / Pain points | 3 (by department: Service 2, Sales 1) |')
    expect(md).not.toMatch(/\b(Pat|Kim)\b/)
    expect(JSON.stringify(await exportJson(suite.server.url, workshop))).not.toMatch(/\b(Pat|Kim)\b/)
    // The split wraps under the count, on a laptop and on a phone.
    const pains = page.getByRole('region', { name: 'Top pains' })
    await pains.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-departments-1440.png') })
    await page.setViewportSize({ width: 360, height: 800 })
    await pains.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-departments-360.png') })
    const box = await pains.boundingBox()
    expect(box!.x + box!.width).toBeLessThanOrEqual(360)
    await page.setViewportSize({ width: 1440, height: 900 })
    const clusters = page.getByRole('region', { name: 'Clusters' })
    expect(await clusters.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Waiting in the dark'])
    expect((await clusters.getByRole('listitem').allInnerTexts()).sort()).toEqual(['Calls the hotline', 'Nobody says how long it takes'])
    expect(await page.getByRole('region', { name: 'How might we …' }).innerText()).toContain('How might we show where a claim is?')
    expect(await page.getByRole('region', { name: 'MVP' }).innerText()).toMatch(/Status page\s+Now\s+Service\s+Avoidable contacts\s+1/)

    const column = (name: string) => page.getByRole('region', { name, exact: true }).getByRole('listitem').allInnerTexts()
    expect((await column('Now')).map((text) => text.replace(/\s+/g, ' '))).toEqual(['Status page ✓ MVP Owner: Service Metric: Avoidable contacts From: Status page'])
    expect((await column('Next')).map((text) => text.replace(/\s+/g, ' '))).toEqual(['SMS updates Owner: IT Metric: CSAT From: SMS updates'])
    expect(await column('Later')).toEqual(['Chat with an adjuster'])

    const story = page.getByRole('article', { name: 'Story 1 — Must have' })
    expect(await story.innerText()).toContain('As a claimant, I want to see my claim status, so that I do not have to call.')
    expect(await story.innerText()).toContain('Roadmap: Status page (Now, MVP)')
    expect(await story.getByRole('listitem').allInnerTexts()).toEqual(['The status changes within a minute of a decision', 'It works on a phone'])
    expect(await page.getByRole('region', { name: 'Other notes' }).innerText()).toContain('Parking lot: chat with an adjuster')

    await expect(page.getByRole('link', { name: 'Back to the board' }).getAttribute('href')).resolves.toBe(`/w/${workshop.id}`)
    await screenshot(page, 'report-screen')

    // The button hands the page to the browser's print dialog.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes')
    })
    await page.getByRole('button', { name: 'Print / Save as PDF' }).click()
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes')

    // Printed: no buttons, no links to click, black on white.
    await page.emulateMedia({ media: 'print' })
    expect(await page.getByRole('button', { name: 'Print / Save as PDF' }).isVisible()).toBe(false)
    expect(await page.getByRole('link', { name: 'Back to the board' }).isVisible()).toBe(false)
    expect(await page.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).color)).toBe('rgb(0, 0, 0)')
    expect(await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(255, 255, 255)')
    await screenshot(page, 'report-print')

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'report.pdf'), pdf)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []
    expect(pages.length).toBeGreaterThan(1)
    expect(pdf.byteLength).toBeGreaterThan(10_000)
    expect(pdf.byteLength).toBeLessThan(5_000_000)
    await page.emulateMedia({ media: 'screen' })

    // In Dutch, from the switch on the page.
    await page.getByLabel('Language').selectOption('nl')
    await page.getByRole('heading', { name: 'Grootste pijnpunten' }).waitFor()
    // The sentence is the team's text in the workshop's language (English here), whatever the reader's.
    expect(await page.getByRole('article', { name: 'Verhaal 1 — Must have' }).innerText()).toContain(
      'As a claimant, I want to see my claim status, so that I do not have to call.',
    )
    expect(await page.getByRole('region', { name: 'Nu', exact: true }).isVisible()).toBe(true)
    await screenshot(page, 'report-nl')
    expect(f.errors).toEqual([])
  })

  it('report: says so when this browser has no session for the workshop, or the suite.server refuses', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Nobody here' })
    const p = await suite.open()
    await p.page.goto(`${suite.server.url}/w/${workshop.id}/report`)
    await expect.poll(() => p.page.getByRole('alert').textContent()).toMatch(/not opened this workshop in this browser/)
    expect(await p.page.getByRole('link', { name: 'Back to the board' }).getAttribute('href')).toBe(`/w/${workshop.id}`)

    // A session whose token the suite.server does not accept (another workshop's).
    const other = await createWorkshop(suite.server.url, { title: 'Other' })
    await p.page.evaluate(
      ([id, token]) => localStorage.setItem(`horizon:session:${id}`, JSON.stringify({ token, role: 'facilitator', participantId: 'x', name: '' })),
      [workshop.id, other.facilitatorToken] as const,
    )
    await p.page.reload()
    await expect.poll(() => p.page.getByRole('alert').textContent()).toMatch(/^The report could not be loaded: .+/)
    await screenshot(p.page, 'report-error')
    // The refused request is the only console error.
    expect(p.errors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([])
  })

  it('PNG: draws the whole board offscreen at 2×, loose notes included, and leaves no stage behind', async () => {
    const workshop = await filledWorkshop(suite.server)
    const json = await exportJson(suite.server.url, workshop)

    // png.ts on its own, bundled for a blank page: what the Export panel calls.
    const entry = [
      `import Konva from 'konva'`,
      `import { boardLayout } from ${JSON.stringify(path.join(root, 'shared/board/layout.ts'))}`,
      `import { boardToPng } from ${JSON.stringify(path.join(root, 'client/src/board/png.ts'))}`,
      `export const stages = () => Konva.stages.length`,
      `export async function draw(json, results) {`,
      `  const blob = await boardToPng({ layout: boardLayout(json.stages, json.lanes), notes: json.notes, clusters: json.clusters, emotions: json.emotions, title: json.meta.title, results })`,
      `  const bitmap = await createImageBitmap(blob)`,
      `  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)`,
      `  const context = canvas.getContext('2d')`,
      `  context.drawImage(bitmap, 0, 0)`,
      `  const bytes = new Uint8Array(await blob.arrayBuffer())`,
      `  let binary = ''`,
      `  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))`,
      `  const pixel = (x, y) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)]`,
      `  return { type: blob.type, width: bitmap.width, height: bitmap.height, base64: btoa(binary), pixel }`,
      `}`,
    ].join('\n')
    const id = '\0png-check.js'
    const output = await build({
      configFile: false,
      root,
      logLevel: 'silent',
      plugins: [react(), { name: 'png-check', enforce: 'pre', resolveId: (source) => (path.basename(source) === 'png-check' ? id : null), load: (source) => (source === id ? entry : null) }],
      define: { 'process.env.NODE_ENV': '"production"' },
      build: { write: false, minify: false, lib: { entry: 'png-check', formats: ['iife'], name: 'HorizonPng', fileName: 'png-check' } },
    })
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []))
    const code = chunks.find((c) => c.type === 'chunk')
    if (!code || code.type !== 'chunk') throw new Error('no bundle')

    const p = await suite.open()
    await p.page.setContent('<!doctype html><title>png check</title><body></body>')
    await p.page.addScriptTag({ content: code.code })

    const layout = boardLayout(json.stages, json.lanes)
    const painNote = json.notes.find((n) => {
      const at = noteWorldPosition(layout, n)
      return at.x === layout.columns[1]!.x + 10 && at.y === layout.rows.find((r) => r.kind === 'pains')!.y + 10
    })!
    // The drawing spans the grid and the loose note at (−600, −400), with 32 around and a title band of 56.
    const expected = { width: (Math.max(layout.width + 600, 480) + 64) * 2, height: (layout.height + 400 + 56 + 64) * 2 }
    const result = await p.page.evaluate(async (input) => {
      const api = (window as unknown as { HorizonPng: { draw(json: unknown, results: unknown): Promise<{ type: string; width: number; height: number; base64: string; pixel(x: number, y: number): number[] }>; stages(): number } }).HorizonPng
      const before = api.stages()
      const image = await api.draw(input.json, input.results)
      const at = (x: number, y: number) => image.pixel(Math.round(x * 2), Math.round(y * 2))
      const purpleInTitleBand = (drawn: typeof image) => {
        for (let x = drawn.width - 1; x > drawn.width / 2; x--) if (drawn.pixel(x, 2 * (32 + 20)).join() === '124,58,237') return true
        return false
      }
      // Board point → image point: shifted by the margin, the title band and the loose note's offset.
      const board = (x: number, y: number) => at(32 + 600 + x, 32 + 56 + 400 + y)
      return {
        type: image.type,
        width: image.width,
        height: image.height,
        base64: image.base64,
        stagesBefore: before,
        stagesAfter: api.stages(),
        corner: at(4, 4),
        looseNote: board(-600 + 130, -400 + 88),
        stageHeader: board(input.stageX + 5, 4),
        painNote: board(input.painX + 130, input.painY + 88),
        emotionDot: board(input.orientationDot.x, input.orientationDot.y),
        // The pain note's badge (a disc at its top-right corner), the legend's disc at the
        // right of the title band, and where a badge would be on a note without votes.
        painBadge: board(input.painX + input.noteWidth - 15, input.painY - 9), // above its white digit
        unvoted: board(-600 + input.noteWidth - 15, -400 + 2),
        legend: purpleInTitleBand(image),
        legendWithoutResults: purpleInTitleBand(await api.draw(input.json, undefined)),
      }
    }, {
      json,
      results: { title: 'Pains', votes: { [painNote.id]: 7 } },
      noteWidth: LAYOUT.noteWidth,
      stageX: layout.columns[0]!.x,
      painX: layout.columns[1]!.x + 10,
      painY: layout.rows.find((r) => r.kind === 'pains')!.y + 10,
      orientationDot: { x: layout.columns[0]!.x + LAYOUT.columnWidth / 2, y: layout.emotion.y + LAYOUT.emotionHeight - 16 - (3 / 4) * (LAYOUT.emotionHeight - 32) },
    })
    const file = path.join(SCREENSHOT_DIR, 'board-export.png')
    fs.writeFileSync(file, Buffer.from(result.base64, 'base64'))
    expect(result.type).toBe('image/png')
    expect({ width: result.width, height: result.height }).toEqual(expected)
    expect(result.corner).toEqual([255, 255, 255])
    expect(result.looseNote).toEqual([0xc9, 0xf2, 0xc7]) // green, far outside the grid
    expect(result.painNote).toEqual([0xff, 0xc9, 0xde]) // pink pain
    expect(result.stageHeader).toEqual([0x1f, 0x3a, 0x8a])
    expect(result.emotionDot).toEqual([0x16, 0xa3, 0x4a]) // +1: a green dot
    expect(result.painBadge).toEqual([0x7c, 0x3a, 0xed]) // 7 votes: a purple badge
    expect(result.unvoted).toEqual([0xc9, 0xf2, 0xc7]) // the loose note's own green: no badge
    expect(result.legend).toBe(true) // "Results: Pains" beside a purple disc
    expect(result.legendWithoutResults).toBe(false)
    expect(result.stagesAfter).toBe(result.stagesBefore)
    expect(p.errors).toEqual([])
  })

  it('import: a .json export becomes a new workshop with its notes; malformed, too new and too large files are refused readably', { timeout: 120_000 }, async () => {
    const source = await createWorkshop(suite.server.url, { title: 'Refunds Q3' })
    const scripted = connect(suite.server.wsUrl, source.id, 'board', source.facilitatorToken)
    await synced(scripted)
    const pains = listLanes(scripted.doc).find((l) => l.kind === 'pains')!.id
    const service = listStages(scripted.doc).find((s) => s.title === 'Service')!.id
    addNote(scripted.doc, { text: 'Refunds take weeks', kind: 'pain', x: 10, y: 10, stageId: service, laneId: pains })
    addNote(scripted.doc, { text: 'Nobody calls back', kind: 'pain', x: 160, y: 10, stageId: service, laneId: pains })
    await waitFor(async () => (await exportJson(suite.server.url, source)).notes.length === 2, { message: 'notes on the server' })
    const exported = await exportJson(suite.server.url, source)

    const p = await suite.open()
    const { page } = p
    await page.goto(suite.server.url)
    const imports: number[] = []
    page.on('response', (response) => {
      if (response.url().endsWith('/api/workshops/import')) imports.push(response.status())
    })
    const form = page.getByRole('form', { name: 'Import a workshop' })
    const file = form.getByLabel('Workshop file (.json)')
    const submit = form.getByRole('button', { name: 'Import' })
    // 21 MiB go through the DevTools protocol to the page: 15 s is too little on a loaded machine.
    const upload = async (name: string, body: string | Buffer) => {
      await file.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(body) ? body : Buffer.from(body) }, { timeout: 60_000 })
      await submit.click()
    }
    const alertText = () => form.getByRole('alert').textContent()
    const before = workshopCount(suite.server.dataDir)

    // Nothing chosen.
    await submit.click()
    await expect.poll(alertText).toBe('Choose a .json file first.')

    // Not JSON: said here, nothing sent.
    await upload('broken.json', '{"format": "horizon-workshop", "schemaVersion": 1, oops')
    await expect.poll(alertText).toBe('This file is not JSON. Choose the .json export of a Horizon workshop.')
    expect(imports).toEqual([])

    // JSON, but not a workshop: the server's reason.
    await upload('other.json', JSON.stringify({ hello: 'world' }))
    await expect.poll(alertText).toBe('The import failed: not a Horizon workshop export: "format" must be "horizon-workshop"')

    // Saved by a newer Horizon.
    await upload('future.json', JSON.stringify({ ...exported, schemaVersion: 99, meta: { ...exported.meta, schemaVersion: 99 } }))
    await expect.poll(alertText).toMatch(/^The import failed: this workshop was saved by a newer version of Horizon \(schema 99/)
    await screenshot(page, 'home-import-error')
    expect(imports).toEqual([400, 400])

    // Over 20 MiB: refused before reading or sending it.
    await upload('huge.json', Buffer.alloc(21 * 1024 * 1024, 0x20))
    await expect.poll(alertText).toBe('The file is 21.0 MiB; an import can be at most 20 MiB.')
    expect(imports).toEqual([400, 400])
    expect(workshopCount(suite.server.dataDir)).toBe(before)

    // A real export: its title is offered for the copy and can be changed (next quarter's
    // workshop from this one's map); then the same "ready" view as a created workshop.
    const title = form.getByRole('textbox', { name: 'Title of the new workshop' })
    await file.setInputFiles({ name: 'refunds-q3.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) })
    await expect.poll(() => title.inputValue()).toBe('Refunds Q3')
    await title.fill('Refunds Q4')
    await screenshot(page, 'home-import-title')
    await submit.click()
    await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor()
    expect(imports).toEqual([400, 400, 201])
    expect(workshopCount(suite.server.dataDir)).toBe(before + 1)
    const code = ((await page.locator('.code strong').textContent()) ?? '').trim()
    expect(code).toMatch(/^[A-Z2-9]{6}$/)
    expect(await page.getByRole('textbox', { name: 'Join link for participants' }).inputValue()).toMatch(new RegExp(`#code=${code}$`))
    const facilitatorUrl = await page.getByRole('textbox', { name: 'Facilitator link' }).inputValue()
    expect(facilitatorUrl).toMatch(/\/w\/[A-Za-z0-9_-]+#token=ey/)
    expect(facilitatorUrl).not.toContain(`/w/${source.id}#`)
    await screenshot(page, 'home-imported')

    await page.getByRole('link', { name: 'Open the board' }).click()
    await waitForBoard(page)
    await expectNotes(page, [item('Refunds take weeks', 'Service', 'Pain points'), item('Nobody calls back', 'Service', 'Pain points')])
    await page.getByRole('heading', { name: 'Refunds Q4', level: 1 }).waitFor()
    expect(await page.title()).toBe('Refunds Q4 · Horizon')
    // The copy has the new title; the source keeps its own.
    const [, copyId, copyToken] = /\/w\/([A-Za-z0-9_-]+)#token=(.+)$/.exec(facilitatorUrl)!
    const copy = await exportJson(suite.server.url, { id: copyId!, facilitatorToken: copyToken! } as CreatedWorkshop)
    expect(copy.meta.title).toBe('Refunds Q4')
    expect((await exportJson(suite.server.url, source)).meta.title).toBe('Refunds Q3')
    expect(p.errors.filter((e) => !/400 \(Bad Request\)/.test(e))).toEqual([])
  })
})
