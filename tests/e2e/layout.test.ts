/**
 * Every note visible in Chromium (issue #10): notes written by a stock y-websocket client at
 * identical coordinates, revealed after private writing, and sent from phones are drawn with
 * no two overlapping, and a long text is drawn whole. The drawn rectangles are read through
 * Konva's public API (the note groups are named "note"), never through the app's state.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { connect, createWorkshop, joinWorkshop, synced } from '../helpers/server'
import { browserSuite, joinByCode, waitForBoard } from '../helpers/board'
import { listLanes } from '../../shared/board/lane'
import { addNote, listNotes } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { privateDocName } from '../../shared/roles'

const hasChromium = chromiumAvailable()

interface Drawn {
  id: string
  text: string
  x: number
  y: number
  width: number
  height: number
  /** The text as Konva laid it out in lines (ellipsis included). */
  lines: string
  fontSize: number
}

/** The notes drawn on the canvas, in board coordinates. */
function drawnNotes(page: Page): Promise<Drawn[]> {
  return page.evaluate(() => {
    const stage = window.Konva?.stages.find((s) => s.container().isConnected)
    if (!stage) return []
    // The parts of Konva's public API read here (Group, Rect, Text; textArr: the laid-out lines).
    interface Node {
      x(): number
      y(): number
      width(): number
      height(): number
      id(): string
      text(): string
      fontSize(): number
      textArr: Array<{ text: string }>
      findOne(selector: string): Node
    }
    return (stage.find('.note') as unknown as Node[]).map((group) => {
      const box = group.findOne('Rect')
      const text = group.findOne('Text')
      return {
        id: group.id(),
        text: text.text(),
        x: group.x(),
        y: group.y(),
        width: box.width(),
        height: box.height(),
        lines: text.textArr.map((l) => l.text).join(' '),
        fontSize: text.fontSize(),
      }
    })
  })
}

function overlaps(notes: readonly Drawn[]): string[] {
  const found: string[] = []
  for (let i = 0; i < notes.length; i++)
    for (let j = i + 1; j < notes.length; j++) {
      const a = notes[i]!
      const b = notes[j]!
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) found.push(`"${a.text}" and "${b.text}"`)
    }
  return found
}

const words = (text: string) => text.replace(/…$/, '').split(/\s+/).filter(Boolean)

describe.skipIf(!hasChromium)('every note visible, in Chromium', () => {
  const suite = browserSuite()

  async function facilitatorOn(workshop: { facilitatorUrl: string }) {
    const f = await suite.open({ viewport: { width: 1440, height: 900 } })
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    return f
  }

  it('draws ten notes a stock client wrote at identical coordinates in one cell without overlap, a long text whole', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Same spot' })
    const f = await facilitatorOn(workshop)
    const client = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(client)
    const stage = listStages(client.doc)[2]!
    const lane = listLanes(client.doc).find((l) => l.kind === 'pains')!
    const long = 'The delivery was announced for Tuesday, then Thursday, then nobody came and the hotline kept me waiting for forty minutes before hanging up on me'
    client.doc.transact(() => {
      for (let i = 0; i < 10; i++) addNote(client.doc, { x: 12, y: 12, stageId: stage.id, laneId: lane.id, text: i === 4 ? long : `Same spot ${i}` })
    })
    await expect.poll(async () => (await drawnNotes(f.page)).length, { timeout: 10_000 }).toBe(10)
    const drawn = await drawnNotes(f.page)
    expect(overlaps(drawn)).toEqual([])
    const scale = () => f.page.evaluate(() => window.Konva!.stages.find((s) => s.container().isConnected)!.scaleX())
    // Zoomed out below 50 % (12 px text would be under 6 px on screen): the first words in large print.
    if ((await scale()) < 0.5) for (const note of drawn) expect(note.fontSize * (await scale()), note.text).toBeGreaterThanOrEqual(6)
    await screenshot(f.page, 'layout-zoomed-out')
    for (let i = 0; i < 8 && (await scale()) < 0.8; i++) await f.page.getByRole('button', { name: 'Zoom in' }).click()
    // Close up, the long note is drawn whole at a readable size: every word in Konva's lines, no ellipsis.
    await expect.poll(async () => (await drawnNotes(f.page)).find((n) => n.text === long)?.fontSize).toBeGreaterThanOrEqual(12)
    const longNote = (await drawnNotes(f.page)).find((n) => n.text === long)!
    expect(longNote.lines.endsWith('…')).toBe(false)
    expect(words(longNote.lines)).toEqual(words(long))
    expect(longNote.height).toBeGreaterThanOrEqual(96)
    expect(f.errors).toEqual([])
  })

  it('draws notes revealed after private writing without overlap, in the cell of a note already there', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Reveal' })
    const f = await facilitatorOn(workshop)
    await f.page.getByRole('button', { name: 'Private writing' }).click()
    const board = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(board)
    const stage = listStages(board.doc)[1]!
    const lane = listLanes(board.doc)[0]!
    addNote(board.doc, { x: 6, y: 6, stageId: stage.id, laneId: lane.id, text: 'On the board before' })
    // Two participants each write three notes privately, all at the same (free) spot, as each saw it.
    for (const name of ['Ada', 'Ben']) {
      const { participantId, token } = await joinWorkshop(suite.server.url, workshop, name)
      const own = connect(suite.server.wsUrl, workshop.id, privateDocName(participantId), token)
      await synced(own)
      own.doc.transact(() => {
        for (let i = 0; i < 3; i++) addNote(own.doc, { x: 152, y: 6, stageId: stage.id, laneId: lane.id, text: `${name}'s private ${i}`, authorId: participantId })
      })
      await expect.poll(() => listNotes(own.doc).length).toBe(3)
    }
    // Private: the facilitator sees one note.
    await expect.poll(async () => (await drawnNotes(f.page)).length, { timeout: 10_000 }).toBe(1)
    await f.page.getByRole('button', { name: 'Reveal notes' }).click()
    await expect.poll(async () => (await drawnNotes(f.page)).length, { timeout: 10_000 }).toBe(7)
    expect(overlaps(await drawnNotes(f.page))).toEqual([])
    expect(f.errors).toEqual([])
  })

  it('draws notes sent from phones into one cell without overlap', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Phones' })
    const f = await facilitatorOn(workshop)
    for (const name of ['Jo', 'Kim']) {
      const phone = await suite.open({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
      await joinByCode(phone.page, suite.server.url, name, workshop.joinCode)
      const { page } = phone
      await page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption({ label: 'Service' })
      await page.getByRole('combobox', { name: 'Lane', exact: true }).selectOption({ label: 'Pain points' })
      for (let i = 0; i < 3; i++) {
        await page.getByLabel('Your note', { exact: true }).fill(`${name} from the phone ${i}`)
        await page.getByRole('button', { name: 'Send' }).click()
        await expect.poll(() => page.getByLabel('Your note', { exact: true }).inputValue()).toBe('')
      }
      expect(phone.errors).toEqual([])
    }
    await expect.poll(async () => (await drawnNotes(f.page)).length, { timeout: 10_000 }).toBe(6)
    expect(overlaps(await drawnNotes(f.page))).toEqual([])
    expect(f.errors).toEqual([])
  })
})
