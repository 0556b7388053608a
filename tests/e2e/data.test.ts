/**
 * The data-driven journey in Chromium (issue #12): the facilitator sets the departments, two
 * participants of different departments join (choosing it on the join form) and rank their top
 * touchpoints; the facilitator's data arrives (written into the data document by a stock
 * y-websocket client with the facilitator's token — the CSV import is another branch's), a
 * guessed item is matched by one click on the suggestion, the data is revealed, and every page
 * reads "N of 10" for each department. A participant's page received nothing of the data before
 * the reveal (every websocket frame it got is inspected).
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote } from '../../shared/board/note'
import { readPeople } from '../../shared/board/person'
import { listRoadmap } from '../../shared/deliver/roadmap'
import { listStories } from '../../shared/deliver/story'
import { addDataset, readDatasets } from '../../shared/data/data-doc'
import type { Aggregates } from '../../shared/data/types'
import { connect, createWorkshop, synced, waitFor } from '../helpers/server'
import { browserSuite, waitForBoard } from '../helpers/board'
import { dataset, touchpoint } from '../helpers/dataset'

const hasChromium = chromiumAvailable()

const STAGES = ['Orientation', 'Purchase', 'Onboarding', 'Use', 'Service', 'Share experience']
/** A month of contacts over the template's stages; the top 10 by interactions is the first ten. */
const DATA: Aggregates = {
  rows: 48_210,
  customers: 9_870,
  from: '2026-10-01T00:00:00.000Z',
  to: '2026-10-31T23:59:00.000Z',
  stages: STAGES.map((stage, i) => ({ stage, interactions: [5200, 9100, 7400, 8800, 14_600, 3110][i] as number, customers: [4100, 6900, 5200, 6100, 5400, 1900][i] as number, csat: [4.2, 3.9, 3.4, 3.8, 2.7, 4.0][i] as number, nps: 12, repeatRate: [0.04, 0.08, 0.16, 0.07, 0.31, 0.02][i] as number })),
  touchpoints: [
    touchpoint('Phone', 9_800, { stage: 'Service', repeatRate: 0.34, csat: 2.6 }),
    touchpoint('Email', 7_100, { stage: 'Service', repeatRate: 0.22, csat: 3.0 }),
    touchpoint('Chat', 5_300, { stage: 'Onboarding', repeatRate: 0.12, csat: 3.7 }),
    touchpoint('Website', 5_000, { stage: 'Orientation', repeatRate: 0.03, csat: 4.1 }),
    touchpoint('App', 4_600, { stage: 'Use', repeatRate: 0.05, csat: 3.9 }),
    touchpoint('Store', 3_900, { stage: 'Purchase', repeatRate: 0.04, csat: 4.3 }),
    touchpoint('Invoice mail', 3_100, { stage: 'Purchase', repeatRate: 0.09, csat: 3.1 }),
    touchpoint('Delivery', 2_800, { stage: 'Onboarding', repeatRate: 0.18, csat: 2.9 }),
    touchpoint('Returns desk', 2_200, { stage: 'Service', repeatRate: 0.27, csat: 2.4 }),
    touchpoint('Invoice', 1_900, { stage: 'Use', repeatRate: 0.06, csat: 3.5 }),
    touchpoint('Letter', 1_500, { stage: 'Share experience', repeatRate: 0.01, csat: 4.0 }),
    touchpoint('Social media', 1_010, { stage: 'Share experience', repeatRate: 0.02, csat: 3.8 }),
  ],
  transitions: STAGES.slice(1).map((to, i) => ({ from: STAGES[i] as string, to, customers: 5000, share: [0.71, 0.64, 0.82, 0.47, 0.28][i] as number, medianHours: 40 })),
}
/** Text that only the data has (no note, guess or name on the board holds it). */
const DATA_ONLY = ['Returns desk', 'Contact log October', 'Social media']

/** Every websocket frame a page receives, as text (binary frames decoded as Latin-1, enough to find ASCII). */
function recordFrames(page: Page) {
  const frames: string[] = []
  const sockets: string[] = []
  page.on('websocket', (ws) => {
    sockets.push(ws.url())
    ws.on('framereceived', ({ payload }) => frames.push(typeof payload === 'string' ? payload : Buffer.from(payload).toString('latin1')))
  })
  return { frames, sockets, holds: (text: string) => frames.some((f) => f.includes(text)) }
}

async function joinWithDepartment(page: Page, joinUrl: string, name: string, department: string) {
  await page.goto(joinUrl)
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Your department (optional)').selectOption(department)
  await page.getByRole('button', { name: 'Join' }).click()
  await waitForBoard(page)
}

