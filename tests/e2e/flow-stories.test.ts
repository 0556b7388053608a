/**
 * Stories and roadmap as people use them, in Chromium: stories keep the order people give them
 * (a new one goes last and takes the focus; a priority change moves nothing; drag by the handle
 * or ↑ ↓ buttons; "Sort by priority" on demand), the roadmap's placeholders look empty, and a
 * cluster in Promote counts the votes of its notes too — and says so.
 */
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { addCluster } from '../../shared/board/cluster'
import { listLanes } from '../../shared/board/lane'
import { addNote } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { addRoadmapItem } from '../../shared/deliver/roadmap'
import { listStories } from '../../shared/deliver/story'
import { closeRound, openRound } from '../../shared/voting/round'
import { setVote } from '../../shared/voting/vote'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { browserSuite, waitForBoard } from '../helpers/board'
import { connect, createWorkshop, destroyAllClients, synced } from '../helpers/server'

const hasChromium = chromiumAvailable()

/** Each story's "I want" text, in the order shown. */
const shown = (page: Page) => page.getByRole('group', { name: /^Story \d+$/ }).getByRole('textbox', { name: 'I want' }).evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value))

describe.skipIf(!hasChromium)('stories, roadmap and promote in Chromium', () => {
  const suite = browserSuite()
  afterEach(() => destroyAllClients())

  it('keeps a manual story order: new at the end with focus, drag and keyboard reorder, sort by priority on demand', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Stories' })
    const scripted = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(scripted)
    const { page, errors } = await suite.open()
    await page.goto(workshop.facilitatorUrl)
    await waitForBoard(page)
    await page.getByRole('button', { name: 'Roadmap & stories' }).click()
    const add = page.getByRole('button', { name: 'Add story' })
    for (const want of ['first', 'second', 'third']) {
      await add.click()
      // The new story is the last one and its first field has the focus: type straight away.
      const count = await page.getByRole('group', { name: /^Story \d+$/ }).count()
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent ?? '')).toContain(`Story ${count}`)
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).getAttribute('aria-label') ?? document.activeElement?.closest('label')?.textContent)).toMatch(/As a/)
      await page.keyboard.type('customer')
      await page.getByRole('group', { name: `Story ${count}` }).getByRole('textbox', { name: 'I want' }).fill(want)
    }
    await expect.poll(() => shown(page)).toEqual(['first', 'second', 'third'])
    // A priority change moves nothing.
    await page.getByRole('group', { name: 'Story 3' }).getByRole('combobox', { name: 'Priority' }).selectOption('must')
    await page.getByRole('group', { name: 'Story 1' }).getByRole('combobox', { name: 'Priority' }).selectOption('wont')
    await expect.poll(() => listStories(scripted.doc).map((s) => s.priority)).toEqual(['wont', 'should', 'must'])
    expect(await shown(page)).toEqual(['first', 'second', 'third'])

    // Keyboard: the ↑ button of story 3, reached and pressed with keys.
    await page.getByRole('button', { name: 'Move story 3 up' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => shown(page)).toEqual(['first', 'third', 'second'])
    await page.getByRole('button', { name: 'Move story 1 down' }).click()
    await expect.poll(() => shown(page)).toEqual(['third', 'first', 'second'])
    // Drag by the handle onto the story before it (the panel scrolls; neighbours are both in view).
    const drag = async (from: number, onto: number) => {
      await page.getByRole('group', { name: `Story ${onto}` }).scrollIntoViewIfNeeded()
      await page.getByRole('img', { name: `Drag to reorder story ${from}` }).dragTo(page.getByRole('group', { name: `Story ${onto}` }).getByRole('textbox', { name: 'As a …' }))
    }
    await drag(3, 2)
    await expect.poll(() => shown(page)).toEqual(['third', 'second', 'first'])
    await drag(2, 1)
    await expect.poll(() => shown(page)).toEqual(['second', 'third', 'first'])
    // Everyone sees the same order.
    await expect.poll(() => listStories(scripted.doc).map((s) => s.iWant)).toEqual(['second', 'third', 'first'])
    await screenshot(page, 'stories-order')
    // Sort by priority when wanted: must, should, won't.
    await page.getByRole('button', { name: 'Sort by priority' }).click()
    await expect.poll(() => shown(page)).toEqual(['third', 'second', 'first'])
    expect(errors).toEqual([])
  }, 120_000)

  it('roadmap placeholders look empty; a cluster counts its notes’ votes and says how', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Promote' })
    const board = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const control = connect(suite.server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await Promise.all([synced(board), synced(control)])
    const doc = board.doc
    const service = listStages(doc).find((s) => s.title === 'Service')!.id
    const pains = listLanes(doc).find((l) => l.kind === 'pains')!.id
    const a = addNote(doc, { text: 'On hold', kind: 'pain', x: 10, y: 10, stageId: service, laneId: pains })
    const b = addNote(doc, { text: 'No call-back', kind: 'pain', x: 10, y: 10, stageId: service, laneId: pains })
    const cluster = addCluster(doc, { title: 'Waiting', x: 0, y: 0, noteIds: [a, b] })
    const painRound = openRound(control.doc, { title: 'Pains', targetKind: 'pain' })
    setVote(doc, painRound, 'p1', a, 3)
    setVote(doc, painRound, 'p2', b, 2)
    closeRound(control.doc, painRound)
    const clusterRound = openRound(control.doc, { title: 'Clusters', targetKind: 'cluster' })
    setVote(doc, clusterRound, 'p1', cluster, 2)
    closeRound(control.doc, clusterRound)
    addRoadmapItem(doc, { title: 'Call-back service', column: 'now' })

    const { page, errors } = await suite.open()
    await page.goto(workshop.facilitatorUrl)
    await waitForBoard(page)
    await page.getByRole('button', { name: 'Roadmap & stories' }).click()
    const candidates = page.getByRole('region', { name: 'Promote to the roadmap' }).getByRole('listitem')
    await expect.poll(() => candidates.allTextContents()).toEqual(['Clusters Waiting 7 votes (5 on its notes) Promote'])

    // Placeholders: an example, in grey italics, nothing like a value.
    const owner = page.getByRole('region', { name: 'Now', exact: true }).getByRole('combobox', { name: 'Owner (department)' })
    expect(await owner.inputValue()).toBe('')
    expect(await owner.getAttribute('placeholder')).toBe('e.g. Customer service')
    const look = await owner.evaluate((input) => {
      const value = getComputedStyle(input)
      const placeholder = getComputedStyle(input, '::placeholder')
      return { value: value.color, placeholder: placeholder.color, style: placeholder.fontStyle }
    })
    expect(look.placeholder).not.toBe(look.value)
    expect(look.style).toBe('italic')
    await screenshot(page, 'roadmap-placeholders')
    expect(errors).toEqual([])
  }, 120_000)
})
