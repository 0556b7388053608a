/**
 * Boards built in process with the shared/ functions: N notes in the journey template's cells,
 * then drags (one position write per drop; three in ten into another cell) and text edits,
 * spread over 30 participants' client ids. Used by the churn bench and to preload a server's
 * room with a long-used board.
 */
import * as Y from 'yjs'
import { openSqliteStorage } from '../../server/storage/sqlite'
import { listLanes } from '../../shared/board/lane'
import { addNote, moveNote, setNoteText } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { mulberry32 as random } from '../../tests/helpers/random'

const WORDS = ['slow', 'confusing', 'missing', 'late', 'expensive', 'unclear', 'broken', 'manual', 'hidden', 'repeated']
export const PARTICIPANT_IDS = Array.from({ length: 30 }, (_, i) => 1_000_000 + i * 7919)

export interface ChurnPlan {
  notes: number
  drags: number
  /** One text edit per this many drags. */
  textEvery: number
  seed?: number
  /** Called after each note and each drag (+ its text edit), e.g. to store the updates. */
  afterEach?: () => void | Promise<void>
  /** Called once the notes are in, before the churn. */
  afterNotes?: () => void | Promise<void>
}

/** Adds notes to `doc` (which must hold the journey template) and churns them. Returns the note ids and the text edits made. */
export async function churnBoard(doc: Y.Doc, plan: ChurnPlan): Promise<{ ids: string[]; edits: number }> {
  const rand = random(plan.seed ?? 6)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T
  const stages = listStages(doc).map((s) => s.id)
  const lanes = listLanes(doc).map((l) => l.id)
  const ownId = doc.clientID
  const ids: string[] = []
  for (let i = 0; i < plan.notes; i++) {
    doc.clientID = PARTICIPANT_IDS[i % PARTICIPANT_IDS.length] as number
    ids.push(
      addNote(doc, {
        text: `Note ${i}: the customer finds the step ${pick(WORDS)} and calls support`,
        x: rand() * 200,
        y: rand() * 120,
        stageId: pick(stages),
        laneId: pick(lanes),
      }),
    )
    await plan.afterEach?.()
  }
  await plan.afterNotes?.()
  let edits = 0
  for (let k = 0; k < plan.drags; k++) {
    doc.clientID = pick(PARTICIPANT_IDS)
    moveNote(doc, pick(ids), {
      x: Math.round(rand() * 200),
      y: Math.round(rand() * 120),
      ...(rand() < 0.3 && { stageId: pick(stages), laneId: pick(lanes) }),
    })
    if (k % plan.textEvery === 0) {
      const target = pick(ids)
      setNoteText(doc, target, `Note ${target.slice(0, 4)}: the customer finds the step ${pick(WORDS)} and calls support`)
      edits++
    }
    await plan.afterEach?.()
  }
  doc.clientID = ownId
  return { ids, edits }
}

/**
 * Replaces a workshop's stored board with `build(board)` applied to it, through the server's
 * own SQLite storage (safe while the server runs, as long as the room is not loaded). Returns
 * the board's state vector, which a returning client (one with a local copy) announces.
 */
export async function preloadBoard(dataDir: string, workshopId: string, build: (doc: Y.Doc) => Promise<void>): Promise<{ stateVector: Uint8Array; bytes: number }> {
  const storage = openSqliteStorage(dataDir)
  const doc = new Y.Doc()
  try {
    const stored = await storage.loadDoc(workshopId, 'board')
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    await build(doc)
    const snapshot = Y.encodeStateAsUpdate(doc)
    await storage.compact(workshopId, 'board', snapshot, stored.lastSeq)
    return { stateVector: Y.encodeStateVector(doc), bytes: snapshot.byteLength }
  } finally {
    doc.destroy()
    await storage.close()
  }
}
