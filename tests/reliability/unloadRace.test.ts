/**
 * Unload race: the last client of a workshop sends a change and leaves; unloading compacts the
 * (big) document — a slow save — and a new client joins at once, while that save runs. It must
 * see every change: the registry loads the workshop again only after its unload has finished,
 * and the change was stored before it was relayed. Many rounds, each joiner arriving at a
 * different moment of the unload.
 */
import { describe, expect, it } from 'vitest'
import { addNote, listNotes } from '../../shared/board/note'
import { connect, createWorkshop, serverSuite, sleep, synced, waitFor } from '../helpers/server'

const servers = serverSuite()
const ROUNDS = Number(process.env.UNLOAD_ROUNDS ?? 12)

describe('unload race', () => {
  it(`the last client leaves during a slow save and a new one joins at once: it sees every change (${ROUNDS} rounds)`, async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    // A big board, so that the compaction on unload takes a while.
    const first = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(first)
    first.doc.transact(() => {
      for (let i = 0; i < 400; i++) addNote(first.doc, { text: `bulk ${i} `.repeat(100), x: i, y: 0 })
    })
    await waitFor(async () => (await server.server.storage.loadDoc(workshop.id, 'board')).bytes > 300_000, { message: 'the bulk is stored' })
    first.destroy()
    await waitFor(() => server.server.stats().workshopsLoaded === 0, { message: 'unloaded' })

    let leaver = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await synced(leaver)
    for (let round = 0; round < ROUNDS; round++) {
      addNote(leaver.doc, { text: `round ${round}`, x: 0, y: round })
      // Leave right after sending: the server stores it, sees the close, unloads (compacts)…
      leaver.destroy()
      // …and the next client arrives at a different moment of that each round.
      await sleep(round % 4 === 0 ? 0 : round * 3)
      const joiner = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
      await synced(joiner, 10_000)
      const rounds = listNotes(joiner.doc).filter((note) => note.text.startsWith('round ')).map((note) => note.text)
      expect(rounds.sort(), `round ${round}`).toEqual(Array.from({ length: round + 1 }, (_, i) => `round ${i}`).sort())
      leaver = joiner
    }
    leaver.destroy()
    await waitFor(() => server.server.stats().workshopsLoaded === 0, { message: 'unloaded at the end' })
  }, 60_000)
})
