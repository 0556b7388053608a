/**
 * The look in real Chromium: at 360 px no page scrolls sideways, every button on the board has
 * an accessible name (Chromium's own accessibility tree, read over CDP), and the text of the
 * toolbar, side tabs, phase bar and notices has WCAG AA contrast (≥ 4.5:1) against the
 * background it is drawn on, both read from the page with getComputedStyle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { chromiumAvailable, launchChromium, screenshot, watchErrors } from '../helpers/browser'
import { createWorkshop, startTestServer, type TestServer } from '../helpers/server'
import { joinByCode, waitForBoard } from '../helpers/board'

const hasChromium = chromiumAvailable()
const PHONE = { width: 360, height: 740 }

/** How far the page scrolls sideways: its width beyond the window's. */
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

/** Buttons Chromium exposes with no name (role and the node's HTML, for the failure message). */
async function unnamedButtons(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number }[]
    }
    const buttons = nodes.filter((n) => !n.ignored && n.role?.value === 'button')
    expect(buttons.length).toBeGreaterThan(10)
    const missing: string[] = []
    for (const n of buttons.filter((b) => !b.name?.value.trim())) {
      if (n.backendDOMNodeId === undefined) {
        missing.push('(a button with no DOM node)')
        continue
      }
      const { outerHTML } = (await cdp.send('DOM.getOuterHTML', { backendNodeId: n.backendDOMNodeId })) as { outerHTML: string }
      missing.push(outerHTML.slice(0, 160))
    }
    return missing
  } finally {
    await cdp.detach()
  }
}

/** Waits until no CSS transition is running (colours read mid-transition are neither state's). */
const settled = (page: Page) =>
  page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))))

/**
 * The contrast of each visible, enabled element matched by `selector`: its text colour against
 * the first opaque background among it and its ancestors (WCAG's relative luminance).
 */
function contrasts(page: Page, selector: string, of: 'color' | 'borderTopColor' = 'color') {
  return page.evaluate(([selector, of]) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number)
    const linear = (c = 0) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)
    const luminance = ([r, g, b]: number[]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    const background = (el: Element | null): number[] => {
      for (; el; el = el.parentElement) {
        const [r = 0, g = 0, b = 0, a = 1] = rgb(getComputedStyle(el).backgroundColor)
        if (a >= 0.99) return [r, g, b]
      }
      return [255, 255, 255]
    }
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => el.getClientRects().length > 0 && !(el as HTMLButtonElement).disabled)
      .map((el) => {
        // A border is drawn on the parent's background; text on the element's own.
        const [a = 0, b = 0] = [luminance(rgb(getComputedStyle(el)[of])), luminance(background(of === 'color' ? el : el.parentElement))].sort((x, y) => y - x)
        return { what: `${selector} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}”`, ratio: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100 }
      })
  }, [selector, of] as const)
}

describe.skipIf(!hasChromium)('the look in Chromium', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('scrolls no page sideways at 360 px: home, join, the board as participant and as facilitator', async () => {
    const workshop = await createWorkshop(server.url, { title: 'Q1 onboarding journey for new small-business customers' })
    const context = await browser.newContext({ locale: 'en-GB', viewport: PHONE })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(server.url)
    await page.getByRole('button', { name: 'Create workshop' }).waitFor()
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
    await page.goto(`${server.url}/join`)
    await page.getByRole('button', { name: 'Join' }).waitFor()
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)

    await joinByCode(page, server.url, 'Pat', workshop.joinCode)
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
    await screenshot(page, 'look-participant-360')

    const facilitator = await browser.newContext({ locale: 'en-GB', viewport: PHONE })
    const f = await facilitator.newPage()
    const fErrors = watchErrors(f)
    await f.goto(workshop.facilitatorUrl)
    await waitForBoard(f)
    expect(await scrollWidth(f)).toBeLessThanOrEqual(PHONE.width)
    // With the timer running (Pause replaces Start) and each panel a facilitator opens on a phone.
    await f.getByRole('button', { name: 'Start timer' }).click()
    await f.getByRole('button', { name: 'Pause timer' }).waitFor()
    for (const [open, heading] of [['Invite', 'Invite people'], ['Facilitate', 'Facilitate'], ['Voting', 'Voting']] as const) {
      await f.getByRole('button', { name: open, exact: true }).click()
      await f.getByRole('heading', { name: heading, exact: true }).waitFor()
      expect(await scrollWidth(f), `with ${open} open`).toBeLessThanOrEqual(PHONE.width)
    }
    await screenshot(f, 'look-facilitator-360')
    expect(await unnamedButtons(f)).toEqual([])
    expect([...errors, ...fErrors]).toEqual([])
    await Promise.all([context.close(), facilitator.close()])
  })

  it('names every button on the board and gives the toolbar, side tabs, phase bar and notices AA contrast', async () => {
    const workshop = await createWorkshop(server.url, { title: 'Contrast check' })
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(workshop.facilitatorUrl)
    await waitForBoard(page)
    // A selected tab, a pressed toggle and a notice, so each state is measured.
    await page.getByRole('button', { name: 'Facilitate' }).click()
    await page.getByRole('button', { name: 'Private writing' }).click()
    await page.getByRole('button', { name: 'Reveal notes' }).waitFor()
    await page.getByRole('button', { name: 'Add note', exact: true }).click()
    // The new note is selected, so Group and Delete turn enabled, fading from their disabled
    // colours (buttons transition colour and border for .12 s): measure the colours they settle on.
    await page.getByRole('textbox', { name: 'Note text' }).waitFor()
    await expect.poll(() => page.locator('.toolbar button.tool', { hasText: 'Group' }).isEnabled()).toBe(true)
    await settled(page)
    expect(await unnamedButtons(page)).toEqual([])

    const measured = []
    for (const selector of ['.toolbar button:not(.swatch)', '.sidetabs button', '.sidetabs button[aria-pressed="true"]', '.phase', '.state-switches > button', '.state-badge', '.timer button', '.instruction', '.notice', '.status', '.participants summary', '.board-title']) {
      const found = await contrasts(page, selector)
      expect(found.length, selector).toBeGreaterThan(0)
      measured.push(...found)
    }
    expect(measured.filter((m) => m.ratio < 4.5)).toEqual([])
    // Controls: a button's outline against what is around it, ≥ 3:1 (WCAG 1.4.11).
    const outlines = []
    for (const selector of ['.toolbar button.tool', '.toolbar .swatch', '.state-switches > button', '.timer button', '.participants summary']) outlines.push(...(await contrasts(page, selector, 'borderTopColor')))
    expect(outlines.filter((m) => m.ratio < 3)).toEqual([])
    if (process.env.LOOK_FIGURES) console.log(JSON.stringify([...measured, ...outlines.map((o) => ({ ...o, what: `border of ${o.what}` }))]))
    await screenshot(page, 'look-facilitator-1440')
    expect(errors).toEqual([])
    await context.close()
  })
})
