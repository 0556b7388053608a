/**
 * Driving the board page in Chromium: join, add notes, read them back through the accessible
 * notes list, and find notes and cells on the Konva canvas (Konva keeps its live stages in
 * `window.Konva.stages`; nothing test-only is exposed by the app).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { LAYOUT } from '../../shared/board/layout'
import { DEFAULT_LANES, DEFAULT_STAGES } from '../../shared/board/template'
import { launchChromium, watchErrors } from './browser'
import { startTestServer, type TestServer } from './server'

export const STAGES = DEFAULT_STAGES
export const LANES = DEFAULT_LANES.map((lane) => lane.title)

export interface OpenPage {
  context: BrowserContext
  page: Page
  /** Console errors and page errors seen so far (see `watchErrors`). */
  errors: string[]
}

/** A fresh browser context (own localStorage and IndexedDB: another person) with one page. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<OpenPage> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 }, ...options })
  // A step that cannot happen fails with its locator named, well before the test's own timeout.
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  return { context, page, errors: watchErrors(page) }
}

/**
 * Waits until the board is drawn and the connection status reads `status`. 20 s: a first page
 * load fetches and compiles the app and opens four sockets; on CI's two cores, next to the
 * reliability suite's 300-client storm, that took over 10 s once (stop 19).
 */
export async function waitForBoard(page: Page, status: 'connected' | 'offline' = 'connected', timeout = 20_000): Promise<void> {
  await page.locator(`[role="status"][data-status="${status}"]`).waitFor({ timeout })
}

/** Creates a workshop through the Home form; returns what the page shows (code and links). */
export async function createWorkshopViaHome(page: Page, baseUrl: string, title: string) {
  await page.goto(baseUrl)
  await page.getByLabel('Title', { exact: true }).fill(title)
  await page.getByRole('button', { name: 'Create workshop' }).click()
  await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor()
  const joinCode = ((await page.locator('.code strong').textContent()) ?? '').trim()
  const facilitatorUrl = await page.getByRole('textbox', { name: 'Facilitator link' }).inputValue()
  return { joinCode, facilitatorUrl }
}

/** Joins at /join by typing the code; waits for the board. */
export async function joinByCode(page: Page, baseUrl: string, name: string, code: string): Promise<void> {
  await page.goto(`${baseUrl}/join`)
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Join code').fill(code)
  await page.getByRole('button', { name: 'Join' }).click()
  await waitForBoard(page)
}

/**
 * The notes list (accessible list view), grouped by stage and lane (one nested list per group) —
 * `"<text> — <stage>, <lane>"` per note's button.
 */
export function notesList(page: Page, name = 'Notes') {
  return page.getByRole('list', { name, exact: true })
}

export function noteItems(page: Page, name = 'Notes'): Promise<string[]> {
  return notesList(page, name).locator('button.note-item').allTextContents()
}

export const item = (text: string, stage: string, lane: string) => `${text} — ${stage}, ${lane}`

/** Waits until the page's notes list equals `expected` (order-insensitive). */
export async function expectNotes(page: Page, expected: string[], timeout = 5000): Promise<void> {
  await expect.poll(async () => (await noteItems(page)).sort(), { timeout, interval: 50 }).toEqual([...expected].sort())
}

/** The list entry of the note whose text is `text`, waiting for it to exist. */
export async function noteItemFor(page: Page, text: string, timeout = 5000): Promise<string> {
  let found: string | undefined
  await expect
    .poll(
      async () => {
        found = (await noteItems(page)).find((entry) => entry.startsWith(`${text} — `))
        return found !== undefined
      },
      { timeout, interval: 50 },
    )
    .toBe(true)
  return found as string
}

/** Types into the open note editor (the textarea over the note) and closes it with Escape. */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Note text' })
  await editor.waitFor()
  await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true)
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await editor.waitFor({ state: 'detached' })
}

/** Adds a note with the toolbar button and types its text. */
export async function addNoteWithToolbar(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Add note', exact: true }).click()
  await typeInEditor(page, text)
}

