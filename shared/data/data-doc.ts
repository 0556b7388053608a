/**
 * The workshop's `data` document (`/sync/<id>/data`, issue #12): what the facilitator imported
 * and decided about it. Only aggregates enter it, never raw rows. Until the facilitator reveals
 * the data (control `dataRevealed`) only the facilitator's connection can open it; then everyone
 * reads it, and still only the facilitator writes (shared/roles.ts, enforced by the server).
 *
 * Top-level types:
 * - `datasets` Y.Map<id, Y.Map{name, fileName, importedAt, mapping, stageMap, aggregates}>; the
 *   last three are plain JSON values (written once, at import, never edited in place);
 * - `settings` Y.Map{activeId?, measure}: the dataset the board and the comparison show, and
 *   the measure the data's top 10 is ranked by;
 * - `matches` Y.Map<normalised label, touchpoint>: a guessed item or touchpoint note (by its
 *   text, normalised as match.ts does) → the data touchpoint it means;
 * - `keyTouchpoints` Y.Map<touchpoint, Y.Map{owner?, target?, metric?, comparator?, value?}>: a
 *   key touchpoint's owner (a department) and target (free text such as "repeat rate < 10 %",
 *   optionally structured so that "target met" can be computed).
 *
 * Readers validate everything (a scripted facilitator client may have written anything).
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { LIMITS } from '../limits'
import { clip, cleanLine } from '../text'
import { normaliseLabel } from './match'
import type { Aggregates, Dataset } from './types'
import { DATA_FIELDS } from './types'

/** At most this many datasets in one workshop (each import replaces or adds one). */
export const MAX_DATASETS = 20
/** Stage values of a file mapped to board stages: a journey has a handful; a bound keeps datasets small. */
export const MAX_STAGE_VALUES = 500

/** A dataset the data document does not take (invalid, or one too many): nothing was written. */
export class DatasetRefused extends Error {}
/** A touchpoint or stage name as the data has it, at most this long. */
export const MAX_LABEL = 200

export function dataMaps(doc: Y.Doc) {
  return {
    datasets: doc.getMap<Y.Map<unknown>>('datasets'),
    settings: doc.getMap<unknown>('settings'),
    matches: doc.getMap<unknown>('matches'),
    keyTouchpoints: doc.getMap<Y.Map<unknown>>('keyTouchpoints'),
  }
}

// ---------------------------------------------------------------------------------------------
// Validators (reading the document and importing a JSON export use the same ones).

const label = z.string().max(MAX_LABEL)
const count = z.number().int().min(0)
const share = z.number().min(0).max(1)
const score = z.number().nullable()

const stageAggregateSchema = z.object({ stage: label, interactions: count, customers: count, csat: score, nps: score, repeatRate: share })
const touchpointAggregateSchema = stageAggregateSchema.extend({ touchpoint: label })
const transitionSchema = z.object({ from: label, to: label, customers: count, share, medianHours: z.number().min(0).nullable() })
const tablesSchema = z.object({
  rows: count,
  customers: count,
  stages: z.array(stageAggregateSchema).max(500),
  touchpoints: z.array(touchpointAggregateSchema).max(5000),
  transitions: z.array(transitionSchema).max(500),
})
export const aggregatesSchema = tablesSchema.extend({
  from: z.string().max(40).nullable(),
  to: z.string().max(40).nullable(),
  segments: z.array(tablesSchema.extend({ segment: label })).max(50).optional(),
})

export const datasetSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be an id: 1–64 letters, digits, _ or -' }),
  name: z.string().max(LIMITS.title),
  fileName: z.string().max(LIMITS.title),
  importedAt: z.number().finite(),
  mapping: z.partialRecord(z.enum(DATA_FIELDS), z.string().max(MAX_LABEL)),
  stageMap: z.record(label, z.string().max(64)).refine((map) => Object.keys(map).length <= MAX_STAGE_VALUES, { error: `at most ${MAX_STAGE_VALUES} stage values` }),
  aggregates: aggregatesSchema,
  attached: z.boolean().optional(),
})

export const MEASURES = ['interactions', 'customers', 'repeats'] as const
export type Measure = (typeof MEASURES)[number]

