/**
 * Trust (issue #11) in Chromium: the app works under its Content-Security-Policy without a
 * single violation; the facilitator removes a participant and replaces the join code and the
 * viewer link from the Invite panel; a report link works in a browser that never saw the board.
 */
import type { Page, WebSocket as PageSocket } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { addNote, listNotes } from '../../shared/board/note'
import { browserSuite, expectNotes, joinByCode, waitForBoard, addNoteWithToolbar, noteItemFor } from '../helpers/board'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { connect, createWorkshop, destroyAllClients, synced, waitFor } from '../helpers/server'

const hasChromium = chromiumAvailable()

/** Records every CSP violation the page reports (the event, and the console's "Refused to …"). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) fromConsole.push(message.text())
  })
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __csp: string[] }).__csp = seen
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`))
  })
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))]
}

/** Every WebSocket the page opens, to see that they are closed and stay closed. */
function watchSockets(page: Page): PageSocket[] {
  const sockets: PageSocket[] = []
  page.on('websocket', (socket) => sockets.push(socket))
  return sockets
}

describe.skipIf(!hasChromium)('trust in Chromium', () => {
  const suite = browserSuite()
  afterEach(() => destroyAllClients())

  it('runs the board, the invite panel, the report and the start page under the CSP without a violation', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Strict page' })
    const f = await suite.open()
    const violations = await watchCsp(f.page)
    const response = await f.page.goto(workshop.facilitatorUrl)
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/)
    await waitForBoard(f.page)
    await addNoteWithToolbar(f.page, 'Under a strict policy')
    await noteItemFor(f.page, 'Under a strict policy')
    // The QR code is a data: image; the list view and the canvas draw with inline styles (CSSOM).
    await f.page.getByRole('button', { name: 'Invite' }).click()
    await f.page.getByRole('img', { name: 'QR code to join with a phone' }).waitFor()
    await f.page.getByRole('button', { name: 'Facilitate' }).click()
    await f.page.goto(`${suite.server.url}/w/${workshop.id}/report`)
    await f.page.getByRole('heading', { name: 'Strict page', level: 1 }).waitFor()
    await f.page.goto(suite.server.url)
    await f.page.getByRole('button', { name: 'Create workshop' }).waitFor()
    expect(await violations()).toEqual([])
    expect(f.errors).toEqual([])
  })

  it('removes a participant from the Invite panel: their tab says so, their sockets close and stay closed, their notes stay', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Who is in' })
    const f = await suite.open()
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    const p = await suite.open()
    const sockets = watchSockets(p.page)
    await joinByCode(p.page, suite.server.url, 'Pat', workshop.joinCode)
    await addNoteWithToolbar(p.page, 'Pat’s pain point')
    await noteItemFor(f.page, 'Pat’s pain point')

    const dialogs: string[] = []
    f.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.accept()
    })
    await f.page.getByRole('button', { name: 'Invite' }).click()
    const people = f.page.getByRole('list', { name: /^People/ })
    await expect.poll(() => people.getByRole('listitem').allTextContents()).toEqual(['PatRemove'])
    await f.page.getByRole('button', { name: 'Remove Pat' }).click()
    await f.page.getByText('Pat was removed.').waitFor()
    expect(dialogs).toEqual([expect.stringMatching(/^Remove Pat from this workshop\?/)])
    await expect.poll(() => f.page.getByText('No participants right now (people you removed are not listed).').count()).toBe(1)

    // The participant's tab explains, with no reconnecting behind it.
    await expect.poll(() => p.page.getByRole('alert').textContent()).toBe('The facilitator removed you from this workshop. What you wrote stays on the board.')
    await screenshot(p.page, 'trust-removed')
    await expect.poll(() => sockets.every((socket) => socket.isClosed())).toBe(true)
    const opened = sockets.length
    expect(opened).toBeGreaterThanOrEqual(2)
    await p.page.waitForTimeout(3000)
    expect(sockets.length).toBe(opened)
    // Only the facilitator's own sockets are left on the server: board, control, private, data (issue #12).
    await expect.poll(() => suite.server.server.stats().connections).toBe(4)
    // The note stays on everyone's board.
    await noteItemFor(f.page, 'Pat’s pain point')
    // A reload with the old session gets the same answer from the API (and says the same), and
    // forgets the token.
    await p.page.reload()
    await p.page.getByRole('alert').filter({ hasText: 'The facilitator removed you from this workshop' }).waitFor()
    expect(await p.page.evaluate((id) => localStorage.getItem(`horizon:session:${id}`), workshop.id)).toBeNull()
    expect(f.errors).toEqual([])
  }, 60_000)

  it('replaces the join code and the viewer link from the Invite panel', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'New links' })
    const f = await suite.open()
    f.page.on('dialog', (dialog) => void dialog.accept())
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    const v = await suite.open()
    await v.page.goto(workshop.viewerUrl)
    await waitForBoard(v.page)

    await f.page.getByRole('button', { name: 'Invite' }).click()
    const code = f.page.locator('.share-panel .big-code strong')
    expect(await code.textContent()).toBe(workshop.joinCode)
    await f.page.getByRole('button', { name: 'New join code' }).click()
    await expect.poll(() => code.textContent()).not.toBe(workshop.joinCode)
    const newCode = (await code.textContent()) ?? ''
    expect(await f.page.getByRole('textbox', { name: 'Join link for participants' }).inputValue()).toBe(`${suite.server.url}/join/${workshop.id}#code=${newCode}`)
    const joinWith = (joinCode: string) =>
      fetch(`${suite.server.url}/api/join`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Late', joinCode }) })
    expect((await joinWith(workshop.joinCode)).status).toBe(403)
    expect((await joinWith(newCode)).status).toBe(200)

    const viewerField = f.page.getByRole('textbox', { name: 'Read-only link for viewers' })
    const oldViewerUrl = await viewerField.inputValue()
    await f.page.getByRole('button', { name: 'New viewer link' }).click()
    await expect.poll(() => viewerField.inputValue()).not.toBe(oldViewerUrl)
    await expect.poll(() => v.page.getByRole('alert').textContent()).toMatch(/^The facilitator replaced the link you used/)
    // The new link opens the board read-only.
    const v2 = await suite.open()
    await v2.page.goto(await viewerField.inputValue())
    await waitForBoard(v2.page)
    await v2.page.getByText(/read-only/i).first().waitFor()

    // The panel with its new controls, wide and narrow.
    await f.page.setViewportSize({ width: 1440, height: 900 })
    await screenshot(f.page, 'trust-invite-1440')
    await f.page.setViewportSize({ width: 360, height: 800 })
    await screenshot(f.page, 'trust-invite-360')
    await f.page.getByRole('heading', { name: /^People/ }).scrollIntoViewIfNeeded()
    await screenshot(f.page, 'trust-invite-360-people')
    expect(f.errors).toEqual([])
  })

  it('opens a report link with the token in the fragment in a fresh browser', async () => {
    const workshop = await createWorkshop(suite.server.url, { title: 'Report for the sponsor' })
    const board = connect(suite.server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(board)
    addNote(board.doc, { text: 'Sponsor reads this', x: 0, y: 0 })
    await waitFor(async () => {
      const response = await fetch(`${suite.server.url}/api/workshops/${workshop.id}/export?format=json`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } })
      return ((await response.json()) as { notes: unknown[] }).notes.length === 1
    })
    expect(listNotes(board.doc)).toHaveLength(1)
    const fresh = await suite.open()
    expect(await fresh.page.evaluate(() => localStorage.length).catch(() => 0)).toBe(0)
    await fresh.page.goto(`${suite.server.url}/w/${workshop.id}/report#token=${workshop.viewerToken}`)
    await fresh.page.getByRole('heading', { name: 'Report for the sponsor', level: 1 }).waitFor()
    await fresh.page.getByText('Sponsor reads this').first().waitFor()
    // The token leaves the address bar, and nothing was kept in this browser.
    expect(new URL(fresh.page.url()).hash).toBe('')
    expect(await fresh.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('horizon:session:')))).toEqual([])
    expect(fresh.errors).toEqual([])
  })
})

void expectNotes
