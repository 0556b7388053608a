/**
 * Board document, schema version 1 (see DESIGN.md). Every read goes through a function here
 * that checks types and falls back to a safe value, because any writer may have put anything
 * into a map; every write goes through a mutation here, inside one transaction.
 */
import * as Y from 'yjs'
import { newId } from './ids'
import { planMove, sortOrdered } from './order'
import { cleanLine } from './text'

export const SCHEMA_VERSION = 1

export const PHASES = ['discover', 'define', 'develop', 'deliver'] as const
export type Phase = (typeof PHASES)[number]

export const LANE_KINDS = [
  'actions',
  'touchpoints',
  'departments',
  'thoughts',
  'pains',
  'employee',
  'data',
  'opportunities',
  'custom',
] as const
export type LaneKind = (typeof LANE_KINDS)[number]

export const NOTE_KINDS = ['note', 'pain', 'hmw', 'idea'] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple', 'white'] as const
export type NoteColor = (typeof NOTE_COLORS)[number]
export const DEFAULT_NOTE_COLOR: Record<NoteKind, NoteColor> = {
  note: 'yellow',
  pain: 'pink',
  hmw: 'blue',
  idea: 'green',
}

export const ROADMAP_COLUMNS = ['now', 'next', 'later'] as const
export type RoadmapColumn = (typeof ROADMAP_COLUMNS)[number]

export const PRIORITIES = ['must', 'should', 'could', 'wont'] as const
export type Priority = (typeof PRIORITIES)[number]

export const TEMPLATES = ['journey', 'blank'] as const
export type Template = (typeof TEMPLATES)[number]

export const DEFAULT_STAGES: readonly string[] = [
  'Orientation',
  'Purchase',
  'Onboarding',
  'Use',
  'Service',
  'Share experience',
]

export const DEFAULT_LANES: readonly { title: string; kind: LaneKind }[] = [
  { title: 'Customer actions', kind: 'actions' },
  { title: 'Touchpoints & channels', kind: 'touchpoints' },
  { title: 'Department / owner', kind: 'departments' },
  { title: 'Thoughts & feelings', kind: 'thoughts' },
  { title: 'Pain points', kind: 'pains' },
  { title: 'Employee voice', kind: 'employee' },
  { title: 'Data & metrics', kind: 'data' },
  { title: 'Opportunities', kind: 'opportunities' },
]

/** Lengths the UI and the API both hold to. */
export const LIMITS = {
  title: 200,
  scopeField: 1000,
  name: 80,
  noteText: 5000,
  storyField: 2000,
  acceptanceItems: 50,
  coordinate: 1_000_000,
} as const

export const EMOTION_MIN = -2
export const EMOTION_MAX = 2

// ---------------------------------------------------------------------------------------------
// Records as the rest of the app sees them (plain, validated copies).

export interface WorkshopMeta {
  schemaVersion: number
  title: string
  persona: string
  journeyStart: string
  journeyEnd: string
  goal: string
}

export interface Stage {
  id: string
  title: string
  order: number
}

export interface Lane {
  id: string
  title: string
  kind: LaneKind
  order: number
}

export interface Note {
  id: string
  text: string
  kind: NoteKind
  color: NoteColor
  x: number
  y: number
  stageId?: string
  laneId?: string
  clusterId?: string
  authorId?: string
  createdAt: number
  phase: Phase
  /** Develop's impact/effort placement of an idea; unset until someone places it. */
  impact?: Level
  effort?: Level
}

/** Impact and effort of an idea: low or high (a 2 × 2 matrix). */
export const LEVELS = ['low', 'high'] as const
export type Level = (typeof LEVELS)[number]
/** The four cells of the impact/effort matrix. */
export const QUADRANTS = ['quickWin', 'bigBet', 'fillIn', 'moneyPit'] as const
export type Quadrant = (typeof QUADRANTS)[number]

/** Where an idea sits in the matrix: high impact and low effort is a quick win, and so on. */
export function quadrantOf(note: Pick<Note, 'impact' | 'effort'>): Quadrant | undefined {
  if (note.impact === undefined || note.effort === undefined) return undefined
  if (note.impact === 'high') return note.effort === 'low' ? 'quickWin' : 'bigBet'
  return note.effort === 'low' ? 'fillIn' : 'moneyPit'
}

