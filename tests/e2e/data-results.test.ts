/**
 * Where the data-driven journey (issue #12) meets the results, in Chromium: a closed voting
 * round's results split each item's votes by the voters' departments ("Service 5, Sales 2"), and
 * a Dutch reader's report has the data section in Dutch with Dutch numbers (48.210, 4,2).
 */
import { describe, expect, it } from 'vitest'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { listLanes } from '../../shared/board/lane'
import { addNote } from '../../shared/board/note'
import { setPersonDepartment } from '../../shared/board/person'
import { listStages } from '../../shared/board/stage'
import { setDepartments } from '../../shared/facilitation/control'
import { addDataset, setKeyTouchpoint } from '../../shared/data/data-doc'
import { setGuess } from '../../shared/data/guesses'
import type { Aggregates } from '../../shared/data/types'
import { closeRound, openRound } from '../../shared/voting/round'
import { setVote } from '../../shared/voting/vote'
import { connect, createWorkshop, synced, waitFor } from '../helpers/server'
import { browserSuite, waitForBoard } from '../helpers/board'
import { dataset, touchpoint } from '../helpers/dataset'

const hasChromium = chromiumAvailable()

const DATA: Aggregates = {
  rows: 48_210,
  customers: 9_870,
  from: '2026-10-01T00:00:00.000Z',
  to: '2026-10-31T23:59:00.000Z',
  stages: [
    { stage: 'Aankoop', interactions: 19_100, customers: 6900, csat: 4.2, nps: 12, repeatRate: 0.08 },
    { stage: 'Service', interactions: 29_110, customers: 5400, csat: 2.7, nps: -5, repeatRate: 0.31 },
  ],
  touchpoints: [touchpoint('Telefoon', 29_110, { stage: 'Service' }), touchpoint('Winkel', 19_100, { stage: 'Aankoop' })],
  transitions: [{ from: 'Aankoop', to: 'Service', customers: 5000, share: 0.47, medianHours: 40 }],
}

describe.skipIf(!hasChromium)('data in the results and the report', () => {
  const suite = browserSuite()

  it('a closed round’s results split each item’s votes by department', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Votes by department' })
    const board = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const control = connect(suite.server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await Promise.all([synced(board), synced(control)])
    const service = listStages(board.doc).find((s) => s.title === 'Service')!.id
    const pains = listLanes(board.doc).find((l) => l.kind === 'pains')!.id
    const slow = addNote(board.doc, { text: 'Slow refunds', kind: 'pain', x: 10, y: 10, stageId: service, laneId: pains })
    const fees = addNote(board.doc, { text: 'Hidden fees', kind: 'pain', x: 170, y: 10, stageId: service, laneId: pains })
    // Four voters: two from Service, one from Sales, one without a department.
    for (const [id, name, department] of [['p1', 'Ann', 'Service'], ['p2', 'Cas', 'Service'], ['p3', 'Bob', 'Sales'], ['p4', 'Dee', undefined]] as const) setPersonDepartment(board.doc, id, name, department)
    const round = openRound(control.doc, { title: 'Pains', targetKind: 'pain', votesPerPerson: 5, maxPerTarget: 3 })
    setVote(board.doc, round, 'p1', slow, 3)
    setVote(board.doc, round, 'p2', slow, 2)
    setVote(board.doc, round, 'p3', slow, 2)
    setVote(board.doc, round, 'p3', fees, 1)
    setVote(board.doc, round, 'p4', fees, 2)
    closeRound(control.doc, round)

    const f = await suite.open({ viewport: { width: 1440, height: 900 } })
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    await f.page.getByRole('button', { name: 'Voting' }).click()
    const results = f.page.getByRole('region', { name: 'Results: Pains' }).getByRole('listitem')
    await expect.poll(() => results.allInnerTexts(), { timeout: 10_000 }).toEqual([
      'Slow refunds 7 votes (by department: Service 5, Sales 2)',
      'Hidden fees 3 votes (by department: No department 2, Sales 1)',
    ])
    await screenshot(f.page, 'data-votes-by-department')
    expect(f.errors).toEqual([])
  }, 120_000)

  it('a Dutch report: the data section’s labels in Dutch and its numbers as nl-NL writes them', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Klantcontact', language: 'nl' })
    const board = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const control = connect(suite.server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const data = connect(suite.server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    await Promise.all([synced(board), synced(control), synced(data)])
    setDepartments(control.doc, ['Service', 'Verkoop'])
    setPersonDepartment(board.doc, 'p1', 'Ann', 'Service')
    setGuess(board.doc, 'p1', ['Telefoon', 'Winkel'])
    addDataset(data.doc, dataset('oktober', { name: 'Contactlog oktober', aggregates: DATA }), { replace: false })
    setKeyTouchpoint(data.doc, 'Telefoon', { owner: 'Service', metric: 'repeatRate', comparator: '<', value: 0.1 })
    await waitFor(async () => {
      const response = await fetch(`${suite.server.url}/api/workshops/${workshop.id}/export?format=json`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } })
      return ((await response.json()) as { data?: { keyTouchpoints: unknown[] } }).data?.keyTouchpoints.length === 1
    }, { message: 'data stored' })

    const { page, errors } = await suite.open({ locale: 'nl-NL', viewport: { width: 1440, height: 900 } })
    await page.goto(workshop.facilitatorUrl)
    await waitForBoard(page)
    await page.goto(`${suite.server.url}/w/${workshop.id}/report`)
    const section = page.getByRole('region', { name: 'De inschatting tegenover de data' })
    await section.waitFor()
    const text = await section.innerText()
    expect(text).toContain('48.210 rijen, 9.870 klanten')
    // The guess table's columns say what they hold: who, and how many of the data's top 10 they found.
    const guessTable = section.getByRole('table').filter({ hasText: 'ρ' })
    expect(await guessTable.locator('thead th').allInnerTexts()).toEqual(['Wie', 'Gevonden uit de top 10 van de data op contacten', 'ρ'])
    expect(text).toMatch(/Service\s+29\.110\s+2,7\s+31 %/)
    expect(text).toContain('herhaalpercentage < 10 %')
    for (const english of ['interactions', 'Lane', 'repeatRate', '48,210', 'rows']) expect(text, english).not.toContain(english)
    expect(await page.getByRole('table', { name: 'Journey' }).locator('th').first().innerText()).toBe('Baan')
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, 'data-report-nl')
    expect(errors).toEqual([])
  }, 120_000)
})

