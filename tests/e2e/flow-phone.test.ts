/**
 * A participant on a phone, in Chromium at 360 and 390 px: the whole workshop in one column —
 * voting first while a round is open, "My notes" with each note's stage and lane, the last
 * closed round's results, the board by stage (every note by lane, with clusters), and in
 * Deliver the roadmap and MVP — and nothing scrolls sideways. The facilitator's narrow layout
 * in Dutch keeps "Presentatieweergave" inside its button.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { addCluster } from '../../shared/board/cluster'
import { listLanes, type LaneKind } from '../../shared/board/lane'
import { addNote } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { addRoadmapItem } from '../../shared/deliver/roadmap'
import { setPhaseChecked } from '../../shared/facilitation/phases'
import { closeRound, openRound } from '../../shared/voting/round'
import { setVote } from '../../shared/voting/vote'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { browserSuite, joinByCode, waitForBoard } from '../helpers/board'
import { connect, createWorkshop, destroyAllClients, synced, type TestServer } from '../helpers/server'

const hasChromium = chromiumAvailable()
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots')

/** A workshop with notes in cells, a cluster, a closed round on pains and a roadmap. */
async function scriptedWorkshop(server: TestServer) {
  const workshop = await createWorkshop(server.url, { title: 'Claims journey' })
  const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
  await Promise.all([synced(board), synced(control)])
  const doc = board.doc
  const stage = (title: string) => listStages(doc).find((s) => s.title === title)!.id
  const lane = (kind: LaneKind) => listLanes(doc).find((l) => l.kind === kind)!.id
  const note = (text: string, stageTitle: string, laneKind: LaneKind, kind: 'note' | 'pain' | 'idea' = 'note') =>
    addNote(doc, { text, kind, x: 10, y: 10, stageId: stage(stageTitle), laneId: lane(laneKind) })
  note('Finds the claim form', 'Orientation', 'actions')
  const twice = note('Form asks for the policy number twice, which is a very long complaint that has to wrap on a small phone screen', 'Purchase', 'pains', 'pain')
  const hold = note('On hold for 20 minutes', 'Service', 'pains', 'pain')
  const silence = note('Nobody says how long it takes', 'Service', 'pains', 'pain')
  note('Status page', 'Service', 'opportunities', 'idea')
  addCluster(doc, { title: 'Waiting in the dark', x: 0, y: 0, noteIds: [hold, silence] })
  const pains = openRound(control.doc, { title: 'Pains', targetKind: 'pain' })
  setVote(doc, pains, 'p1', twice, 2)
  setVote(doc, pains, 'p2', hold, 1)
  closeRound(control.doc, pains)
  return { workshop, doc, control: control.doc, stage, lane }
}