export interface Cluster {
  id: string
  title: string
  x: number
  y: number
}

export interface RoadmapItem {
  id: string
  title: string
  column: RoadmapColumn
  order: number
  sourceId?: string
  owner?: string
  metric?: string
  mvp: boolean
}

export interface Story {
  id: string
  asA: string
  iWant: string
  soThat: string
  acceptance: string[]
  priority: Priority
  roadmapId?: string
  sourceIds: string[]
}

// ---------------------------------------------------------------------------------------------
// The top-level shared types.

type Record_ = Y.Map<unknown>

export function boardMaps(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    stages: doc.getMap<Record_>('stages'),
    lanes: doc.getMap<Record_>('lanes'),
    notes: doc.getMap<Record_>('notes'),
    clusters: doc.getMap<Record_>('clusters'),
    votes: doc.getMap<Y.Map<unknown>>('votes'),
    emotions: doc.getMap<unknown>('emotions'),
    roadmap: doc.getMap<Record_>('roadmap'),
    stories: doc.getMap<Record_>('stories'),
    people: doc.getMap<unknown>('people'),
  }
}

// ---------------------------------------------------------------------------------------------
// Defensive readers.

export function readString(map: Y.Map<unknown>, key: string, fallback = ''): string {
  const value = map.get(key)
  if (typeof value === 'string') return value
  if (value instanceof Y.Text) return value.toString()
  return fallback
}

export function readNumber(map: Y.Map<unknown>, key: string, fallback = 0): number {
  const value = map.get(key)
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

export function readOneOf<T extends string>(map: Y.Map<unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const value = map.get(key)
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback
}

function readOptionalString(map: Y.Map<unknown>, key: string): string | undefined {
  const value = map.get(key)
  return typeof value === 'string' && value !== '' ? value : undefined
}

function readStringArray(map: Y.Map<unknown>, key: string): string[] {
  const value = map.get(key)
  if (!(value instanceof Y.Array)) return []
  return value.toArray().filter((item): item is string => typeof item === 'string')
}

function asRecord(value: unknown): Record_ | undefined {
  return value instanceof Y.Map ? (value as Record_) : undefined
}

/** Copies the keys of `fields` whose value is defined (so that optional fields stay absent). */
function setDefined(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    if (value === null) map.delete(key)
    else map.set(key, value)
  }
}

function clampCoordinate(value: number): number {
  if (!Number.isFinite(value)) return 0
  return Math.max(-LIMITS.coordinate, Math.min(LIMITS.coordinate, value))
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** Shortens `text` to at most `max` UTF-16 units without cutting a character in half. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const end = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max
  return text.slice(0, end)
}

// ---------------------------------------------------------------------------------------------
// Workshop creation and meta.

export interface BoardInit {
  template: Template
  title: string
  persona?: string
  journeyStart?: string
  journeyEnd?: string
  goal?: string
}

/**
 * Writes a new workshop's board. Called exactly once, when the workshop is created (on the
 * server), never on load: re-running it on a restored document would duplicate the template.
 */
export function initBoard(doc: Y.Doc, init: BoardInit): void {
  const { meta, stages, lanes } = boardMaps(doc)
  doc.transact(() => {
    meta.set('schemaVersion', SCHEMA_VERSION)
    meta.set('title', clip(init.title, LIMITS.title))
    meta.set('persona', clip(init.persona ?? '', LIMITS.scopeField))
    meta.set('journeyStart', clip(init.journeyStart ?? '', LIMITS.scopeField))
    meta.set('journeyEnd', clip(init.journeyEnd ?? '', LIMITS.scopeField))
    meta.set('goal', clip(init.goal ?? '', LIMITS.scopeField))
    if (init.template === 'journey') {
      DEFAULT_STAGES.forEach((title, i) => {
        stages.set(newId(), newRecord({ title, order: i + 1 }))
      })
      DEFAULT_LANES.forEach((lane, i) => {
        lanes.set(newId(), newRecord({ title: lane.title, kind: lane.kind, order: i + 1 }))
      })
    }
  })
}

function newRecord(fields: Record<string, unknown>): Record_ {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value)
  return map
}

