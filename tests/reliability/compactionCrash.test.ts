/**
 * Crash during compaction: a process compacting a document's log (thousands of rows into one
 * snapshot, then that snapshot into a new one, again and again) is killed with SIGKILL at
 * random moments — seeded, spread over the first compaction and the ones after it. Each time
 * the store opens again as a restarted server opens it, and holds the document exactly as it
 * was: either all the rows or the snapshot, never a mix, never less. COMPACTION_KILLS=n for more.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docFromStored } from '../../server/storage/docLoader'
import { openSqliteStorage, SQLITE_FILE } from '../../server/storage/sqlite'
import { addNote, setNoteText } from '../../shared/board/note'
import { initBoard } from '../../shared/board/template'
import { mulberry32 } from '../helpers/random'
import { tempDir } from '../helpers/server'
import { workshopState } from '../helpers/reliability'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const WORKSHOP = 'crash-compaction-00001'
const KILLS = Number(process.env.COMPACTION_KILLS ?? 8)

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A store whose board has a template and `rows` more updates (notes, typing), as a room appends them. */
async function prepare(rows: number): Promise<{ dir: string; state: string }> {
  const dir = tempDir('horizon-crash-')
  dirs.push(dir)
  const storage = openSqliteStorage(dir)
  const doc = new Y.Doc()
  initBoard(doc, { template: 'journey', title: 'Crash' })
  await storage.createWorkshop({ id: WORKSHOP, title: 'Crash', joinCode: 'CRASH1', createdAt: Date.now() }, { board: Y.encodeStateAsUpdate(doc) })
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  let last = ''
  for (let i = 0; i < rows; i++) {
    if (i % 3 === 2) setNoteText(doc, last, `note ${i} `.repeat(20))
    else last = addNote(doc, { text: `note ${i}`, x: i, y: i })
  }
  for (const update of updates) await storage.appendUpdate(WORKSHOP, 'board', update)
  await storage.close()
  return { dir, state: workshopState(doc) }
}

/** Runs the compacting child on a copy of `template` and kills it `afterMs` after it is ready (or after its first compaction). */
async function killDuringCompaction(template: string, afterMs: number | 'first'): Promise<{ dir: string; output: string }> {
  const dir = tempDir('horizon-crash-run-')
  dirs.push(dir)
  fs.cpSync(template, dir, { recursive: true })
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/helpers/compactChild.ts'), dir, WORKSHOP], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    let armed = false
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (armed) return
      if (afterMs === 'first' ? output.includes('compacted') : output.includes('ready')) {
        armed = true
        setTimeout(
          () => {
            child.kill('SIGKILL')
            resolve()
          },
          afterMs === 'first' ? 0 : afterMs,
        )
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    void exited.then(() => reject(new Error(`the compacting process exited by itself:\n${output}`)))
  })
  await exited
  return { dir, output }
}

function loadBack(dir: string): Promise<{ state: string; rows: number }> {
  const storage = openSqliteStorage(dir)
  return storage
    .loadDoc(WORKSHOP, 'board')
    .then((stored) => {
      const { doc, droppedPending } = docFromStored(stored, (error) => {
        throw error
      })
      expect(droppedPending).toBe(false)
      return { state: workshopState(doc), rows: stored.updates.length }
    })
    .finally(() => storage.close())
}

describe('crash during compaction', () => {
  it(`SIGKILL at ${KILLS} random moments of compacting leaves a store that loads the same document`, async () => {
    const rows = 1500
    const { dir: template, state } = await prepare(rows)
    expect(fs.existsSync(path.join(template, SQLITE_FILE))).toBe(true)
    // How long one compaction of all the rows takes here: the kills spread over 1.5 times that.
    const calibration = await killDuringCompaction(template, 'first')
    const first = /compacted \d+ rows in ([\d.]+) ms/.exec(calibration.output)
    expect(first, calibration.output).not.toBeNull()
    const span = Math.max(50, 1.5 * Number(first![1]))
    const random = mulberry32(20261125)
    const seen = { before: 0, after: 0 }
    for (let k = 0; k < KILLS; k++) {
      const at = Math.floor(random() * span)
      const { dir, output } = await killDuringCompaction(template, at)
      const loaded = await loadBack(dir)
      expect(loaded.state, `killed ${at} ms in (${output.trim().split('\n').length - 1} compactions done)`).toBe(state)
      // All rows (killed before the first commit) or the snapshot: a transaction, never half.
      expect([rows + 1, 1]).toContain(loaded.rows)
      if (loaded.rows === 1) seen.after++
      else seen.before++
    }
    // The kills landed on both sides of the first commit (not only before or only after it).
    console.log(`compaction: ${first![1]} ms; killed before the first commit ${seen.before}×, after ${seen.after}×`)
    expect(seen.before + seen.after).toBe(KILLS)
  }, 300_000)
})
