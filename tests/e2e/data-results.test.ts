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
    expect(text).toContain('Data: top 10 op contacten')
    expect(text).toMatch(/Service\s+29\.110\s+2,7\s+31 %/)
    expect(text).toContain('herhaalpercentage < 10 %')
    for (const english of ['interactions', 'Lane', 'repeatRate', '48,210', 'rows']) expect(text, english).not.toContain(english)
    expect(await page.getByRole('table', { name: 'Journey' }).locator('th').first().innerText()).toBe('Baan')
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, 'data-report-nl')
    expect(errors).toEqual([])
  }, 120_000)
})
