/**
 * Working with notes in Chromium: the kind of a note changed from its context menu (and so in
 * the pain vote), the offer after a drop into the Pain points lane and its undo, copy / paste /
 * duplicate, a cluster renamed on the canvas, cluster frames around their own notes only, and
 * the list view grouped by stage and lane. The canvas is read through Konva's public API.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { addCluster } from '../../shared/board/cluster'
import { listLanes } from '../../shared/board/lane'
import { addNote, listNotes } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { boardPointOnScreen, browserSuite, cellCentre, dragWithMouse, item, joinByCode, noteBoxOnCanvas, noteItemFor, noteItems, typeInEditor, waitForBoard, expectNotes } from '../helpers/board'
import { connect, createWorkshop, synced } from '../helpers/server'

const hasChromium = chromiumAvailable()
const SCREEN = { viewport: { width: 1440, height: 900 } }

/** Centre of a note on the canvas (waiting until it is drawn). */
async function noteCentre(page: Page, text: string): Promise<{ x: number; y: number }> {
  let box: Awaited<ReturnType<typeof noteBoxOnCanvas>> = null
  await expect
    .poll(async () => {
      box = await noteBoxOnCanvas(page, text)
      return box !== null
    })
    .toBe(true)
  const b = box as unknown as { x: number; y: number; width: number; height: number }
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 }
}

/** The kind chip the list view shows for the note with `text` (Note, Pain, HMW, Idea). */
function kindInList(page: Page, text: string) {
  return page.getByRole('list', { name: 'Notes' }).locator('li.hz-note-row').filter({ hasText: `${text} — ` }).locator('.hz-kind-chip')
}

