/**
 * Continuous journeys (#13): a snapshot of a 5,000-note board (server time, from the
 * `Server-Timing` header of POST …/snapshots: encoding the documents and storing them; goal
 * < 50 ms), opening it (Chromium: the snapshot page from the address to the changes and the
 * journey drawn; goal < 1 s), and the comparison page of 12 monthly runs (Chromium: address to
 * every section drawn; goal < 1 s). `--smoke`: 200 notes and 3 runs.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import * as Y from 'yjs'
import { startServer, type HorizonServer } from '../server/app'
import { DEFAULTS } from '../server/config'
import { silentLogger } from '../server/log'
import { listLanes } from '../shared/board/lane'
import { addNote } from '../shared/board/note'
import { listStages } from '../shared/board/stage'
import type { Aggregates, Dataset } from '../shared/data/types'
import { setKeyTouchpoint } from '../shared/data/data-doc'
import { addRoadmapItem } from '../shared/deliver/roadmap'
import { preloadBoard } from './lib/board'
import { median } from './lib/measure'
import type { BenchContext, BenchResult } from './lib/types'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']

type Created = { id: string; facilitatorToken: string; participantId: string }

async function post(url: string, token: string | undefined, body: unknown): Promise<Response> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`)
  return response
}

/** A month of made-up contact data: 20 touchpoints over the six stages. */
function monthData(index: number, stages: string[]): Aggregates {
  const period = new Date(Date.UTC(2026, index, 1)).toISOString()
  const touchpoints = Array.from({ length: 20 }, (_, i) => {
    const interactions = 1000 - i * 40 + ((index * 37 + i * 11) % 90)
    return { touchpoint: `Touchpoint ${i + 1}`, stage: stages[i % stages.length] as string, interactions, customers: Math.round(interactions * 0.6), csat: 3 + ((index + i) % 20) / 10, nps: null, repeatRate: ((i + index) % 15) / 100 }
  })
  const stageRows = stages.map((stage) => {
    const rows = touchpoints.filter((t) => t.stage === stage)
    const interactions = rows.reduce((sum, t) => sum + t.interactions, 0)
    return { stage, interactions, customers: Math.round(interactions * 0.6), csat: 3.5, nps: null, repeatRate: 0.05 }
  })
  const transitions = stages.slice(0, -1).map((from, i) => ({ from, to: stages[i + 1] as string, customers: 500, share: 0.5 + ((index + i) % 5) / 10, medianHours: 48 }))
  return { rows: 20_000, customers: 9_000, stages: stageRows, touchpoints, transitions, from: period, to: period }
}

async function openTimed(browser: Browser, url: string, sessions: Created[], ready: (page: import('playwright-core').Page) => Promise<void>): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await context.addInitScript((list: Created[]) => {
    for (const w of list) localStorage.setItem(`horizon:session:${w.id}`, JSON.stringify({ workshopId: w.id, token: w.facilitatorToken, role: 'facilitator', participantId: w.participantId, name: 'Bench' }))
  }, sessions)
  const page = await context.newPage()
  try {
    await page.goto(url)
    await ready(page)
    // From the navigation's start (the page's time origin) to drawn: the browser's own clock.
    return await page.evaluate(() => performance.now())
  } finally {
    await context.close()
  }
}

