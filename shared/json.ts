/**
 * The whole workshop as one JSON value (the `json` export), schema version included, and the
 * way back: a validator for such a value from outside (`parseWorkshopJson`) and a writer that
 * puts it into fresh documents (`workshopFromJson`), keeping every id, so that
 * export → import → export gives the same value.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import {
  controlMaps,
  listRounds,
  MAX_VOTES_PER_PERSON,
  readControl,
  ROUND_STATUSES,
  ROUND_TARGET_KINDS,
  type ControlState,
  type Round,
  type RoundTargetKind,
} from './control'
import { ID_PATTERN } from './ids'
import { SchemaTooNewError } from './migrations'
import {
  addNote,
  boardMaps,
  clampEmotion,
  clip,
  LANE_KINDS,
  LEVELS,
  LIMITS,
  listClusters,
  listLanes,
  listNotes,
  listRoadmap,
  listStages,
  listStories,
  NOTE_COLORS,
  NOTE_KINDS,
  parseVoteKey,
  PHASES,
  PRIORITIES,
  readEmotions,
  readMeta,
  ROADMAP_COLUMNS,
  SCHEMA_VERSION,
  setVote,
  type Cluster,
  type Lane,
  type Note,
  type RoadmapItem,
  type Stage,
  type Story,
  STORY_TEXT_FIELDS,
  type WorkshopMeta,
} from './schema'
import { countableVotes } from './tally'

export const EXPORT_FORMAT = 'horizon-workshop'

export interface WorkshopJson {
  format: typeof EXPORT_FORMAT
  schemaVersion: number
  meta: WorkshopMeta
  stages: Stage[]
  lanes: Lane[]
  notes: Note[]
  clusters: Cluster[]
  emotions: Record<string, number>
  votes: VoteJson[]
  roadmap: RoadmapItem[]
  stories: Story[]
  control: ControlState
  rounds: Round[]
}

export interface VoteJson {
  roundId: string
  participantId: string
  targetId: string
  count: number
}

export function workshopToJson(board: Y.Doc, control: Y.Doc): WorkshopJson {
  const votes: WorkshopJson['votes'] = []
  boardMaps(board).votes.forEach((value, key) => {
    const parsed = parseVoteKey(key)
    if (!parsed || !(value instanceof Y.Map)) return
    ;(value as Y.Map<unknown>).forEach((count, targetId) => {
      if (typeof count === 'number' && Number.isInteger(count) && count > 0) votes.push({ ...parsed, targetId, count })
    })
  })
  votes.sort((a, b) => `${a.roundId}/${a.participantId}/${a.targetId}`.localeCompare(`${b.roundId}/${b.participantId}/${b.targetId}`))
  return {
    format: EXPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: readMeta(board),
    stages: listStages(board),
    lanes: listLanes(board),
    notes: listNotes(board),
    clusters: listClusters(board),
    // Sorted, so that every peer exports the same text.
    emotions: Object.fromEntries([...readEmotions(board)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    votes,
    roadmap: listRoadmap(board),
    stories: listStories(board),
    control: readControl(control),
    rounds: listRounds(control),
  }
}

// ---------------------------------------------------------------------------------------------
// Vote totals over an exported workshop (what the Markdown export ranks by).

/**
 * Rounds whose dots count for `targetKind`: its own rounds, and for a kind of note also the
 * rounds on all notes (targetKind "note" covers every note, as `noteKindsForRound` says).
 */
export function roundCountsFor(roundKind: RoundTargetKind, targetKind: RoundTargetKind): boolean {
  return roundKind === targetKind || (targetKind !== 'cluster' && roundKind === 'note')
}

/**
 * Dots that count per target, summed over every round that counts for `targetKind` (see
 * roundCountsFor). Each participant's dots in a round go through `countableVotes` with that
 * round's limits, exactly as `tallyRound` does on a live document; `targets`, when given, drops
 * dots on ids that no longer exist first. In a round on all notes the dots on every note count
 * towards the limits (as they do live): pass the ids of all notes as `allNotes`.
 */
export function voteTotals(
  json: Pick<WorkshopJson, 'votes' | 'rounds'>,
  targetKind: RoundTargetKind,
  targets?: ReadonlySet<string>,
  allNotes?: ReadonlySet<string>,
): Map<string, number> {
  const rounds = new Map(json.rounds.filter((round) => roundCountsFor(round.targetKind, targetKind)).map((round) => [round.id, round]))
  const eligible = (roundId: string) => (rounds.get(roundId)?.targetKind === targetKind ? targets : (allNotes ?? targets))
  // round → participant → the dots as written
  const written = new Map<string, Map<string, [string, number][]>>()
  for (const vote of json.votes) {
    if (!rounds.has(vote.roundId)) continue
    const allowed = eligible(vote.roundId)
    if (allowed && !allowed.has(vote.targetId)) continue
    let byParticipant = written.get(vote.roundId)
    if (!byParticipant) written.set(vote.roundId, (byParticipant = new Map()))
    let entries = byParticipant.get(vote.participantId)
    if (!entries) byParticipant.set(vote.participantId, (entries = []))
    entries.push([vote.targetId, vote.count])
  }
  const totals = new Map<string, number>()
  for (const [roundId, byParticipant] of written) {
    const round = rounds.get(roundId)
    if (!round) continue
    for (const entries of byParticipant.values()) {
      for (const [targetId, votes] of countableVotes(entries, round)) {
        // Dots of a round on all notes, on notes of another kind, are not this kind's.
        if (targets && !targets.has(targetId)) continue
        totals.set(targetId, (totals.get(targetId) ?? 0) + votes)
      }
    }
  }
  return totals
}

