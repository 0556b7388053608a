/** Restart, compaction, SIGKILL durability and graceful shutdown against real SQLite. */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote, listNotes, setNoteText } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { readControl, setPhase } from '../../shared/facilitation/control'
import { openSqliteStorage, SQLITE_FILE } from '../../server/storage/sqlite'
import { spawnServer, type ChildServer } from '../helpers/child'
import {
  connect,
  createWorkshop,
  destroyAllClients,
  joinWorkshop,
  serverSuite,
  synced,
  tempDir,
  waitFor,
} from '../helpers/server'

const servers = serverSuite()
const start = servers.start
const children: ChildServer[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.child.exitCode === null) child.child.kill('SIGKILL')
})

function countRows(dataDir: string, workshopId: string, docName: string): number {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true })
  try {
    const row = db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE workshop_id = ? AND doc_name = ?').get(workshopId, docName) as { n: number }
    return row.n
  } finally {
    db.close()
  }
}

describe('storage', () => {
  it('checkpoints the WAL on its own thread while running, and leaves no WAL after close', async () => {
    const dataDir = tempDir()
    const storage = openSqliteStorage(dataDir)
    const file = path.join(dataDir, SQLITE_FILE)
    const size = (name: string) => (fs.existsSync(name) ? fs.statSync(name).size : 0)
    try {
      await storage.createWorkshop({ id: 'w'.repeat(21), title: 'WAL', joinCode: 'WALWAL', createdAt: Date.now() }, {})
      const chunk = new Uint8Array(16 * 1024).fill(7)
      const batch = async () => {
        for (let i = 0; i < 128; i++) await storage.appendUpdate('w'.repeat(21), 'board', chunk)
      }
      await batch() // 2 MiB of rows
      expect(size(file)).toBeLessThan(2 ** 20)
      // Automatic checkpoints are off on the main connection: only the worker moves pages.
      await waitFor(() => size(file) > 2 * 2 ** 20, { timeout: 10_000, message: 'the first checkpoint' })
      // The data is in the database file while the process runs, not only in the WAL.
      const db = new Database(file, { readonly: true })
      try {
        expect((db.prepare('SELECT COUNT(*) AS n FROM doc_updates').get() as { n: number }).n).toBe(128)
      } finally {
        db.close()
      }
    } finally {
      await storage.close()
    }
    expect(size(`${file}-wal`)).toBe(0)
  })

  it('closes completely when closing the store is the last thing a process does', () => {
    const dataDir = tempDir()
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '../helpers/closeStore.ts')
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, dataDir], { encoding: 'utf8', timeout: 30_000 })
    expect(out.trim()).toBe('closed')
    const wal = path.join(dataDir, `${SQLITE_FILE}-wal`)
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0)
  })

  it('keeps everything across a restart on the same DATA_DIR, with a generated SECRET', async () => {
    const dataDir = tempDir()
    const first = await start({ dataDir, secret: undefined })
    const workshop = await createWorkshop(first.url)
    const a = connect(first.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const control = connect(first.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await Promise.all([synced(a), synced(control)])
    const id = addNote(a.doc, { text: 'Before restart', x: 1, y: 2 })
    setNoteText(a.doc, id, 'Before the restart')
    setPhase(control.doc, 'define')
    // A second client seeing the edits means the server accepted (and stored) them.
    const b = connect(first.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await waitFor(() => listNotes(b.doc)[0]?.text === 'Before the restart')
    destroyAllClients()
    await servers.stop(first)

    const second = await start({ dataDir, secret: undefined })
    // The token issued before the restart still works: the secret was kept in DATA_DIR.
    const c = connect(second.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const c2 = connect(second.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await Promise.all([synced(c), synced(c2)])
    expect(listNotes(c.doc).map((n) => n.text)).toEqual(['Before the restart'])
    expect(listStages(c.doc)).toHaveLength(6)
    expect(readControl(c2.doc).phase).toBe('define')
  })

  it('compacts the update log into a snapshot and unloads rooms when the last client leaves', async () => {
    const server = await start({ compactEvery: 20 })
    const workshop = await createWorkshop(server.url)
    const a = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(a)
    for (let i = 0; i < 55; i++) addNote(a.doc, { text: `note ${i}`, x: i, y: i })
    const b = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await waitFor(() => listNotes(b.doc).length === 55, { message: 'all 55 notes relayed' })
    // 55 appends with compaction every 20: the log never holds the 56 rows it would without it.
    expect(countRows(server.dataDir, workshop.id, 'board')).toBeLessThan(20)
    expect(server.server.stats().workshopsLoaded).toBe(1)
    destroyAllClients()
    await waitFor(() => server.server.stats().workshopsLoaded === 0, { message: 'room unloaded' })
    await waitFor(() => countRows(server.dataDir, workshop.id, 'board') === 1, { message: 'compacted on unload' })
    const c = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(c)
    expect(listNotes(c.doc)).toHaveLength(55)
    // The template was written once, at creation; loading never writes it again.
    expect(listStages(c.doc)).toHaveLength(6)
  })

  it('loses nothing it relayed when the process is killed with SIGKILL', async () => {
    const dataDir = tempDir()
    const first = await spawnServer(dataDir)
    children.push(first)
    const workshop = await createWorkshop(first.url)
    const pat = await joinWorkshop(first.url, workshop, 'Pat')
    const writer = connect(first.wsUrl, workshop.id, 'board', pat.token)
    const watcher = connect(first.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await Promise.all([synced(writer), synced(watcher)])
    const ids: string[] = []
    for (let i = 0; i < 300; i++) {
      ids.push(addNote(writer.doc, { text: `edit ${i}`, x: i, y: 0 }))
      if (i % 50 === 0) await new Promise((r) => setImmediate(r))
    }
    // Kill the moment the watcher has seen every edit: relayed means stored.
    await waitFor(() => listNotes(watcher.doc).length === 300, { interval: 1, message: 'watcher saw all edits' })
    first.child.kill('SIGKILL')
    expect((await first.exited).signal).toBe('SIGKILL')
    destroyAllClients()

    const second = await spawnServer(dataDir)
    children.push(second)
    const reader = connect(second.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(reader)
    expect(new Set(listNotes(reader.doc).map((n) => n.id))).toEqual(new Set(ids))
    second.child.kill('SIGKILL')
  })

  it.each(['SIGTERM', 'SIGINT'] as const)('on %s closes sockets with a reason, flushes, and exits 0', async (signal) => {
    const dataDir = tempDir()
    const first = await spawnServer(dataDir)
    children.push(first)
    const workshop = await createWorkshop(first.url)
    const a = connect(first.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(a)
    addNote(a.doc, { text: 'flushed', x: 0, y: 0 })
    const b = connect(first.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await waitFor(() => listNotes(b.doc).length === 1)
    first.child.kill(signal)
    const exit = await first.exited
    expect(exit.code).toBe(0)
    await waitFor(() => a.closes.length > 0, { message: 'close event' })
    expect(a.closes[0]).toEqual({ code: 1001, reason: 'server shutting down' })
    destroyAllClients()
    // Shutdown compacted the log into one snapshot per document.
    expect(countRows(dataDir, workshop.id, 'board')).toBe(1)

    const second = await spawnServer(dataDir)
    children.push(second)
    const c = connect(second.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(c)
    expect(listNotes(c.doc).map((n) => n.text)).toEqual(['flushed'])
    second.child.kill('SIGTERM')
    await second.exited
  })

  it('refuses to load a board saved by a newer schema version, and writes nothing to it', async () => {
    const dataDir = tempDir()
    const first = await start({ dataDir })
    const workshop = await createWorkshop(first.url)
    const a = connect(first.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(a)
    addNote(a.doc, { text: 'from the future', x: 0, y: 0 })
    boardMaps(a.doc).meta.set('schemaVersion', 2)
    const b = connect(first.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await waitFor(() => boardMaps(b.doc).meta.get('schemaVersion') === 2)
    destroyAllClients()
    await servers.stop(first)
    const rowsBefore = countRows(dataDir, workshop.id, 'board')

    const second = await start({ dataDir })
    const c = connect(second.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await waitFor(() => c.closes.length > 0, { message: 'board connection closed' })
    expect(c.closes[0]?.code).toBe(1011)
    expect(c.closes[0]?.reason).toMatch(/newer version of Horizon/)
    c.destroy()
    const exported = await fetch(`${second.url}/api/workshops/${workshop.id}/export?format=json`, {
      headers: { Authorization: `Bearer ${workshop.facilitatorToken}` },
    })
    expect(exported.status).toBe(409)
    expect(((await exported.json()) as { error: string }).error).toMatch(/newer version/)
    // The facilitation document is unaffected.
    const control = connect(second.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await synced(control)
    expect(readControl(control.doc).phase).toBe('discover')
    destroyAllClients()
    await waitFor(() => second.server.stats().workshopsLoaded === 0)
    expect(countRows(dataDir, workshop.id, 'board')).toBe(rowsBefore)
  })
})
