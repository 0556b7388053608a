/**
 * The board in real Chromium against the real server: two people on one board, drag, reload,
 * offline and back, undo, keyboard, phone view, bad input, language. Notes are read through
 * the accessible notes list ("<text> — <stage>, <lane>"); the canvas is read through Konva's
 * own registry of stages (window.Konva.stages) — nothing test-only is exposed by the app.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { chromiumAvailable, launchChromium, screenshot } from '../helpers/browser'
import { connect, createWorkshop, startTestServer, synced, type TestServer } from '../helpers/server'
import { setFlag } from '../../shared/facilitation/control'
import { addNote, updateNote } from '../../shared/board/note'
import {
  addNoteWithToolbar,
  cellCentre,
  createWorkshopViaHome,
  dragWithMouse,
  expectNotes,
  item,
  joinByCode,
  noteBoxOnCanvas,
  noteItemFor,
  noteItems,
  notesList,
  openPage,
  participants,
  typeInEditor,
  unexpected,
  waitForBoard,
  LANES,
  STAGES,
  type OpenPage,
} from '../helpers/board'

const hasChromium = chromiumAvailable()

/**
 * Chromium reports every non-2xx answer to fetch() as a console error ("Failed to load
 * resource: … status of 403"). Where a test provokes one on purpose and the page explains it,
 * exactly that status is allowed.
 */
const httpStatus = (status: number) => new RegExp(`^Failed to load resource: the server responded with a status of ${status} `)