export const COMPARATORS = ['<', '<=', '>', '>='] as const
export type Comparator = (typeof COMPARATORS)[number]
/** What a structured target compares: a touchpoint's aggregate. */
export const TARGET_METRICS = ['repeatRate', 'csat', 'nps', 'interactions'] as const
export type TargetMetric = (typeof TARGET_METRICS)[number]

export const keyTouchpointSchema = z.object({
  touchpoint: label,
  owner: z.string().max(LIMITS.name).optional(),
  target: z.string().max(LIMITS.title).optional(),
  metric: z.enum(TARGET_METRICS).optional(),
  comparator: z.enum(COMPARATORS).optional(),
  value: z.number().finite().optional(),
})
export type KeyTouchpoint = z.output<typeof keyTouchpointSchema>

/** Everything in a data document, as the JSON export carries it. */
export const dataSectionSchema = z.object({
  datasets: z.array(datasetSchema).max(MAX_DATASETS),
  activeId: z.string().max(64).optional(),
  measure: z.enum(MEASURES).optional(),
  matches: z.record(z.string().max(MAX_LABEL), label),
  keyTouchpoints: z.array(keyTouchpointSchema).max(5000),
})
export type DataSection = z.output<typeof dataSectionSchema>

// ---------------------------------------------------------------------------------------------
// Datasets.

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

/**
 * Adds an imported dataset and makes it the active one. `replace`: every other dataset is
 * removed in the same transaction (the import dialog asks before it passes true), so nothing is
 * half-replaced; without it the earlier datasets stay (nothing is ever dropped unasked). Throws
 * on a dataset that does not validate, before anything is written.
 */
export function addDataset(doc: Y.Doc, dataset: Dataset, options: { replace: boolean }): void {
  const checked = datasetSchema.safeParse(dataset)
  if (!checked.success) throw new DatasetRefused(`not a valid dataset: ${checked.error.issues[0]?.path.join('.') ?? ''} ${checked.error.issues[0]?.message ?? ''}`.trim())
  const { datasets, settings } = dataMaps(doc)
  if (!options.replace && !datasets.has(dataset.id) && datasets.size >= MAX_DATASETS) throw new DatasetRefused(`a workshop holds at most ${MAX_DATASETS} datasets`)
  doc.transact(() => {
    if (options.replace) for (const id of [...datasets.keys()]) if (id !== dataset.id) datasets.delete(id)
    const map = new Y.Map<unknown>()
    map.set('name', clip(cleanLine(dataset.name), LIMITS.title))
    map.set('fileName', clip(dataset.fileName, LIMITS.title))
    map.set('importedAt', dataset.importedAt)
    map.set('mapping', plain(dataset.mapping))
    map.set('stageMap', plain(dataset.stageMap))
    map.set('aggregates', plain(dataset.aggregates))
    if (dataset.attached === true) map.set('attached', true)
    datasets.set(dataset.id, map)
    settings.set('activeId', dataset.id)
  })
}

/** One dataset as stored, or undefined when anything in it does not validate. */
function readDataset(id: string, map: Y.Map<unknown>): Dataset | undefined {
  const parsed = datasetSchema.safeParse({
    id,
    name: map.get('name'),
    fileName: map.get('fileName'),
    importedAt: map.get('importedAt'),
    mapping: map.get('mapping'),
    stageMap: map.get('stageMap'),
    aggregates: map.get('aggregates'),
    ...(map.get('attached') === true && { attached: true }),
  })
  return parsed.success ? (parsed.data as Dataset) : undefined
}

/** Every readable dataset, oldest import first. */
export function readDatasets(doc: Y.Doc): Dataset[] {
  const list: Dataset[] = []
  dataMaps(doc).datasets.forEach((value, id) => {
    const dataset = value instanceof Y.Map ? readDataset(id, value as Y.Map<unknown>) : undefined
    if (dataset) list.push(dataset)
  })
  return list.sort((a, b) => a.importedAt - b.importedAt || a.id.localeCompare(b.id))
}

export function removeDataset(doc: Y.Doc, id: string): void {
  const { datasets, settings } = dataMaps(doc)
  if (!datasets.has(id)) return
  doc.transact(() => {
    datasets.delete(id)
    if (settings.get('activeId') === id) settings.delete('activeId')
  })
}