export function readMeta(doc: Y.Doc): WorkshopMeta {
  const { meta } = boardMaps(doc)
  return {
    schemaVersion: readNumber(meta, 'schemaVersion', SCHEMA_VERSION),
    title: readString(meta, 'title'),
    persona: readString(meta, 'persona'),
    journeyStart: readString(meta, 'journeyStart'),
    journeyEnd: readString(meta, 'journeyEnd'),
    goal: readString(meta, 'goal'),
  }
}

export type MetaPatch = Partial<Omit<WorkshopMeta, 'schemaVersion'>>

export function setMeta(doc: Y.Doc, patch: MetaPatch): void {
  const { meta } = boardMaps(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (typeof value !== 'string') continue
      meta.set(key, clip(value, key === 'title' ? LIMITS.title : LIMITS.scopeField))
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Ordered collections (stages, lanes).

function orderedItems(map: Y.Map<Record_>): { id: string; order: number }[] {
  const items: { id: string; order: number }[] = []
  map.forEach((value, id) => {
    const record = asRecord(value)
    if (record) items.push({ id, order: readNumber(record, 'order') })
  })
  return items
}

type MovePlan = ReturnType<typeof planMove>

/** Carries out a plan of planMove on `map`: renumbers the others if needed; returns id's order. */
function applyPlan(map: Y.Map<Record_>, id: string, plan: MovePlan): number {
  if ('order' in plan) return plan.order
  for (const [itemId, order] of plan.renumber) if (itemId !== id) map.get(itemId)?.set('order', order)
  return plan.renumber.get(id) ?? 1
}

/** Order for a new item at `index` (default: the end). */
function orderForInsert(map: Y.Map<Record_>, id: string, index: number | undefined): number {
  const items = orderedItems(map)
  return applyPlan(map, id, planMove(items, id, index ?? items.length))
}

function moveInOrdered(map: Y.Map<Record_>, id: string, index: number): void {
  const record = asRecord(map.get(id))
  if (record) record.set('order', applyPlan(map, id, planMove(orderedItems(map), id, index)))
}

/** Deletes `key` from every record of `map` that points at `id` (a removed stage, lane …). */
function clearReferences(map: Y.Map<Record_>, key: string, id: string): void {
  map.forEach((record) => {
    if (asRecord(record)?.get(key) === id) record.delete(key)
  })
}

export function listStages(doc: Y.Doc): Stage[] {
  const stages: Stage[] = []
  boardMaps(doc).stages.forEach((value, id) => {
    const record = asRecord(value)
    if (record) stages.push({ id, title: readString(record, 'title'), order: readNumber(record, 'order') })
  })
  return sortOrdered(stages)
}

export function listLanes(doc: Y.Doc): Lane[] {
  const lanes: Lane[] = []
  boardMaps(doc).lanes.forEach((value, id) => {
    const record = asRecord(value)
    if (!record) return
    lanes.push({
      id,
      title: readString(record, 'title'),
      kind: readOneOf(record, 'kind', LANE_KINDS, 'custom'),
      order: readNumber(record, 'order'),
    })
  })
  return sortOrdered(lanes)
}

export function addStage(doc: Y.Doc, title: string, index?: number): string {
  const { stages } = boardMaps(doc)
  const id = newId()
  doc.transact(() => {
    const order = orderForInsert(stages, id, index)
    stages.set(id, newRecord({ title: clip(title, LIMITS.title), order }))
  })
  return id
}

export function renameStage(doc: Y.Doc, id: string, title: string): void {
  doc.transact(() => asRecord(boardMaps(doc).stages.get(id))?.set('title', clip(title, LIMITS.title)))
}

/** Moves a stage to `index` of the sorted stages; its notes keep their stageId and follow it. */
export function moveStage(doc: Y.Doc, id: string, index: number): void {
  doc.transact(() => moveInOrdered(boardMaps(doc).stages, id, index))
}

/** Removes a stage. Its notes stay on the board, no longer in a cell; its emotion value goes. */
export function removeStage(doc: Y.Doc, id: string): void {
  const { stages, notes, emotions } = boardMaps(doc)
  doc.transact(() => {
    stages.delete(id)
    emotions.delete(id)
    clearReferences(notes, 'stageId', id)
  })
}

export function addLane(doc: Y.Doc, title: string, kind: LaneKind = 'custom', index?: number): string {
  const { lanes } = boardMaps(doc)
  const id = newId()
  doc.transact(() => {
    const order = orderForInsert(lanes, id, index)
    lanes.set(id, newRecord({ title: clip(title, LIMITS.title), kind, order }))
  })
  return id
}

export function renameLane(doc: Y.Doc, id: string, title: string): void {
  doc.transact(() => asRecord(boardMaps(doc).lanes.get(id))?.set('title', clip(title, LIMITS.title)))
}

export function moveLane(doc: Y.Doc, id: string, index: number): void {
  doc.transact(() => moveInOrdered(boardMaps(doc).lanes, id, index))
}

export function removeLane(doc: Y.Doc, id: string): void {
  const { lanes, notes } = boardMaps(doc)
  doc.transact(() => {
    lanes.delete(id)
    clearReferences(notes, 'laneId', id)
  })
}

// ---------------------------------------------------------------------------------------------
// Notes.

export interface NewNote {
  /** Keep an id the note already has (a note moved between documents); new by default. */
  id?: string
  text?: string
  kind?: NoteKind
  color?: NoteColor
  x: number
  y: number
  stageId?: string
  laneId?: string
  clusterId?: string
  authorId?: string
  phase?: Phase
  impact?: Level
  effort?: Level
  createdAt?: number
}

export function addNote(doc: Y.Doc, input: NewNote): string {
  const id = input.id ?? newId()
  const kind = input.kind ?? 'note'
  doc.transact(() => {
    const text = new Y.Text()
    const record = newRecord({
      kind,
      color: input.color ?? DEFAULT_NOTE_COLOR[kind],
      x: clampCoordinate(input.x),
      y: clampCoordinate(input.y),
      stageId: input.stageId,
      laneId: input.laneId,
      clusterId: input.clusterId,
      authorId: input.authorId,
      createdAt: input.createdAt ?? Date.now(),
      phase: input.phase ?? 'discover',
      impact: input.impact,
      effort: input.effort,
    })
    record.set('text', text)
    boardMaps(doc).notes.set(id, record)
    if (input.text) text.insert(0, clip(input.text, LIMITS.noteText))
  })
  return id
}

export function readNote(doc: Y.Doc, id: string): Note | undefined {
  const record = asRecord(boardMaps(doc).notes.get(id))
  return record ? noteFromRecord(id, record) : undefined
}

function noteFromRecord(id: string, record: Record_): Note {
  const kind = readOneOf(record, 'kind', NOTE_KINDS, 'note')
  const note: Note = {
    id,
    text: readString(record, 'text'),
    kind,
    color: readOneOf(record, 'color', NOTE_COLORS, DEFAULT_NOTE_COLOR[kind]),
    x: clampCoordinate(readNumber(record, 'x')),
    y: clampCoordinate(readNumber(record, 'y')),
    createdAt: readNumber(record, 'createdAt'),
    phase: readOneOf(record, 'phase', PHASES, 'discover'),
  }
  const stageId = readOptionalString(record, 'stageId')
  const laneId = readOptionalString(record, 'laneId')
  const clusterId = readOptionalString(record, 'clusterId')
  const authorId = readOptionalString(record, 'authorId')
  if (stageId !== undefined) note.stageId = stageId
  if (laneId !== undefined) note.laneId = laneId
  if (clusterId !== undefined) note.clusterId = clusterId
  if (authorId !== undefined) note.authorId = authorId
  const impact = readOneOf<Level | ''>(record, 'impact', LEVELS, '')
  const effort = readOneOf<Level | ''>(record, 'effort', LEVELS, '')
  if (impact !== '') note.impact = impact
  if (effort !== '') note.effort = effort
  return note
}

/** All notes, oldest first (ties by id), so every peer lists them the same way. */
export function listNotes(doc: Y.Doc): Note[] {
  const notes: Note[] = []
  boardMaps(doc).notes.forEach((value, id) => {
    const record = asRecord(value)
    if (record) notes.push(noteFromRecord(id, record))
  })
  return notes.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** The note's shared text, for editors that bind to it (two people typing merge). */
export function noteText(doc: Y.Doc, id: string): Y.Text | undefined {
  const text = asRecord(boardMaps(doc).notes.get(id))?.get('text')
  return text instanceof Y.Text ? text : undefined
}

/**
 * Replaces a note's text with `next` by editing only the changed middle, so that a concurrent
 * edit elsewhere in the same note survives.
 */
export function setNoteText(doc: Y.Doc, id: string, next: string): void {
  const text = noteText(doc, id)
  if (!text) return
  replaceText(doc, text, clip(next, LIMITS.noteText))
}

export function replaceText(doc: Y.Doc, text: Y.Text, next: string): void {
  const current = text.toString()
  if (current === next) return
  let start = 0
  const maxStart = Math.min(current.length, next.length)
  while (start < maxStart && current[start] === next[start]) start++
  let end = 0
  const maxEnd = Math.min(current.length, next.length) - start
  while (end < maxEnd && current[current.length - 1 - end] === next[next.length - 1 - end]) end++
  // Never split a surrogate pair: Yjs would replace each lone half with U+FFFD.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--
  doc.transact(() => {
    const removed = current.length - start - end
    if (removed > 0) text.delete(start, removed)
    const inserted = next.slice(start, next.length - end)
    if (inserted) text.insert(start, inserted)
  })
}

export interface NotePatch {
  kind?: NoteKind
  color?: NoteColor
  x?: number
  y?: number
  /** `null` takes the note out of its stage / lane / cluster. */
  stageId?: string | null
  laneId?: string | null
  clusterId?: string | null
  phase?: Phase
  /** `null` takes the idea out of the impact/effort matrix. */
  impact?: Level | null
  effort?: Level | null
}

export function updateNote(doc: Y.Doc, id: string, patch: NotePatch): void {
  const record = asRecord(boardMaps(doc).notes.get(id))
  if (!record) return
  doc.transact(() => {
    setDefined(record, {
      ...patch,
      x: patch.x === undefined ? undefined : clampCoordinate(patch.x),
      y: patch.y === undefined ? undefined : clampCoordinate(patch.y),
    })
  })
}

/** A drop: the one write a drag makes (the live position travels through awareness). */
export function moveNote(
  doc: Y.Doc,
  id: string,
  to: { x: number; y: number; stageId?: string | null; laneId?: string | null },
): void {
  updateNote(doc, id, to)
}

export function deleteNote(doc: Y.Doc, id: string): void {
  doc.transact(() => boardMaps(doc).notes.delete(id))
}

// ---------------------------------------------------------------------------------------------
// Clusters.

export function addCluster(doc: Y.Doc, input: { title: string; x: number; y: number; noteIds?: string[] }): string {
  const id = newId()
  const { clusters, notes } = boardMaps(doc)
  doc.transact(() => {
    clusters.set(id, newRecord({ title: clip(input.title, LIMITS.title), x: clampCoordinate(input.x), y: clampCoordinate(input.y) }))
    for (const noteId of input.noteIds ?? []) asRecord(notes.get(noteId))?.set('clusterId', id)
  })
  return id
}

export function updateCluster(doc: Y.Doc, id: string, patch: { title?: string; x?: number; y?: number }): void {
  const record = asRecord(boardMaps(doc).clusters.get(id))
  if (!record) return
  doc.transact(() =>
    setDefined(record, {
      title: patch.title === undefined ? undefined : clip(patch.title, LIMITS.title),
      x: patch.x === undefined ? undefined : clampCoordinate(patch.x),
      y: patch.y === undefined ? undefined : clampCoordinate(patch.y),
    }),
  )
}

/** Removes the cluster; its notes stay, no longer grouped. */
export function deleteCluster(doc: Y.Doc, id: string): void {
  const { clusters, notes } = boardMaps(doc)
  doc.transact(() => {
    clusters.delete(id)
    clearReferences(notes, 'clusterId', id)
  })
}

export function listClusters(doc: Y.Doc): Cluster[] {
  const clusters: Cluster[] = []
  boardMaps(doc).clusters.forEach((value, id) => {
    const record = asRecord(value)
    if (!record) return
    clusters.push({ id, title: readString(record, 'title'), x: readNumber(record, 'x'), y: readNumber(record, 'y') })
  })
  return clusters.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

// ---------------------------------------------------------------------------------------------
// Votes: one map per round and participant, written only by that participant.

export function voteKey(roundId: string, participantId: string): string {
  return `${roundId}/${participantId}`
}

/** Splits a votes key at its first slash; `undefined` for a key that is not of that form. */
export function parseVoteKey(key: string): { roundId: string; participantId: string } | undefined {
  const slash = key.indexOf('/')
  if (slash <= 0 || slash === key.length - 1) return undefined
  return { roundId: key.slice(0, slash), participantId: key.slice(slash + 1) }
}

/** The dots this participant has placed in the round, as written (the tally applies the limits). */
export function readVotes(doc: Y.Doc, roundId: string, participantId: string): Map<string, number> {
  const result = new Map<string, number>()
  const mine = boardMaps(doc).votes.get(voteKey(roundId, participantId))
  if (!(mine instanceof Y.Map)) return result
  mine.forEach((count, targetId) => {
    if (typeof count === 'number' && Number.isInteger(count) && count > 0) result.set(targetId, count)
  })
  return result
}

/** Sets this participant's dots on one target (0 removes them). */
export function setVote(doc: Y.Doc, roundId: string, participantId: string, targetId: string, count: number): void {
  const { votes } = boardMaps(doc)
  const key = voteKey(roundId, participantId)
  doc.transact(() => {
    let mine = votes.get(key)
    if (!(mine instanceof Y.Map)) {
      mine = new Y.Map<unknown>()
      votes.set(key, mine)
    }
    const n = Math.max(0, Math.trunc(count))
    if (n === 0) mine.delete(targetId)
    else mine.set(targetId, n)
  })
}

// ---------------------------------------------------------------------------------------------
// Emotion curve.

export function clampEmotion(value: number): number {
  if (!Number.isFinite(value)) return 0
  return Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, value))
}

export function setEmotion(doc: Y.Doc, stageId: string, value: number): void {
  doc.transact(() => boardMaps(doc).emotions.set(stageId, clampEmotion(value)))
}

export function clearEmotion(doc: Y.Doc, stageId: string): void {
  doc.transact(() => boardMaps(doc).emotions.delete(stageId))
}

/** Emotion per stage id, clamped to −2 … +2; stages without a value are absent. */
export function readEmotions(doc: Y.Doc): Map<string, number> {
  const result = new Map<string, number>()
  boardMaps(doc).emotions.forEach((value, stageId) => {
    if (typeof value === 'number' && Number.isFinite(value)) result.set(stageId, clampEmotion(value))
  })
  return result
}

// ---------------------------------------------------------------------------------------------
// Roadmap.

export interface NewRoadmapItem {
  title: string
  column?: RoadmapColumn
  sourceId?: string
  owner?: string
  metric?: string
  mvp?: boolean
  index?: number
}

function roadmapColumnItems(doc: Y.Doc, column: RoadmapColumn): { id: string; order: number }[] {
  return listRoadmap(doc)
    .filter((item) => item.column === column)
    .map(({ id, order }) => ({ id, order }))
}

export function addRoadmapItem(doc: Y.Doc, input: NewRoadmapItem): string {
  const id = newId()
  const column = input.column ?? 'later'
  const { roadmap } = boardMaps(doc)
  doc.transact(() => {
    const items = roadmapColumnItems(doc, column)
    const order = applyPlan(roadmap, id, planMove(items, id, input.index ?? items.length))
    roadmap.set(
      id,
      newRecord({
        title: clip(input.title, LIMITS.title),
        column,
        order,
        sourceId: input.sourceId,
        owner: input.owner === undefined ? undefined : clip(input.owner, LIMITS.title),
        metric: input.metric === undefined ? undefined : clip(input.metric, LIMITS.title),
        mvp: input.mvp ?? false,
      }),
    )
  })
  return id
}

export function listRoadmap(doc: Y.Doc): RoadmapItem[] {
  const items: RoadmapItem[] = []
  boardMaps(doc).roadmap.forEach((value, id) => {
    const record = asRecord(value)
    if (!record) return
    const item: RoadmapItem = {
      id,
      title: readString(record, 'title'),
      column: readOneOf(record, 'column', ROADMAP_COLUMNS, 'later'),
      order: readNumber(record, 'order'),
      mvp: record.get('mvp') === true,
    }
    const sourceId = readOptionalString(record, 'sourceId')
    const owner = readOptionalString(record, 'owner')
    const metric = readOptionalString(record, 'metric')
    if (sourceId !== undefined) item.sourceId = sourceId
    if (owner !== undefined) item.owner = owner
    if (metric !== undefined) item.metric = metric
    items.push(item)
  })
  const columnIndex = (c: RoadmapColumn) => ROADMAP_COLUMNS.indexOf(c)
  return items.sort((a, b) => columnIndex(a.column) - columnIndex(b.column) || (a.order - b.order) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function updateRoadmapItem(
  doc: Y.Doc,
  id: string,
  patch: { title?: string; owner?: string | null; metric?: string | null; mvp?: boolean; sourceId?: string | null },
): void {
  const record = asRecord(boardMaps(doc).roadmap.get(id))
  if (!record) return
  doc.transact(() =>
    setDefined(record, {
      title: patch.title === undefined ? undefined : clip(patch.title, LIMITS.title),
      owner: typeof patch.owner === 'string' ? clip(patch.owner, LIMITS.title) : patch.owner,
      metric: typeof patch.metric === 'string' ? clip(patch.metric, LIMITS.title) : patch.metric,
      mvp: patch.mvp,
      sourceId: patch.sourceId,
    }),
  )
}

/** Moves an item to `index` within `column` (which may be its own). */
export function moveRoadmapItem(doc: Y.Doc, id: string, column: RoadmapColumn, index: number): void {
  const { roadmap } = boardMaps(doc)
  const record = asRecord(roadmap.get(id))
  if (!record) return
  doc.transact(() => {
    const order = applyPlan(roadmap, id, planMove(roadmapColumnItems(doc, column), id, index))
    record.set('column', column)
    record.set('order', order)
  })
}

export function removeRoadmapItem(doc: Y.Doc, id: string): void {
  const { roadmap, stories } = boardMaps(doc)
  doc.transact(() => {
    roadmap.delete(id)
    clearReferences(stories, 'roadmapId', id)
  })
}

// ---------------------------------------------------------------------------------------------
// User stories.

export interface NewStory {
  asA?: string
  iWant?: string
  soThat?: string
  acceptance?: string[]
  priority?: Priority
  roadmapId?: string
  sourceIds?: string[]
}

export const STORY_TEXT_FIELDS = ['asA', 'iWant', 'soThat'] as const
export type StoryTextField = (typeof STORY_TEXT_FIELDS)[number]

/**
 * A new story. Its three sentences are Y.Text, so that two people typing in the same story —
 * even in the same field — merge instead of overwriting each other.
 */
export function addStory(doc: Y.Doc, input: NewStory = {}): string {
  const id = newId()
  doc.transact(() => {
    const acceptance = new Y.Array<string>()
    const sourceIds = new Y.Array<string>()
    const record = newRecord({
      priority: input.priority ?? 'should',
      roadmapId: input.roadmapId,
    })
    for (const field of STORY_TEXT_FIELDS) record.set(field, new Y.Text(clip(input[field] ?? '', LIMITS.storyField)))
    record.set('acceptance', acceptance)
    record.set('sourceIds', sourceIds)
    boardMaps(doc).stories.set(id, record)
    acceptance.push((input.acceptance ?? []).slice(0, LIMITS.acceptanceItems).map((a) => clip(a, LIMITS.storyField)))
    sourceIds.push([...new Set(input.sourceIds ?? [])])
  })
  return id
}

/** A story field's Y.Text, for binding an editor; undefined for a missing story or a plain-string field. */
export function storyText(doc: Y.Doc, id: string, field: StoryTextField): Y.Text | undefined {
  const value = asRecord(boardMaps(doc).stories.get(id))?.get(field)
  return value instanceof Y.Text ? value : undefined
}

/** A field that is Y.Text (or, written by an older client, a plain string). */
function readTextOrString(map: Y.Map<unknown>, key: string): string {
  const value = map.get(key)
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : ''
}

export function listStories(doc: Y.Doc): Story[] {
  const stories: Story[] = []
  boardMaps(doc).stories.forEach((value, id) => {
    const record = asRecord(value)
    if (!record) return
    const story: Story = {
      id,
      asA: readTextOrString(record, 'asA'),
      iWant: readTextOrString(record, 'iWant'),
      soThat: readTextOrString(record, 'soThat'),
      acceptance: readStringArray(record, 'acceptance'),
      priority: readOneOf(record, 'priority', PRIORITIES, 'should'),
      // Two peers linking the same source at once both append it; show it once.
      sourceIds: [...new Set(readStringArray(record, 'sourceIds'))],
    }
    const roadmapId = readOptionalString(record, 'roadmapId')
    if (roadmapId !== undefined) story.roadmapId = roadmapId
    stories.push(story)
  })
  const rank = (p: Priority) => PRIORITIES.indexOf(p)
  return stories.sort((a, b) => rank(a.priority) - rank(b.priority) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function updateStory(
  doc: Y.Doc,
  id: string,
  patch: { asA?: string; iWant?: string; soThat?: string; priority?: Priority; roadmapId?: string | null },
): void {
  const record = asRecord(boardMaps(doc).stories.get(id))
  if (!record) return
  doc.transact(() => {
    for (const field of STORY_TEXT_FIELDS) {
      const next = patch[field]
      if (next === undefined) continue
      const current = record.get(field)
      // The smallest edit into the Y.Text (concurrent typing merges); a plain string becomes one.
      if (current instanceof Y.Text) replaceText(doc, current, clip(next, LIMITS.storyField))
      else record.set(field, new Y.Text(clip(next, LIMITS.storyField)))
    }
    setDefined(record, { priority: patch.priority, roadmapId: patch.roadmapId })
  })
}

function storyArray(doc: Y.Doc, id: string, key: 'acceptance' | 'sourceIds'): Y.Array<string> | undefined {
  const value = asRecord(boardMaps(doc).stories.get(id))?.get(key)
  return value instanceof Y.Array ? (value as Y.Array<string>) : undefined
}

export function addAcceptance(doc: Y.Doc, storyId: string, criterion: string, index?: number): void {
  const list = storyArray(doc, storyId, 'acceptance')
  if (!list || list.length >= LIMITS.acceptanceItems) return
  doc.transact(() => list.insert(Math.max(0, Math.min(index ?? list.length, list.length)), [clip(criterion, LIMITS.storyField)]))
}

export function editAcceptance(doc: Y.Doc, storyId: string, index: number, criterion: string): void {
  const list = storyArray(doc, storyId, 'acceptance')
  if (!list || index < 0 || index >= list.length) return
  doc.transact(() => {
    list.delete(index, 1)
    list.insert(index, [clip(criterion, LIMITS.storyField)])
  })
}

export function removeAcceptance(doc: Y.Doc, storyId: string, index: number): void {
  const list = storyArray(doc, storyId, 'acceptance')
  if (!list || index < 0 || index >= list.length) return
  doc.transact(() => list.delete(index, 1))
}

export function linkStorySource(doc: Y.Doc, storyId: string, sourceId: string): void {
  const list = storyArray(doc, storyId, 'sourceIds')
  if (!list || list.toArray().includes(sourceId)) return
  doc.transact(() => list.push([sourceId]))
}

export function unlinkStorySource(doc: Y.Doc, storyId: string, sourceId: string): void {
  const list = storyArray(doc, storyId, 'sourceIds')
  if (!list) return
  doc.transact(() => {
    // From the end: every copy (concurrent links of the same note may have added two).
    const items = list.toArray()
    for (let i = items.length - 1; i >= 0; i--) if (items[i] === sourceId) list.delete(i, 1)
  })
}

export function removeStory(doc: Y.Doc, id: string): void {
  doc.transact(() => boardMaps(doc).stories.delete(id))
}

// ---------------------------------------------------------------------------------------------
// People: participant id → display name, so that a note's author has a name after they left.
// A participant writes only its own key (the server refuses others, as for votes).

/** A display name as the app shows and writes it: `cleanLine`d and at most LIMITS.name long. */
export function cleanName(name: string): string {
  return clip(cleanLine(name), LIMITS.name).trimEnd()
}

export function setPerson(doc: Y.Doc, participantId: string, name: string): void {
  const people = boardMaps(doc).people
  const next = cleanName(name)
  if (people.get(participantId) !== next) doc.transact(() => people.set(participantId, next))
}

/**
 * Participant id → display name. Names are cleaned and capped on read as the join form does
 * (`cleanName`), whatever a scripted client wrote into the document; an entry that is not a
 * string or is empty after cleaning is left out.
 */
export function readPeople(doc: Y.Doc): Map<string, string> {
  const people = new Map<string, string>()
  boardMaps(doc).people.forEach((value, id) => {
    if (typeof value !== 'string') return
    const name = cleanName(value)
    if (name !== '') people.set(id, name)
  })
  return people
}