/** The page's widest content fits the viewport: no sideways scrolling. */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; wide: string[] }> {
  return page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
    // What sticks out, to name it when the test fails.
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className}`),
  }))
}

/** The h2 headings of the phone's sections, top to bottom. */
const sectionHeadings = (page: Page) => page.locator('main.phone h2').allInnerTexts()

describe.skipIf(!hasChromium)('the phone view in Chromium', () => {
  const suite = browserSuite()
  afterEach(() => destroyAllClients())

  for (const width of [360, 390]) {
    it(`shows the board by stage, the last results, voting first while a round is open, and the roadmap in Deliver — nothing overflows at ${width} px`, async () => {
      const { workshop, doc, control, stage, lane } = await scriptedWorkshop(suite.server)
      const phone = await suite.open({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true })
      const { page } = phone
      await joinByCode(page, suite.server.url, 'Jo', workshop.joinCode)

      // No round open: the last closed round's results, not "No voting round is open".
      const results = page.getByRole('region', { name: 'Results: Pains' })
      await results.waitFor()
      expect((await results.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
        'Form asks for the policy number twice, which is a very long complaint that has to wrap on a small phone screen 2 votes',
        'On hold for 20 minutes 1 vote',
      ])
      expect(await page.getByText('No voting round is open').count()).toBe(0)

      // The board by stage: every note, by lane, with its cluster.
      const boardView = page.getByRole('region', { name: 'The board' })
      const service = boardView.getByRole('region', { name: 'Service · Pain points' })
      const cluster = service.getByRole('listitem').first()
      expect(await cluster.locator('.phone-cluster-name').innerText()).toBe('Cluster “Waiting in the dark”')
      expect((await cluster.getByRole('listitem').allInnerTexts()).sort()).toEqual(['Nobody says how long it takes', 'On hold for 20 minutes'])
      expect(await boardView.getByRole('region', { name: 'Service · Opportunities' }).innerText()).toContain('Status page')
      expect(await boardView.getByRole('region', { name: 'Orientation · Customer actions' }).innerText()).toContain('Finds the claim form')
      expect(await boardView.locator('details h3').allInnerTexts()).toEqual(['Orientation (1)', 'Purchase (1)', 'Onboarding (0)', 'Use (0)', 'Service (3)', 'Share experience (0)'])

      // My notes say where each note is.
      await page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption({ label: 'Use' })
      await page.getByRole('combobox', { name: 'Lane', exact: true }).selectOption({ label: 'Thoughts & feelings' })
      await page.getByLabel('Your note', { exact: true }).fill('Happy the app remembers me')
      await page.getByRole('button', { name: 'Send' }).click()
      const mine = page.getByRole('region', { name: 'My notes' })
      await expect.poll(() => mine.getByRole('listitem').allInnerTexts()).toEqual(['Use · Thoughts & feelings\n✕'])
      await expect.poll(() => mine.getByRole('textbox', { name: 'Note text' }).inputValue()).toBe('Happy the app remembers me')
      // … and the board section has it too.
      await expect.poll(() => boardView.getByRole('region', { name: 'Use · Thoughts & feelings' }).innerText()).toContain('Happy the app remembers me')
      expect(await sectionHeadings(page)).toEqual(['My notes', 'Data', 'Results: Pains', 'The board'])
      expect(await overflow(page)).toMatchObject({ wide: [] })
      const before = await overflow(page)
      expect(before.scrollWidth).toBeLessThanOrEqual(before.innerWidth)
      if (width === 360) {
        await screenshot(page, 'phone-360-results')
        // The view scrolls inside the page: a tall window shows all of it in one picture.
        fs.mkdirSync(DOCS, { recursive: true })
        const tall = await page.evaluate(() => document.querySelector('main.phone')!.scrollHeight + document.querySelector('main.phone')!.getBoundingClientRect().top)
        await page.setViewportSize({ width, height: Math.ceil(tall) })
        await page.screenshot({ path: path.join(DOCS, 'phone-participant-360.png') })
        await page.setViewportSize({ width, height: 800 })
      }

      // A round opens: voting comes first.
      const ideas = openRound(control, { title: 'Ideas to build', targetKind: 'idea' })
      await expect.poll(() => sectionHeadings(page)).toEqual(['Vote', 'My notes', 'Data', 'The board'])
      await page.getByRole('button', { name: 'Add a vote to Status page' }).click()
      await expect.poll(() => page.getByRole('region', { name: 'Vote' }).getByRole('status').innerText()).toBe('4 votes left')
      const voting = await overflow(page)
      expect(voting.wide).toEqual([])
      expect(voting.scrollWidth).toBeLessThanOrEqual(voting.innerWidth)
      if (width === 360) await page.screenshot({ path: path.join(DOCS, 'phone-participant-voting-360.png'), fullPage: false })
      closeRound(control, ideas)
      await page.getByRole('region', { name: 'Results: Ideas to build' }).waitFor()

      // Deliver: the roadmap and the MVP.
      addRoadmapItem(doc, { title: 'Status page for every claim', column: 'now', mvp: true, owner: 'Service' })
      addRoadmapItem(doc, { title: 'SMS updates', column: 'next' })
      setPhaseChecked(control, 'develop')
      setPhaseChecked(control, 'deliver')
      const roadmap = page.getByRole('region', { name: 'Roadmap' })
      await roadmap.waitFor()
      expect(await roadmap.getByRole('list', { name: 'MVP' }).innerText()).toBe('Status page for every claim')
      expect((await roadmap.getByRole('region', { name: 'Now' }).innerText()).replace(/\s+/g, ' ')).toBe('Now Status page for every claim MVP — Service')
      expect((await roadmap.getByRole('region', { name: 'Next' }).innerText()).replace(/\s+/g, ' ')).toBe('Next SMS updates')
      const deliver = await overflow(page)
      expect(deliver.wide).toEqual([])
      expect(deliver.scrollWidth).toBeLessThanOrEqual(deliver.innerWidth)
      void stage
      void lane
      expect(phone.errors).toEqual([])
    }, 120_000)
  }

  it('the facilitator on a narrow screen, in Dutch: nothing overflows and "Presentatieweergave" fits its button', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Smalle workshop', language: 'nl' })
    for (const width of [360, 390]) {
      const f = await suite.open({ viewport: { width, height: 800 }, locale: 'nl-NL' })
      await f.page.goto(workshop.facilitatorUrl)
      await waitForBoard(f.page)
      const present = f.page.getByRole('button', { name: 'Presentatieweergave' })
      await present.waitFor()
      // Its label stays inside it (the tabs along the bottom scroll sideways on their own).
      const fits = await present.evaluate((button) => {
        const label = button.querySelector('span')!.getBoundingClientRect()
        const box = button.getBoundingClientRect()
        return { scroll: button.scrollWidth, client: button.clientWidth, inside: label.left >= box.left - 0.5 && label.right <= box.right + 0.5 }
      })
      expect(fits.scroll).toBeLessThanOrEqual(fits.client)
      expect(fits.inside).toBe(true)
      // The page itself does not scroll sideways (the row of panel tabs scrolls within itself).
      const page = await overflow(f.page)
      expect(page.scrollWidth).toBeLessThanOrEqual(page.innerWidth)
      if (width === 360) await screenshot(f.page, 'facilitator-nl-360')
      expect(f.errors).toEqual([])
    }
  }, 120_000)
})