describe.skipIf(!hasChromium)('working with notes in Chromium', () => {
  const suite = browserSuite()

  async function facilitatorAndAda(title: string) {
    const workshop = await createWorkshop(suite.server.url, { title })
    const f = await suite.open(SCREEN)
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    const a = await suite.open(SCREEN)
    await joinByCode(a.page, suite.server.url, 'Ada', workshop.joinCode)
    return { workshop, f, a }
  }

  it('a kind changed from the context menu moves the note into the pain vote', async () => {
    const { f, a } = await facilitatorAndAda('Kinds')
    const cell = await cellCentre(a.page, 'Purchase', 'Customer actions')
    await a.page.mouse.dblclick(cell.x, cell.y)
    await typeInEditor(a.page, 'Checkout is confusing')
    await noteItemFor(f.page, 'Checkout is confusing')

    // A round on pains: the plain note is not among its items.
    await f.page.getByRole('button', { name: 'Define' }).click()
    await f.page.getByRole('button', { name: 'Voting' }).click()
    await f.page.getByRole('combobox', { name: 'Vote on' }).selectOption('pain')
    await f.page.getByRole('button', { name: 'New voting round' }).click()
    await a.page.getByRole('button', { name: 'Voting' }).click()
    await a.page.getByRole('status').filter({ hasText: '5 votes left' }).waitFor()
    const addVote = a.page.getByRole('button', { name: 'Add a vote to Checkout is confusing' })
    expect(await addVote.count()).toBe(0)

    // Right-click the note on the canvas: the menu, with "Note" checked.
    const at = await noteCentre(a.page, 'Checkout is confusing')
    await a.page.mouse.click(at.x, at.y, { button: 'right' })
    const menu = a.page.getByRole('menu', { name: 'Note actions' })
    await menu.waitFor()
    expect(await menu.getByRole('menuitemradio', { name: 'Note' }).getAttribute('aria-checked')).toBe('true')
    await screenshot(a.page, 'notes-context-menu')
    await menu.getByRole('menuitemradio', { name: 'Pain point' }).click()
    await menu.waitFor({ state: 'detached' })

    // Now a pain for everyone: in the vote, and votable.
    await addVote.waitFor({ timeout: 10_000 })
    await addVote.click()
    await a.page.getByRole('status').filter({ hasText: '4 votes left' }).waitFor()
    // A right-click on a note that takes votes opens its menu and casts no vote.
    await a.page.mouse.click(at.x, at.y, { button: 'right' })
    await menu.waitFor()
    await a.page.keyboard.press('Escape')
    await menu.waitFor({ state: 'detached' })
    await a.page.waitForTimeout(300)
    expect(await a.page.getByRole('status').filter({ hasText: '4 votes left' }).count()).toBe(1)
    await f.page.getByRole('button', { name: 'Voting' }).click()
    await f.page.getByRole('button', { name: 'List view' }).click()
    await expect.poll(() => kindInList(f.page, 'Checkout is confusing').textContent(), { timeout: 10_000 }).toBe('Pain')

    // The keyboard: Shift+F10 on the selected note opens the same menu; 3 makes it a HMW.
    await a.page.getByRole('button', { name: 'List view' }).click()
    await a.page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /^Checkout is confusing/ }).focus()
    await a.page.keyboard.press('Shift+F10')
    await menu.waitFor()
    expect(await menu.getByRole('menuitemradio', { name: 'Pain point' }).getAttribute('aria-checked')).toBe('true')
    await a.page.keyboard.press('Escape')
    await menu.waitFor({ state: 'detached' })
    await a.page.keyboard.press('3')
    await expect.poll(() => kindInList(f.page, 'Checkout is confusing').textContent(), { timeout: 10_000 }).toBe('HMW')
    expect([...f.errors, ...a.errors]).toEqual([])
    // Two browsers and a voting round: over 30 s when the suite runs in parallel.
  }, 60_000)

  it('a note dropped into Pain points is offered to become a pain; accepted, Ctrl+Z takes it back', async () => {
    const { f, a } = await facilitatorAndAda('Offer')
    const cell = await cellCentre(a.page, 'Purchase', 'Thoughts & feelings')
    await a.page.mouse.dblclick(cell.x, cell.y)
    await typeInEditor(a.page, 'Hidden fees')
    await a.page.getByRole('button', { name: 'List view' }).click()
    await expect.poll(() => kindInList(a.page, 'Hidden fees').textContent()).toBe('Note')

    const from = await noteCentre(a.page, 'Hidden fees')
    const to = await cellCentre(a.page, 'Purchase', 'Pain points')
    await dragWithMouse(a.page, from, to)
    await noteItemFor(a.page, item('Hidden fees', 'Purchase', 'Pain points').replace(/ — .*/, ''))
    await expectNotes(a.page, [item('Hidden fees', 'Purchase', 'Pain points')])
    const offer = a.page.getByRole('status').filter({ hasText: '“Hidden fees” is now in Pain points.' })
    await offer.waitFor()
    // Non-blocking: the board still takes clicks and keys while it shows.
    expect(await a.page.evaluate(() => document.activeElement?.closest('.hz-toast') ?? null)).toBeNull()
    await screenshot(a.page, 'notes-drop-offer')
    await offer.getByRole('button', { name: 'Make it a pain point' }).click()
    await expect.poll(() => kindInList(f.page, 'Hidden fees').textContent(), { timeout: 10_000 }).toBe('Pain')

    await a.page.keyboard.press('Control+z')
    await expect.poll(() => kindInList(f.page, 'Hidden fees').textContent(), { timeout: 10_000 }).toBe('Note')
    // Only the kind was taken back: the note stays where it was dropped.
    await expectNotes(f.page, [item('Hidden fees', 'Purchase', 'Pain points')])
    expect([...f.errors, ...a.errors]).toEqual([])
  })

  it('copies, pastes and duplicates notes; a delete is undone', async () => {
    const { f, a } = await facilitatorAndAda('Clipboard')
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const cell = await cellCentre(a.page, 'Use', 'Customer actions')
    await a.page.mouse.dblclick(cell.x, cell.y)
    await typeInEditor(a.page, 'Calls the hotline')
    const at = await noteCentre(a.page, 'Calls the hotline')
    await a.page.mouse.click(at.x, at.y)

    await a.page.keyboard.press('Control+c')
    await expect.poll(() => a.page.evaluate(() => navigator.clipboard.readText())).toBe('Calls the hotline')
    // Paste with the pointer over another cell: the copy lands there.
    const target = await cellCentre(a.page, 'Service', 'Touchpoints & channels')
    await a.page.mouse.move(target.x, target.y)
    await a.page.keyboard.press('Control+v')
    await expectNotes(f.page, [item('Calls the hotline', 'Use', 'Customer actions'), item('Calls the hotline', 'Service', 'Touchpoints & channels')], 10_000)

    // Duplicate: beside the original (the pasted note is selected now).
    await a.page.keyboard.press('Control+d')
    await expectNotes(f.page, [
      item('Calls the hotline', 'Use', 'Customer actions'),
      item('Calls the hotline', 'Service', 'Touchpoints & channels'),
      item('Calls the hotline', 'Service', 'Touchpoints & channels'),
    ], 10_000)
    const boxes = await a.page.evaluate(() => {
      const stage = window.Konva?.stages.find((s) => s.container().isConnected)
      return (stage?.find('.note') ?? []).filter((n) => n.findOne('Text')?.text() === 'Calls the hotline').map((n) => n.getClientRect())
    })
    expect(boxes).toHaveLength(3)
    // Three distinct places: no copy lies exactly on another.
    expect(new Set(boxes.map((b) => `${Math.round(b.x)},${Math.round(b.y)}`)).size).toBe(3)

    // Delete the duplicate, then Ctrl+Z brings it back.
    await a.page.keyboard.press('Delete')
    await expect.poll(async () => (await noteItems(f.page)).length, { timeout: 10_000 }).toBe(2)
    await a.page.keyboard.press('Control+z')
    await expect.poll(async () => (await noteItems(f.page)).length, { timeout: 10_000 }).toBe(3)

    // Text from elsewhere pastes as one note a line.
    await a.page.evaluate(() => navigator.clipboard.writeText('Waits on hold\nGives up'))
    await a.page.mouse.move(cell.x, cell.y + 40)
    await a.page.keyboard.press('Control+v')
    await noteItemFor(f.page, 'Waits on hold', 10_000)
    await noteItemFor(f.page, 'Gives up', 10_000)
    expect([...f.errors, ...a.errors]).toEqual([])
  })

  it('a cluster renamed on the canvas shows the new name for another client', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Rename' })
    const board = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(board)
    const [stage] = listStages(board.doc)
    const lane = listLanes(board.doc).find((l) => l.kind === 'pains')!
    const notes = ['Refund takes weeks', 'Invoice unclear'].map((text, i) => addNote(board.doc, { text, kind: 'pain', x: 6 + i * 146, y: 6, stageId: stage!.id, laneId: lane.id }))
    addCluster(board.doc, { title: 'New cluster', x: 0, y: 0, noteIds: notes })
    const f = await suite.open(SCREEN)
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    const a = await suite.open(SCREEN)
    await joinByCode(a.page, suite.server.url, 'Ada', workshop.joinCode)
    await noteItemFor(a.page, 'Refund takes weeks (New cluster)')

    // The name tab's place on the board: the board opens at 100 % showing its first stages and
    // lanes, so the Pain points lane may lie below the view; a person scrolls there first.
    await f.page.locator('[data-testid="board-canvas"][data-ready="true"]').waitFor()
    const tabOnBoard = await f.page.evaluate(() => {
      const stage = window.Konva?.stages.find((s) => s.container().isConnected)
      const node = stage?.findOne('.cluster-tab')
      if (!stage || !node) return null
      const r = node.getClientRect()
      const scale = stage.scaleX()
      return { x: (r.x + Math.min(30, r.width / 2) - stage.x()) / scale, y: (r.y + r.height / 2 - stage.y()) / scale }
    })
    expect(tabOnBoard).not.toBeNull()
    const tab = await boardPointOnScreen(f.page, tabOnBoard!)
    await f.page.mouse.dblclick(tab.x, tab.y)
    const editor = f.page.locator('input.hz-cluster-rename')
    await editor.waitFor()
    expect(await editor.inputValue()).toBe('New cluster')
    await editor.fill('Billing woes')
    await screenshot(f.page, 'notes-cluster-rename')
    await editor.press('Enter')
    await editor.waitFor({ state: 'detached' })

    await noteItemFor(a.page, 'Refund takes weeks (Billing woes)', 10_000)
    await expect
      .poll(
        () =>
          a.page.evaluate(() => {
            const stage = window.Konva?.stages.find((s) => s.container().isConnected)
            return (stage?.find('.cluster-name') ?? []).map((n) => (n as unknown as { text(): string }).text())
          }),
        { timeout: 10_000 },
      )
      .toEqual(['Billing woes'])
    // The double-click on the tab was the tab's, not the empty canvas's: no note was added.
    expect(listNotes(board.doc)).toHaveLength(2)
    expect([...f.errors, ...a.errors]).toEqual([])
  })

  it('cluster frames go around their own notes: none covers the other cluster’s notes', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Frames' })
    const board = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(board)
    const [s1, s2, s3] = listStages(board.doc)
    const lane = listLanes(board.doc).find((l) => l.kind === 'pains')!
    const at = (text: string, stageId: string, x: number) => addNote(board.doc, { text, kind: 'pain', x, y: 6, stageId, laneId: lane.id })
    // Billing spans three stages; Delivery sits in the middle one, right beside Billing's note there.
    const billing = addCluster(board.doc, {
      title: 'Billing',
      x: 0,
      y: 0,
      noteIds: [at('Invoice unclear', s1!.id, 6), at('Double charge', s2!.id, 6), at('No receipt', s3!.id, 6)],
    })
    const delivery = addCluster(board.doc, { title: 'Delivery', x: 0, y: 0, noteIds: [at('Late parcel', s2!.id, 152)] })
    at('Loose note', s1!.id, 152)
    const f = await suite.open(SCREEN)
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    await noteItemFor(f.page, 'Late parcel (Delivery)')
    await f.page.locator('[data-testid="board-canvas"][data-ready="true"]').waitFor()

    const drawn = await f.page.evaluate(() => {
      const stage = window.Konva?.stages.find((s) => s.container().isConnected)
      if (!stage) return null
      const frames = stage.find('.cluster').map((group) => ({
        cluster: (group as unknown as { getAttr(name: string): string }).getAttr('clusterId'),
        rect: (group as unknown as { findOne(s: string): { getClientRect(): { x: number; y: number; width: number; height: number } } }).findOne('.cluster-frame').getClientRect(),
      }))
      const notes = stage.find('.note').map((n) => ({ text: n.findOne('Text')?.text() ?? '', rect: n.getClientRect() }))
      return { frames, notes }
    })
    expect(drawn).not.toBeNull()
    const { frames, notes } = drawn!
    const clusterOf: Record<string, string | undefined> = {
      'Invoice unclear': billing,
      'Double charge': billing,
      'No receipt': billing,
      'Late parcel': delivery,
      'Loose note': undefined,
    }
    const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
      a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5
    // Billing in three places (one frame each), Delivery in one.
    expect(frames.filter((fr) => fr.cluster === billing)).toHaveLength(3)
    expect(frames.filter((fr) => fr.cluster === delivery)).toHaveLength(1)
    for (const frame of frames) {
      for (const note of notes) {
        if (clusterOf[note.text] !== frame.cluster) expect(overlaps(frame.rect, note.rect), `${note.text} under a frame of ${frame.cluster}`).toBe(false)
      }
    }
    // Every note of a cluster is inside one of its frames.
    for (const note of notes) {
      const cluster = clusterOf[note.text]
      if (cluster === undefined) continue
      const inside = frames.some(
        (fr) => fr.cluster === cluster && fr.rect.x <= note.rect.x && fr.rect.y <= note.rect.y && fr.rect.x + fr.rect.width >= note.rect.x + note.rect.width && fr.rect.y + fr.rect.height >= note.rect.y + note.rect.height,
      )
      expect(inside, note.text).toBe(true)
    }
    await screenshot(f.page, 'notes-cluster-frames')
    expect(listNotes(board.doc)).toHaveLength(5)
    expect(f.errors).toEqual([])
  })

  it('the list view groups notes by stage and lane, with the author on the note’s line', async () => {
    const { f, a } = await facilitatorAndAda('List')
    // Two notes in one cell (the second double-click lower left of the first), one in another.
    const first = await cellCentre(a.page, 'Orientation', 'Customer actions')
    const below = await cellCentre(a.page, 'Orientation', 'Touchpoints & channels')
    const right = await cellCentre(a.page, 'Purchase', 'Customer actions')
    for (const [text, x, y] of [
      ['Compares prices', first.x, first.y],
      ['Reads reviews', first.x - (right.x - first.x) * 0.38, first.y + (below.y - first.y) * 0.38],
    ] as const) {
      await a.page.mouse.dblclick(x, y)
      await typeInEditor(a.page, text)
    }
    const pains = await cellCentre(a.page, 'Purchase', 'Pain points')
    await a.page.mouse.dblclick(pains.x, pains.y)
    await typeInEditor(a.page, 'Card declined')
    await noteItemFor(f.page, 'Card declined')
    await f.page.getByRole('button', { name: 'List view' }).click()
    const list = f.page.getByRole('list', { name: 'Notes' })
    await expect
      .poll(() => list.getByRole('heading', { level: 3 }).allInnerTexts(), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/^Orientation\s*Customer actions\s*2$/), expect.stringMatching(/^Purchase\s*Pain points\s*1$/)])
    // Each group is a list named by its heading, its notes in the order the board shows them:
    // the reading order of their slots in the cell (row by row, left to right). A double-click
    // only asks for a place (shared/board/cell-layout.ts): 'Reads reviews', asked for further
    // left in the same slot row, is drawn in the first slot, 'Compares prices' beside it.
    const drawn = await Promise.all(
      ['Compares prices', 'Reads reviews'].map(async (text) => ({ text, box: (await noteBoxOnCanvas(f.page, text))! })),
    )
    const inReadingOrder = drawn
      .sort((p, q) => Math.round(p.box.y) - Math.round(q.box.y) || p.box.x - q.box.x)
      .map(({ text }) => item(text, 'Orientation', 'Customer actions'))
    expect(inReadingOrder).toEqual([item('Reads reviews', 'Orientation', 'Customer actions'), item('Compares prices', 'Orientation', 'Customer actions')])
    expect(await f.page.getByRole('list', { name: /Orientation/ }).locator('button.note-item').allTextContents()).toEqual(inReadingOrder)
    // The author is on the note's own line: same list item, vertically within the note's button.
    const row = list.locator('li.hz-note-row').filter({ hasText: 'Card declined — ' })
    expect(await row.locator('.note-author').textContent()).toBe('by Ada')
    const button = (await row.locator('button.note-item').boundingBox())!
    const author = (await row.locator('.note-author').boundingBox())!
    expect(author.x).toBeGreaterThan(button.x + button.width - 1)
    expect(author.y + author.height / 2).toBeGreaterThan(button.y)
    expect(author.y + author.height / 2).toBeLessThan(button.y + button.height)
    await screenshot(f.page, 'notes-list-view')
    expect([...f.errors, ...a.errors]).toEqual([])
  })
})