/** The dataset the board and the comparison show: the chosen one, else the newest. */
export function activeDataset(doc: Y.Doc): Dataset | undefined {
  const all = readDatasets(doc)
  const chosen = dataMaps(doc).settings.get('activeId')
  return all.find((d) => d.id === chosen) ?? all[all.length - 1]
}

export function setActiveDataset(doc: Y.Doc, id: string): void {
  const { settings } = dataMaps(doc)
  if (settings.get('activeId') !== id) doc.transact(() => settings.set('activeId', id))
}

export function readMeasure(doc: Y.Doc): Measure {
  const value = dataMaps(doc).settings.get('measure')
  return (MEASURES as readonly unknown[]).includes(value) ? (value as Measure) : 'interactions'
}

export function setMeasure(doc: Y.Doc, measure: Measure): void {
  const { settings } = dataMaps(doc)
  if (settings.get('measure') !== measure) doc.transact(() => settings.set('measure', measure))
}

// ---------------------------------------------------------------------------------------------
// Matches: a label (guess item or note text) → a data touchpoint.

/** Normalised label → touchpoint. Entries whose key or value is not text are left out. */
export function readMatches(doc: Y.Doc): Map<string, string> {
  const matches = new Map<string, string>()
  dataMaps(doc).matches.forEach((value, key) => {
    if (typeof value === 'string' && value !== '' && key !== '') matches.set(key, value)
  })
  return matches
}

/** Matches `label` to `touchpoint`; `null` removes the match. */
export function setMatch(doc: Y.Doc, label: string, touchpoint: string | null): void {
  const key = normaliseLabel(label)
  if (key === '') return
  const { matches } = dataMaps(doc)
  if (touchpoint === null) {
    if (matches.has(key)) doc.transact(() => matches.delete(key))
    return
  }
  const value = clip(touchpoint, MAX_LABEL)
  if (matches.get(key) !== value) doc.transact(() => matches.set(key, value))
}

/**
 * The data touchpoint a label means: its match, else the touchpoint whose name is the same
 * label (normalised) — "Phone" guessed for the data's "phone" needs no match.
 */
export function resolveLabel(label: string, matches: ReadonlyMap<string, string>, touchpoints: readonly string[]): string | undefined {
  const key = normaliseLabel(label)
  const matched = matches.get(key)
  if (matched !== undefined) return matched
  return touchpoints.find((t) => normaliseLabel(t) === key)
}

// ---------------------------------------------------------------------------------------------
// Key touchpoints: owner and target.

const optionalString = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.trim() !== '' ? clip(value, max) : undefined)

export function readKeyTouchpoints(doc: Y.Doc): KeyTouchpoint[] {
  const list: KeyTouchpoint[] = []
  dataMaps(doc).keyTouchpoints.forEach((value, touchpoint) => {
    if (!(value instanceof Y.Map) || touchpoint === '') return
    const map = value as Y.Map<unknown>
    const entry: KeyTouchpoint = { touchpoint: clip(touchpoint, MAX_LABEL) }
    const owner = optionalString(map.get('owner'), LIMITS.name)
    const target = optionalString(map.get('target'), LIMITS.title)
    const metric = map.get('metric')
    const comparator = map.get('comparator')
    const targetValue = map.get('value')
    if (owner !== undefined) entry.owner = owner
    if (target !== undefined) entry.target = target
    if ((TARGET_METRICS as readonly unknown[]).includes(metric) && (COMPARATORS as readonly unknown[]).includes(comparator) && typeof targetValue === 'number' && Number.isFinite(targetValue)) {
      entry.metric = metric as TargetMetric
      entry.comparator = comparator as Comparator
      entry.value = targetValue
    }
    list.push(entry)
  })
  return list.sort((a, b) => a.touchpoint.localeCompare(b.touchpoint))
}

