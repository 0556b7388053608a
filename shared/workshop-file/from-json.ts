/**
 * The way back from a `json` export: a validator for such a value from outside
 * (`parseWorkshopJson`) and a writer that puts it into fresh documents (`workshopFromJson`)
 * through the app's own mutations, keeping every id, so that export → import → export gives the
 * same value.
 */
import * as Y from 'yjs'
import type { z } from 'zod'
import { addCluster } from '../board/cluster'
import { setEmotion } from '../board/emotion'
import { addLane } from '../board/lane'
import { SCHEMA_VERSION, writeMeta } from '../board/meta'
import { SchemaTooNewError } from '../board/migrations'
import { addNote } from '../board/note'
import { addStage } from '../board/stage'
import { addRoadmapItem } from '../deliver/roadmap'
import { addStory } from '../deliver/story'
import { writeControl } from '../facilitation/control'
import { putRound } from '../voting/round'
import { setVote } from '../voting/vote'
import { boardMaps } from '../board/board-doc'
import { setPersonDepartment } from '../board/person'
import { EXPORT_FORMAT, workshopJsonSchema, type WorkshopJson } from './format'
import { dataFromJson } from './data-section'

const MAX_ISSUES_SHOWN = 5

function describeImportIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : 'file'
    return `${where} ${issue.message}`
  })
  const more = error.issues.length - shown.length
  return `not a valid Horizon workshop: ${shown.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}`
}

function firstDuplicate(ids: Iterable<string>): string | undefined {
  const seen = new Set<string>()
  for (const value of ids) {
    if (seen.has(value)) return value
    seen.add(value)
  }
  return undefined
}

export type ParsedWorkshop = { ok: true; value: WorkshopJson } | { ok: false; error: string }

/**
 * Checks a value from outside (a parsed `.json` export) before anything is written: that it is
 * a Horizon export at all, of a schema this version knows (a newer one is refused with
 * SchemaTooNewError's message, naming the version), of the right shape, without two records
 * sharing an id. Returns a readable error, never throws.
 */
export function parseWorkshopJson(input: unknown): ParsedWorkshop {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'a workshop export must be a JSON object' }
  }
  const raw = input as Record<string, unknown>
  if (raw.format !== EXPORT_FORMAT) {
    return { ok: false, error: `not a Horizon workshop export: "format" must be "${EXPORT_FORMAT}"` }
  }
  const version = raw.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: 'not a valid Horizon workshop: schemaVersion must be a whole number ≥ 1' }
  }
  const metaVersion = (raw.meta as { schemaVersion?: unknown } | null | undefined)?.schemaVersion
  const newest = Math.max(version, typeof metaVersion === 'number' && Number.isFinite(metaVersion) ? metaVersion : 0)
  if (newest > SCHEMA_VERSION) return { ok: false, error: new SchemaTooNewError(newest).message }

  const result = workshopJsonSchema.safeParse(input)
  if (!result.success) return { ok: false, error: describeImportIssues(result.error) }
  const data = result.data

  const collections: [string, Iterable<string>][] = [
    ['stages', data.stages.map((s) => s.id)],
    ['lanes', data.lanes.map((l) => l.id)],
    ['notes', data.notes.map((n) => n.id)],
    ['clusters', data.clusters.map((c) => c.id)],
    ['roadmap', data.roadmap.map((r) => r.id)],
    ['stories', data.stories.map((s) => s.id)],
    ['rounds', data.rounds.map((r) => r.id)],
    ['votes', data.votes.map((v) => `${v.roundId}/${v.participantId}/${v.targetId}`)],
  ]
  for (const [name, ids] of collections) {
    const duplicate = firstDuplicate(ids)
    if (duplicate !== undefined) return { ok: false, error: `not a valid Horizon workshop: ${name} has "${duplicate}" twice` }
  }
  return { ok: true, value: data }
}

/** Nothing was ever written to or applied to `doc` (its state vector has no client). */
const isFresh = (doc: Y.Doc) => Y.encodeStateVector(doc).byteLength <= 1

/**
 * Writes a validated workshop (see parseWorkshopJson) into a fresh board and control document,
 * with every id kept, through the mutations the app uses: texts are clipped to the schema's
 * limits, coordinates and emotions clamped; apart from that the documents read back exactly as
 * `json` (workshopToJson gives it again). The board gets this version's schemaVersion.
 */
export function workshopFromJson(json: WorkshopJson, board: Y.Doc, control: Y.Doc, data?: Y.Doc): void {
  if (!isFresh(board) || !isFresh(control)) throw new Error('workshopFromJson writes into fresh documents only')
  board.transact(() => {
    writeMeta(board, json.meta)
    for (const stage of json.stages) addStage(board, stage.title, undefined, stage)
    for (const lane of json.lanes) addLane(board, lane.title, lane.kind, undefined, lane)
    for (const note of json.notes) addNote(board, note)
    for (const cluster of json.clusters) addCluster(board, cluster)
    for (const [stageId, value] of Object.entries(json.emotions)) setEmotion(board, stageId, value)
    for (const vote of json.votes) {
      setVote(board, vote.roundId, vote.participantId, vote.targetId, vote.count)
      // A voter's department comes back as a nameless `people` entry, so that the votes split
      // by department as before (the export had no names to bring back).
      if (vote.department !== undefined && !boardMaps(board).people.has(vote.participantId)) setPersonDepartment(board, vote.participantId, '', vote.department)
    }
    for (const item of json.roadmap) addRoadmapItem(board, item)
    for (const story of json.stories) addStory(board, story)
  })
  control.transact(() => {
    writeControl(control, json.control)
    for (const round of json.rounds) putRound(control, round)
  })
  if (json.data && data) dataFromJson(json.data, data, board)
}