interface KonvaNode {
  name(): string
  id(): string
  getClientRect(): { x: number; y: number; width: number; height: number }
  getAbsoluteOpacity(): number
  isListening(): boolean
  findOne(selector: string): { text(): string } | undefined
}
interface KonvaShape {
  name(): string
  getParent(): KonvaShape | null
  findOne(selector: string): { text(): string } | undefined
}
interface KonvaStage {
  container(): HTMLDivElement
  x(): number
  y(): number
  scaleX(): number
  find(selector: string): KonvaNode[]
  findOne(selector: string): { getClientRect(): { x: number; y: number; width: number; height: number } } | undefined
  getIntersection(point: { x: number; y: number }): KonvaShape | null
  getLayers(): Array<{
    getCanvas(): { getPixelRatio(): number; getContext(): { _context: CanvasRenderingContext2D } }
    getChildren(): Array<{ isCached(): boolean }>
  }>
}
declare global {
  interface Window {
    Konva?: { stages: KonvaStage[] }
  }
}

/**
 * Screen rectangle (page CSS pixels) of the note with text `text` on the canvas, if drawn.
 * While a note is dragged (by anyone) it is hidden and a ghost is drawn where it goes.
 */
export async function noteBoxOnCanvas(page: Page, text: string): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate((wanted) => {
    const stage = window.Konva?.stages.find((s) => s.container().isConnected)
    if (!stage) return null
    const group = stage
      .find('.note, .note-ghost')
      .filter((node) => node.getAbsoluteOpacity() > 0)
      .reverse()
      .find((node) => node.findOne('Text')?.text() === wanted)
    if (!group) return null
    const rect = group.getClientRect()
    const box = stage.container().getBoundingClientRect()
    return { x: box.left + rect.x, y: box.top + rect.y, width: rect.width, height: rect.height }
  }, text)
}

/**
 * Screen point (page CSS pixels) of the centre of the note with text `text`, waiting until it is
 * drawn and bringing it into view first if it is not (see `boardPointOnScreen`): the board opens
 * at a readable zoom on its first stages, so a note further along is off the canvas until scrolled to.
 */
export async function noteCentreOnScreen(page: Page, text: string): Promise<{ x: number; y: number }> {
  const onBoard = () =>
    page.evaluate((wanted) => {
      const stage = window.Konva?.stages.find((s) => s.container().isConnected)
      const group = stage
        ?.find('.note, .note-ghost')
        .filter((node) => node.getAbsoluteOpacity() > 0)
        .reverse()
        .find((node) => node.findOne('Text')?.text() === wanted)
      if (!stage || !group) return null
      const rect = group.getClientRect()
      return { x: (rect.x + rect.width / 2 - stage.x()) / stage.scaleX(), y: (rect.y + rect.height / 2 - stage.y()) / stage.scaleX() }
    }, text)
  let board: { x: number; y: number } | null = null
  await expect
    .poll(async () => {
      board = await onBoard()
      return board !== null
    })
    .toBe(true)
  const point = await boardPointOnScreen(page, board as unknown as { x: number; y: number })
  // Clickable: the shape under that point is the note's (drawn where the view now shows it).
  await expect
    .poll(() =>
      page.evaluate(
        ({ wanted, at }) => {
          const stage = window.Konva?.stages.find((s) => s.container().isConnected)
          if (!stage) return false
          const box = stage.container().getBoundingClientRect()
          let node = stage.getIntersection({ x: at.x - box.left, y: at.y - box.top })
          while (node && node.name() !== 'note') node = node.getParent()
          return node?.findOne('Text')?.text() === wanted
        },
        { wanted: text, at: point },
      ),
    )
    .toBe(true)
  return point
}

/** Screen point (page CSS pixels) of the centre of the cell at stage `stage`, lane `lane`. */
export async function cellCentre(page: Page, stage: string, lane: string): Promise<{ x: number; y: number }> {
  const column = STAGES.indexOf(stage)
  const row = LANES.indexOf(lane)
  if (column < 0 || row < 0) throw new Error(`no cell ${stage} / ${lane} in the journey template`)
  const board = {
    x: LAYOUT.laneHeaderWidth + (column + 0.5) * LAYOUT.columnWidth,
    y: LAYOUT.stageHeaderHeight + LAYOUT.emotionHeight + (row + 0.5) * LAYOUT.rowHeight,
  }
  // Only once the board is loaded and shown at its opening view does a cell stay where it is.
  await page.locator('[data-testid="board-canvas"][data-ready="true"]').waitFor()
  return boardPointOnScreen(page, board)
}