// ---------------------------------------------------------------------------------------------
// Import: validation of a value from outside.

/** Most records of each kind an import may carry (far above any real workshop). */
export const IMPORT_LIMITS = {
  stages: 500,
  lanes: 500,
  notes: 100_000,
  clusters: 10_000,
  votes: 500_000,
  roadmap: 10_000,
  stories: 10_000,
  rounds: 1_000,
} as const

const id = z.string({ error: 'must be an id (a string)' }).regex(ID_PATTERN, { error: 'must be an id: 1–64 letters, digits, _ or -' })
const text = z.string({ error: 'must be a string' })
const finite = z.number({ error: 'must be a finite number' })
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` })
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item, { error: 'must be an array' }).max(max, { error: `has more than ${max} items` })

const metaSchema = z.object({
  schemaVersion: z.int().min(1),
  title: text,
  persona: text,
  journeyStart: text,
  journeyEnd: text,
  goal: text,
})

const stageSchema = z.object({ id, title: text, order: finite })
const laneSchema = z.object({ id, title: text, kind: oneOf(LANE_KINDS), order: finite })
const noteSchema = z.object({
  id,
  text,
  kind: oneOf(NOTE_KINDS),
  color: oneOf(NOTE_COLORS),
  x: finite,
  y: finite,
  stageId: id.optional(),
  laneId: id.optional(),
  clusterId: id.optional(),
  authorId: id.optional(),
  createdAt: finite,
  phase: oneOf(PHASES),
  impact: oneOf(LEVELS).optional(),
  effort: oneOf(LEVELS).optional(),
})
const clusterSchema = z.object({ id, title: text, x: finite, y: finite })
const voteSchema = z.object({ roundId: id, participantId: id, targetId: id, count: z.int({ error: 'must be a whole number' }).min(1) })
const roadmapSchema = z.object({
  id,
  title: text,
  column: oneOf(ROADMAP_COLUMNS),
  order: finite,
  sourceId: id.optional(),
  owner: text.optional(),
  metric: text.optional(),
  mvp: z.boolean({ error: 'must be true or false' }),
})
const storySchema = z.object({
  id,
  asA: text,
  iWant: text,
  soThat: text,
  acceptance: list(text, 10_000),
  priority: oneOf(PRIORITIES),
  roadmapId: id.optional(),
  sourceIds: list(id, 10_000),
})
const controlSchema = z.object({
  phase: oneOf(PHASES),
  timer: z.object({
    durationMs: finite.positive(),
    startedAt: finite.optional(),
    pausedRemainingMs: finite.nonnegative().optional(),
  }),
  activeRoundId: id.optional(),
  privateMode: z.boolean(),
  locked: z.boolean(),
  anonymous: z.boolean(),
  followMe: z.boolean(),
})
const roundSchema = z
  .object({
    id,
    createdAt: finite,
    title: text,
    targetKind: oneOf(ROUND_TARGET_KINDS),
    votesPerPerson: z.int().min(0).max(MAX_VOTES_PER_PERSON),
    maxPerTarget: z.int().min(0).max(MAX_VOTES_PER_PERSON),
    status: oneOf(ROUND_STATUSES),
  })
  .refine((round) => round.maxPerTarget <= round.votesPerPerson, { error: 'must not exceed votesPerPerson', path: ['maxPerTarget'] })

/** The shape of an exported workshop. Unknown keys are dropped (a later version may add some). */
export const workshopJsonSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  schemaVersion: z.int().min(1).max(SCHEMA_VERSION),
  meta: metaSchema,
  stages: list(stageSchema, IMPORT_LIMITS.stages),
  lanes: list(laneSchema, IMPORT_LIMITS.lanes),
  notes: list(noteSchema, IMPORT_LIMITS.notes),
  clusters: list(clusterSchema, IMPORT_LIMITS.clusters),
  emotions: z.record(id, finite, { error: 'must be an object of stage id → number' }),
  votes: list(voteSchema, IMPORT_LIMITS.votes),
  roadmap: list(roadmapSchema, IMPORT_LIMITS.roadmap),
  stories: list(storySchema, IMPORT_LIMITS.stories),
  control: controlSchema,
  rounds: list(roundSchema, IMPORT_LIMITS.rounds),
})

/** Drops keys whose value is undefined (zod's optional fields) for exactOptionalPropertyTypes. */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const copy: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) if (field !== undefined) copy[key] = field
  return copy as { [K in keyof T]: Exclude<T[K], undefined> }
}

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

  return {
    ok: true,
    value: {
      format: EXPORT_FORMAT,
      schemaVersion: data.schemaVersion,
      meta: data.meta,
      stages: data.stages,
      lanes: data.lanes,
      notes: data.notes.map(defined),
      clusters: data.clusters,
      emotions: { ...data.emotions },
      votes: data.votes,
      roadmap: data.roadmap.map(defined),
      stories: data.stories.map(defined),
      control: { ...defined(data.control), timer: defined(data.control.timer) },
      rounds: data.rounds,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Import: writing into fresh documents.

function newRecord(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value)
  return map
}

const clampCoordinate = (value: number) => Math.max(-LIMITS.coordinate, Math.min(LIMITS.coordinate, value))

/** Nothing was ever written to or applied to `doc` (its state vector has no client). */
const isFresh = (doc: Y.Doc) => Y.encodeStateVector(doc).byteLength <= 1

/**
 * Writes a validated workshop (see parseWorkshopJson) into a fresh board and control document,
 * with every id kept. Texts are clipped to the schema's limits, coordinates and emotions
 * clamped, as the mutations of schema.ts do; apart from that the documents read back exactly
 * as `json` (workshopToJson gives it again). The board gets this version's schemaVersion.
 */
export function workshopFromJson(json: WorkshopJson, board: Y.Doc, control: Y.Doc): void {
  if (!isFresh(board) || !isFresh(control)) throw new Error('workshopFromJson writes into fresh documents only')
  const maps = boardMaps(board)
  board.transact(() => {
    maps.meta.set('schemaVersion', SCHEMA_VERSION)
    maps.meta.set('title', clip(json.meta.title, LIMITS.title))
    for (const key of ['persona', 'journeyStart', 'journeyEnd', 'goal'] as const) maps.meta.set(key, clip(json.meta[key], LIMITS.scopeField))
    for (const stage of json.stages) maps.stages.set(stage.id, newRecord({ title: clip(stage.title, LIMITS.title), order: stage.order }))
    for (const lane of json.lanes) maps.lanes.set(lane.id, newRecord({ title: clip(lane.title, LIMITS.title), kind: lane.kind, order: lane.order }))
    for (const note of json.notes) addNote(board, note)
    for (const cluster of json.clusters) {
      maps.clusters.set(
        cluster.id,
        newRecord({ title: clip(cluster.title, LIMITS.title), x: clampCoordinate(cluster.x), y: clampCoordinate(cluster.y) }),
      )
    }
    for (const [stageId, value] of Object.entries(json.emotions)) maps.emotions.set(stageId, clampEmotion(value))
    for (const vote of json.votes) setVote(board, vote.roundId, vote.participantId, vote.targetId, vote.count)
    for (const item of json.roadmap) {
      maps.roadmap.set(
        item.id,
        newRecord({
          title: clip(item.title, LIMITS.title),
          column: item.column,
          order: item.order,
          sourceId: item.sourceId,
          owner: item.owner === undefined ? undefined : clip(item.owner, LIMITS.title),
          metric: item.metric === undefined ? undefined : clip(item.metric, LIMITS.title),
          mvp: item.mvp,
        }),
      )
    }
    for (const story of json.stories) {
      const record = newRecord({ priority: story.priority, roadmapId: story.roadmapId })
      // Y.Text, as addStory writes them: the imported story is edited (and merged) like any other.
      for (const field of STORY_TEXT_FIELDS) record.set(field, new Y.Text(clip(story[field], LIMITS.storyField)))
      const acceptance = new Y.Array<string>()
      const sourceIds = new Y.Array<string>()
      record.set('acceptance', acceptance)
      record.set('sourceIds', sourceIds)
      maps.stories.set(story.id, record)
      acceptance.push(story.acceptance.slice(0, LIMITS.acceptanceItems).map((a) => clip(a, LIMITS.storyField)))
      sourceIds.push([...new Set(story.sourceIds)])
    }
  })

  const { control: state, rounds } = controlMaps(control)
  control.transact(() => {
    state.set('phase', json.control.phase)
    state.set('timer', newRecord({ ...json.control.timer }))
    state.set('privateMode', json.control.privateMode)
    state.set('locked', json.control.locked)
    state.set('anonymous', json.control.anonymous)
    state.set('followMe', json.control.followMe)
    if (json.control.activeRoundId !== undefined) state.set('activeRoundId', json.control.activeRoundId)
    for (const round of json.rounds) {
      rounds.set(
        round.id,
        newRecord({
          title: clip(round.title, LIMITS.title),
          createdAt: round.createdAt,
          targetKind: round.targetKind,
          votesPerPerson: round.votesPerPerson,
          maxPerTarget: round.maxPerTarget,
          status: round.status,
        }),
      )
    }
  })
}
