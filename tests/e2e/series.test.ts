/**
 * The continuous journey in Chromium: a series of three workshops (March, June from March,
 * September from June), each with a month of data (June's and September's attached with the
 * attach command's function), opened as the comparison page; the start page lists the series;
 * the board's Snapshots & series panel saves a snapshot and opens it read-only with the changes
 * since. Screenshots at 1440×900 and 360 px wide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import * as Y from 'yjs'
import { addNote } from '../../shared/board/note'
import { addRoadmapItem, moveRoadmapItem } from '../../shared/deliver/roadmap'
import { setDone } from '../../shared/continuous/done'
import { addDataset } from '../../shared/data/data-doc'
import { attachDataset } from '../../server/cli/attach'
import { chromiumAvailable, launchChromium, screenshot, watchErrors } from '../helpers/browser'
import { monthDataset, setKeyTouchpoints } from '../helpers/series'
import { connect, createWorkshop, destroyAllClients, synced, waitFor, type CreatedWorkshop, type TestServer, startTestServer } from '../helpers/server'

const hasChromium = chromiumAvailable()

const month = (id: string, name: string, period: string, phone: [number, number, number], mail: [number, number, number], share: number) =>
  monthDataset(id, name, period, {
    touchpoints: { Phone: ['Service', ...phone], 'Welcome mail': ['Onboarding', ...mail], Chat: ['Service', 80, 4.4, 0.03], 'Web shop': ['Purchase', 300, 4.0, 0.01] },
    transitions: [['Onboarding', 'Service', 100, share]],
  })

const MARCH = month('march', 'March contacts', '2026-03', [400, 3.1, 0.2], [200, 3.8, 0.02], 0.6)
const JUNE = month('june', 'June contacts', '2026-06', [300, 3.6, 0.12], [210, 4.1, 0.02], 0.7)
const SEPTEMBER = month('september', 'September contacts', '2026-09', [250, 3.9, 0.08], [190, 4.2, 0.01], 0.75)

async function post(url: string, token: string, route: string, body: unknown) {
  const response = await fetch(`${url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`)
  return (await response.json()) as CreatedWorkshop
}

/** People with departments and their guesses, written on a workshop's board. */
async function guessesOn(server: TestServer, workshop: CreatedWorkshop, guesses: Array<[string, string, string[]]>, build?: (doc: Y.Doc) => void) {
  const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  await synced(board)
  board.doc.transact(() => {
    for (const [id, department, ranking] of guesses) {
      const person = new Y.Map<unknown>()
      person.set('name', `Person ${id}`)
      person.set('department', department)
      board.doc.getMap('people').set(id, person)
      board.doc.getMap('guesses').set(id, Y.Array.from(ranking))
    }
  })
  build?.(board.doc)
  const check = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
  await synced(check)
  await waitFor(() => check.doc.getMap('guesses').size === guesses.length, { message: 'guesses relayed' })
  return board
}