/** Marks `touchpoint` as key (an empty entry) or changes its owner/target; `null` clears a field. */
export function setKeyTouchpoint(doc: Y.Doc, touchpoint: string, patch: { [K in Exclude<keyof KeyTouchpoint, 'touchpoint'>]?: KeyTouchpoint[K] | null }): void {
  const name = clip(touchpoint, MAX_LABEL)
  if (name === '') return
  const { keyTouchpoints } = dataMaps(doc)
  doc.transact(() => {
    let map = keyTouchpoints.get(name)
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>()
      keyTouchpoints.set(name, map)
    }
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue
      if (value === null || value === '') map.delete(field)
      else if (map.get(field) !== value) map.set(field, typeof value === 'string' ? clip(cleanLine(value), field === 'owner' ? LIMITS.name : LIMITS.title) : value)
    }
  })
}

export function removeKeyTouchpoint(doc: Y.Doc, touchpoint: string): void {
  const { keyTouchpoints } = dataMaps(doc)
  if (keyTouchpoints.has(touchpoint)) doc.transact(() => keyTouchpoints.delete(touchpoint))
}

/** A touchpoint's value of a target's metric, as the aggregates have it. */
function metricValue(aggregate: Aggregates['touchpoints'][number], metric: TargetMetric): number | null {
  return aggregate[metric]
}

/**
 * Whether a structured target is met by the dataset's figures: true/false, or undefined when
 * the target is free text only, or the touchpoint or its figure is not in the data.
 */
export function targetMet(entry: KeyTouchpoint, aggregates: Aggregates): boolean | undefined {
  if (entry.metric === undefined || entry.comparator === undefined || entry.value === undefined) return undefined
  const rows = aggregates.touchpoints.filter((t) => t.touchpoint === entry.touchpoint)
  if (rows.length === 0) return undefined
  // A touchpoint seen in several stages: its interactions summed, its rates weighted by them.
  const interactions = rows.reduce((sum, r) => sum + r.interactions, 0)
  let value: number | null
  if (entry.metric === 'interactions') value = interactions
  else {
    let weighted = 0
    let weight = 0
    for (const row of rows) {
      const v = metricValue(row, entry.metric)
      if (v === null) continue
      weighted += v * row.interactions
      weight += row.interactions
    }
    value = weight === 0 ? null : weighted / weight
  }
  if (value === null) return undefined
  switch (entry.comparator) {
    case '<':
      return value < entry.value
    case '<=':
      return value <= entry.value
    case '>':
      return value > entry.value
    case '>=':
      return value >= entry.value
  }
}

/** A key touchpoint as one line: "Phone — owner Service — target repeat rate < 10 %". */
export function describeTarget(entry: KeyTouchpoint): string | undefined {
  if (entry.target !== undefined) return entry.target
  if (entry.metric === undefined || entry.comparator === undefined || entry.value === undefined) return undefined
  const shown = entry.metric === 'repeatRate' ? `${Math.round(entry.value * 1000) / 10} %` : String(entry.value)
  return `${entry.metric} ${entry.comparator} ${shown}`
}

// ---------------------------------------------------------------------------------------------
// The whole document as one value (export) and back (import).

export function readDataSection(doc: Y.Doc): DataSection {
  const { settings } = dataMaps(doc)
  const activeId = settings.get('activeId')
  return {
    datasets: readDatasets(doc),
    ...(typeof activeId === 'string' && { activeId }),
    measure: readMeasure(doc),
    matches: Object.fromEntries(readMatches(doc)),
    keyTouchpoints: readKeyTouchpoints(doc),
  }
}

/** Writes an exported data section into a (fresh) data document. */
export function writeDataSection(doc: Y.Doc, section: DataSection): void {
  const { matches, settings } = dataMaps(doc)
  doc.transact(() => {
    for (const dataset of section.datasets) addDataset(doc, dataset as Dataset, { replace: false })
    if (section.activeId !== undefined) settings.set('activeId', section.activeId)
    if (section.measure !== undefined) settings.set('measure', section.measure)
    for (const [key, touchpoint] of Object.entries(section.matches)) if (key !== '') matches.set(key, touchpoint)
    for (const { touchpoint, ...rest } of section.keyTouchpoints) setKeyTouchpoint(doc, touchpoint, rest)
  })
}

/** Whether a data document holds anything (an export without data leaves the section out). */
export function hasData(doc: Y.Doc): boolean {
  const { datasets, matches, keyTouchpoints } = dataMaps(doc)
  return datasets.size > 0 || matches.size > 0 || keyTouchpoints.size > 0
}
