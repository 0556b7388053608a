/** The built client, served by the real server, in real Chromium. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { chromiumAvailable, launchChromium, screenshot, watchErrors } from '../helpers/browser'
import { startTestServer, type TestServer } from '../helpers/server'

const hasChromium = chromiumAvailable()

describe.skipIf(!hasChromium)('home page in Chromium', () => {
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

  it('creates a workshop and shows the join code, links and the facilitator warning', async () => {
    const context = await browser.newContext({ locale: 'en-GB' })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(server.url)
    await page.getByLabel('Title', { exact: true }).fill('Q1 onboarding journey')
    await page.getByLabel('Persona / target group').fill('New small-business customers')
    await page.getByRole('button', { name: 'Create workshop' }).click()
    await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor()
    const code = (await page.locator('.code strong').textContent()) ?? ''
    expect(code).toMatch(/^[A-Z2-9]{6}$/)
    const joinUrl = await page.getByRole('textbox', { name: 'Join link for participants' }).inputValue()
    expect(joinUrl).toMatch(new RegExp(`/join/[A-Za-z0-9_-]+#code=${code}$`))
    // The facilitator token travels only in the fragment, never in a path or query.
    const facilitatorUrl = await page.getByRole('textbox', { name: 'Facilitator link' }).inputValue()
    expect(facilitatorUrl).toMatch(/\/w\/[A-Za-z0-9_-]+#token=ey/)
    await expect(page.getByRole('note').textContent()).resolves.toMatch(/password/)
    await screenshot(page, 'home-created')
    expect(errors).toEqual([])
    await context.close()
  })

  it('copies a link with the Clipboard API, and without it (plain http in a meeting room)', async () => {
    const context = await browser.newContext({ locale: 'en-GB' })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    const clipboard = await context.newPage()
    await clipboard.goto(server.url)
    const read = () => clipboard.evaluate(() => navigator.clipboard.readText())
    for (const withApi of [true, false]) {
      const page = await context.newPage()
      const errors = watchErrors(page)
      // Over http on a LAN address there is no navigator.clipboard (not a secure context).
      if (!withApi) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }))
      await page.goto(server.url)
      expect(await page.evaluate(() => navigator.clipboard !== undefined)).toBe(withApi)
      await page.getByLabel('Title', { exact: true }).fill(`Copy ${withApi}`)
      await page.getByRole('button', { name: 'Create workshop' }).click()
      await page.getByRole('heading', { name: 'Your workshop is ready' }).waitFor()
      const link = await page.getByRole('textbox', { name: 'Join link for participants' }).inputValue()
      await clipboard.evaluate(() => navigator.clipboard.writeText('nothing yet'))
      const copy = page.getByRole('button', { name: 'Copy: Join link for participants' })
      await copy.click()
      await expect.poll(() => copy.textContent()).toBe('Copied')
      expect(await read()).toBe(link)
      expect(errors).toEqual([])
      await page.close()
    }
    await context.close()
  })

  it('speaks Dutch to a Dutch browser and explains a missing title', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await page.goto(server.url)
    await page.getByLabel('Titel', { exact: true }).fill('   ')
    await page.getByRole('button', { name: 'Workshop aanmaken' }).click()
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toBe('Geef de workshop een titel.')
    await screenshot(page, 'home-error-nl')
    expect(errors).toEqual([])
    await context.close()
  })

  it('shows a readable message when the server has gone away', async () => {
    const doomed = await startTestServer()
    const context = await browser.newContext({ locale: 'en-US' })
    const page = await context.newPage()
    await page.goto(doomed.url)
    // The page is shown (the app's code loads after the entry, once zod is configured), then the server goes.
    await page.getByLabel('Title', { exact: true }).waitFor()
    await doomed.close()
    await page.getByLabel('Title', { exact: true }).fill('Anything')
    await page.getByRole('button', { name: 'Create workshop' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/could not be reached/)
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('Anything')
    await context.close()
  })
})