describe.skipIf(!hasChromium)('the continuous journey in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let march: CreatedWorkshop
  let june: CreatedWorkshop
  let september: CreatedWorkshop

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    march = await createWorkshop(server.url, { title: 'Onboarding journey' })
    const data = new Y.Doc()
    setKeyTouchpoints(data, [
      { touchpoint: 'Phone', owner: 'Service', target: 'repeat rate < 10 %' },
      { touchpoint: 'Welcome mail', owner: 'Marketing', target: 'csat >= 4' },
      { touchpoint: 'Web shop', owner: 'Sales', target: 'fewer complaints' },
    ])
    addDataset(data, MARCH, { replace: false })
    await server.server.storage.appendUpdate(march.id, 'data', Y.encodeStateAsUpdate(data))
    let chat = ''
    let faq = ''
    const marchBoard = await guessesOn(
      server,
      march,
      [
        ['a', 'Service', ['Phone', 'Fax', 'Letter']],
        ['b', 'Marketing', ['Welcome mail', 'Phone', 'Chat']],
      ],
      (doc) => {
        chat = addRoadmapItem(doc, { title: 'Live chat', column: 'next', owner: 'Service' })
        faq = addRoadmapItem(doc, { title: 'FAQ rewrite', column: 'now', owner: 'Marketing' })
        addNote(doc, { text: 'Hold music', kind: 'pain', x: 0, y: 0 })
      },
    )
    june = await post(server.url, march.facilitatorToken, '/api/workshops', { from: march.id, title: 'Onboarding June' })
    await attachDataset({ server: server.url, token: june.facilitatorToken, workshopId: june.id, name: JUNE.name, fileName: 'june.csv', mapping: JUNE.mapping, aggregates: JUNE.aggregates })
    await guessesOn(server, june, [['c', 'Service', ['Phone', 'Web shop', 'Welcome mail']]], (doc) => {
      moveRoadmapItem(doc, chat, 'now', 0)
      setDone(doc, faq, true)
    })
    september = await post(server.url, june.facilitatorToken, '/api/workshops', { from: june.id, title: 'Onboarding September' })
    await attachDataset({ server: server.url, token: september.facilitatorToken, workshopId: september.id, name: SEPTEMBER.name, fileName: 'sep.csv', mapping: SEPTEMBER.mapping, aggregates: SEPTEMBER.aggregates })
    marchBoard.destroy()
    destroyAllClients()
  }, 60_000)

  afterAll(async () => {
    destroyAllClients()
    await browser?.close()
    await server?.close()
  })

  /** A browser that holds the facilitator links of all three workshops. */
  async function facilitatorPage(width: number, height: number): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height } })
    context.setDefaultTimeout(15_000)
    await context.addInitScript((sessions: Array<[string, string, string]>) => {
      for (const [id, token, participantId] of sessions) {
        localStorage.setItem(`horizon:session:${id}`, JSON.stringify({ workshopId: id, token, role: 'facilitator', participantId, name: 'Facilitator' }))
      }
    }, [march, june, september].map((w) => [w.id, w.facilitatorToken, w.participantId] as [string, string, string]))
    const page = await context.newPage()
    return { page, errors: watchErrors(page), close: () => context.close() }
  }

  it('compares three runs: months side by side, trend lines, targets, guesses per department, roadmap moves', async () => {
    const { page, errors, close } = await facilitatorPage(1440, 900)
    await page.goto(`${server.url}/w/${september.id}/compare`)
    await page.getByRole('heading', { name: 'Onboarding journey: comparison of runs' }).waitFor()
    const phone = page.getByRole('article', { name: 'Phone' })
    const heads = await phone.locator('thead th').allInnerTexts()
    // June's and September's data came with the attach command: their months say so (March's was imported in the room).
    const attached = 'attached attached from the command line (npm run data -- attach)'
    expect(heads.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual(['Metric', 'March 2026 March contacts', `June 2026 June contacts ${attached}`, `September 2026 September contacts ${attached}`, 'Change', 'Trend'])
    await phone.getByRole('columnheader', { name: 'June 2026 June contacts attached from the command line (npm run data -- attach)' }).waitFor()
    await phone.getByText('Owner: Service').waitFor()
    const repeat = phone.getByRole('row', { name: /^Repeat rate/ })
    expect((await repeat.locator('td').allInnerTexts()).slice(0, 4).map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(['20.0 %', '12.0 %', '8.0 %', '−4.0 pt (better)'])
    await phone.getByRole('img', { name: 'Repeat rate of Phone: 20.0 %, 12.0 %, 8.0 %' }).waitFor()
    expect(await phone.getByRole('row', { name: /^Target met/ }).locator('td').allInnerTexts()).toEqual(['✗ missed', '✗ missed', '✓ met', '', ''])
    const shop = page.getByRole('article', { name: 'Web shop' })
    await shop.getByText('not measurable').waitFor()
    const onboarding = page.getByRole('article', { name: 'Onboarding' })
    expect((await onboarding.getByRole('row', { name: /^Drop-off/ }).locator('td').allInnerTexts()).slice(0, 3)).toEqual(['40.0 %', '30.0 %', '25.0 %'])
    await page.getByText('Service found 1 of 4 in March 2026, 3 of 4 in June 2026').waitFor()
    await page.getByText('Marketing found 3 of 4 in March 2026').waitFor()
    // The guesses table: a header row of column headers, a row header per workshop, the attached months marked.
    const guesses = page.getByRole('region', { name: 'Guesses against the data' }).getByRole('table')
    expect(await guesses.locator('thead th[scope="col"]').allInnerTexts()).toEqual(['Workshop', 'Month', 'Team found'])
    expect(await guesses.getByRole('columnheader').allInnerTexts()).toEqual(['Workshop', 'Month', 'Team found'])
    expect(await guesses.locator('tbody th[scope="row"]').allInnerTexts()).toEqual(['Onboarding journey', 'Onboarding June', 'Onboarding September'])
    const monthCells = (await guesses.locator('tbody td:nth-of-type(1)').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim())
    expect(monthCells).toEqual(['March 2026', `June 2026 ${attached}`, `September 2026 ${attached}`])
    await screenshot(page, 'series-compare-1440')
    const moves = page.getByRole('region', { name: 'Roadmap moves' })
    await moves.getByText('Live chat: Next → Now').waitFor()
    await moves.getByText('FAQ rewrite: Now → Done').waitFor()
    await page.setViewportSize({ width: 360, height: 800 })
    await page.getByRole('heading', { name: 'Onboarding journey: comparison of runs' }).waitFor()
    // On a phone the tables scroll sideways inside their boxes; the page itself does not.
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.parentElement?.closest('.table-scroll'))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
    )
    expect(overflow).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await screenshot(page, 'series-compare-360')
    expect(errors).toEqual([])
    await close()
  }, 90_000)

  it('lists the series on the start page, and saves and opens a snapshot from the board', async () => {
    const { page, errors, close } = await facilitatorPage(1440, 900)
    await page.goto(server.url)
    const journeys = page.getByRole('region', { name: 'Your journeys' })
    await journeys.getByRole('link', { name: 'Open Onboarding June' }).waitFor()
    expect(await journeys.locator('li').count()).toBe(3)
    await journeys.getByRole('link', { name: 'Compare runs' }).click()
    await page.getByRole('heading', { name: 'Onboarding journey: comparison of runs' }).waitFor()

    await page.goto(`${server.url}/w/${september.id}`)
    await page.locator('[role="status"][data-status="connected"]').waitFor()
    await page.getByRole('button', { name: 'Snapshots & series' }).click()
    const panel = page.getByRole('region', { name: 'Snapshots' })
    await panel.getByRole('textbox', { name: 'Snapshot name' }).fill('Before the break')
    await panel.getByRole('button', { name: 'Save snapshot' }).click()
    await panel.getByText('Before the break').waitFor()
    await panel.getByText('1 of 50 snapshots').waitFor()
    await screenshot(page, 'series-panel-1440')
    await panel.getByRole('link', { name: 'Open snapshot “Before the break”' }).click()
    await page.getByRole('heading', { name: 'Snapshot “Before the break”' }).waitFor()
    await page.getByRole('heading', { name: 'What changed since' }).waitFor()
    await page.getByText('Nothing changed on the board since this snapshot.').waitFor()
    await page.getByText('Read-only: this is the board as it was then.').waitFor()
    await screenshot(page, 'series-snapshot-1440')
    await page.setViewportSize({ width: 360, height: 800 })
    // On a phone the journey table scrolls inside its section, its stage titles whole words
    // (squeezed, they stood one letter a line); the page itself does not scroll sideways.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    const stageHeader = page.locator('.report-journey-table thead th').nth(1)
    expect((await stageHeader.boundingBox())!.width).toBeGreaterThan(60)
    await screenshot(page, 'series-snapshot-360')

    // Opened by its address, the snapshot page starts without the board's code; restoring it
    // still opens the new workshop's board (the app's code arrives then).
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.reload()
    await page.getByRole('heading', { name: 'Snapshot “Before the break”' }).waitFor()
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: 'Restore as new workshop' }).click()
    await page.waitForURL((url) => /^\/w\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(september.id))
    await page.locator('[role="status"][data-status="connected"]').waitFor()
    expect(errors).toEqual([])
    await close()
  }, 90_000)
})
