/**
 * The report a team hands to management, in Chromium: a cover with the scope and the MVP that
 * fills the first PDF page, the board as a picture (the PNG export), the journey table with
 * notes coloured by kind on paper too, long notes whole, ideas with impact/effort; the PDF's
 * pages are turned into images (pdftoppm) and their text read (pdftotext) page by page. And a
 * Dutch workshop end to end: the template in Dutch, story sentences "Als klant wil ik …, zodat
 * …" in the report, the Markdown and the Jira CSV (with its byte-order mark and epics).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { addCluster } from '../../shared/board/cluster'
import { setEmotion } from '../../shared/board/emotion'
import { listLanes, type LaneKind } from '../../shared/board/lane'
import { addNote, updateNote } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { addRoadmapItem } from '../../shared/deliver/roadmap'
import { addAcceptance, addStory } from '../../shared/deliver/story'
import { closeRound, openRound } from '../../shared/voting/round'
import { setVote } from '../../shared/voting/vote'
import { chromiumAvailable, screenshot, SCREENSHOT_DIR } from '../helpers/browser'
import { browserSuite, waitForBoard } from '../helpers/board'
import { connect, createWorkshop, destroyAllClients, synced, waitFor, type TestServer } from '../helpers/server'

const hasChromium = chromiumAvailable()
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots')
const hasPoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    if (process.env.CI === 'true') throw new Error('pdftoppm not found: CI must install poppler-utils')
    console.warn('\n!!! SKIPPING PDF PAGE CHECKS: pdftoppm not found (apt-get install poppler-utils) !!!\n')
    return false
  }
})()

const LONG = 'Customers who call about a claim are asked for the policy number, then for the claim number, then again for the policy number when they are put through to an adjuster, and by then they have waited twenty minutes and still do not know when the money comes.'

async function filled(server: TestServer, language?: 'nl') {
  const nl = language === 'nl'
  const workshop = await createWorkshop(server.url, {
    title: nl ? 'Schadeclaim' : 'Claims journey',
    persona: nl ? 'Klant met een eerste schadeclaim' : 'First-time claimant',
    journeyStart: nl ? 'Schade ontstaat' : 'Damage happens',
    journeyEnd: nl ? 'Geld ontvangen' : 'Money received',
    goal: nl ? 'Minder “waar blijft mijn claim”-telefoontjes' : 'Fewer “where is my claim” calls',
    ...(nl && { language: 'nl' }),
  })
  const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
  await Promise.all([synced(board), synced(control)])
  const doc = board.doc
  const stages = listStages(doc)
  const lane = (kind: LaneKind) => listLanes(doc).find((l) => l.kind === kind)!.id
  // One millisecond apart: items with equal votes keep board order (creation time, then the
  // random id), and two notes made in the same millisecond came out in either order.
  let createdAt = Date.now()
  const at = (i: number, laneKind: LaneKind, text: string, kind: 'note' | 'pain' | 'hmw' | 'idea' = 'note') =>
    addNote(doc, { text, kind, x: 10, y: 10, stageId: stages[i]!.id, laneId: lane(laneKind), createdAt: createdAt++ })
  at(0, 'actions', nl ? 'Zoekt het claimformulier' : 'Finds the claim form')
  const long = at(4, 'pains', LONG, 'pain')
  const twice = at(1, 'pains', nl ? 'Polisnummer twee keer gevraagd' : 'Policy number asked twice', 'pain')
  at(4, 'opportunities', nl ? 'Hoe kunnen we laten zien waar een claim is?' : 'How might we show where a claim is?', 'hmw')
  const page = at(4, 'opportunities', nl ? 'Statuspagina' : 'Status page', 'idea')
  const sms = at(3, 'opportunities', nl ? 'Sms-updates' : 'SMS updates', 'idea')
  updateNote(doc, page, { impact: 'high', effort: 'low' })
  updateNote(doc, sms, { impact: 'low', effort: 'high' })
  addCluster(doc, { title: nl ? 'Wachten' : 'Waiting', x: 0, y: 0, noteIds: [long] })
  setEmotion(doc, stages[4]!.id, -2)
  const pains = openRound(control.doc, { title: nl ? 'Pijnpunten' : 'Pains', targetKind: 'pain' })
  setVote(doc, pains, 'p1', long, 3)
  setVote(doc, pains, 'p2', twice, 1)
  closeRound(control.doc, pains)
  const now = addRoadmapItem(doc, { title: nl ? 'Statuspagina' : 'Status page', column: 'now', owner: 'Service', metric: 'CSAT', mvp: true, sourceId: page })
  const next = addRoadmapItem(doc, { title: nl ? 'Sms-updates' : 'SMS updates', column: 'next', sourceId: sms })
  const story = addStory(doc, nl
    ? { asA: 'een klant', iWant: 'zien waar mijn claim is', soThat: 'ik niet hoef te bellen', priority: 'must', roadmapId: now }
    : { asA: 'claimant', iWant: 'to see my claim status', soThat: 'I do not have to call', priority: 'must', roadmapId: now })
  addAcceptance(doc, story, nl ? 'Werkt op een telefoon' : 'Works on a phone')
  addStory(doc, nl ? { asA: 'medewerker', iWant: 'een sms sturen', priority: 'should', roadmapId: next } : { asA: 'agent', iWant: 'to send an SMS', priority: 'should', roadmapId: next })
  await waitFor(async () => {
    const response = await fetch(`${server.url}/api/workshops/${workshop.id}/export?format=json`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } })
    const json = (await response.json()) as { stories: { acceptance: string[] }[]; rounds: { status: string }[] }
    return json.stories.length === 2 && json.stories[0]!.acceptance.length === 1 && json.rounds.every((r) => r.status === 'closed')
  }, { timeout: 10_000, message: 'the scripted workshop on the server' })
  return workshop
}

const exportText = async (server: TestServer, workshop: { id: string; viewerToken: string }, format: string) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(
    await (await fetch(`${server.url}/api/workshops/${workshop.id}/export?format=${format}`, { headers: { Authorization: `Bearer ${workshop.viewerToken}` } })).arrayBuffer(),
  )

describe.skipIf(!hasChromium)('the report a team hands on', () => {
  const suite = browserSuite()
  afterEach(() => destroyAllClients())

  it('has a cover with scope and MVP, the board image, notes coloured by kind, whole long notes, ideas with impact/effort; the PDF starts with a full cover', async () => {
    const workshop = await filled(suite.server)
    const { page, errors } = await suite.open()
    await page.goto(workshop.facilitatorUrl)
    await waitForBoard(page)
    await page.goto(`${suite.server.url}/w/${workshop.id}/report`)
    await page.getByRole('heading', { level: 1, name: 'Claims journey' }).waitFor()

    // The board as a picture: the PNG export, drawn and loaded.
    const image = page.getByRole('img', { name: 'The whole board as drawn in the workshop' })
    await image.waitFor()
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(1000)
    expect(await image.getAttribute('src')).toMatch(/^blob:/)

    // Notes coloured by kind, with a legend; a long note whole.
    const cell = (text: string) => page.locator('.report-cell-note', { hasText: text }).first()
    const fill = (text: string) => cell(text).evaluate((el) => getComputedStyle(el).backgroundColor)
    const colours = new Set([await fill('Finds the claim form'), await fill('Policy number asked twice'), await fill('How might we show'), await fill('Status page')])
    expect(colours.size).toBe(4)
    expect(await page.getByRole('list', { name: 'Colours' }).getByRole('listitem').allInnerTexts()).toEqual(['Note', 'Pain point', 'How might we', 'Idea'])
    // (A cell is laid out once it comes near the view: content-visibility, report.css.)
    await cell('Customers who call').scrollIntoViewIfNeeded()
    await expect.poll(() => cell('Customers who call').innerText()).toBe(LONG)
    expect((await page.getByRole('table', { name: 'Top pains' }).innerText())).toContain(LONG)

    // Ideas with impact/effort.
    const ideas = await page.getByRole('table', { name: 'Ideas' }).evaluate((table) =>
      [...(table as HTMLTableElement).rows].map((row) => [...row.cells].map((c) => (c as HTMLElement).innerText.trim())),
    )
    expect(ideas[0]).toEqual(['#', 'Idea', 'Where', 'Impact / effort', 'Votes'])
    expect(ideas.slice(1).map((row) => [row[1], row[3]])).toEqual([
      ['Status page', 'Quick win'],
      ['SMS updates', 'Money pit'],
    ])
    await screenshot(page, 'flow-report-screen')

    // On paper: the kinds keep their colours.
    await page.emulateMedia({ media: 'print' })
    const printed = new Set([await fill('Finds the claim form'), await fill('Policy number asked twice'), await fill('How might we show'), await fill('Status page')])
    expect(printed.size).toBe(4)
    expect(printed.has('rgb(255, 255, 255)')).toBe(false)
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    await page.emulateMedia({ media: 'screen' })
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const file = path.join(SCREENSHOT_DIR, 'flow-report.pdf')
    fs.writeFileSync(file, pdf)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')

    if (hasPoppler) {
      const pageText = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', file, '-'], { encoding: 'utf8' })
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
      expect(pages).toBeGreaterThanOrEqual(4)
      // Page 1 is the cover: title, scope, MVP and the numbers — not a header over blank paper.
      const cover = pageText(1)
      for (const words of ['Claims journey', 'First-time claimant', 'Damage happens', 'MVP', 'Status page', 'In numbers']) expect(cover).toContain(words)
      expect(cover).not.toContain('Top pains')
      // Page 2 is the board, on its own landscape page; the journey table follows.
      expect(pageText(2)).toContain('The board')
      const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', '3', file], { encoding: 'utf8' })
      const [first, second] = [...sizes.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])
      expect(first![0]!).toBeLessThan(first![1]!) // portrait cover
      expect(second![0]!).toBeGreaterThan(second![1]!) // landscape board
      const all = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
      expect(all).toContain('Journey')
      expect(all).toContain('As a claimant, I want to see my claim status, so that I do not have to call.')
      // Images of the pages, to look at (and for the README).
      execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(SCREENSHOT_DIR, 'flow-report-page')])
      fs.mkdirSync(DOCS, { recursive: true })
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', file, path.join(DOCS, 'report-page')])
    }
    expect(errors).toEqual([])
  }, 120_000)

  it('a Dutch workshop: the template in Dutch, story sentences in Dutch in the report, the Markdown and the Jira CSV', async () => {
    const workshop = await filled(suite.server, 'nl')
    const { page, errors } = await suite.open({ locale: 'nl-NL' })
    await page.goto(workshop.facilitatorUrl)
    await waitForBoard(page)
    await page.goto(`${suite.server.url}/w/${workshop.id}/report`)
    await page.getByRole('heading', { level: 1, name: 'Schadeclaim' }).waitFor()
    const journey = await page.getByRole('table', { name: 'Journey' }).evaluate((table) => [...(table as HTMLTableElement).rows[0]!.cells].map((c) => (c as HTMLElement).innerText.trim()))
    expect(journey.slice(1)).toEqual(['Oriëntatie', 'Aankoop', 'Start', 'Gebruik', 'Service', 'Ervaring delen'])
    expect(await page.getByRole('article', { name: 'Verhaal 1 — Must have' }).innerText()).toContain('Als klant wil ik zien waar mijn claim is, zodat ik niet hoef te bellen.')
    expect(await page.getByRole('article', { name: 'Verhaal 2 — Should have' }).innerText()).toContain('Als medewerker wil ik een sms sturen.')
    // Read in English, the team's sentences stay Dutch.
    await page.getByLabel('Taal').selectOption('en')
    await page.getByRole('heading', { name: 'Top pains' }).waitFor()
    expect(await page.getByRole('article', { name: 'Story 1 — Must have' }).innerText()).toContain('Als klant wil ik zien waar mijn claim is, zodat ik niet hoef te bellen.')
    await page.getByLabel('Language').selectOption('nl')
    await page.getByRole('heading', { name: 'Grootste pijnpunten' }).waitFor()
    await screenshot(page, 'flow-report-nl')

    const markdown = await exportText(suite.server, workshop, 'md')
    expect(markdown).toContain('Als klant wil ik zien waar mijn claim is, zodat ik niet hoef te bellen.')
    expect(markdown).not.toContain('As a')
    const csv = await exportText(suite.server, workshop, 'csv')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const rows = parse(csv, { bom: true }) as string[][]
    expect(rows[0]).toEqual(['Summary', 'Description', 'Issue Type', 'Priority', 'Issue ID', 'Parent', 'Labels', 'Labels', 'Labels', 'Labels'])
    expect(rows.slice(1).map((row) => row.slice(0, 6))).toEqual([
      ['Statuspagina', 'Roadmap: Nu (MVP)\nEigenaar: Service\nMeetwaarde: CSAT', 'Epic', '', '1', ''],
      ['Sms-updates', 'Roadmap: Straks', 'Epic', '', '2', ''],
      ['Als klant wil ik zien waar mijn claim is', 'Als klant wil ik zien waar mijn claim is, zodat ik niet hoef te bellen.\n\nAcceptatiecriteria:\n* Werkt op een telefoon', 'Story', 'Highest', '3', '1'],
      ['Als medewerker wil ik een sms sturen', 'Als medewerker wil ik een sms sturen.', 'Story', 'High', '4', '2'],
    ])
    expect(errors).toEqual([])
  }, 120_000)
})
