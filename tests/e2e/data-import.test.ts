/**
 * Importing a contact log in Chromium, as the facilitator: a generated CSV is picked, the
 * guessed column mapping shows, the stage values are mapped to the board's stages (one by
 * hand, after the dialog names it as not mapped), the worker reads the file, and the `data`
 * document then holds the aggregates — naming the board's stages by title — and no raw row (no
 * customer id anywhere in it). Also: Cancel stops a read half way and nothing is written, a
 * second import replaces the first only after confirming, and bad files get a message naming
 * the row and column.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { generateContactLog } from '../../scripts/generate-contact-log'
import { listStages } from '../../shared/board/stage'
import { readDatasets } from '../../shared/data/data-doc'
import { chromiumAvailable, screenshot } from '../helpers/browser'
import { browserSuite, waitForBoard } from '../helpers/board'
import { connect, createWorkshop, synced, tempDir, waitFor } from '../helpers/server'

const hasChromium = chromiumAvailable()

function csv(name: string, lines: string[]): string {
  const file = path.join(tempDir('horizon-import-'), name)
  fs.writeFileSync(file, lines.join('\n') + '\n')
  return file
}

async function openDialog(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Import data' }).click()
  await page.getByRole('dialog', { name: 'Import a contact log' }).waitFor()
}

async function pick(page: Page, file: string): Promise<void> {
  // The drop zone's own file input (named "Choose a CSV file or drop it here").
  await page.getByRole('button', { name: 'Choose a CSV file or drop it here' }).setInputFiles(file)
}

describe.skipIf(!hasChromium)('importing a contact log in Chromium', () => {
  const suite = browserSuite()

  it('maps columns and stages, reads the file in a worker and writes only aggregates to the data document', { timeout: 120_000 }, async () => {
    const { server } = suite
    const workshop = await createWorkshop(server.url, { title: 'Contact data' })
    const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(board)
    const stageIds = Object.fromEntries(listStages(board.doc).map((s) => [s.title, s.id]))
    // 3,000 generated rows; "Service" written as "Customer service" (too far from any stage to guess).
    const lines = generateContactLog({ rows: 3000, seed: 4 }).map((line) => line.replace(',Service,', ',Customer service,'))
    const file = csv('october.csv', lines)

    const f = await suite.open({ viewport: { width: 1440, height: 900 } })
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    await openDialog(f.page)
    await screenshot(f.page, 'data-import-pick-1440')
    await pick(f.page, file)

    // The guessed mapping and the first rows.
    await f.page.getByRole('heading', { name: 'Columns' }).waitFor()
    const select = (label: string) => f.page.getByRole('combobox', { name: label, exact: true })
    expect(await select('Customer *').inputValue()).toBe('customer_id')
    expect(await select('Time *').inputValue()).toBe('timestamp')
    expect(await select('Stage *').inputValue()).toBe('stage')
    expect(await select('Touchpoint *').inputValue()).toBe('touchpoint')
    expect(await select('CSAT (1–5)').inputValue()).toBe('csat')
    expect(await select('Segment').inputValue()).toBe('segment')
    const preview = f.page.getByRole('region', { name: 'The first rows of the file' })
    expect(await preview.locator('tbody tr').count()).toBe(5)
    expect(await preview.locator('tbody tr').first().locator('td').first().textContent()).toBe(lines[1]!.split(',')[0])
    await screenshot(f.page, 'data-import-map-1440')

    await f.page.getByRole('button', { name: 'Read the file' }).click()
    await f.page.getByRole('heading', { name: 'Stages' }).waitFor()
    await f.page.getByText('3,000 rows read.').waitFor()
    const stageSelect = (value: string) => f.page.getByRole('combobox', { name: `Journey stage for “${value}”` })
    expect(await stageSelect('Orientation').inputValue()).toBe(stageIds.Orientation)
    expect(await stageSelect('Share experience').inputValue()).toBe(stageIds['Share experience'])
    expect(await stageSelect('Customer service').inputValue()).toBe('')
    await f.page.getByRole('button', { name: 'Add to the workshop' }).click()
    await f.page.getByRole('alert').filter({ hasText: 'The stage “Customer service”' }).waitFor()
    expect(await f.page.getByRole('alert').textContent()).toMatch(/^The stage “Customer service” \(first in row \d+\) is not mapped to a stage of the journey\.$/)
    await stageSelect('Customer service').selectOption({ label: 'Service' })
    await f.page.getByLabel('Name of this data').fill('Contacts October')
    await screenshot(f.page, 'data-import-stages-1440')
    await f.page.getByRole('button', { name: 'Add to the workshop' }).click()
    await f.page.getByRole('status').filter({ hasText: 'Imported “Contacts October”: 3,000 rows' }).waitFor()
    await screenshot(f.page, 'data-import-done-1440')

    // The data document: one dataset, aggregates naming the board's stages by title, no customer id anywhere.
    const data = connect(server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    await synced(data)
    await waitFor(() => readDatasets(data.doc).length === 1, { message: 'the dataset in the data document' })
    const [dataset] = readDatasets(data.doc)
    expect(dataset).toMatchObject({ name: 'Contacts October', fileName: 'october.csv', mapping: { customer: 'customer_id', time: 'timestamp', stage: 'stage', touchpoint: 'touchpoint' } })
    expect(dataset!.stageMap['Customer service']).toBe(stageIds.Service)
    expect(dataset!.aggregates.rows).toBe(3000)
    expect(dataset!.aggregates.stages.map((s) => s.stage)).toEqual(['Orientation', 'Purchase', 'Onboarding', 'Use', 'Service', 'Share experience'])
    expect(dataset!.aggregates.stages.reduce((sum, s) => sum + s.interactions, 0)).toBe(3000)
    expect(dataset!.aggregates.touchpoints[0]!.interactions).toBeGreaterThan(0)
    expect(dataset!.aggregates.segments?.map((s) => s.segment)).toEqual(['existing', 'new'])
    const stored = Buffer.from(Y.encodeStateAsUpdate(data.doc)).toString('latin1')
    expect(stored).not.toMatch(/C\d{7}/)
    expect(stored).not.toContain('2026-10-01 0')

    // A second import replaces the first only after confirming.
    await f.page.getByRole('button', { name: 'Close' }).first().click()
    await f.page.getByRole('dialog').waitFor({ state: 'detached' })
    await openDialog(f.page)
    await pick(f.page, csv('november.csv', generateContactLog({ rows: 500, seed: 9 })))
    await f.page.getByRole('button', { name: 'Read the file' }).click()
    await f.page.getByText('500 rows read.').waitFor()
    await f.page.getByRole('button', { name: 'Add to the workshop' }).click()
    await f.page.getByText('The workshop already holds “Contacts October”. Importing replaces it.').waitFor()
    expect(readDatasets(data.doc).map((d) => d.name)).toEqual(['Contacts October'])
    await f.page.getByRole('button', { name: 'Replace it' }).click()
    await f.page.getByRole('status').filter({ hasText: 'Imported “november”' }).waitFor()
    await waitFor(() => readDatasets(data.doc).map((d) => d.name).join() === 'november', { message: 'the second dataset replacing the first' })
    expect(readDatasets(data.doc)[0]!.aggregates.rows).toBe(500)
    expect(f.errors).toEqual([])
  })

  it('stops reading on Cancel and writes nothing; names the row and column of bad files', { timeout: 120_000 }, async () => {
    const { server } = suite
    const workshop = await createWorkshop(server.url, { title: 'Bad files' })
    const f = await suite.open({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true })
    await f.page.goto(workshop.facilitatorUrl)
    await waitForBoard(f.page)
    await openDialog(f.page)
    await screenshot(f.page, 'data-import-pick-360')

    // Cancel half way through 250,000 rows (~20 MB): clicked from the page as soon as progress shows.
    await pick(f.page, csv('big.csv', generateContactLog({ rows: 250_000, seed: 2 })))
    await f.page.getByRole('heading', { name: 'Columns' }).waitFor()
    await screenshot(f.page, 'data-import-map-360')
    await f.page.evaluate(() => {
      const observer = new MutationObserver(() => {
        const text = document.querySelector('.data-progress-text')?.textContent ?? ''
        if (/^[1-9]\d* %/.test(text)) {
          observer.disconnect()
          ;(window as unknown as { progressSeen: string }).progressSeen = text
          ;[...document.querySelectorAll('.data-progress button')].find((b) => b.textContent === 'Cancel')?.dispatchEvent(new MouseEvent('click', { bubbles: true }))
        }
      })
      observer.observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await f.page.getByRole('button', { name: 'Read the file' }).click()
    await f.page.getByRole('alert').filter({ hasText: 'Reading stopped. Nothing was imported.' }).waitFor()
    expect(await f.page.evaluate(() => (window as unknown as { progressSeen: string }).progressSeen)).toMatch(/^\d+ % · [\d,]+ rows read$/)
    await f.page.getByRole('button', { name: 'Read the file' }).waitFor()

    const bad: Array<[string, string, string]> = [
      ['empty.csv', '', 'The file is empty (0 bytes).'],
      ['semicolons.csv', 'klant;tijdstip;fase;reden;csat\nk1;01-10-2026 09:00;Purchase;Web;4\nk2;31-09-2026 10:00;Purchase;Web;4\n', 'Row 3, column “tijdstip”: “31-09-2026 10:00” is not a date and time'],
      ['scores.csv', 'customer_id,timestamp,stage,touchpoint,csat\nk1,2026-10-01,Purchase,Web,4\nk2,2026-10-01,Purchase,Web,high\n', 'Row 3, column “csat”: “high” is not a CSAT (1–5) score (a number from 1–5).'],
      ['dupes.csv', 'customer_id,timestamp,stage,touchpoint,stage\nk1,2026-10-01,Purchase,Web,x\n', 'Row 1: the header “stage” appears more than once (columns 3 and 5).'],
    ]
    for (const [name, text, message] of bad) {
      const file = path.join(tempDir('horizon-import-'), name)
      fs.writeFileSync(file, text)
      await f.page.getByRole('button', { name: 'Close' }).first().click()
      await openDialog(f.page)
      await pick(f.page, file)
      if (name !== 'empty.csv' && name !== 'dupes.csv') await f.page.getByRole('button', { name: 'Read the file' }).click()
      await f.page.getByRole('alert').filter({ hasText: message }).waitFor()
    }
    await screenshot(f.page, 'data-import-error-360')

    const data = connect(server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    await synced(data)
    expect(readDatasets(data.doc)).toEqual([])
    expect(f.errors).toEqual([])
  })
})
