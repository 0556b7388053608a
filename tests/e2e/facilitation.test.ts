/** Facilitation in Chromium: phases, the shared timer and the lock, seen by a participant. */
import { describe, expect, it } from 'vitest'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import * as Y from 'yjs'
import { boardMaps } from '../../shared/board/board-doc'
import { addCluster } from '../../shared/board/cluster'
import { addNote as addNoteTo, listNotes } from '../../shared/board/note'
import { connect, createWorkshop, synced } from '../helpers/server'
import { addNoteWithToolbar, cellCentre, dragWithMouse, expectNotes, item, joinByCode, noteBoxOnCanvas, noteCentreOnScreen, noteItemFor, typeInEditor, waitForBoard, browserSuite } from '../helpers/board'

const hasChromium = chromiumAvailable()

/** "m:ss" → seconds. */
const seconds = (text: string | null) => {
  const [m, s] = (text ?? '').split(':').map(Number)
  return (m ?? 0) * 60 + (s ?? 0)
}

describe.skipIf(!hasChromium)('facilitation in Chromium', () => {
  const suite = browserSuite()

  async function session() {
    const workshop = await createWorkshop(suite.server.url, { title: 'Facilitated' })
    const facilitator = await suite.open()
    await facilitator.page.goto(workshop.facilitatorUrl)
    await waitForBoard(facilitator.page)
    const participant = await suite.open()
    await joinByCode(participant.page, suite.server.url, 'Pat', workshop.joinCode)
    return { facilitator: facilitator.page, participant: participant.page, errors: [facilitator.errors, participant.errors] }
  }

  /** The facilitator on the board and two participants, Ada and Ben, joined by code. */
  async function sessionOfThree(workshop: { facilitatorUrl: string; joinCode: string }) {
    const f = await suite.open()
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    const a = await suite.open()
    const b = await suite.open()
    await joinByCode(a.page, suite.server.url, 'Ada', workshop.joinCode)
    await joinByCode(b.page, suite.server.url, 'Ben', workshop.joinCode)
    return { f, a, b }
  }

  it('moves everyone through the phases; only the facilitator can', async () => {
    const { facilitator, participant, errors } = await session()
    const current = (page: typeof facilitator) => page.getByRole('navigation', { name: 'Phases' }).locator('[aria-current="step"]').textContent()
    await expect.poll(() => current(participant)).toBe('Discover')
    await facilitator.getByRole('button', { name: 'Define' }).click()
    await expect.poll(() => current(participant)).toBe('Define')
    await expect.poll(() => participant.locator('.instruction').textContent()).toMatch(/How might we/)
    await facilitator.getByRole('button', { name: 'Deliver' }).click()
    await expect.poll(() => current(participant)).toBe('Deliver')
    await facilitator.getByRole('button', { name: 'Discover' }).click()
    await expect.poll(() => current(participant)).toBe('Discover')
    // A participant sees the phases but has no buttons to change them.
    await expect.poll(() => participant.getByRole('button', { name: 'Define' }).count(), { timeout: 10_000 }).toBe(0)
    expect(errors.flat()).toEqual([])
  })

  it('shows everyone the same timer, and the facilitator pauses, adds a minute and resets it', async () => {
    const { facilitator, participant, errors } = await session()
    await facilitator.getByRole('combobox', { name: 'Preset' }).selectOption('5')
    await facilitator.getByRole('button', { name: 'Start timer' }).click()
    // The display rounds up: 5:00 for the first second, then 4:59.
    await expect.poll(async () => seconds(await participant.getByRole('timer').textContent()), { timeout: 5000 }).toBeLessThan(300)
    const [a, b] = await Promise.all([facilitator.getByRole('timer').textContent(), participant.getByRole('timer').textContent()])
    expect(Math.abs(seconds(a) - seconds(b))).toBeLessThanOrEqual(1)
    await facilitator.getByRole('button', { name: 'Pause timer' }).click()
    await facilitator.getByRole('button', { name: '+1 min' }).click()
    await expect.poll(async () => seconds(await participant.getByRole('timer').textContent()), { timeout: 5000 }).toBeGreaterThan(340)
    await facilitator.getByRole('button', { name: 'Reset timer' }).click()
    // Reset is idle: participants see no timer at all, the facilitator the preset it starts with.
    await expect.poll(() => participant.getByRole('timer').count(), { timeout: 5000 }).toBe(0)
    await expect(facilitator.getByRole('timer').textContent()).resolves.toBe('5:00')
    // A custom duration; and the visible and audible cue at zero. Counting the oscillators the
    // page starts (the Web Audio API still plays them) tells that the beep happened.
    await participant.evaluate(`(() => {
      window.beeps = []
      const start = OscillatorNode.prototype.start
      OscillatorNode.prototype.start = function (...args) {
        window.beeps.push({ frequency: this.frequency.value, state: this.context.state })
        return start.apply(this, args)
      }
    })()`)
    // The participant has clicked on the page once (browsers allow sound only after that).
    await participant.getByRole('heading', { level: 1 }).click()
    await facilitator.getByRole('textbox', { name: 'Minutes' }).fill('0.05')
    await facilitator.getByRole('textbox', { name: 'Minutes' }).press('Enter')
    await facilitator.getByRole('button', { name: 'Start timer' }).click()
    await participant.getByRole('alert').filter({ hasText: 'Time is up' }).waitFor({ timeout: 10_000 })
    await screenshot(participant, 'timer-done')
    await expect.poll(() => participant.evaluate('window.beeps'), { timeout: 5000 }).toEqual([{ frequency: 880, state: 'running' }])
    await expect.poll(() => participant.getByRole('button', { name: 'Start timer' }).count(), { timeout: 10_000 }).toBe(0)
    expect(errors.flat()).toEqual([])
  })

  it('locks the board: participants see it and cannot edit until it is unlocked', async () => {
    const { facilitator, participant, errors } = await session()
    await facilitator.getByRole('button', { name: 'Lock board' }).click()
    await participant.getByText('The facilitator has locked the board.').waitFor()
    await expect.poll(() => participant.getByRole('button', { name: 'Add note', exact: true }).isDisabled(), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => facilitator.getByRole('button', { name: 'Add note', exact: true }).isDisabled(), { timeout: 10_000 }).toBe(false)
    await facilitator.getByRole('button', { name: 'Unlock board' }).click()
    await expect.poll(() => participant.getByRole('button', { name: 'Add note', exact: true }).isDisabled()).toBe(false)
    await waitForBoard(participant)
    expect(errors.flat()).toEqual([])
  })

  it('runs Define with two participants: vote, close the round, see the ranking', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Define' })
    const { f, a, b } = await sessionOfThree(workshop)
    // Three pains in the Pain points lane (notes there are pains).
    for (const [text, stage] of [['Slow refunds', 'Service'], ['Hidden fees', 'Purchase'], ['No status updates', 'Use']] as const) {
      const cell = await cellCentre(f.page, stage, 'Pain points')
      await f.page.mouse.dblclick(cell.x, cell.y)
      await typeInEditor(f.page, text)
    }
    for (const page of [a.page, b.page]) await noteItemFor(page, 'No status updates')
    await f.page.getByRole('button', { name: 'Define' }).click()
    await f.page.getByRole('button', { name: 'Voting' }).click()
    await f.page.getByRole('combobox', { name: 'Vote on' }).selectOption('pain')
    await f.page.getByRole('spinbutton', { name: 'Votes per person' }).fill('3')
    await f.page.getByRole('spinbutton', { name: 'Most votes per item' }).fill('2')
    await f.page.getByRole('button', { name: 'New voting round' }).click()

    // Ada votes from the list: two on "Slow refunds" (the most per item), one on "Hidden fees".
    await a.page.getByRole('button', { name: 'Voting' }).click()
    await a.page.getByRole('status').filter({ hasText: '3 votes left' }).waitFor()
    const add = (page: typeof a.page, text: string) => page.getByRole('button', { name: `Add a vote to ${text}` })
    await add(a.page, 'Slow refunds').click()
    await add(a.page, 'Slow refunds').click()
    await expect.poll(() => add(a.page, 'Slow refunds').isDisabled(), { timeout: 10_000 }).toBe(true)
    await add(a.page, 'Hidden fees').click()
    await a.page.getByRole('status').filter({ hasText: '0 votes left' }).waitFor()
    await expect.poll(() => add(a.page, 'No status updates').isDisabled(), { timeout: 10_000 }).toBe(true)

    // Ben votes by clicking notes on the board, and takes one back with Alt+click.
    await b.page.getByRole('button', { name: 'Voting' }).click()
    // Ben's board opens on the first stages: the notes further along are scrolled to first.
    const centre = await noteCentreOnScreen(b.page, 'Slow refunds')
    await b.page.mouse.click(centre.x, centre.y)
    await b.page.getByRole('status').filter({ hasText: '2 votes left' }).waitFor()
    const other = await noteCentreOnScreen(b.page, 'No status updates')
    await b.page.mouse.click(other.x, other.y)
    await b.page.keyboard.down('Alt')
    await b.page.mouse.click(other.x, other.y)
    await b.page.keyboard.up('Alt')
    await b.page.getByRole('status').filter({ hasText: '2 votes left' }).waitFor()
    // Each sees only their own dots while the round is open.
    await expect.poll(() => b.page.getByLabel('my votes: 1').count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => a.page.getByLabel('my votes: 2').count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => f.page.getByText(/2 have voted/).count(), { timeout: 10_000 }).toBe(1)
    await screenshot(b.page, 'voting-open')

    // The facilitator's panel: who is online, votes cast, who has finished and who is still voting.
    await f.page.getByRole('button', { name: 'Facilitate' }).click()
    const panel = f.page.getByRole('region', { name: 'Facilitate' })
    await expect.poll(() => panel.getByRole('list', { name: /Online now/ }).getByRole('listitem').allTextContents(), { timeout: 10_000 }).toEqual([
      'Facilitator (you)',
      'Ada (Participant)',
      'Ben (Participant)',
    ])
    const progress = panel.getByRole('list', { name: 'Voting rounds' }).getByRole('listitem')
    await expect.poll(() => progress.textContent(), { timeout: 10_000 }).toContain('4 votes cast, 2 people have voted')
    await expect(progress.textContent()).resolves.toContain('Used all their votes: Ada')
    await expect(progress.textContent()).resolves.toContain('Still voting: Ben (1/3)')
    await screenshot(f.page, 'facilitator-panel')

    await f.page.getByRole('button', { name: 'Close round' }).click()
    await f.page.getByRole('button', { name: 'Voting' }).click()
    for (const page of [f.page, a.page, b.page]) {
      const results = page.getByRole('region', { name: 'Results: Pain points' })
      await results.waitFor()
      await expect.poll(() => results.getByRole('listitem').allTextContents()).toEqual(['Slow refunds 3 votes', 'Hidden fees 1 vote'])
    }
    await screenshot(f.page, 'voting-results')

    // The presenter view: phase, timer, join code and the results in large type; Escape leaves it.
    // The facilitator's selection stays off the projector.
    const selectedNotes = () =>
      f.page.evaluate(() => {
        const stage = window.Konva?.stages.find((s) => s.container().isConnected)
        return stage ? stage.find('.note').filter((n) => (n as unknown as { findOne(s: string): { stroke(): string } }).findOne('Rect').stroke() === '#2454d6').length : -1
      })
    const slow = await noteCentreOnScreen(f.page, 'Slow refunds')
    await f.page.mouse.click(slow.x, slow.y)
    await expect.poll(selectedNotes).toBe(1)
    await f.page.getByRole('button', { name: 'Presenter view' }).click()
    const presenter = f.page.getByRole('region', { name: 'Presenter view' })
    await presenter.waitFor()
    await expect.poll(selectedNotes).toBe(0)
    await expect(presenter.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Define')
    // An idle timer is not shown on the projector.
    await expect(presenter.getByRole('timer').count()).resolves.toBe(0)
    await expect(presenter.getByLabel('Join code').textContent()).resolves.toContain(workshop.joinCode)
    await expect(presenter.getByRole('img', { name: /QR code/ }).count()).resolves.toBe(1)
    await expect(presenter.getByRole('complementary', { name: 'Voting' }).getByRole('listitem').allTextContents()).resolves.toEqual(['Slow refunds 3 votes', 'Hidden fees 1 vote'])
    const size = await presenter.locator('.presenter-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(size).toBeGreaterThanOrEqual(40)
    await f.page.waitForFunction(() => document.querySelector('[data-testid="board-canvas"]')?.getAttribute('data-ready') === 'true')
    await screenshot(f.page, 'presenter')
    await f.page.keyboard.press('Escape')
    await presenter.waitFor({ state: 'detached' })
    await f.page.getByRole('button', { name: 'Presenter view' }).waitFor()
    await expect.poll(selectedNotes).toBe(1)
    expect([...f.errors, ...a.errors, ...b.errors]).toEqual([])
    // Three browsers through a whole round: about 25 s alone, over 30 s when the suite runs in parallel.
  }, 60_000)

  it('lets the facilitator bring everyone to their view until a participant moves away', async () => {
    const { facilitator, participant, errors } = await session()
    /** The centre of the board area a page shows, in board coordinates. */
    const centre = (page: typeof facilitator) =>
      page.evaluate(() => {
        const stage = (window as unknown as { Konva: { stages: Array<{ container(): HTMLElement; x(): number; y(): number; scaleX(): number; width(): number; height(): number }> } }).Konva.stages.find((s) => s.container().isConnected)!
        return { x: (stage.width() / 2 - stage.x()) / stage.scaleX(), y: (stage.height() / 2 - stage.y()) / stage.scaleX(), scale: stage.scaleX() }
      })
    for (let i = 0; i < 3; i++) await facilitator.getByRole('button', { name: 'Zoom in' }).click()
    await facilitator.getByRole('button', { name: 'Follow me' }).click()
    await participant.getByText('You are following the facilitator’s view.').waitFor()
    const near = async () => {
      const [f, p] = await Promise.all([centre(facilitator), centre(participant)])
      return Math.hypot(f.x - p.x, f.y - p.y) < 30 && Math.abs(f.scale - p.scale) / f.scale < 0.25
    }
    await expect.poll(near, { timeout: 5000 }).toBe(true)
    // The facilitator moves on; the participant goes along.
    await facilitator.getByRole('button', { name: 'Zoom out' }).click()
    await expect.poll(near, { timeout: 5000 }).toBe(true)
    // The participant pans away: no longer following, and says so.
    const box = (await participant.getByTestId('board-canvas').boundingBox())!
    await participant.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await participant.mouse.wheel(120, 0)
    await participant.getByText('The facilitator is showing everyone their view.').waitFor()
    const mine = await centre(participant)
    await facilitator.getByRole('button', { name: 'Zoom in' }).click()
    await participant.waitForTimeout(500)
    expect(await centre(participant)).toEqual(mine)
    // … until they choose to follow again.
    await participant.getByRole('button', { name: 'Follow the facilitator' }).click()
    await expect.poll(near, { timeout: 5000 }).toBe(true)
    expect(errors.flat()).toEqual([])
  })

  it('private writing: others see that someone writes, not what, until the facilitator reveals', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Private' })
    const { f, a, b } = await sessionOfThree(workshop)
    await f.page.getByRole('button', { name: 'Private writing' }).click()
    await a.page.getByText(/Private writing is on/).waitFor()

    const cell = await cellCentre(a.page, 'Onboarding', 'Employee voice')
    await a.page.mouse.dblclick(cell.x, cell.y)
    await a.page.getByRole('textbox', { name: 'Note text' }).waitFor()
    // While Ada writes, Ben sees that she writes.
    await b.page.locator('.participants summary').click()
    await b.page.locator('.participants').getByText('writing…').waitFor()
    await a.page.keyboard.type('Our tools slow us down')
    await a.page.keyboard.press('Escape')
    await a.page.getByRole('button', { name: 'Private: Our tools slow us down — Onboarding, Employee voice' }).waitFor({ state: 'attached' })
    // Nobody else has it.
    await b.page.waitForTimeout(300)
    for (const page of [b.page, f.page]) await expect.poll(() => page.getByRole('list', { name: 'Notes' }).getByText(/Our tools/).count(), { timeout: 10_000 }).toBe(0)
    await screenshot(a.page, 'private-writing')

    await f.page.getByRole('button', { name: 'Reveal notes' }).click()
    for (const page of [f.page, b.page, a.page]) await noteItemFor(page, 'Our tools slow us down', 10_000)
    await expect.poll(() => a.page.getByRole('button', { name: /^Private: / }).count(), { timeout: 10_000 }).toBe(0)
    expect([...f.errors, ...a.errors, ...b.errors]).toEqual([])
    // Three browsers through a whole round: about 25 s alone, over 30 s when the suite runs in parallel.
  }, 60_000)

  it('groups notes into a named cluster that drags its notes along', async () => {
    const { facilitator: f, participant, errors } = await session()
    for (const [text, stage] of [['Refund takes weeks', 'Service'], ['Invoice unclear', 'Use']] as const) {
      const cell = await cellCentre(f, stage, 'Pain points')
      await f.mouse.dblclick(cell.x, cell.y)
      await typeInEditor(f, text)
    }
    const one = (await noteBoxOnCanvas(f, 'Refund takes weeks'))!
    const two = (await noteBoxOnCanvas(f, 'Invoice unclear'))!
    await f.mouse.click(one.x + one.width / 2, one.y + one.height / 2)
    await f.keyboard.down('Shift')
    await f.mouse.click(two.x + two.width / 2, two.y + two.height / 2)
    await f.keyboard.up('Shift')
    await f.getByRole('button', { name: 'Group', exact: true }).click()
    await f.getByRole('button', { name: 'List view' }).click()
    const name = f.getByRole('textbox', { name: 'Cluster name' })
    await expect.poll(() => name.inputValue()).toBe('New cluster')
    await name.fill('Billing')
    await name.press('Enter')
    await expectNotes(participant, [item('Refund takes weeks (Billing)', 'Service', 'Pain points'), item('Invoice unclear (Billing)', 'Use', 'Pain points')])
    // Drag the cluster by its header one lane down: both notes go along.
    const header = await f.evaluate(() => {
      const stage = (window as unknown as { Konva: { stages: Array<{ container(): HTMLElement; find(s: string): Array<{ getClientRect(): { x: number; y: number } }> }> } }).Konva.stages.find((s) => s.container().isConnected)!
      const rect = stage.find('.cluster')[0]!.getClientRect()
      const box = stage.container().getBoundingClientRect()
      return { x: box.left + rect.x + 12, y: box.top + rect.y + 6 }
    })
    const laneStep = (await cellCentre(f, 'Service', 'Employee voice')).y - (await cellCentre(f, 'Service', 'Pain points')).y
    await dragWithMouse(f, header, { x: header.x, y: header.y + laneStep })
    const moved = [item('Refund takes weeks (Billing)', 'Service', 'Employee voice'), item('Invoice unclear (Billing)', 'Use', 'Employee voice')]
    await expectNotes(f, moved)
    await expectNotes(participant, moved)
    await screenshot(f, 'cluster')
    await f.getByRole('button', { name: 'Ungroup Billing' }).click()
    await expectNotes(participant, [item('Refund takes weeks', 'Service', 'Employee voice'), item('Invoice unclear', 'Use', 'Employee voice')])
    expect(errors.flat()).toEqual([])
  })

  it('anonymous mode: no name on new notes, and nothing in the document ties them to their author', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Anonymous' })
    const { f, a } = await sessionOfThree(workshop)
    await addNoteWithToolbar(a.page, 'Signed by Ada')
    const signed = await noteItemFor(f.page, 'Signed by Ada')
    // The author stands on the note's own line (its list item), after the note.
    const byline = (page: typeof f.page, entry: string) => page.getByRole('list', { name: 'Notes' }).locator('li.hz-note-row').filter({ hasText: entry }).locator('.note-author')
    await expect.poll(() => byline(f.page, signed).textContent(), { timeout: 10_000 }).toBe('by Ada')

    // The switch stands with the other two in the phase bar (#16), no longer in the Facilitate panel.
    await f.page.getByRole('group', { name: 'Workshop switches' }).getByRole('checkbox', { name: 'Anonymous notes' }).check()
    // Everyone sees that names are hidden.
    await a.page.getByRole('list', { name: 'Workshop state' }).getByText('Anonymous').waitFor()
    // Names on existing notes are hidden while anonymous mode is on.
    await expect.poll(() => byline(f.page, signed).count(), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => byline(a.page, signed).count(), { timeout: 10_000 }).toBe(0)
    // What anyone's browser receives: a scripted viewer reads the document and every presence
    // state relayed meanwhile (who edits which note would tell who wrote it).
    const spy = connect(suite.server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(spy)
    const edited: { name: string | undefined; noteId: string }[] = []
    spy.provider.awareness.on('change', () => {
      for (const state of spy.provider.awareness.getStates().values()) {
        const { editing, user } = state as { editing?: string; user?: { name: string } }
        if (editing) edited.push({ name: user?.name, noteId: editing })
      }
    })
    await addNoteWithToolbar(a.page, 'Nobody knows')
    await noteItemFor(f.page, 'Nobody knows')
    // Ada can still edit it: it is hers.
    await a.page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /^Nobody knows/ }).focus()
    await a.page.keyboard.press('Enter')
    await a.page.getByRole('textbox', { name: 'Note text' }).waitFor()
    await a.page.keyboard.press('End')
    await a.page.keyboard.type(' yet')
    await a.page.keyboard.press('Escape')
    await noteItemFor(f.page, 'Nobody knows yet')

    await expect.poll(() => listNotes(spy.doc).map((n) => n.text).sort(), { timeout: 10_000 }).toEqual(['Nobody knows yet', 'Signed by Ada'])
    const ada = [...spy.provider.awareness.getStates()].find(([, state]) => (state as { user?: { name: string } }).user?.name === 'Ada')
    expect(ada).toBeDefined()
    const [adaClient, adaState] = ada as [number, { user: { participantId: string } }]
    const notes = listNotes(spy.doc)
    const anonymous = notes.find((n) => n.text === 'Nobody knows yet')!
    const signedNote = notes.find((n) => n.text === 'Signed by Ada')!
    expect(anonymous.authorId).toBeUndefined()
    expect(signedNote.authorId).toBe(adaState.user.participantId)
    // Every Yjs change carries its writer's client id. The signed note was written by Ada's
    // (the one her presence shows); not one change of the anonymous note was.
    expect(writersOf(spy.doc, signedNote.id)).toContain(adaClient)
    const writers = writersOf(spy.doc, anonymous.id)
    expect(writers.size).toBeGreaterThan(0)
    expect(writers).not.toContain(adaClient)
    for (const [client] of spy.provider.awareness.getStates()) expect(writers).not.toContain(client)
    // While Ada wrote and edited it, her presence never named the anonymous note.
    expect(edited.filter((e) => e.noteId === anonymous.id)).toEqual([])
    spy.destroy()
    expect([...f.errors, ...a.errors]).toEqual([])
    // Three browsers through a whole round: about 25 s alone, over 30 s when the suite runs in parallel.
  }, 60_000)

  it('votes on clusters: on the list and on the frame, results ranked by cluster name', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Clusters' })
    // The board prepared by a scripted facilitator: two clusters of pains.
    const board = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(board)
    const pain = (text: string, x: number) => addNoteTo(board.doc, { text, kind: 'pain', x, y: 300 })
    const billing = addCluster(board.doc, { title: 'Billing', x: 300, y: 300, noteIds: [pain('Invoice unclear', 300), pain('Double charge', 460)] })
    addCluster(board.doc, { title: 'Delivery', x: 800, y: 300, noteIds: [pain('Late parcel', 800)] })
    const { f, a } = await sessionOfThree(workshop)
    await noteItemFor(a.page, 'Late parcel (Delivery)')
    await f.page.getByRole('button', { name: 'Voting' }).click()
    await f.page.getByRole('combobox', { name: 'Vote on' }).selectOption('cluster')
    await f.page.getByRole('button', { name: 'New voting round' }).click()
    await a.page.getByRole('button', { name: 'Voting' }).click()
    await a.page.getByRole('status').filter({ hasText: '5 votes left' }).waitFor()
    // The round's items are the clusters, not their notes.
    await expect.poll(() => a.page.locator('.vote-list .vote-text').allTextContents(), { timeout: 10_000 }).toEqual(['Billing', 'Delivery'])
    await a.page.getByRole('button', { name: 'Add a vote to Delivery' }).click()
    // Clicking the cluster on the board votes for it.
    const frame = await a.page.evaluate((id) => {
      const stage = window.Konva?.stages.find((s) => s.container().isConnected)
      const node = stage?.findOne(`#cluster-${id}`)
      if (!stage || !node) return null
      const rect = node.getClientRect()
      const box = stage.container().getBoundingClientRect()
      return { x: box.left + rect.x, y: box.top + rect.y, width: rect.width, height: rect.height }
    }, billing)
    expect(frame).not.toBeNull()
    // On its name…
    await a.page.mouse.click(frame!.x + 10, frame!.y + 8)
    await a.page.getByRole('status').filter({ hasText: '3 votes left' }).waitFor()
    // …or on one of its notes.
    const member = (await noteBoxOnCanvas(a.page, 'Double charge'))!
    await a.page.mouse.click(member.x + member.width / 2, member.y + member.height / 2)
    await a.page.getByRole('status').filter({ hasText: '2 votes left' }).waitFor()
    await f.page.getByRole('button', { name: 'Close round' }).click()
    const results = f.page.getByRole('region', { name: 'Results: Clusters' })
    await results.waitFor()
    await expect.poll(() => results.getByRole('listitem').allTextContents(), { timeout: 10_000 }).toEqual(['Billing 2 votes', 'Delivery 1 vote'])
    await screenshot(a.page, 'cluster-voting')
    board.destroy()
    expect([...f.errors, ...a.errors]).toEqual([])
    // Three browsers through a whole round: about 25 s alone, over 30 s when the suite runs in parallel.
  }, 60_000)
})

/** The client ids of every Yjs change that made up note `id`: its record, its fields, its text. */
function writersOf(doc: Y.Doc, id: string): Set<number> {
  const record = boardMaps(doc).notes.get(id) as Y.Map<unknown>
  const writers = new Set<number>()
  if (record._item) writers.add(record._item.id.client)
  for (const item of record._map.values()) writers.add(item.id.client)
  const text = record.get('text') as Y.Text
  for (let item = text._start; item; item = item.right) writers.add(item.id.client)
  return writers
}
