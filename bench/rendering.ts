/**
 * Rendering in headless Chromium: a board with N notes (2,000 by default; 5,000 too in the
 * full run). Measures the time from opening the URL to notes drawn, and frames per second
 * (requestAnimationFrame timing) while panning (space+drag; the wheel or two-finger scroll)
 * and zooming (ctrl + a mouse wheel; a trackpad pinch, which Chromium sends as ctrl + wheel
 * with small steps) — zoomed to fit (every note in view) and zoomed in (culling leaves some
 * out) — and while dragging a note, alone and with
 * 10 remote peers editing (each moves a note and edits a text once a second and moves its
 * cursor at 30 Hz, as a live session does).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { startServer } from '../server/app'
import { DEFAULTS } from '../server/config'
import { silentLogger } from '../server/log'
import { LAYOUT, SLOTS_PER_CELL, slotInCell } from '../shared/board/layout'
import { listLanes } from '../shared/board/lane'
import { addNote, listNotes, moveNote, setNoteText } from '../shared/board/note'
import { listStages } from '../shared/board/stage'
import type { BenchContext, BenchResult } from './lib/types'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']

async function seedBoard(wsUrl: string, workshopId: string, token: string, count: number): Promise<void> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${wsUrl}/sync/${workshopId}`, 'board', doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
  const stages = listStages(doc)
  const lanes = listLanes(doc)
  const cells = stages.length * lanes.length
  // Fill cells round-robin; past a cell's tiles notes stack with a small offset.
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const cell = i % cells
      const slot = slotInCell(Math.floor(i / cells) % (SLOTS_PER_CELL * 4))
      addNote(doc, {
        text: `Note ${i}: the customer could not find what they needed at this step`,
        x: slot.x,
        y: slot.y,
        stageId: (stages[cell % stages.length] as { id: string }).id,
        laneId: (lanes[Math.floor(cell / stages.length)] as { id: string }).id,
      })
    }
  })
  // Wait until a second client holds them all: then the server has stored them.
  const check = new Y.Doc()
  const reader = new WebsocketProvider(`${wsUrl}/sync/${workshopId}`, 'board', check, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  while (listNotes(check).length < count) await new Promise((r) => setTimeout(r, 50))
  reader.destroy()
  provider.destroy()
}

/**
 * `count` participants joined by code, each editing through a stock provider: every second it
 * moves one note a little and rewrites another's text; its cursor moves at 30 Hz. Returns a
 * function that stops them.
 */
async function remotePeers(httpUrl: string, workshopId: string, joinCode: string, count: number): Promise<() => void> {
  const wsUrl = httpUrl.replace(/^http/, 'ws')
  const peers: { provider: WebsocketProvider; doc: Y.Doc }[] = []
  for (let i = 0; i < count; i++) {
    const joined = (await (
      await fetch(`${httpUrl}/api/workshops/${workshopId}/join`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: `Peer ${i}`, joinCode }) })
    ).json()) as { token: string; participantId: string }
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`${wsUrl}/sync/${workshopId}`, 'board', doc, {
      params: { token: joined.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    provider.awareness.setLocalState({ user: { name: `Peer ${i}`, color: '#7c3aed', participantId: joined.participantId, role: 'participant' } })
    peers.push({ provider, doc })
  }
  let tick = 0
  const cursors = setInterval(() => {
    tick++
    peers.forEach(({ provider }, i) => {
      const state = provider.awareness.getLocalState() ?? {}
      provider.awareness.setLocalState({ ...state, cursor: { x: 400 + 300 * Math.cos(tick / 20 + i), y: 400 + 200 * Math.sin(tick / 15 + i) } })
    })
  }, 1000 / 30)
  const edits = setInterval(() => {
    peers.forEach(({ doc }, i) => {
      const notes = listNotes(doc)
      const moved = notes[(tick * 7 + i * 13) % notes.length]
      const edited = notes[(tick * 11 + i * 17) % notes.length]
      if (moved) moveNote(doc, moved.id, { x: moved.x + (tick % 2 ? 4 : -4), y: moved.y, stageId: moved.stageId ?? null, laneId: moved.laneId ?? null })
      if (edited) setNoteText(doc, edited.id, `Edited by peer ${i} at ${tick}`)
    })
  }, 1000)
  return () => {
    clearInterval(cursors)
    clearInterval(edits)
    for (const { provider, doc } of peers) {
      provider.destroy()
      doc.destroy()
    }
  }
}

