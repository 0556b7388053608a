/**
 * Storage failure, for real: the server process's file writes start failing in the kernel
 * (tests/helpers/diskFull.ts: its file-size limit put to 0, as a full disk) while clients edit.
 * What the README "Reliability" promises:
 * - the client is told: its connection closes with 4503 (our client shows "not saved");
 * - nothing is silently dropped: the change is never relayed or stored half, and the client
 *   keeps it; nothing the server had stored before is lost;
 * - writes are retried: the client reconnects (with backoff) and sends it again, failing again
 *   while the disk is "full";
 * - the room holds no unsaved change: it drops its memory on the failure and loads from storage
 *   on the next connection, so unloading or reloading it never loses or resurrects one;
 * - once writes work again, the change is stored once, reaches everyone, and survives SIGKILL.
 */
import { describe, expect, it } from 'vitest'
import { CLOSE } from '../../shared/roles'
import { addNote, listNotes } from '../../shared/board/note'
import { allowWrites, failWrites, hasPrlimit } from '../helpers/diskFull'
import { childServers, storedDocs } from '../helpers/reliability'
import { connect, createWorkshop, joinWorkshop, sleep, synced, waitFor } from '../helpers/server'

const servers = childServers()
const available = hasPrlimit()
if (!available) {
  if (process.env.CI === 'true') throw new Error('prlimit (util-linux) is required for the storage-failure tests in CI')
  console.warn('\n!!! SKIPPING STORAGE-FAILURE TESTS: prlimit (util-linux) not found !!!\n')
}

const texts = (doc: Parameters<typeof listNotes>[0]) => listNotes(doc).map((note) => note.text).sort()

describe.skipIf(!available)('storage failure (real failing writes)', () => {
  it('tells the writer (4503), relays and stores nothing half, retries by reconnecting, and saves once writes work again', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const pat = await joinWorkshop(server.url, workshop, 'Pat')
    const writer = connect(server.wsUrl, workshop.id, 'board', pat.token)
    const watcher = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await Promise.all([synced(writer), synced(watcher)])
    addNote(writer.doc, { text: 'before the disk filled', x: 0, y: 0 })
    await waitFor(() => texts(watcher.doc).includes('before the disk filled'))

    failWrites(server.current.pid)
    addNote(writer.doc, { text: 'while the disk is full', x: 1, y: 1 })
    // Told, and retried: every reconnect sends it again and is refused again.
    await waitFor(() => writer.closes.filter((c) => c.code === CLOSE.storageFailed).length >= 3, {
      timeout: 15_000,
      message: 'the writer is told three times (it keeps retrying)',
    })
    expect(writer.closes.find((c) => c.code === CLOSE.storageFailed)?.reason).toMatch(/could not be saved/)
    // It is the store that failed (SQLite's own error, from the kernel's refusal to write).
    const { problems } = await server.current.stats()
    expect(problems.join('\n')).toMatch(/storing a change of .* failed/)
    // Nothing reached anyone else, nothing reached storage; the writer still has it.
    expect(texts(watcher.doc)).toEqual(['before the disk filled'])
    expect(texts(storedDocs(server.dataDir, workshop.id, ['board']).board!)).toEqual(['before the disk filled'])
    expect(texts(writer.doc)).toEqual(['before the disk filled', 'while the disk is full'])
    // A client joining now gets what storage holds, and nothing else.
    const joiner = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(joiner, 10_000)
    expect(texts(joiner.doc)).toEqual(['before the disk filled'])

    allowWrites(server.current.pid)
    await waitFor(() => texts(watcher.doc).includes('while the disk is full') && texts(joiner.doc).includes('while the disk is full'), {
      timeout: 15_000,
      message: 'the change is saved and relayed once writes work',
    })
    const failures = writer.closes.length
    await sleep(500)
    expect(writer.closes.length, 'no more failures once writes work').toBe(failures)
    expect(texts(watcher.doc)).toEqual(['before the disk filled', 'while the disk is full'])

    // Stored once, and it survives a SIGKILL.
    await server.restart({ kill: true })
    const fresh = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
    await synced(fresh, 10_000)
    expect(texts(fresh.doc)).toEqual(['before the disk filled', 'while the disk is full'])
    expect(texts(storedDocs(server.dataDir, workshop.id, ['board']).board!)).toEqual(['before the disk filled', 'while the disk is full'])
  }, 180_000)
})
