/**
 * Seeded random edits from three real clients with random disconnects, through the real
 * server: every client, and a fresh one after a restart, end with the same board.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { setEmotion } from '../../shared/board/emotion'
import { addNote, deleteNote, listNotes, moveNote, setNoteText } from '../../shared/board/note'
import { addStage, listStages, moveStage } from '../../shared/board/stage'
import { setVote } from '../../shared/voting/vote'
import { mulberry32 } from '../helpers/random'
import {
  connect,
  createWorkshop,
  destroyAllClients,
  joinWorkshop,
  serverSuite,
  sleep,
  synced,
  waitFor,
  type Client,
} from '../helpers/server'

const servers = serverSuite()

const state = (doc: Y.Doc) => JSON.stringify(workshopToJson(doc, new Y.Doc()))

async function run(seed: number): Promise<void> {
  const random = mulberry32(seed)
  const pick = <T,>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)]
  let server = await servers.start({ compactEvery: 25 })
  const workshop = await createWorkshop(server.url)
  const p1 = await joinWorkshop(server.url, workshop, 'P1')
  const p2 = await joinWorkshop(server.url, workshop, 'P2')
  const tokens = [workshop.facilitatorToken, p1.token, p2.token]
  // Each votes under its own participant id: the server refuses anything else from participants.
  const voters = [workshop.participantId, p1.participantId, p2.participantId]
  const clients: Client[] = tokens.map((token) => connect(server.wsUrl, workshop.id, 'board', token))
  await Promise.all(clients.map((c) => synced(c)))
  const online = clients.map(() => true)

  for (let step = 0; step < 200; step++) {
    const i = Math.floor(random() * clients.length)
    const client = clients[i]!
    const doc = client.doc
    const notes = listNotes(doc)
    const stages = listStages(doc)
    const r = random()
    if (r < 0.08) {
      // Toggle this client's connection; edits made offline must merge on reconnect.
      if (online[i]) client.provider.disconnect()
      else client.provider.connect()
      online[i] = !online[i]
    } else if (r < 0.35 || notes.length === 0) {
      addNote(doc, { text: `s${seed} n${step}`, x: Math.floor(random() * 1000), y: 0, stageId: pick(stages)?.id ?? '' })
    } else if (r < 0.5) {
      const note = pick(notes)!
      const text = note.text
      const at = Math.floor(random() * (text.length + 1))
      setNoteText(doc, note.id, text.slice(0, at) + `[${i}]` + text.slice(at))
    } else if (r < 0.62) {
      const note = pick(notes)!
      moveNote(doc, note.id, { x: Math.floor(random() * 2000), y: Math.floor(random() * 800), stageId: pick(stages)?.id ?? null })
    } else if (r < 0.7) {
      deleteNote(doc, pick(notes)!.id)
    } else if (r < 0.78) {
      const stage = pick(stages)
      if (stage) moveStage(doc, stage.id, Math.floor(random() * stages.length))
    } else if (r < 0.83) {
      addStage(doc, `stage ${step}`, Math.floor(random() * (stages.length + 1)))
    } else if (r < 0.92) {
      const note = pick(notes)!
      setVote(doc, 'round', voters[i]!, note.id, 1 + Math.floor(random() * 3))
    } else {
      const stage = pick(stages)
      if (stage) setEmotion(doc, stage.id, Math.floor(random() * 5) - 2)
    }
    if (random() < 0.2) await sleep(Math.floor(random() * 15))
  }
  clients.forEach((client, i) => {
    if (!online[i]) client.provider.connect()
  })
  await waitFor(() => new Set(clients.map((c) => state(c.doc))).size === 1, {
    timeout: 10_000,
    message: `clients converge (seed ${seed})`,
  })
  const final = state(clients[0]!.doc)
  expect(listNotes(clients[0]!.doc).length, `seed ${seed}`).toBeGreaterThan(0)

  destroyAllClients()
  await servers.stop(server)
  server = await servers.start({ dataDir: server.dataDir })
  const fresh = connect(server.wsUrl, workshop.id, 'board', workshop.viewerToken)
  await synced(fresh)
  expect(state(fresh.doc), `seed ${seed}: stored state equals the converged state`).toBe(final)
}

describe('sync fuzz', () => {
  for (const seed of [1, 7, 42, 1234, 2026]) {
    it(`seed ${seed}: three clients with random disconnects converge, and storage has it all`, () => run(seed))
  }
})