export async function snapshotsBench(ctx: BenchContext): Promise<BenchResult[]> {
  const notes = ctx.smoke ? 200 : 5000
  const months = ctx.smoke ? 3 : 12
  const results: BenchResult[] = []
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'horizon-bench-'))
  let server: HorizonServer | undefined
  let browser: Browser | undefined
  try {
    // 1. A snapshot of a big board: the server's own time.
    const config = { ...DEFAULTS, port: 0, dataDir, secret: 'bench-secret-0123456789abcdef01234567' }
    server = await startServer(config, silentLogger)
    const created = (await (await post(`${server.url}/api/workshops`, undefined, { title: `Snapshot bench ${notes}` })).json()) as Created
    ctx.log(`seeding ${notes} notes`)
    await server.close()
    await preloadBoard(dataDir, created.id, async (doc) => {
      const stages = listStages(doc)
      const lanes = listLanes(doc)
      doc.transact(() => {
        for (let i = 0; i < notes; i++) {
          addNote(doc, { text: `Note ${i}: a customer remark of some length`, x: 10 + (i % 4) * 30, y: 10 + (Math.floor(i / 4) % 5) * 30, stageId: stages[i % stages.length]?.id as string, laneId: lanes[Math.floor(i / stages.length) % lanes.length]?.id as string })
        }
      })
    })
    server = await startServer(config, silentLogger)
    const durations: number[] = []
    let snapshotId = ''
    for (let i = 0; i < (ctx.smoke ? 2 : 7); i++) {
      const response = await post(`${server.url}/api/workshops/${created.id}/snapshots`, created.facilitatorToken, { name: `Bench ${i}` })
      const timing = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')
      snapshotId = ((await response.json()) as { id: string }).id
      // The first one loads the workshop too (not counted in its time, but it warms the code).
      if (i > 0 && timing) durations.push(Number(timing[1]))
    }
    results.push({ name: `snapshot of a ${notes.toLocaleString('en')}-note board (server time, median)`, value: median(durations), unit: 'ms', goal: '< 50 ms', met: median(durations) < 50, note: `max ${Math.max(...durations).toFixed(1)} ms over ${durations.length}` })

    if (!fs.existsSync(CHROMIUM)) {
      ctx.log(`browser figures skipped: no Chromium at ${CHROMIUM}`)
      return results
    }
    if (!fs.existsSync(path.join(root, 'dist/client/index.html'))) {
      ctx.log('building the client (vite build)')
      execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'ignore' })
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })

    // 2. Opening that snapshot read-only (changes since, and the board as it was).
    const opens: number[] = []
    for (let i = 0; i < 3; i++) {
      opens.push(
        await openTimed(browser, `${server.url}/w/${created.id}/snapshots/${snapshotId}`, [created], async (page) => {
          await page.getByRole('heading', { name: 'What changed since' }).waitFor({ timeout: 30_000 })
          await page.locator('.report-journey-table').waitFor({ timeout: 30_000 })
        }),
      )
    }
    results.push({ name: `open a snapshot of ${notes.toLocaleString('en')} notes (Chromium, median of 3)`, value: median(opens) / 1000, unit: 's', goal: '< 1 s', met: median(opens) < 1000 })

    // 3. The comparison of `months` monthly runs.
    ctx.log(`building a series of ${months} workshops`)
    const first = (await (await post(`${server.url}/api/workshops`, undefined, { title: 'Onboarding journey' })).json()) as Created
    const data = new Y.Doc()
    for (let i = 0; i < 8; i++) setKeyTouchpoint(data, `Touchpoint ${i + 1}`, { owner: ['Service', 'Sales', 'Marketing'][i % 3] as string, target: i % 2 ? 'repeat rate < 8 %' : 'csat >= 4' })
    await server.storage.appendUpdate(first.id, 'data', Y.encodeStateAsUpdate(data))
    const board = new Y.Doc()
    for (let i = 0; i < 10; i++) addRoadmapItem(board, { title: `Improvement ${i + 1}`, column: i % 2 ? 'next' : 'later' })
    await server.storage.appendUpdate(first.id, 'board', Y.encodeStateAsUpdate(board))
    const series: Created[] = [first]
    const stageTitles = ['Orientation', 'Purchase', 'Onboarding', 'Use', 'Service', 'Share experience']
    for (let m = 0; m < months; m++) {
      const workshop = m === 0 ? first : ((await (await post(`${server.url}/api/workshops`, series.at(-1)?.facilitatorToken, { from: series.at(-1)?.id, title: `Onboarding ${m + 1}` })).json()) as Created)
      if (m > 0) series.push(workshop)
      const dataset: Omit<Dataset, 'id' | 'importedAt' | 'stageMap'> = { name: `Month ${m + 1}`, fileName: `m${m + 1}.csv`, mapping: { customer: 'Customer', time: 'Date', stage: 'Stage', touchpoint: 'Touchpoint', csat: 'CSAT' }, aggregates: monthData(m, stageTitles) }
      await post(`${server.url}/api/workshops/${workshop.id}/series/datasets`, workshop.facilitatorToken, dataset)
    }
    const last = series.at(-1) as Created
    const renders: number[] = []
    for (let i = 0; i < 3; i++) {
      renders.push(
        await openTimed(browser, `${server.url}/w/${last.id}/compare`, series, async (page) => {
          await page.getByRole('heading', { name: 'Roadmap moves' }).waitFor({ timeout: 30_000 })
          await page.locator('svg.sparkline').first().waitFor({ timeout: 30_000 })
        }),
      )
    }
    results.push({ name: `comparison of ${months} monthly runs (Chromium, address → drawn, median of 3)`, value: median(renders) / 1000, unit: 's', goal: '< 1 s', met: median(renders) < 1000 })
    return results
  } finally {
    await browser?.close()
    await server?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