/**
 * Screen point (page CSS pixels) of board point `board`, brought into view first if it is not
 * (outside the canvas, or under the zoom controls or the minimap): the board opens at a
 * readable zoom, showing only part of it, so the test scrolls there — with the wheel, as a
 * person would.
 */
export async function boardPointOnScreen(page: Page, board: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const locate = () =>
    page.evaluate((p) => {
      const stage = window.Konva?.stages.find((s) => s.container().isConnected)
      if (!stage) return null
      const box = stage.container().getBoundingClientRect()
      const point = { x: box.left + stage.x() + p.x * stage.scaleX(), y: box.top + stage.y() + p.y * stage.scaleX() }
      const inside = point.x > box.left + 20 && point.x < box.right - 20 && point.y > box.top + 20 && point.y < box.bottom - 20
      const hit = inside ? document.elementFromPoint(point.x, point.y) : null
      const middle = { x: box.left + box.width / 2, y: box.top + box.height / 2 }
      // While the view moves the notes are one bitmap that takes no clicks (useMotionBitmap);
      // they are shapes again once the view has come to rest.
      const resting = stage.find('.note').every((note) => note.isListening())
      return { point, middle, visible: hit !== null && stage.container().contains(hit), resting }
    }, board)
  const first = await locate()
  if (!first) throw new Error('no Konva stage on the page')
  if (first.visible) return first.point
  await page.mouse.move(first.middle.x, first.middle.y)
  await page.mouse.wheel(first.point.x - first.middle.x, first.point.y - first.middle.y)
  let found: { x: number; y: number } | undefined
  await expect
    .poll(async () => {
      const now = await locate()
      found = now?.point
      return now !== null && now.visible && now.resting && Math.hypot(now.point.x - now.middle.x, now.point.y - now.middle.y) < 2
    })
    .toBe(true)
  return found as { x: number; y: number }
}

/** Drags with the mouse from `from` to `to` in `steps` moves; `beforeDrop` runs while held. */
export async function dragWithMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, beforeDrop?: () => Promise<void>): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 })
  await page.mouse.move(to.x, to.y, { steps: 8 })
  await beforeDrop?.()
  await page.mouse.up()
}

/** Opens the "Participants (n)" disclosure and returns its entries. */
export async function participants(page: Page): Promise<string[]> {
  const details = page.locator('details.participants')
  if (!(await details.evaluate((el) => (el as HTMLDetailsElement).open))) await details.locator('summary').click()
  return page.getByRole('list', { name: 'Participants' }).getByRole('listitem').allTextContents()
}

/** Console errors minus the ones `allowed` matches (each use says why they are expected). */
export function unexpected(errors: readonly string[], ...allowed: RegExp[]): string[] {
  return errors.filter((error) => !allowed.some((pattern) => pattern.test(error)))
}

/**
 * The usual life of a browser suite, registered on the enclosing `describe`: one real server
 * and one Chromium for the suite, and every page opened with `open` closed after its test.
 */
export function browserSuite(serverOptions?: Parameters<typeof startTestServer>[0]) {
  let server: TestServer | undefined
  let browser: Browser | undefined
  const opened: OpenPage[] = []
  beforeAll(async () => {
    server = await startTestServer(serverOptions)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  afterEach(async () => {
    for (const p of opened.splice(0)) await p.context.close()
  })
  return {
    get server(): TestServer {
      if (!server) throw new Error('the suite has not started')
      return server
    },
    get browser(): Browser {
      if (!browser) throw new Error('the suite has not started')
      return browser
    },
    /** A new browser context and page, closed after the test. */
    async open(options: BrowserContextOptions = {}): Promise<OpenPage> {
      const p = await openPage(this.browser, options)
      opened.push(p)
      return p
    },
  }
}
