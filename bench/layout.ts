/**
 * The board layout (shared/board/layout.ts over cell-layout.ts): how long it takes to lay out
 * one cell of 50 notes, and whole boards of 2,000 and 5,000 notes (the journey template's
 * 6 stages × 8 lanes, notes round-robin over the cells as the rendering bench seeds them, a
 * tenth of them with long text, every 50th loose). The board lays itself out again on every
 * change to a note, so this is the price of each remote edit before anything is drawn.
 * In process, no browser: median and 95th percentile of many runs after a warm-up; the text
 * fit cache is cleared between runs with new texts, so a run measures fitting too.
 */
import * as Y from 'yjs'
import { boardLayout } from '../shared/board/layout'
import { listLanes } from '../shared/board/lane'
import { addNote, listNotes, type Note } from '../shared/board/note'
import { listStages } from '../shared/board/stage'
import { initBoard } from '../shared/board/template'
import type { BenchContext, BenchResult } from './lib/types'

function board(count: number, cells?: number): { doc: Y.Doc; notes: Note[] } {
  const doc = new Y.Doc()
  initBoard(doc, { template: 'journey', title: 'Layout bench' })
  const stages = listStages(doc)
  const lanes = listLanes(doc)
  const cellCount = cells ?? stages.length * lanes.length
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const cell = i % cellCount
      const long = i % 10 === 3
      const loose = i % 50 === 7 && cells === undefined
      addNote(doc, {
        text: long ? `Note ${i}: ${'the customer could not find what they needed at this step '.repeat(4)}` : `Note ${i}: the customer could not find what they needed`,
        // Everyone writes the same spot: the worst case for the slot order.
        x: loose ? (i * 37) % 3000 : 6,
        y: loose ? 2000 + ((i * 53) % 800) : 6,
        ...(!loose && { stageId: (stages[cell % stages.length] as { id: string }).id, laneId: (lanes[Math.floor(cell / stages.length)] as { id: string }).id }),
        createdAt: i,
      })
    }
  })
  return { doc, notes: listNotes(doc) }
}

function time(runs: number, run: (i: number) => void): { median: number; p95: number } {
  for (let i = 0; i < Math.min(20, runs); i++) run(i)
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    run(i)
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)] as number, p95: samples[Math.floor(samples.length * 0.95)] as number }
}

export async function layoutBench(ctx: BenchContext): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const sizes: Array<{ label: string; count: number; cells?: number; runs: number; goal: number }> = [
    { label: 'one cell of 50 notes', count: 50, cells: 1, runs: ctx.smoke ? 20 : 2000, goal: 1 },
    { label: '2,000-note board', count: ctx.smoke ? 200 : 2000, runs: ctx.smoke ? 10 : 200, goal: 8 },
    ...(ctx.smoke ? [] : [{ label: '5,000-note board', count: 5000, runs: 100, goal: 20 }]),
  ]
  for (const size of sizes) {
    const { doc, notes } = board(size.count, size.cells)
    const stages = listStages(doc)
    const lanes = listLanes(doc)
    // A changed note each run (as a remote edit is): a fresh array, one note's text new.
    const t = time(size.runs, (i) => {
      const edited = notes.map((n, j) => (j === i % notes.length ? { ...n, text: `${n.text} ${i}` } : n))
      boardLayout(stages, lanes, edited)
    })
    ctx.log(`layout ${size.label}: median ${t.median.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms`)
    results.push(
      { name: `layout: ${size.label} (median)`, value: Number(t.median.toFixed(2)), unit: 'ms', goal: `< ${size.goal} ms`, met: t.median < size.goal },
      { name: `layout: ${size.label} (p95)`, value: Number(t.p95.toFixed(2)), unit: 'ms' },
    )
  }
  return results
}