/** Frames per second, and the 95th-percentile and longest frame, while `action` runs. */
async function measureFrames(page: Page, action: () => Promise<void>): Promise<{ fps: number; p95: number; max: number }> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = []
    window.__recording = true
    const tick = (t) => {
      if (!window.__recording) return
      window.__frames.push(t)
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  await action()
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean }
    w.__recording = false
    return w.__frames
  })
  const deltas = frames.slice(1).map((t, i) => t - (frames[i] as number)).sort((a, b) => a - b)
  const duration = (frames.at(-1) ?? 0) - (frames[0] ?? 0)
  return {
    fps: duration > 0 ? ((frames.length - 1) * 1000) / duration : 0,
    p95: deltas[Math.floor(deltas.length * 0.95)] ?? 0,
    max: deltas.at(-1) ?? 0,
  }
}

async function pan(page: Page, box: { x: number; y: number; width: number; height: number }, steps: number): Promise<void> {
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  // Space+drag pans wherever the pointer is (notes are not dragged). The board must have the
  // focus, or the space goes to the toolbar button clicked last.
  await page.getByTestId('board-canvas').focus()
  await page.keyboard.down(' ')
  await page.mouse.move(box.x + 8, cy)
  await page.mouse.down()
  for (let i = 0; i < steps; i++) {
    const angle = (i / steps) * Math.PI * 4
    await page.mouse.move(box.x + 8 + Math.cos(angle) * 200 + 200, cy + Math.sin(angle) * 150)
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)))
  }
  await page.mouse.up()
  await page.keyboard.up(' ')
  void cx
}

/**
 * Wheel events as a mouse wheel or a trackpad sends them: one per frame, for `steps` frames,
 * dispatched in the page at the middle of the canvas (`page.mouse.wheel` waits for each event's
 * round trip through the browser, tens of ms on a loaded machine, so the view came to rest —
 * and was drawn sharp — between events, which no hand does). `kind`: `pan` circles with
 * ±24 px deltas (two-finger scroll, the wheel); `zoom` is ctrl + one mouse-wheel notch (±100),
 * 10 in then 10 out; `pinch` is ctrl + small fractional deltas (±4.5), as Chromium sends a
 * trackpad pinch, 20 in then 20 out.
 */
async function wheel(page: Page, box: { x: number; y: number; width: number; height: number }, steps: number, kind: 'pan' | 'zoom' | 'pinch'): Promise<void> {
  await page.evaluate(
    `new Promise((resolve) => {
      const x = ${box.x + box.width / 2}, y = ${box.y + box.height / 2}, steps = ${steps}, kind = '${kind}'
      const target = document.elementFromPoint(x, y)
      let i = 0
      const frame = () => {
        if (i >= steps) return resolve()
        const angle = (i / steps) * Math.PI * 4
        const init = kind === 'pan'
          ? { deltaX: Math.round(Math.cos(angle) * 24), deltaY: Math.round(Math.sin(angle) * 24) }
          : kind === 'zoom'
            ? { deltaX: 0, deltaY: i % 20 < 10 ? -100 : 100, ctrlKey: true }
            : { deltaX: 0, deltaY: i % 40 < 20 ? -4.5 : 4.5, ctrlKey: true }
        target.dispatchEvent(new WheelEvent('wheel', { ...init, clientX: x, clientY: y, deltaMode: 0, bubbles: true, cancelable: true }))
        i++
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })`,
  )
}

/** Shift+1: the whole board in view (the board opens at a readable zoom, showing part of it). */
async function zoomToFit(page: Page): Promise<void> {
  await page.getByTestId('board-canvas').focus()
  await page.keyboard.press('Shift+Digit1')
  await page.waitForTimeout(300)
}

