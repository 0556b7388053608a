/**
 * Facilitation as the room sees it, in Chromium: the workshop's state (anonymous, private
 * writing, lock) as badges for everyone with the facilitator's three switches side by side; an
 * idle timer that participants do not see; removing a stage or lane with notes asks first (and
 * undo brings it back); the presenter view opens at the board's readable zoom.
 */
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { listLanes } from '../../shared/board/lane'
import { addNote } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { browserSuite, joinByCode, waitForBoard } from '../helpers/board'
import { connect, createWorkshop, destroyAllClients, synced } from '../helpers/server'

const hasChromium = chromiumAvailable()

/** The note text size at 100 % (shapes.ts) and the least on screen the board calls readable (viewMath.ts). */
const NOTE_FONT_PX = 14
const READABLE_TEXT_PX = 12

const badges = (page: Page) => page.getByRole('list', { name: 'Workshop state' }).getByRole('listitem').allInnerTexts()
const scale = (page: Page) => page.evaluate(() => window.Konva!.stages.find((s) => s.container().isConnected)!.scaleX())

describe.skipIf(!hasChromium)('facilitation as people live it', () => {
  const suite = browserSuite()
  afterEach(() => destroyAllClients())

  async function room() {
    const workshop = await createWorkshop(suite.server.url, { title: 'Facilitation' })
    const f = await suite.open()
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    const p = await suite.open()
    await joinByCode(p.page, suite.server.url, 'Ana', workshop.joinCode)
    return { workshop, f, p }
  }

  it('shows anonymous mode, private writing and the lock to everyone; the three switches are together', async () => {
    const { f, p } = await room()
    expect(await p.page.getByRole('list', { name: 'Workshop state' }).count()).toBe(0)
    const switches = f.page.getByRole('group', { name: 'Workshop switches' })
    await switches.getByRole('checkbox', { name: 'Anonymous notes' }).check()
    await expect.poll(() => badges(p.page)).toEqual(['Anonymous: names are hidden'])
    await switches.getByRole('button', { name: 'Private writing' }).click()
    await expect.poll(() => badges(p.page)).toEqual(['Anonymous: names are hidden', 'Private writing'])
    await switches.getByRole('button', { name: 'Lock board' }).click()
    await expect.poll(() => badges(p.page)).toEqual(['Anonymous: names are hidden', 'Private writing', 'Board locked'])
    // The facilitator sees the same state; the panel holds no second anonymous switch.
    expect(await badges(f.page)).toEqual(['Anonymous: names are hidden', 'Private writing', 'Board locked'])
    expect(await f.page.getByRole('checkbox', { name: 'Anonymous notes' }).count()).toBe(1)
    await screenshot(p.page, 'state-badges-participant')
    await screenshot(f.page, 'state-switches-facilitator')
    // In Dutch too.
    await p.page.getByRole('combobox', { name: 'Language' }).selectOption('nl')
    await expect.poll(() => p.page.getByRole('list', { name: 'Stand van de workshop' }).getByRole('listitem').allInnerTexts()).toEqual([
      'Anoniem: namen zijn verborgen',
      'Privé schrijven',
      'Bord vergrendeld',
    ])
    await switches.getByRole('button', { name: 'Unlock board' }).click()
    await switches.getByRole('button', { name: 'Reveal notes' }).click()
    await switches.getByRole('checkbox', { name: 'Anonymous notes' }).uncheck()
    await expect.poll(() => p.page.getByRole('list', { name: 'Stand van de workshop' }).count()).toBe(0)
    expect(f.errors).toEqual([])
    expect(p.errors).toEqual([])
  }, 120_000)

  it('an idle timer shows nothing to participants; the facilitator sees the preset; a running one everyone sees', async () => {
    const { f, p } = await room()
    await f.page.getByRole('timer').waitFor()
    expect(await f.page.getByRole('timer').textContent()).toBe('5:00')
    expect(await p.page.getByRole('timer').count()).toBe(0)
    await f.page.getByRole('combobox', { name: 'Preset' }).selectOption('3')
    expect(await f.page.getByRole('timer').textContent()).toBe('3:00')
    expect(await p.page.getByRole('timer').count()).toBe(0)
    await f.page.getByRole('button', { name: 'Start timer' }).click()
    await p.page.getByRole('timer').waitFor()
    await f.page.getByRole('button', { name: 'Reset timer' }).click()
    await expect.poll(() => p.page.getByRole('timer').count()).toBe(0)
    // A short test run that ended and was reset leaves nothing behind either.
    await f.page.getByRole('textbox', { name: 'Minutes' }).fill('0.05')
    await f.page.getByRole('textbox', { name: 'Minutes' }).press('Enter')
    expect(await p.page.getByRole('timer').count()).toBe(0)
    expect(f.errors).toEqual([])
    expect(p.errors).toEqual([])
  }, 120_000)

  it('asks before removing a stage or lane that holds notes; Cancel keeps it, undo brings it back; an empty one goes at once', async () => {
    const { workshop, f } = await room()
    const scripted = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(scripted)
    const purchase = listStages(scripted.doc).find((s) => s.title === 'Purchase')!.id
    const pains = listLanes(scripted.doc).find((l) => l.kind === 'pains')!.id
    addNote(scripted.doc, { text: 'Hidden fees', kind: 'pain', x: 10, y: 10, stageId: purchase, laneId: pains })
    addNote(scripted.doc, { text: 'Card refused', kind: 'pain', x: 10, y: 10, stageId: purchase, laneId: pains })
    const page = f.page
    await page.getByRole('button', { name: 'Stages and lanes' }).click()
    const stageNames = page.getByRole('textbox', { name: 'Stage name' })
    await expect.poll(() => stageNames.count()).toBe(6)

    await page.getByRole('button', { name: 'Remove stage Purchase' }).click()
    const ask = page.getByRole('alertdialog', { name: 'Remove stage Purchase' })
    expect(await ask.innerText()).toContain('Remove stage “Purchase”? Its 2 notes lose their stage. Ctrl+Z undoes it.')
    await screenshot(page, 'confirm-remove-stage')
    await ask.getByRole('button', { name: 'Cancel' }).click()
    expect(await stageNames.count()).toBe(6)
    await page.getByRole('button', { name: 'Remove stage Purchase' }).click()
    await ask.getByRole('button', { name: 'Remove' }).click()
    await expect.poll(() => stageNames.count()).toBe(5)
    await expect.poll(() => listStages(scripted.doc).some((s) => s.id === purchase)).toBe(false)
    // Undo brings the stage back, its notes in it.
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => stageNames.count()).toBe(6)
    await expect.poll(() => listStages(scripted.doc).some((s) => s.id === purchase)).toBe(true)

    // An empty lane goes without a question.
    await page.getByRole('button', { name: 'Remove lane Employee voice' }).click()
    await expect.poll(() => page.getByRole('textbox', { name: 'Lane name' }).count()).toBe(7)
    expect(await page.getByRole('alertdialog').count()).toBe(0)
    // A lane with notes asks.
    await page.getByRole('button', { name: 'Remove lane Pain points' }).click()
    expect(await page.getByRole('alertdialog', { name: 'Remove lane Pain points' }).innerText()).toContain('Its 2 notes lose their lane.')
    expect(f.errors).toEqual([])
  }, 120_000)

  it('the presenter view opens at the readable zoom, whatever the laptop’s view was', async () => {
    const { f } = await room()
    const page = f.page
    await page.waitForFunction(() => document.querySelector('[data-testid="board-canvas"]')?.getAttribute('data-ready') === 'true')
    // The facilitator zoomed far out on the laptop.
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom out' }).click()
    await expect.poll(() => scale(page)).toBeLessThan(READABLE_TEXT_PX / NOTE_FONT_PX / 2)
    await page.getByRole('button', { name: 'Presenter view' }).click()
    await page.getByRole('region', { name: 'Presenter view' }).waitFor()
    await expect.poll(() => scale(page)).toBeGreaterThanOrEqual(READABLE_TEXT_PX / NOTE_FONT_PX)
    await screenshot(page, 'presenter-readable')
    await page.keyboard.press('Escape')
    await page.getByRole('region', { name: 'Presenter view' }).waitFor({ state: 'detached' })
    expect(f.errors).toEqual([])
  }, 120_000)
})