describe.skipIf(!hasChromium)('the board in Chromium', () => {
  let server: TestServer
  let browser: Browser
  const opened: OpenPage[] = []

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function person(options: Parameters<typeof openPage>[1] = {}): Promise<OpenPage> {
    const p = await openPage(browser, options)
    opened.push(p)
    return p
  }

  /** A workshop made through the API, its facilitator on the board and one participant joined by code. */
  async function facilitatorAndParticipant(name = 'Pat', base = server.url) {
    const workshop = await createWorkshop(base, { title: 'Q1 onboarding journey' })
    const facilitator = await person()
    await facilitator.page.goto(workshop.facilitatorUrl)
    await waitForBoard(facilitator.page)
    const participant = await person()
    await joinByCode(participant.page, base, name, workshop.joinCode)
    return { workshop, facilitator, participant }
  }

  async function closeAll() {
    for (const p of opened.splice(0)) await p.context.close()
  }
  afterEach(closeAll)

  it('shows a note added on one browser on the other, and a drag moves it on both', async () => {
    const facilitator = await person()
    const { joinCode } = await createWorkshopViaHome(facilitator.page, server.url, 'Q1 onboarding journey')
    await facilitator.page.getByRole('link', { name: 'Open the board' }).click()
    await waitForBoard(facilitator.page)
    // The token left the address bar as soon as the board read it.
    expect(facilitator.page.url()).not.toContain('#token=')

    const participant = await person()
    await joinByCode(participant.page, server.url, 'Pat', joinCode)

    // Toolbar on the facilitator's side …
    await addNoteWithToolbar(facilitator.page, 'Customer asks for a demo')
    const first = await noteItemFor(facilitator.page, 'Customer asks for a demo')
    await expectNotes(participant.page, [first])

    // … double-click on an empty cell on the participant's side.
    const cell = await cellCentre(participant.page, 'Purchase', 'Pain points')
    await participant.page.mouse.dblclick(cell.x, cell.y)
    await typeInEditor(participant.page, 'Price is unclear')
    const second = item('Price is unclear', 'Purchase', 'Pain points')
    await expectNotes(participant.page, [first, second])
    await expectNotes(facilitator.page, [first, second])
    await screenshot(facilitator.page, 'board-two-notes')

    // Drag the first note into another cell with the mouse, across the board: the board opens
    // readable (only its first stages in view), so the facilitator zooms out first (Shift+1).
    await facilitator.page.keyboard.press('Shift+Digit1')
    await expect.poll(async () => (await noteBoxOnCanvas(facilitator.page, 'Customer asks for a demo'))?.width ?? 999).toBeLessThan(100)
    const box = await noteBoxOnCanvas(facilitator.page, 'Customer asks for a demo')
    expect(box).not.toBeNull()
    const from = { x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 }
    const to = await cellCentre(facilitator.page, 'Service', 'Opportunities')
    const before = await noteBoxOnCanvas(participant.page, 'Customer asks for a demo')
    await dragWithMouse(facilitator.page, from, to, async () => {
      // While the button is still held the other person already sees the note travel (presence).
      await expect
        .poll(async () => (await noteBoxOnCanvas(participant.page, 'Customer asks for a demo'))?.x, { timeout: 3000, interval: 30 })
        .toBeGreaterThan(before!.x + 50)
    })
    const moved = item('Customer asks for a demo', 'Service', 'Opportunities')
    await expectNotes(facilitator.page, [moved, second])
    await expectNotes(participant.page, [moved, second])
    await screenshot(participant.page, 'board-after-drag')

    expect(facilitator.errors).toEqual([])
    expect(participant.errors).toEqual([])
  })

  it('keeps name, participant and notes across a reload', async () => {
    const { facilitator, participant } = await facilitatorAndParticipant('Robin')
    await addNoteWithToolbar(participant.page, 'Forgot my password')
    await addNoteWithToolbar(facilitator.page, 'Onboarding email is long')
    const notes = [await noteItemFor(participant.page, 'Forgot my password'), await noteItemFor(participant.page, 'Onboarding email is long')]
    await expectNotes(facilitator.page, notes)
    await expect.poll(() => participants(facilitator.page)).toEqual(['Facilitator (you)', 'Robin'])
    const sessionBefore = await participant.page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('horizon:session:'))))

    await participant.page.reload()
    await waitForBoard(participant.page)
    await expectNotes(participant.page, notes)
    await expect.poll(() => participants(participant.page)).toEqual(['Robin (you)', 'Facilitator'])
    const sessionAfter = await participant.page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.startsWith('horizon:session:'))))
    expect(sessionAfter).toBe(sessionBefore)
    // The facilitator still counts one Robin, not a second one for the reloaded tab.
    await expect.poll(() => participants(facilitator.page)).toEqual(['Facilitator (you)', 'Robin'])
    await expect.poll(() => facilitator.page.locator('details.participants summary').textContent()).toBe('Participants (2)')

    await facilitator.page.reload()
    await waitForBoard(facilitator.page)
    await expectNotes(facilitator.page, notes)
    await expect.poll(() => participants(facilitator.page)).toEqual(['Facilitator (you)', 'Robin'])

    expect(facilitator.errors).toEqual([])
    expect(participant.errors).toEqual([])
  })

  it('keeps working while the server is down and syncs when it is back', async () => {
    let own = await startTestServer()
    const { port } = own.server
    const { dataDir } = own
    try {
      const { workshop, facilitator, participant } = await facilitatorAndParticipant('Sam', own.url)
      await addNoteWithToolbar(facilitator.page, 'Before the outage')
      const before = await noteItemFor(participant.page, 'Before the outage')

      await own.close()
      await waitForBoard(participant.page, 'offline')
      await waitForBoard(facilitator.page, 'offline')
      await expect(participant.page.getByRole('status').first().textContent()).resolves.toMatch(/^Offline/)
      await addNoteWithToolbar(participant.page, 'Written offline')
      const offlineNote = await noteItemFor(participant.page, 'Written offline')
      await screenshot(participant.page, 'board-offline')
      // The facilitator cannot have it yet.
      expect(await noteItems(facilitator.page)).toEqual([before])

      own = await startTestServer({ port, dataDir })
      // Reconnects wait a jittered backoff (up to 8 s after a few refused attempts: sync/backoff.ts).
      await waitForBoard(participant.page, 'connected', 20_000)
      await waitForBoard(facilitator.page, 'connected', 20_000)
      await expectNotes(facilitator.page, [before, offlineNote], 10_000)

      // A browser that was never there gets it from the restarted server (SQLite, same DATA_DIR).
      const fresh = await person()
      await fresh.page.goto(workshop.facilitatorUrl)
      await waitForBoard(fresh.page)
      await expectNotes(fresh.page, [before, offlineNote])

      // While the server is down every reconnect attempt of the stock providers (board, control, private)
      // is refused, and Chromium logs each as a console error. That is the outage itself, not a
      // fault of the page, so exactly these are allowed; anything else still fails the test.
      const refused = new RegExp(`^WebSocket connection to 'ws://127\\.0\\.0\\.1:${port}/sync/${workshop.id}/(board|control|data|private-[A-Za-z0-9_-]+)\\?token=[^']+' failed: .*ERR_CONNECTION_REFUSED`)
      expect(unexpected(facilitator.errors, refused)).toEqual([])
      expect(unexpected(participant.errors, refused)).toEqual([])
      expect(fresh.errors).toEqual([])
    } finally {
      await closeAll()
      await own.close()
    }
    // The outage and the jittered reconnects (sync/backoff.ts) take longer than the default 30 s.
  }, 60_000)

  it('shows "Offline" as soon as the browser loses the network (context.setOffline)', async () => {
    // Chromium's offline emulation does not close an open WebSocket: nothing flows through it,
    // but the provider only notices after its 30 s message timeout. The page must not say
    // "Online" meanwhile, and what was written offline arrives once the network is back.
    const { facilitator, participant } = await facilitatorAndParticipant('Kim')
    // Let the page finish its start-up requests (the clock sync asks the server's time), so
    // that going offline fails none of them: the console must stay clean.
    await participant.page.waitForLoadState('networkidle')
    await participant.context.setOffline(true)
    await waitForBoard(participant.page, 'offline')
    await addNoteWithToolbar(participant.page, 'Network cable pulled')
    const entry = await noteItemFor(participant.page, 'Network cable pulled')
    await participant.context.setOffline(false)
    await waitForBoard(participant.page, 'connected')
    await expectNotes(facilitator.page, [entry], 10_000)
    expect(facilitator.errors).toEqual([])
    expect(participant.errors).toEqual([])
  })

  it('reloads from the server with a visible reason when an offline edit is refused (board locked meanwhile)', async () => {
    const { workshop, facilitator, participant } = await facilitatorAndParticipant('Noa')
    await addNoteWithToolbar(facilitator.page, 'Kept')
    const kept = await noteItemFor(participant.page, 'Kept')
    await participant.page.waitForLoadState('networkidle')
    await participant.context.setOffline(true)
    await waitForBoard(participant.page, 'offline')
    await addNoteWithToolbar(participant.page, 'Written while offline')
    await noteItemFor(participant.page, 'Written while offline')
    // Meanwhile the facilitator locks the board (through the control document).
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await synced(control)
    setFlag(control.doc, 'locked', true)
    await participant.context.setOffline(false)
    // The server refuses the queued edit (4403): the page says why and starts over from the
    // server's state, the refused note gone, the rest intact, the board read-only.
    await expect
      .poll(() => participant.page.getByRole('alert').textContent(), { timeout: 15_000 })
      .toMatch(/^The server refused a change \(the board is locked by the facilitator\)/)
    await expectNotes(participant.page, [kept], 10_000)
    await expect.poll(() => participant.page.getByRole('status').filter({ hasText: 'The facilitator has locked the board.' }).count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => participant.page.getByRole('button', { name: 'Add note' }).isDisabled(), { timeout: 10_000 }).toBe(true)
    await expectNotes(facilitator.page, [kept])
    // Reloading does not bring the refused note back from IndexedDB.
    await participant.page.reload()
    await waitForBoard(participant.page)
    await expectNotes(participant.page, [kept])
    await screenshot(participant.page, 'board-refused-locked')
    control.destroy()
    expect(facilitator.errors).toEqual([])
    expect(participant.errors).toEqual([])
    // Reconnecting after the network is back waits a jittered backoff (sync/backoff.ts).
  }, 60_000)

  it('merges two people typing in the same note at once, each keeping their caret', async () => {
    const { facilitator, participant } = await facilitatorAndParticipant('Ari')
    await addNoteWithToolbar(facilitator.page, 'start end')
    const entry = await noteItemFor(participant.page, 'start end')
    // Both open the same note's editor (Enter on its list item) and type at once.
    const open = async (page: typeof facilitator.page) => {
      await page.getByRole('button', { name: entry }).focus()
      await page.keyboard.press('Enter')
      const editor = page.getByRole('textbox', { name: 'Note text' })
      await editor.waitFor()
      return editor
    }
    const a = await open(facilitator.page)
    const b = await open(participant.page)
    await a.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5)) // after "start"
    await b.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(9, 9)) // after "end"
    await Promise.all([
      a.pressSequentially(' middle', { delay: 15 }),
      b.pressSequentially('!!', { delay: 20 }),
    ])
    const merged = 'start middle end!!'
    await expect.poll(() => a.inputValue()).toBe(merged)
    await expect.poll(() => b.inputValue()).toBe(merged)
    await facilitator.page.keyboard.press('Escape')
    await participant.page.keyboard.press('Escape')
    await expectNotes(participant.page, [entry.replace('start end', merged)])
    expect(facilitator.errors).toEqual([])
    expect(participant.errors).toEqual([])
  })

  it('lets the facilitator invite people from the board: code, QR code and links', async () => {
    const { facilitator } = await facilitatorAndParticipant('Vi')
    const f = facilitator.page
    await f.getByRole('button', { name: 'Invite' }).click()
    const code = (await f.locator('.big-code strong').textContent()) ?? ''
    expect(code).toMatch(/^[A-Z2-9]{6}$/)
    await f.getByRole('img', { name: 'QR code to join with a phone' }).waitFor()
    const joinUrl = await f.getByRole('textbox', { name: 'Join link for participants' }).inputValue()
    const viewerUrl = await f.getByRole('textbox', { name: 'Read-only link for viewers' }).inputValue()
    expect(joinUrl).toContain(`#code=${code}`)
    await screenshot(f, 'board-invite')
    // The viewer link opens the board read-only.
    const viewer = await person()
    await viewer.page.goto(viewerUrl)
    await waitForBoard(viewer.page)
    await viewer.page.getByText('You are watching read-only.').waitFor()
    await expect.poll(() => viewer.page.getByRole('button', { name: 'Add note', exact: true }).isDisabled(), { timeout: 10_000 }).toBe(true)
    expect(facilitator.errors).toEqual([])
    expect(viewer.errors).toEqual([])
  })

  it('selects several notes with shift-click and drags them together; the document changes only on drop', async () => {
    const { facilitator, participant } = await facilitatorAndParticipant('Mo')
    const f = facilitator.page
    for (const [text, stage] of [['One', 'Orientation'], ['Two', 'Purchase']] as const) {
      const cell = await cellCentre(f, stage, 'Customer actions')
      await f.mouse.dblclick(cell.x, cell.y)
      await typeInEditor(f, text)
    }
    await expectNotes(participant.page, [item('One', 'Orientation', 'Customer actions'), item('Two', 'Purchase', 'Customer actions')])
    const one = (await noteBoxOnCanvas(f, 'One'))!
    const two = (await noteBoxOnCanvas(f, 'Two'))!
    await f.mouse.click(one.x + one.width / 2, one.y + one.height / 2)
    await f.keyboard.down('Shift')
    await f.mouse.click(two.x + two.width / 2, two.y + two.height / 2)
    await f.keyboard.up('Shift')
    await expect.poll(() => f.getByRole('button', { pressed: true, name: /^(One|Two) — / }).count()).toBe(2)
    // Count the board's writes during the drag: none until the drop.
    const from = { x: one.x + one.width / 2, y: one.y + one.height / 2 }
    const down = await cellCentre(f, 'Orientation', 'Touchpoints & channels')
    await dragWithMouse(f, from, { x: from.x, y: from.y + (down.y - (await cellCentre(f, 'Orientation', 'Customer actions')).y) }, async () => {
      // Mid-drag, nothing has moved in the document yet, for anyone.
      await expectNotes(participant.page, [item('One', 'Orientation', 'Customer actions'), item('Two', 'Purchase', 'Customer actions')])
    })
    const moved = [item('One', 'Orientation', 'Touchpoints & channels'), item('Two', 'Purchase', 'Touchpoints & channels')]
    await expectNotes(f, moved)
    await expectNotes(participant.page, moved)
    expect(facilitator.errors).toEqual([])
    expect(participant.errors).toEqual([])
  })

  it('draws other people’s changes while one drags a note, on a small board and on a large (frozen) one', async () => {
    /** The colour drawn on the notes layer at the left margin of the note with `text`. */
    const drawnColour = (page: Page, text: string) =>
      page.evaluate((wanted) => {
        const stage = window.Konva?.stages.find((s) => s.container().isConnected)
        const layer = stage?.getLayers()[1]
        const note = stage?.find('.note').find((n) => n.findOne('Text')?.text() === wanted)
        if (!stage || !layer || !note) return null
        const rect = note.getClientRect()
        const ratio = layer.getCanvas().getPixelRatio()
        const context = layer.getCanvas().getContext()._context
        const data = context.getImageData(Math.round((rect.x + 5) * ratio), Math.round((rect.y + rect.height / 2) * ratio), 1, 1).data
        return { rgb: [data[0], data[1], data[2]], frozen: layer.getChildren()[0]?.isCached() }
      }, text)
    const PINK = [0xff, 0xc9, 0xde]
    for (const extra of [0, 320]) {
      const workshop = await createWorkshop(server.url, { title: `Drag while others edit (${extra})` })
      const scripted = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
      await synced(scripted)
      // Loose notes in rows over the board (with `extra`, enough to freeze it while dragging).
      const at = (i: number) => ({ x: 300 + (i % 20) * 160, y: 300 + Math.floor(i / 20) * 100 })
      const theirs = addNote(scripted.doc, { text: 'Theirs', ...at(0) })
      addNote(scripted.doc, { text: 'Held', ...at(1) })
      for (let i = 0; i < extra; i++) addNote(scripted.doc, { text: `n${i}`, ...at(i + 2) })
      const facilitator = await person()
      const f = facilitator.page
      await f.goto(workshop.facilitatorUrl)
      await waitForBoard(f)
      await f.getByRole('button', { name: 'Zoom to fit' }).click()
      await expect.poll(() => noteBoxOnCanvas(f, 'Held'), { timeout: 10_000 }).not.toBeNull()
      await expect.poll(async () => (await drawnColour(f, 'Theirs'))?.rgb).not.toEqual(PINK)
      const held = (await noteBoxOnCanvas(f, 'Held'))!
      const from = { x: held.x + held.width / 2, y: held.y + held.height / 2 }
      await dragWithMouse(f, from, { x: from.x + 40, y: from.y + 60 }, async () => {
        // Mid-drag someone else colours their note pink: it is drawn pink before the drop.
        updateNote(scripted.doc, theirs, { color: 'pink' })
        await expect.poll(async () => (await drawnColour(f, 'Theirs'))?.rgb, { timeout: 5000 }).toEqual(PINK)
        expect((await drawnColour(f, 'Theirs'))?.frozen).toBe(extra > 0)
      })
      expect(facilitator.errors).toEqual([])
      await facilitator.context.close()
    }
  })

  it('undoes and redoes only one’s own changes', async () => {
    const { facilitator, participant } = await facilitatorAndParticipant('Lee')
    const { page } = facilitator
    await addNoteWithToolbar(participant.page, 'Theirs')
    const theirs = await noteItemFor(page, 'Theirs')
    await addNoteWithToolbar(page, 'Mine')
    const mine = await noteItemFor(page, 'Mine')
    // The other person keeps working after it, too.
    await addNoteWithToolbar(participant.page, 'Theirs later')
    const later = await noteItemFor(page, 'Theirs later')
    await expectNotes(participant.page, [theirs, mine, later])
    // Escape closed the editor: the focus is on the page, not in a text field.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY')

    // Adding a note and typing its text right away is one undo step (the undo manager merges
    // changes 400 ms apart); on a slow machine the text may be a step of its own, so press
    // until the note is gone — at most twice.
    const pressUntil = async (key: string, done: (items: string[]) => boolean) => {
      for (let i = 0; i < 2; i++) {
        await page.keyboard.press(key)
        try {
          await expect.poll(async () => done(await noteItems(page)), { timeout: 1500, interval: 50 }).toBe(true)
          return
        } catch {
          // one more press
        }
      }
      throw new Error(`${key} did not do it: ${JSON.stringify(await noteItems(page))}`)
    }
    await pressUntil('Control+z', (items) => items.length === 2)
    await expectNotes(page, [theirs, later])
    await expectNotes(participant.page, [theirs, later])
    // Nothing of the facilitator's is left to undo; the participant's notes stay.
    await page.keyboard.press('Control+z')
    await page.keyboard.press('Control+z')
    await expectNotes(page, [theirs, later])

    await pressUntil('Control+Shift+z', (items) => items.includes(mine))
    await expectNotes(page, [theirs, mine, later])
    await expectNotes(participant.page, [theirs, mine, later])

    expect(facilitator.errors).toEqual([])
    expect(participant.errors).toEqual([])
  })

  it('moves, edits and deletes a note with the keyboard only', async () => {
    const { facilitator, participant } = await facilitatorAndParticipant('Ali')
    const { page } = facilitator
    await addNoteWithToolbar(page, 'Mover')
    const start = await noteItemFor(page, 'Mover')
    const [, startStage, startLane] = /^Mover — (.+), (.+)$/.exec(start) ?? []
    // A second note, so that moving "Mover" changes the order of the list under the focus: in
    // the next stage, same lane (Mover goes one stage right and one lane down, past it). Where
    // Mover lands depends on the opening view (the middle of the view).
    const staysStage = STAGES[STAGES.indexOf(startStage!) + 1]!
    const cell = await cellCentre(participant.page, staysStage, startLane!)
    await participant.page.mouse.dblclick(cell.x, cell.y)
    await typeInEditor(participant.page, 'Stays')
    const stays = item('Stays', staysStage, startLane!)
    await expectNotes(page, [start, stays])

    const focusedText = () => page.evaluate(() => (document.activeElement?.classList.contains('note-item') ? document.activeElement.textContent : null))
    // Tab from wherever the focus is into the notes list, to the item of `text`.
    // (Once round the page is more than 40 stops since the Data tab, Import data and the three
    // switches in the phase bar; the focus may already be on the note, back from its editor.)
    const tabTo = async (text: string) => {
      if ((await focusedText())?.startsWith(`${text} — `)) return
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab')
        if ((await focusedText())?.startsWith(`${text} — `)) return
      }
      throw new Error(`Tab never reached the note "${text}" in the notes list`)
    }
    await tabTo('Mover')
    // Focusing a note opens the list view.
    await page.getByRole('button', { name: 'Hide list view' }).waitFor()

    // Shift+arrows move in big steps; press until the note crosses into the next lane / stage.
    // The focus must stay on the moved note all along (its item is re-ordered in the list).
    const pressUntil = async (key: string, done: (text: string) => boolean) => {
      for (let i = 0; i < 10; i++) {
        await page.keyboard.press(key)
        const text = await focusedText()
        expect(text, `focus after ${key}`).toMatch(/^Mover — /)
        if (done(text!)) return text!
      }
      throw new Error(`${key} never moved the note out of its cell: ${await focusedText()}`)
    }
    const down = await pressUntil('Shift+ArrowDown', (text) => !text.endsWith(`, ${startLane}`))
    expect(down.startsWith(`Mover — ${startStage}, `)).toBe(true)
    const right = await pressUntil('Shift+ArrowRight', (text) => !text.startsWith(`Mover — ${startStage},`))
    const [, newStage, newLane] = /^Mover — (.+), (.+)$/.exec(right) ?? []
    expect(newStage).toBe(STAGES[STAGES.indexOf(startStage!) + 1])
    expect(newLane).toBe(LANES[LANES.indexOf(startLane!) + 1])
    await expectNotes(participant.page, [right, stays])
    // It is now after "Stays" in reading order: its item moved in the list, and kept the focus.
    expect(await noteItems(page)).toEqual([stays, right])

    // Enter edits (focus goes to the note's textarea); Escape closes it.
    await page.keyboard.press('Enter')
    await typeInEditor(page, ' (edited)')
    await expectNotes(participant.page, [item('Mover (edited)', newStage!, newLane!), stays])

    // Delete removes it.
    await tabTo('Mover (edited)')
    await page.keyboard.press('Delete')
    await expectNotes(page, [stays])
    await expectNotes(participant.page, [stays])

    expect(facilitator.errors).toEqual([])
    expect(participant.errors).toEqual([])
  })

  it('gives a participant on a phone a form instead of the canvas', async () => {
    const workshop = await createWorkshop(server.url, { title: 'Phone workshop' })
    const facilitator = await person()
    await facilitator.page.goto(workshop.facilitatorUrl)
    await waitForBoard(facilitator.page)
    const phone = await person({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true })
    await joinByCode(phone.page, server.url, 'Jo', workshop.joinCode)

    const { page } = phone
    expect(await page.locator('[data-testid="board-canvas"]').count()).toBe(0)
    // (getByLabel would match the label's whole text, options included; the accessible names are these.)
    await page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption({ label: 'Service' })
    await page.getByRole('combobox', { name: 'Lane', exact: true }).selectOption({ label: 'Pain points' })
    await page.getByLabel('Your note', { exact: true }).fill('Waited 20 minutes on hold')
    await page.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => page.getByLabel('Your note', { exact: true }).inputValue()).toBe('')

    await expectNotes(facilitator.page, [item('Waited 20 minutes on hold', 'Service', 'Pain points')])
    // On the facilitator's canvas it is drawn inside that cell.
    // (cellCentre scrolls the cell into view first: the board opens showing its first stages.)
    const centre = await cellCentre(facilitator.page, 'Service', 'Pain points')
    await expect.poll(() => noteBoxOnCanvas(facilitator.page, 'Waited 20 minutes on hold')).not.toBeNull()
    const box = (await noteBoxOnCanvas(facilitator.page, 'Waited 20 minutes on hold'))!
    const scale = await facilitator.page.evaluate(() => window.Konva!.stages.find((s) => s.container().isConnected)!.scaleX())
    expect(Math.abs(box.x + box.width / 2 - centre.x)).toBeLessThan((300 / 2) * scale)
    expect(Math.abs(box.y + box.height / 2 - centre.y)).toBeLessThan((210 / 2) * scale)

    const mine = page.getByRole('region', { name: 'My notes' })
    await expect.poll(() => mine.getByRole('textbox', { name: 'Note text' }).inputValue()).toBe('Waited 20 minutes on hold')
    await screenshot(page, 'phone-view')

    expect(facilitator.errors).toEqual([])
    expect(phone.errors).toEqual([])
  })

  it('explains bad input on the join page and dead links', async () => {
    const workshop = await createWorkshop(server.url, { title: 'Bad input' })
    const { page, errors } = await person()
    await page.goto(`${server.url}/join`)
    const alert = page.getByRole('alert')

    await page.getByLabel('Join code').fill(workshop.joinCode)
    await page.getByRole('button', { name: 'Join' }).click()
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toBe('Enter your name.')

    await page.getByLabel('Your name').fill('Pat')
    await page.getByLabel('Join code').fill(workshop.joinCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ')
    await page.getByRole('button', { name: 'Join' }).click()
    await expect.poll(() => alert.textContent()).toMatch(/^That join code is not right/)

    // 10,000 characters typed (inserted as one edit) into the name field: maxLength cuts at 80.
    const name = page.getByLabel('Your name')
    await name.fill('')
    await name.focus()
    await page.keyboard.insertText('N'.repeat(10_000))
    expect((await name.inputValue()).length).toBe(80)
    await page.getByLabel('Join code').fill(workshop.joinCode)
    await page.getByRole('button', { name: 'Join' }).click()
    await waitForBoard(page)
    expect(await participants(page)).toEqual([`${'N'.repeat(80)} (you)`])

    // A dead board link without a session leads to the join form for it; joining says why not.
    const stranger = await person()
    // A dead link says so at once, before anyone types a name.
    await stranger.page.goto(`${server.url}/w/doesnotexist`)
    await expect.poll(() => stranger.page.getByRole('alert').textContent()).toMatch(/^This link does not lead to a workshop/)
    expect(new URL(stranger.page.url()).pathname).toBe('/join/doesnotexist')
    await expect.poll(() => stranger.page.getByLabel('Your name').count(), { timeout: 10_000 }).toBe(0)

    // A dead link with a token in it, and an unknown path: a readable alert, never a blank page.
    await stranger.page.goto(`${server.url}/w/doesnotexist#token=not-a-token`)
    // (The server checks the token before the workshop, so this is the "no access" message.)
    await expect.poll(() => stranger.page.getByRole('alert').textContent()).toMatch(/^This link is no longer valid for this workshop/)
    await stranger.page.goto(`${server.url}/no/such/page`)
    await expect.poll(() => stranger.page.getByRole('alert').textContent()).toMatch(/^This link does not lead to a workshop/)
    await expect.poll(() => stranger.page.getByRole('link', { name: 'Go to the start page' }).count(), { timeout: 10_000 }).toBe(1)

    // The refused requests are logged by Chromium as failed resource loads; the page explained each.
    expect(unexpected(errors, httpStatus(403))).toEqual([])
    expect(unexpected(stranger.errors, httpStatus(404), httpStatus(401))).toEqual([])
  })

  it('lets the facilitator rename, reorder, add and remove stages and lanes, and draw the emotion curve', async () => {
    const { facilitator, participant } = await facilitatorAndParticipant('Sam')
    const f = facilitator.page
    const cell = await cellCentre(participant.page, 'Purchase', 'Pain points')
    await participant.page.mouse.dblclick(cell.x, cell.y)
    await typeInEditor(participant.page, 'Hidden fees')
    await expectNotes(f, [item('Hidden fees', 'Purchase', 'Pain points')])

    await f.getByRole('button', { name: 'Stages and lanes' }).click()
    const stageNames = f.getByRole('textbox', { name: 'Stage name' })
    await expect.poll(() => stageNames.count(), { timeout: 10_000 }).toBe(6)
    await stageNames.nth(1).fill('Buying')
    await stageNames.nth(1).press('Enter')
    // The note stays in its (renamed) stage for everyone.
    await expectNotes(participant.page, [item('Hidden fees', 'Buying', 'Pain points')])
    await f.getByRole('button', { name: 'Move Buying later' }).click()
    await expect.poll(async () => (await stageNames.nth(2).inputValue())).toBe('Buying')
    await f.getByRole('button', { name: 'Add stage' }).click()
    await expect.poll(() => stageNames.count()).toBe(7)
    await f.getByRole('button', { name: 'Remove lane Employee voice' }).click()
    await expect.poll(() => f.getByRole('textbox', { name: 'Lane name' }).count()).toBe(7)
    await f.getByRole('combobox', { name: 'Emotion at Orientation' }).selectOption('2')
    await f.getByRole('combobox', { name: 'Emotion at Buying' }).selectOption('-2')
    await f.getByRole('combobox', { name: 'Emotion at Onboarding' }).selectOption('1')
    // A participant cannot change the structure (the panel shows names read-only).
    await participant.page.getByRole('button', { name: 'Stages and lanes' }).click()
    await expect.poll(() => participant.page.getByRole('button', { name: 'Add stage' }).count(), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => participant.page.getByRole('textbox', { name: 'Stage name' }).nth(2).inputValue()).toBe('Buying')
    await expect.poll(() => participant.page.getByRole('combobox', { name: 'Emotion at Buying' }).inputValue()).toBe('-2')
    await expectNotes(participant.page, [item('Hidden fees', 'Buying', 'Pain points')])
    await screenshot(f, 'board-structure-emotion')
    expect(unexpected(facilitator.errors)).toEqual([])
    expect(unexpected(participant.errors)).toEqual([])
  })

  it('speaks Dutch to a Dutch browser and switches to English', async () => {
    const workshop = await createWorkshop(server.url, { title: 'Klantreis' })
    const { page, errors } = await person({ locale: 'nl-NL' })
    await page.goto(workshop.facilitatorUrl)
    await waitForBoard(page)
    await page.getByRole('button', { name: 'Notitie toevoegen', exact: true }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl')
    await notesList(page, 'Notities').waitFor({ state: 'attached' })

    await page.getByLabel('Taal').selectOption('en')
    await page.getByRole('button', { name: 'Add note', exact: true }).waitFor()
    expect(await page.getByRole('button', { name: 'Notitie toevoegen' }).count()).toBe(0)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    // The choice is kept across a reload.
    await page.reload()
    await waitForBoard(page)
    await page.getByRole('button', { name: 'Add note', exact: true }).waitFor()
    expect(errors).toEqual([])
  })
})