describe.skipIf(!hasChromium)('the data-driven journey in Chromium', () => {
  const suite = browserSuite()

  it('departments, guesses, data, match, reveal: each page reads N of 10 per department; nothing of the data before the reveal', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Data workshop' })
    // Touchpoint notes on the board, which participants can pick.
    const facilitatorBoard = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(facilitatorBoard)
    const lanes = boardMaps(facilitatorBoard.doc).lanes
    const stages = boardMaps(facilitatorBoard.doc).stages
    let touchLane = ''
    lanes.forEach((lane, id) => lane.get('kind') === 'touchpoints' && (touchLane = id))
    const stageIds = [...stages.keys()]
    for (const [i, text] of ['Phone', 'E-mail', 'Web site'].entries()) addNote(facilitatorBoard.doc, { text, x: 10, y: 10, stageId: stageIds[i] as string, laneId: touchLane })

    const f = await suite.open({ viewport: { width: 1440, height: 900 } })
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    await f.page.getByRole('button', { name: 'Data', exact: true }).click()
    // Departments: rename Service, remove Finance, add HR.
    const rename = f.page.getByLabel('Rename department Service')
    await rename.fill('Customer service')
    await rename.press('Enter')
    await f.page.getByRole('button', { name: 'Remove department Finance' }).click()
    await f.page.getByLabel('New department').fill('HR')
    await f.page.getByRole('button', { name: 'Add', exact: true }).click()
    await expect.poll(() => f.page.locator('.departments input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(['Marketing', 'Sales', 'Customer service', 'IT', 'HR'])

    // Two participants of different departments, chosen on the join form.
    const ann = await suite.open({ viewport: { width: 1440, height: 900 } })
    const annNet = recordFrames(ann.page)
    await joinWithDepartment(ann.page, workshop.joinUrl, 'Ann', 'Customer service')
    const bob = await suite.open({ viewport: { width: 360, height: 780 } })
    const bobNet = recordFrames(bob.page)
    await joinWithDepartment(bob.page, workshop.joinUrl, 'Bob', 'Sales')

    // Ann ranks: picks two notes from the board, types one, and moves it up by keyboard.
    await ann.page.getByRole('button', { name: 'Data', exact: true }).click()
    await expect.poll(() => ann.page.getByLabel('Your department').inputValue()).toBe('Customer service')
    await ann.page.getByRole('button', { name: 'Add Phone' }).click()
    await ann.page.getByRole('button', { name: 'Add E-mail' }).click()
    await ann.page.getByLabel('Type a touchpoint').fill('Chat')
    await ann.page.getByRole('button', { name: 'Add', exact: true }).click()
    await ann.page.getByRole('listitem', { name: '3. Chat' }).press('Alt+ArrowUp')
    await expect.poll(() => ann.page.locator('.guess-list .guess-text').allTextContents()).toEqual(['Phone', 'Chat', 'E-mail'])

    // Bob is on a phone: the phone view has the data panel below his notes.
    for (const item of ['Letter', 'Phone', 'Invoice']) {
      await bob.page.getByLabel('Type a touchpoint').fill(item)
      await bob.page.getByRole('button', { name: 'Add', exact: true }).click()
      await bob.page.locator('.guess-list .guess-text', { hasText: item }).waitFor()
    }
    await expect.poll(() => bob.page.getByText('The data is not revealed yet', { exact: false }).isVisible()).toBe(true)

    // The facilitator's data arrives (a stock y-websocket client with the facilitator token).
    const dataClient = connect(suite.server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    await synced(dataClient)
    addDataset(dataClient.doc, dataset('october', { aggregates: DATA }), { replace: false })
    await waitFor(() => readDatasets(dataClient.doc).length === 1)
    await f.page.getByText('48,210 rows', { exact: false }).waitFor()
    await screenshot(bob.page, 'data-phone-before-reveal')
    // Matching: "E-mail" is suggested as Email; one click accepts it.
    await f.page.getByRole('button', { name: 'Match E-mail to Email' }).click()
    await expect.poll(() => f.page.getByLabel('Data touchpoint for E-mail').inputValue()).toBe('Email')
    await screenshot(f.page, 'data-facilitator-before-reveal')

    // Before the reveal: neither participant's page opened the data document or got a byte of it.
    expect(annNet.sockets.some((url) => url.includes('/data?'))).toBe(false)
    expect(bobNet.sockets.some((url) => url.includes('/data?'))).toBe(false)
    for (const text of DATA_ONLY) {
      expect(annNet.holds(text), text).toBe(false)
      expect(bobNet.holds(text), text).toBe(false)
    }
    await expect.poll(() => ann.page.locator('.comparison').count()).toBe(0)

    // Act on it before the reveal: Phone gets an owner and a target (the data document), but To
    // roadmap waits for the reveal — the roadmap is on the board, which participants receive.
    await f.page.getByLabel('Owner of Phone').selectOption('Customer service')
    const target = f.page.getByLabel('Target for Phone')
    await target.fill('repeat rate < 10 %')
    await target.press('Enter')
    const putOnRoadmap = f.page.getByRole('button', { name: 'Put Phone on the roadmap' })
    await expect.poll(() => putOnRoadmap.isDisabled()).toBe(true)
    await f.page.getByText('To roadmap is available once the data is shown to everyone', { exact: false }).waitFor()
    expect(listRoadmap(facilitatorBoard.doc)).toEqual([])

    // Reveal.
    await f.page.getByLabel('Show the data to everyone').check()
    const expected = { 'Customer service': 3, Sales: 2 } as const
    for (const page of [f.page, ann.page, bob.page]) {
      for (const [department, n] of Object.entries(expected)) {
        await page.getByText(`${department}: ${n} of 10`, { exact: true }).waitFor({ timeout: 10_000 })
      }
      await page.getByText('The group: 4 of 10', { exact: true }).waitFor()
    }
    expect(annNet.holds('Returns desk')).toBe(true)
    // Guesses are closed now.
    await expect.poll(() => ann.page.getByRole('button', { name: 'Move Chat up' }).count()).toBe(0)
    await screenshot(ann.page, 'data-participant-after-reveal')
    // Act on it: now Phone goes onto the roadmap with a story.
    await expect.poll(() => putOnRoadmap.isDisabled()).toBe(false)
    await putOnRoadmap.click()
    await waitFor(() => listRoadmap(facilitatorBoard.doc).some((item) => item.title === 'Improve Phone'), { message: 'roadmap item' })
    expect(listRoadmap(facilitatorBoard.doc).find((item) => item.title === 'Improve Phone')).toMatchObject({ owner: 'Customer service', metric: 'repeat rate < 10 %' })
    expect(listStories(facilitatorBoard.doc).find((story) => story.iWant === 'Phone to work better')?.acceptance).toEqual(['repeat rate < 10 %'])
    // Once on the roadmap the row says so instead of offering the button again (a second click made a second, identical item).
    await expect.poll(() => putOnRoadmap.count()).toBe(0)
    await f.page.getByRole('row', { name: /^Phone/ }).getByText('on the roadmap', { exact: true }).waitFor()
    expect(listRoadmap(facilitatorBoard.doc).filter((item) => item.touchpoint === 'Phone')).toHaveLength(1)

    // The board: the metrics lane, and the silo view (notes by their authors' departments).
    const idOf = (name: string) => [...readPeople(facilitatorBoard.doc)].find(([, n]) => n === name)?.[0]
    await waitFor(() => idOf('Ann') !== undefined && idOf('Bob') !== undefined, { message: 'both in people' })
    addNote(facilitatorBoard.doc, { text: 'Customers call twice about the same invoice', x: 10, y: 10, stageId: stageIds[4] as string, laneId: touchLane, authorId: idOf('Ann') as string })
    addNote(facilitatorBoard.doc, { text: 'Newsletter drives store visits', x: 10, y: 10, stageId: stageIds[1] as string, laneId: touchLane, authorId: idOf('Bob') as string })
    await ann.page.getByLabel('Silo view: colour notes by department').check()
    await ann.page.getByRole('button', { name: 'Hide the data panel' }).click()
    await ann.page.getByRole('complementary', { name: 'Departments' }).waitFor()
    await ann.page.getByRole('button', { name: 'Zoom to fit' }).click()
    await ann.page.waitForTimeout(500)
    await screenshot(ann.page, 'data-board-metrics-lane')
    await screenshot(bob.page, 'data-phone-after-reveal')

    // Hidden again: the participants lose the data, but their rankings stay closed.
    await f.page.getByLabel('Show the data to everyone').uncheck()
    await f.page.getByText('Hidden again: only you see the data. The guesses stay closed', { exact: false }).waitFor()
    await expect.poll(() => bob.page.locator('.comparison').count()).toBe(0)
    await bob.page.getByText('The data has been revealed: your ranking is final.', { exact: true }).waitFor()
    await expect.poll(() => bob.page.getByLabel('Type a touchpoint').count()).toBe(0)
    expect([...f.errors, ...ann.errors, ...bob.errors]).toEqual([])
  }, 240_000)
})