export async function renderingBench(ctx: BenchContext): Promise<BenchResult[]> {
  if (!fs.existsSync(CHROMIUM)) {
    ctx.log(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`)
    return []
  }
  if (!fs.existsSync(path.join(root, 'dist/client/index.html'))) {
    ctx.log('building the client (vite build)')
    execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'ignore' })
  }
  const sizes = ctx.smoke ? [200] : process.env.BENCH_NOTES ? process.env.BENCH_NOTES.split(',').map(Number) : [2000, 5000]
  const steps = ctx.smoke ? 30 : 150
  const results: BenchResult[] = []
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'horizon-bench-'))
  const server = await startServer({ ...DEFAULTS, port: 0, dataDir, secret: 'bench-secret-0123456789abcdef01234567' }, silentLogger)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
  try {
    for (const count of sizes) {
      const created = (await (
        await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: `Bench ${count}` }) })
      ).json()) as { id: string; facilitatorToken: string; facilitatorUrl: string; joinCode: string }
      ctx.log(`seeding ${count} notes`)
      await seedBoard(server.url.replace(/^http/, 'ws'), created.id, created.facilitatorToken, count)

      // Cold opens: fresh browser contexts (no IndexedDB copy); the median of three counts.
      const opens: number[] = []
      let context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
      let page = await context.newPage()
      for (let attempt = 0; attempt < 3; attempt++) {
        if (attempt > 0) {
          await context.close()
          context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
          page = await context.newPage()
        }
        const started = Date.now()
        await page.goto(created.facilitatorUrl)
        await page.waitForFunction(
          (n) => Number(document.querySelector<HTMLElement>('[data-testid="board-canvas"]')?.dataset.notesRendered ?? 0) >= Math.min(n, 50),
          count,
          { timeout: 60_000, polling: 'raf' },
        )
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
        opens.push(Date.now() - started)
      }
      const openMs = [...opens].sort((a, b) => a - b)[1] as number
      results.push({
        name: `open → notes visible (${count} notes)`,
        value: openMs / 1000,
        unit: 's',
        goal: count === 2000 ? '< 1.5 s' : '',
        ...(count === 2000 && { met: openMs < 1500 }),
        note: `median of ${opens.map((o) => (o / 1000).toFixed(2)).join(', ')} s`,
      })
      ctx.log(`open: ${opens.join(', ')} ms`)

      const box = (await page.getByTestId('board-canvas').boundingBox()) as { x: number; y: number; width: number; height: number }
      const rendered = async () => Number(await page.getByTestId('board-canvas').getAttribute('data-notes-rendered'))
      // Zoomed to fit: every note in view.
      await zoomToFit(page)
      const fitRendered = await rendered()
      const fitPan = await measureFrames(page, () => pan(page, box, steps))
      await zoomToFit(page)
      const fitWheelPan = await measureFrames(page, () => wheel(page, box, steps, 'pan'))
      await zoomToFit(page)
      const fitZoom = await measureFrames(page, () => wheel(page, box, steps, 'zoom'))
      await zoomToFit(page)
      const fitPinch = await measureFrames(page, () => wheel(page, box, steps, 'pinch'))
      // Zoomed in (fit, then + five times): culling draws only the notes in view.
      await zoomToFit(page)
      for (let i = 0; i < 5; i++) await page.keyboard.press('+')
      await page.waitForTimeout(300)
      const closeRendered = await rendered()
      const closePan = await measureFrames(page, () => pan(page, box, steps))
      // Drag one note around (the others stay put).
      const notePoint = (await page.evaluate(`(() => {
        const stage = window.Konva.stages.find((s) => s.container().isConnected)
        const box = stage.container().getBoundingClientRect()
        const notes = stage.find('.note').map((n) => n.getClientRect()).filter((r) => r.x > 50 && r.y > 50 && r.x < box.width - 200 && r.y < box.height - 200)
        const r = notes[0]
        return r ? { x: box.left + r.x + r.width / 2, y: box.top + r.y + r.height / 2 } : null
      })()`)) as { x: number; y: number } | null
      let noteDrag: { fps: number; p95: number; max: number } | undefined
      let busyDrag: { fps: number; p95: number; max: number } | undefined
      const dragAround = async () => {
        if (!notePoint) return
        await page.mouse.move(notePoint.x, notePoint.y)
        await page.mouse.down()
        for (let i = 0; i < steps; i++) {
          const angle = (i / steps) * Math.PI * 4
          await page.mouse.move(notePoint.x + Math.cos(angle) * 120 - 120 + 20, notePoint.y + Math.sin(angle) * 80)
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)))
        }
        await page.mouse.up()
      }
      if (notePoint) {
        noteDrag = await measureFrames(page, dragAround)
        const stop = await remotePeers(server.url, created.id, created.joinCode, 10)
        try {
          await new Promise((r) => setTimeout(r, 1500))
          busyDrag = await measureFrames(page, dragAround)
        } finally {
          stop()
        }
      }
      const scale = Number(await page.evaluate('window.Konva.stages.find((s) => s.container().isConnected).scaleX()'))
      const goal = count === 2000 ? '≥ 55 fps' : ''
      const met = (fps: number) => (count === 2000 ? { met: fps >= 55 } : {})
      results.push(
        { name: `pan, fit view (${count} notes, ${fitRendered} drawn)`, value: fitPan.fps, unit: 'fps', goal, ...met(fitPan.fps), note: `p95 ${fitPan.p95.toFixed(1)} ms, max ${fitPan.max.toFixed(0)} ms` },
        { name: `pan, wheel / two-finger scroll, fit view (${count} notes)`, value: fitWheelPan.fps, unit: 'fps', goal, ...met(fitWheelPan.fps), note: `p95 ${fitWheelPan.p95.toFixed(1)} ms, max ${fitWheelPan.max.toFixed(0)} ms` },
        { name: `zoom, ctrl+wheel (${count} notes)`, value: fitZoom.fps, unit: 'fps', goal, ...met(fitZoom.fps), note: `p95 ${fitZoom.p95.toFixed(1)} ms, max ${fitZoom.max.toFixed(0)} ms` },
        { name: `zoom, pinch (ctrl+wheel, small steps) (${count} notes)`, value: fitPinch.fps, unit: 'fps', goal, ...met(fitPinch.fps), note: `p95 ${fitPinch.p95.toFixed(1)} ms, max ${fitPinch.max.toFixed(0)} ms` },
        { name: `pan, zoom ×${scale.toFixed(2)} (${count} notes, ${closeRendered} drawn)`, value: closePan.fps, unit: 'fps', goal, ...met(closePan.fps), note: `p95 ${closePan.p95.toFixed(1)} ms, max ${closePan.max.toFixed(0)} ms` },
      )
      if (noteDrag)
        results.push({ name: `drag a note (${count} notes)`, value: noteDrag.fps, unit: 'fps', goal, ...met(noteDrag.fps), note: `p95 ${noteDrag.p95.toFixed(1)} ms, max ${noteDrag.max.toFixed(0)} ms` })
      if (busyDrag)
        results.push({
          name: `drag a note, 10 peers editing (${count} notes)`,
          value: busyDrag.fps,
          unit: 'fps',
          goal,
          ...met(busyDrag.fps),
          note: `p95 ${busyDrag.p95.toFixed(1)} ms, max ${busyDrag.max.toFixed(0)} ms; each peer: 1 move + 1 text edit per s, cursor at 30 Hz`,
        })
      ctx.log(`fit pan ${fitPan.fps.toFixed(1)} fps, wheel pan ${fitWheelPan.fps.toFixed(1)} fps, zoom ${fitZoom.fps.toFixed(1)} fps, pinch ${fitPinch.fps.toFixed(1)} fps, zoomed pan ${closePan.fps.toFixed(1)} fps, note drag ${noteDrag?.fps.toFixed(1) ?? '—'} fps, with 10 peers ${busyDrag?.fps.toFixed(1) ?? '—'} fps`)
      await context.close()
    }
  } finally {
    await browser.close()
    await server.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  void LAYOUT
  return results
}
