/**
 * Restore from an older backup: the data directory is replaced by a copy taken earlier while
 * clients hold newer state (their own changes and each other's). When they reconnect, the
 * server regains everything they hold — under client ids the old store never saw, which their
 * writers claim afresh — and nothing is duplicated: the journey template is written once, when
 * the workshop is created, never on load, so the old store and the clients agree on it.
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { listLanes } from '../../shared/board/lane'
import { addNote, listNotes, setNoteText } from '../../shared/board/note'
import { addStage, listStages } from '../../shared/board/stage'
import { DEFAULT_LANES, DEFAULT_STAGES } from '../../shared/board/template'
import { childServers, invariantViolations, refusals, storedDocs, workshopState } from '../helpers/reliability'
import { connect, createWorkshop, joinWorkshop, synced, tempDir, waitFor } from '../helpers/server'

const servers = childServers()
const texts = (doc: Parameters<typeof listNotes>[0]) => listNotes(doc).map((note) => note.text).sort()

describe('restore from an older backup', () => {
  it('clients holding newer state give it back on reconnecting; nothing is duplicated', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url, { title: 'Restore', template: 'journey' })
    const ann = await joinWorkshop(server.url, workshop, 'Ann')
    const bob = await joinWorkshop(server.url, workshop, 'Bob')
    const a = connect(server.wsUrl, workshop.id, 'board', ann.token)
    const f = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    await Promise.all([synced(a), synced(f), synced(control)])
    addNote(a.doc, { text: 'Ann, backed up', x: 0, y: 0 })
    await waitFor(() => texts(f.doc).includes('Ann, backed up'))

    // The backup: a copy of the data directory, taken with the server stopped.
    await server.down({ kill: false })
    const backup = tempDir('horizon-backup-')
    fs.cpSync(server.dataDir, backup, { recursive: true })
    await server.up()
    await Promise.all([synced(a, 30_000), synced(f, 30_000)])

    // After the backup: more from Ann and the facilitator, and Bob — whose Yjs client id the
    // backup never saw — writes too. Everyone receives everything.
    const b = connect(server.wsUrl, workshop.id, 'board', bob.token)
    await synced(b)
    addNote(a.doc, { text: 'Ann, after the backup', x: 1, y: 0 })
    setNoteText(a.doc, listNotes(a.doc).find((n) => n.text === 'Ann, backed up')!.id, 'Ann, backed up, then edited')
    addNote(b.doc, { text: 'Bob, after the backup', x: 2, y: 0 })
    addStage(f.doc, 'stage after the backup')
    const newer = ['Ann, after the backup', 'Ann, backed up, then edited', 'Bob, after the backup']
    await waitFor(() => [a, b, f].every((c) => newer.every((t) => texts(c.doc).includes(t))), { message: 'everyone has the newer changes' })
    const held = workshopState(f.doc, control.doc)

    // The restore: the server stops, its data directory becomes the old copy, it starts again.
    await server.down({ kill: true })
    fs.rmSync(server.dataDir, { recursive: true, force: true })
    fs.cpSync(backup, server.dataDir, { recursive: true })
    expect(texts(storedDocs(server.dataDir, workshop.id).board!)).toEqual(['Ann, backed up'])
    await server.up()

    await waitFor(() => [a, b, f].every((c) => c.provider.synced && workshopState(c.doc, control.doc) === held), {
      timeout: 60_000,
      message: 'every client is back with what it held',
    })
    const fresh = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await waitFor(() => fresh.provider.synced && workshopState(fresh.doc, control.doc) === held, { timeout: 30_000, message: 'the server regained it all' })
    for (const client of [a, b, f]) expect(refusals(client)).toEqual([])
    // Nothing twice: the template once, each note once.
    expect(listStages(fresh.doc).map((s) => s.title)).toEqual([...DEFAULT_STAGES, 'stage after the backup'])
    expect(listLanes(fresh.doc).map((l) => l.title)).toEqual(DEFAULT_LANES.map((l) => l.title))
    expect(texts(fresh.doc)).toEqual(['Ann, after the backup', 'Ann, backed up, then edited', 'Bob, after the backup'])
    expect(invariantViolations(fresh.doc, control.doc)).toEqual([])

    // Everyone still writes under their own ids (claimed afresh by their writers, whoever gave
    // the changes back first), and it is stored: after a SIGKILL a new client gets the same.
    addNote(b.doc, { text: 'Bob, after the restore', x: 3, y: 0 })
    addNote(a.doc, { text: 'Ann, after the restore', x: 4, y: 0 })
    addStage(f.doc, 'stage after the restore')
    await waitFor(() => texts(fresh.doc).includes('Bob, after the restore') && texts(fresh.doc).includes('Ann, after the restore') && listStages(fresh.doc).length === 8, {
      message: 'writes after the restore arrive',
    })
    for (const client of [a, b, f]) expect(refusals(client)).toEqual([])
    const final = workshopState(fresh.doc, control.doc)
    for (const client of [a, b, f, fresh]) client.destroy()
    await server.restart({ kill: true })
    const stored = storedDocs(server.dataDir, workshop.id)
    expect(workshopState(stored.board!, stored.control!)).toBe(final)
  }, 240_000)
})
