/**
 * Deliver in Chromium: from the top-voted idea to a roadmap item in Now, marked MVP, a drafted
 * story, and the exports a team takes home (Markdown, Jira CSV, the board as PNG).
 */
import fs from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { setPhase } from '../../shared/facilitation/control'
import { closeRound, openRound } from '../../shared/voting/round'
import { boardLayout } from '../../shared/board/layout'
import { listLanes } from '../../shared/board/lane'
import { addNote, listNotes } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { addRoadmapItem, listRoadmap } from '../../shared/deliver/roadmap'
import { listStories } from '../../shared/deliver/story'
import { setVote } from '../../shared/voting/vote'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { browserSuite, joinByCode, noteItemFor, waitForBoard } from '../helpers/board'
import { connect, createWorkshop, synced } from '../helpers/server'

const hasChromium = chromiumAvailable()

/** Clicks `button` and returns the text of the file the page downloads. */
async function downloaded(page: Page, button: string): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
  const file = await download.path()
  return { name: download.suggestedFilename(), body: fs.readFileSync(file) }
}

describe.skipIf(!hasChromium)('deliver in Chromium', () => {
  const suite = browserSuite()

  it('promotes an idea, moves it to Now, marks it MVP, drafts its story and exports it', async () => {
    const { server } = suite
    const workshop = await createWorkshop(server.url, { title: 'Refunds Q3', persona: 'first-time buyer' })
    // Discover, Define and Develop happened: a pain and two ideas in Service; ideas voted on.
    const scripted = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await Promise.all([synced(scripted), synced(control)])
    const service = listStages(scripted.doc).find((s) => s.title === 'Service')!.id
    const ideasLane = listLanes(scripted.doc).find((l) => l.kind === 'opportunities')!.id
    const painsLane = listLanes(scripted.doc).find((l) => l.kind === 'pains')!.id
    addNote(scripted.doc, { text: 'Slow refunds, "weeks", really', kind: 'pain', x: 10, y: 10, stageId: service, laneId: painsLane })
    const instant = addNote(scripted.doc, { text: 'Instant refunds', kind: 'idea', x: 10, y: 10, stageId: service, laneId: ideasLane })
    const chatbot = addNote(scripted.doc, { text: 'Chatbot', kind: 'idea', x: 170, y: 10, stageId: service, laneId: ideasLane })
    const round = openRound(control.doc, { title: 'Ideas', targetKind: 'idea' })
    setVote(scripted.doc, round, 'p1', instant, 3)
    setVote(scripted.doc, round, 'p2', instant, 2)
    setVote(scripted.doc, round, 'p2', chatbot, 1)
    closeRound(control.doc, round)

    const f = await suite.open({ acceptDownloads: true })
    const p = await suite.open()
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    await f.page.getByRole('button', { name: 'Deliver' }).click()
    await joinByCode(p.page, server.url, 'Pat', workshop.joinCode)
    await noteItemFor(p.page, 'Chatbot')

    await f.page.getByRole('button', { name: 'Roadmap & stories' }).click()
    const candidates = f.page.getByRole('region', { name: 'Promote to the roadmap' }).getByRole('listitem')
    await expect.poll(() => candidates.allTextContents(), { timeout: 10_000 }).toEqual(['Ideas Instant refunds 5 votes Promote', 'Ideas Chatbot 1 vote Promote'])
    await f.page.getByRole('button', { name: 'Promote Instant refunds to the roadmap' }).click()
    await f.page.getByRole('button', { name: 'Promote Chatbot to the roadmap' }).click()
    const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true }).getByRole('listitem')
    await expect.poll(() => column(f.page, 'Later').count(), { timeout: 10_000 }).toBe(2)
    // With the keyboard-reachable button…
    await f.page.getByRole('button', { name: 'Move Instant refunds to Now' }).click()
    // …and by drag and drop.
    await column(f.page, 'Later').filter({ has: f.page.getByRole('textbox', { name: 'Item title' }) }).first().dragTo(f.page.getByRole('region', { name: 'Next', exact: true }))
    await expect.poll(() => listRoadmap(scripted.doc).map((i) => [i.title, i.column]), { timeout: 10_000 }).toEqual([
      ['Instant refunds', 'now'],
      ['Chatbot', 'next'],
    ])
    const card = column(f.page, 'Now').first()
    await card.getByRole('checkbox', { name: 'MVP' }).check()
    await card.getByRole('combobox', { name: 'Owner (department)' }).fill('Customer service')
    await card.getByRole('combobox', { name: 'Metric' }).fill('Avoidable contacts')
    await expect.poll(() => listRoadmap(scripted.doc)[0], { timeout: 10_000 }).toMatchObject({ mvp: true, owner: 'Customer service', metric: 'Avoidable contacts' })

    await f.page.getByRole('button', { name: 'Draft stories' }).click()
    await f.page.getByRole('status').filter({ hasText: '1 story drafted' }).waitFor()
    const story = f.page.getByRole('group', { name: 'Story 1' })
    await expect(story.getByRole('textbox', { name: 'As a …' }).inputValue()).resolves.toBe('first-time buyer')
    await expect(story.getByRole('textbox', { name: 'I want …' }).inputValue()).resolves.toBe('Instant refunds')
    await expect(story.getByRole('textbox', { name: 'so that …' }).inputValue()).resolves.toBe('“Slow refunds, "weeks", really” no longer gets in my way')
    await expect(story.getByRole('combobox', { name: 'Priority' }).inputValue()).resolves.toBe('must')
    await story.getByRole('textbox', { name: 'New acceptance criterion' }).fill('Money back within 24 h, €50 or less')
    await story.getByRole('button', { name: 'Add criterion' }).click()

    // The participant sees it all and adds a criterion of their own.
    await p.page.getByRole('button', { name: 'Roadmap & stories' }).click()
    const theirs = p.page.getByRole('group', { name: 'Story 1' })
    await expect.poll(() => theirs.getByRole('textbox', { name: 'Criterion 1' }).inputValue(), { timeout: 10_000 }).toBe('Money back within 24 h, €50 or less')
    await theirs.getByRole('textbox', { name: 'New acceptance criterion' }).fill('Status visible in the app')
    await theirs.getByRole('button', { name: 'Add criterion' }).click()
    await expect.poll(() => story.getByRole('textbox', { name: 'Criterion 2' }).inputValue(), { timeout: 10_000 }).toBe('Status visible in the app')
    await expect.poll(() => listStories(scripted.doc)[0]?.acceptance.length, { timeout: 10_000 }).toBe(2)
    // The notes it comes from: drafted with its idea and pain; anyone links another or unlinks one.
    const sources = (group: typeof story) => group.getByRole('list', { name: 'Comes from' }).getByRole('listitem')
    await expect.poll(() => sources(story).allTextContents()).toEqual(['Instant refunds ✕', 'Slow refunds, "weeks", really ✕'])
    await theirs.getByRole('combobox', { name: 'Link a note' }).selectOption({ label: 'Idea: Chatbot' })
    await expect.poll(() => sources(story).allTextContents(), { timeout: 10_000 }).toEqual(['Instant refunds ✕', 'Slow refunds, "weeks", really ✕', 'Chatbot ✕'])
    await story.getByRole('button', { name: 'Unlink “Chatbot” from story 1' }).click()
    await expect.poll(() => listStories(scripted.doc)[0]?.sourceIds.length, { timeout: 10_000 }).toBe(2)
    await expect.poll(() => sources(theirs).count(), { timeout: 10_000 }).toBe(2)
    await screenshot(f.page, 'deliver-roadmap-stories')

    // Export: Markdown with the story in it, Jira CSV, and the board as a PNG at 2×.
    await f.page.getByRole('button', { name: 'Export', exact: true }).click()
    const md = await downloaded(f.page, 'Markdown summary (.md)')
    expect(md.name).toBe('Refunds Q3.md')
    const text = md.body.toString('utf8')
    expect(text).toContain('Instant refunds')
    expect(text).toContain('first-time buyer')
    expect(text).toContain('Money back within 24 h, €50 or less')
    expect(text).toContain('Status visible in the app')
    const csv = await downloaded(f.page, 'Stories for Jira (.csv)')
    // A byte-order mark (Excel reads UTF-8), then the header; the roadmap item is an epic, its story names it in Parent.
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(csv.body.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]
    expect(rows[0]?.slice(0, 6)).toEqual(['Summary', 'Description', 'Issue Type', 'Priority', 'Issue ID', 'Parent'])
    const stories = rows.filter((r) => r[2] === 'Story')
    expect(stories).toHaveLength(1)
    const [row] = stories as [string[]]
    expect(row[0]).toContain('Instant refunds')
    expect(row[1]).toContain('Money back within 24 h, €50 or less')
    expect(row[3]).toBe('Highest')
    const epic = rows.find((r) => r[2] === 'Epic' && r[4] === row[5])
    expect(epic?.[0]).toContain('Instant refunds')
    const png = await downloaded(f.page, 'Board image (PNG, 2×)')
    expect(png.name).toBe('Refunds Q3.png')
    expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG')
    const layout = boardLayout(listStages(scripted.doc), listLanes(scripted.doc))
    expect(png.body.readUInt32BE(16)).toBeGreaterThanOrEqual(2 * layout.width)
    expect(png.body.readUInt32BE(20)).toBeGreaterThanOrEqual(2 * layout.height)
    fs.mkdirSync('tests/e2e/__screenshots__', { recursive: true })
    fs.writeFileSync('tests/e2e/__screenshots__/export-board.png', png.body)
    await f.page.getByRole('status').filter({ hasText: 'Downloaded Refunds Q3.png.' }).waitFor()
    await screenshot(f.page, 'export-panel')
    scripted.destroy()
    control.destroy()
    expect([...f.errors, ...p.errors]).toEqual([])
  })

  it('reorders roadmap cards within a column, one place with ↑/↓ and before the card dropped on', async () => {
    const { server } = suite
    const workshop = await createWorkshop(server.url, { title: 'Order' })
    const scripted = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(scripted)
    for (const title of ['Survey', 'FAQ', 'Callback', 'Chat']) addRoadmapItem(scripted.doc, { title, column: 'later' })
    const later = () => listRoadmap(scripted.doc).filter((i) => i.column === 'later').map((i) => i.title)
    expect(later()).toEqual(['Survey', 'FAQ', 'Callback', 'Chat'])
    // Tall enough for the whole column: dragTo scrolls the panel to the target after pressing on
    // the source, and Chromium then starts the drag from whichever card is under the pointer.
    const f = await suite.open({ viewport: { width: 1400, height: 1400 } })
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    await f.page.getByRole('button', { name: 'Roadmap & stories' }).click()
    const cards = f.page.getByRole('region', { name: 'Later', exact: true }).getByRole('listitem')
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(4)
    await f.page.getByRole('button', { name: 'Move Survey down' }).click()
    await expect.poll(later, { timeout: 10_000 }).toEqual(['FAQ', 'Survey', 'Callback', 'Chat'])
    await f.page.getByRole('button', { name: 'Move Callback up' }).click()
    await expect.poll(later, { timeout: 10_000 }).toEqual(['FAQ', 'Callback', 'Survey', 'Chat'])
    // Chat dropped on the first card goes before it; FAQ dropped on Survey (below it) before Survey.
    const card = (title: string) => cards.filter({ has: f.page.locator(`input[value="${title}"]`) })
    await card('Chat').dragTo(card('FAQ'))
    await expect.poll(later, { timeout: 10_000 }).toEqual(['Chat', 'FAQ', 'Callback', 'Survey'])
    await card('FAQ').dragTo(card('Survey'))
    await expect.poll(later, { timeout: 10_000 }).toEqual(['Chat', 'Callback', 'FAQ', 'Survey'])
    scripted.destroy()
    expect(f.errors).toEqual([])
  })

  it('places ideas on the impact/effort matrix in Develop, live for everyone', async () => {
    const { server } = suite
    const workshop = await createWorkshop(server.url, { title: 'Matrix' })
    const scripted = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await Promise.all([synced(scripted), synced(control)])
    const status = addNote(scripted.doc, { text: 'Status page', kind: 'idea', x: 10, y: 10 })
    addNote(scripted.doc, { text: 'Rebuild the portal', kind: 'idea', x: 170, y: 10 })
    const f = await suite.open()
    const p = await suite.open()
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    await joinByCode(p.page, server.url, 'Pat', workshop.joinCode)
    // Not a Discover tool.
    await f.page.getByRole('button', { name: 'Voting' }).waitFor()
    expect(await f.page.getByRole('button', { name: 'Impact / effort' }).count()).toBe(0)
    setPhase(control.doc, 'develop')
    for (const page of [f.page, p.page]) await page.getByRole('button', { name: 'Impact / effort' }).click()
    const panel = f.page.getByRole('region', { name: 'Impact / effort' })
    await panel.getByRole('combobox', { name: 'Impact: Status page' }).selectOption('high')
    await panel.getByRole('combobox', { name: 'Effort: Status page' }).selectOption({ label: 'Low' })
    await panel.getByRole('combobox', { name: 'Impact: Rebuild the portal' }).selectOption('high')
    await panel.getByRole('combobox', { name: 'Effort: Rebuild the portal' }).selectOption('high')
    const quadrant = (page: Page, name: RegExp) => page.getByRole('region', { name }).getByRole('listitem')
    for (const page of [f.page, p.page]) {
      await expect.poll(() => quadrant(page, /^Quick wins/).allTextContents(), { timeout: 10_000 }).toEqual(['Status page'])
      await expect.poll(() => quadrant(page, /^Big bets/).allTextContents(), { timeout: 10_000 }).toEqual(['Rebuild the portal'])
    }
    await expect.poll(() => listNotes(scripted.doc).find((n) => n.id === status), { timeout: 10_000 }).toMatchObject({ impact: 'high', effort: 'low' })
    // The participant moves it: everyone sees it move.
    await p.page.getByRole('region', { name: 'Impact / effort' }).getByRole('combobox', { name: 'Effort: Status page' }).selectOption('high')
    await expect.poll(() => quadrant(f.page, /^Big bets/).allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining(['Status page', 'Rebuild the portal']))
    await expect.poll(() => quadrant(f.page, /^Quick wins/).count(), { timeout: 10_000 }).toBe(0)
    await screenshot(f.page, 'impact-effort')
    // Develop votes on ideas: a new round offers them first.
    await f.page.getByRole('button', { name: 'Voting' }).click()
    await expect.poll(() => f.page.getByRole('combobox', { name: 'Vote on' }).inputValue()).toBe('idea')
    scripted.destroy()
    control.destroy()
    expect([...f.errors, ...p.errors]).toEqual([])
  })
})