describe.skipIf(!hasChromium)('the Data & metrics lane on the canvas', () => {
  const suite = browserSuite()

  /** Every flag on the canvas: its screen box, whether a line of it is cut short, and whether it covers a note. */
  const flags = (page: import('playwright-core').Page) =>
    page.evaluate(() => {
      const stage = window.Konva?.stages.find((s) => s.container().isConnected)
      if (!stage) return []
      const box = stage.container().getBoundingClientRect()
      const notes = stage.find('.note').map((n) => n.getClientRect())
      const meets = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
      return stage.find('.metrics-flag').map((group) => {
        const rect = group.getClientRect()
        const texts = (group as unknown as { find(selector: string): Array<{ text(): string; fontSize(): number; getAbsoluteScale(): { x: number }; textArr: Array<{ text: string }> }> }).find('Text')
        return {
          lines: texts.map((t) => t.text()),
          cut: texts.some((t) => t.textArr.map((l) => l.text.trim()).join(' ') !== t.text()),
          screenFont: Math.min(...texts.map((t) => t.fontSize() * t.getAbsoluteScale().x)),
          overNote: notes.some((note) => meets(rect, note)),
          inView: rect.y >= 0 && rect.y + rect.height <= box.height && rect.x < box.width && rect.x + rect.width > 0,
          /** Within the canvas's height (a phone shows the lane from its title, and scrolls across to the flags). */
          inViewDown: rect.y >= 0 && rect.y + rect.height <= box.height,
        }
      })
    })

  it('flags the worst touchpoints readably, off the notes, and a toolbar button brings the lane into view (1440×900 and 360 px)', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Metrics lane' })
    const board = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const data = connect(suite.server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    await Promise.all([synced(board), synced(data)])
    const stages = listStages(board.doc)
    const lane = (kind: string) => listLanes(board.doc).find((l) => l.kind === kind)!.id
    const stageId = (title: string) => stages.find((s) => s.title === title)!.id
    // Notes where the metrics are drawn: the data lane and the touchpoints lane, Service most.
    for (const [i, text] of ['We do not measure callbacks', 'Repeat calls are not logged', 'NPS only once a year'].entries()) addNote(board.doc, { text, x: 10, y: 10, stageId: stageId('Service'), laneId: lane('data'), createdAt: i })
    for (const text of ['Phone', 'Email', 'Returns desk', 'Chat']) addNote(board.doc, { text, x: 10, y: 10, stageId: stageId('Service'), laneId: lane('touchpoints') })
    const titles = stages.map((s) => s.title)
    addDataset(
      data.doc,
      dataset('october', {
        stageMap: Object.fromEntries(stages.map((s) => [s.title, s.id])),
        aggregates: {
          rows: 48_210,
          customers: 9_870,
          from: '2026-10-01T00:00:00.000Z',
          to: '2026-10-31T23:59:00.000Z',
          stages: titles.map((stage, i) => ({ stage, interactions: [5200, 9100, 7400, 8800, 14_600, 3110][i] ?? 1000, customers: 4000, csat: [4.2, 3.9, 3.4, 3.8, 2.7, 4.0][i] ?? 3.5, nps: 12, repeatRate: [0.04, 0.08, 0.16, 0.07, 0.31, 0.02][i] ?? 0.1 })),
          touchpoints: [
            touchpoint('Customer service phone line', 9_800, { stage: 'Service', repeatRate: 0.34, csat: 2.6 }),
            touchpoint('Returns desk', 2_200, { stage: 'Service', repeatRate: 0.27, csat: 2.4 }),
            touchpoint('Delivery tracking page', 2_800, { stage: 'Onboarding', repeatRate: 0.18, csat: 2.1 }),
            touchpoint('Website', 5_000, { stage: 'Orientation', repeatRate: 0.03, csat: 4.1 }),
          ],
          transitions: titles.slice(1).map((to, i) => ({ from: titles[i] as string, to, customers: 5000, share: [0.71, 0.64, 0.82, 0.47, 0.28][i] ?? 0.5, medianHours: 40 })),
        },
      }),
      { replace: false },
    )

    const f = await suite.open({ viewport: { width: 1440, height: 900 } })
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    const show = f.page.getByRole('button', { name: 'Show the Data & metrics lane' })
    await show.waitFor()
    // The opening view: the board's first lanes; the data lane is further down.
    await expect.poll(async () => (await flags(f.page)).length, { timeout: 10_000 }).toBe(3)
    await screenshot(f.page, 'data-lane-opening')
    await show.click()
    await expect.poll(async () => (await flags(f.page)).every((flag) => flag.inView)).toBe(true)
    // There the flags read at 100 % or more of their font (13 px).
    for (const flag of await flags(f.page)) expect(flag.screenFont, flag.lines[0]).toBeGreaterThanOrEqual(12)
    await screenshot(f.page, 'data-lane-shown')
    // Whole board: every flag whole (no line cut short), readable, and on no note.
    await f.page.getByRole('button', { name: 'Zoom to fit' }).click()
    await f.page.waitForTimeout(300)
    const fitted = await flags(f.page)
    expect(fitted.map((flag) => flag.lines[0])).toEqual(['⚑ Customer service phone line', '⚑ Returns desk', '⚑ Delivery tracking page'])
    for (const flag of fitted) {
      expect(flag, flag.lines[0]).toMatchObject({ cut: false, overNote: false })
      // The whole board at 1440×900 is about 17 % (note text about 2 px); the flags grow to 3× their font (about 6.7 px).
      expect(flag.screenFont, flag.lines[0]).toBeGreaterThanOrEqual(6)
    }
    await screenshot(f.page, 'data-lane-fit')

    // A phone-width facilitator: the button brings the lane in, from the lane titles.
    const phone = await suite.open({ viewport: { width: 360, height: 780 } })
    await phone.page.goto(workshop.facilitatorUrl)
    await waitForBoard(phone.page)
    await phone.page.getByRole('button', { name: 'Show the Data & metrics lane' }).click()
    await expect.poll(async () => (await flags(phone.page)).every((flag) => flag.inViewDown)).toBe(true)
    for (const flag of await flags(phone.page)) expect(flag, flag.lines[0]).toMatchObject({ cut: false, overNote: false })
    await screenshot(phone.page, 'data-lane-phone')
    expect([...f.errors, ...phone.errors]).toEqual([])
  }, 120_000)
})
