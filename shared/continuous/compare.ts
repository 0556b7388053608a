/**
 * The comparison of a series' runs (the comparison page, its Markdown and the report section):
 * per key touchpoint and per stage the figures of each month side by side with the change and
 * whether the target is met; the guess-vs-data score per workshop and per department; and the
 * roadmap items that moved between workshops. Pure: RunInput[] in, a table model out.
 *
 * Columns are months: every dataset of every workshop, oldest data first (by the first
 * interaction it holds, else by import time). Months attached afterwards from the command line
 * (`npm run data -- attach`: the dataset says so) are marked; those imported in the room are not.
 * A workshop without data still gets a column (its guesses and roadmap count; its figures are
 * empty).
 */
import type { Dataset, StageAggregate, TouchpointAggregate } from '../data/types'
import type { KeyTouchpoint } from '../data/data-doc'
import { found } from '../data/rank'
import type { RunInput } from './run'
import { isRate, parseTarget, targetMet, type Target, type TargetMetric } from './targets'

export const METRICS = ['volume', 'csat', 'repeatRate', 'dropOff'] as const
export type Metric = (typeof METRICS)[number]

/** How many of the data's top touchpoints a guess is scored against ("found 5 of 10"). */
export const GUESS_TOP = 10

export interface Column {
  key: string
  workshopId: string
  workshopTitle: string
  /** The dataset's name, else the workshop's title. */
  label: string
  /** "2026-03" from the data's first interaction, else from the import or the workshop. */
  period: string
  datasetId?: string
  /** Data attached to the workshop from the command line (`npm run data -- attach`), not imported in the room. */
  attached: boolean
}

export interface MetricRow {
  metric: Metric
  /** One per column; null where the column has no figure. */
  values: Array<number | null>
  /** Last figure minus the one before it (rates in shares); null with fewer than two figures. */
  change: number | null
  /** Whether the change is for the better (lower volume, repeat rate and drop-off; higher CSAT). */
  better: boolean | null
}

export interface TouchpointRow {
  touchpoint: string
  owner?: string
  target?: string
  /** The parsed target; null when it is set but not measurable, or not set. */
  parsed: Target | null
  /** Per column: met, missed, or null (no figure / no measurable target). */
  met: Array<boolean | null>
  metrics: MetricRow[]
}

export interface StageRow {
  stageId: string
  title: string
  metrics: MetricRow[]
}

export interface GuessScore {
  found: number
  of: number
  people: number
}

export interface GuessRow {
  workshopId: string
  workshopTitle: string
  period: string
  /** The data the guesses are scored against was attached from the command line, not imported in the room. */
  attached: boolean
  team: GuessScore | null
  departments: Array<{ department: string } & GuessScore>
}

export interface RoadmapMove {
  id: string
  title: string
  owner?: string
  from: 'now' | 'next' | 'later'
  to: 'now' | 'next' | 'later' | 'done'
}

export interface RoadmapStep {
  fromWorkshop: { id: string; title: string }
  toWorkshop: { id: string; title: string }
  moves: RoadmapMove[]
}

export interface Comparison {
  columns: Column[]
  touchpoints: TouchpointRow[]
  stages: StageRow[]
  guesses: GuessRow[]
  roadmap: RoadmapStep[]
  /** Department → its scores over time, for the sentence "Service found 5 of 10 in March, 8 of 10 in June". */
  departments: string[]
}

export type ComparisonResult = { ok: true; value: Comparison } | { ok: false; error: string }

const norm = (name: string) => name.trim().toLowerCase()

function periodOf(dataset: Dataset | undefined, fallback: number): string {
  const iso = dataset?.aggregates.from ?? (dataset ? new Date(dataset.importedAt).toISOString() : new Date(fallback).toISOString())
  return iso.slice(0, 7)
}

/** Stage sets must match (by title, order aside); otherwise a message naming what differs. */
export function stageSetDifference(runs: readonly RunInput[]): string | undefined {
  for (let i = 1; i < runs.length; i++) {
    const a = runs[i - 1] as RunInput
    const b = runs[i] as RunInput
    const titlesA = new Set(a.stages.map((s) => norm(s.title)))
    const titlesB = new Set(b.stages.map((s) => norm(s.title)))
    const onlyA = a.stages.filter((s) => !titlesB.has(norm(s.title))).map((s) => s.title)
    const onlyB = b.stages.filter((s) => !titlesA.has(norm(s.title))).map((s) => s.title)
    if (onlyA.length + onlyB.length > 0) {
      const parts = [
        onlyA.length > 0 && `only in "${a.title}": ${onlyA.join(', ')}`,
        onlyB.length > 0 && `only in "${b.title}": ${onlyB.join(', ')}`,
      ].filter(Boolean)
      return `"${a.title}" and "${b.title}" have different stages (${parts.join('; ')}); rename or add stages so that both have the same ones to compare them`
    }
  }
  return undefined
}

/** The board stage's figures in one dataset: the aggregate stages mapped to it (or named like it), summed. */
function stageFigures(dataset: Dataset, stage: { id: string; title: string }): Record<Metric, number | null> {
  const names = new Set<string>()
  for (const [value, stageId] of Object.entries(dataset.stageMap)) if (stageId === stage.id) names.add(norm(value))
  // Datasets name their stages by the board's titles (shared/data/stage-names.ts).
  names.add(norm(stage.title))
  const rows = dataset.aggregates.stages.filter((row) => names.has(norm(row.stage)))
  return { ...combine(rows), dropOff: dropOff(dataset, names) }
}

function combine(rows: readonly StageAggregate[]): Omit<Record<Metric, number | null>, 'dropOff'> {
  if (rows.length === 0) return { volume: null, csat: null, repeatRate: null }
  const volume = rows.reduce((sum, row) => sum + row.interactions, 0)
  const weighted = (pick: (row: StageAggregate) => number | null) => {
    let total = 0
    let weight = 0
    for (const row of rows) {
      const value = pick(row)
      if (value === null) continue
      total += value * row.interactions
      weight += row.interactions
    }
    return weight > 0 ? total / weight : null
  }
  return { volume, csat: weighted((row) => row.csat), repeatRate: weighted((row) => row.repeatRate) }
}

/** Share of the stage's customers who did not go on to the next stage; null for the last one. */
function dropOff(dataset: Dataset, stageNames: ReadonlySet<string>): number | null {
  const out = dataset.aggregates.transitions.filter((t) => stageNames.has(norm(t.from)))
  const customers = out.reduce((sum, t) => sum + t.customers, 0)
  if (customers === 0) return null
  return 1 - out.reduce((sum, t) => sum + t.share * t.customers, 0) / customers
}

function touchpointFigures(dataset: Dataset, touchpoint: string): Record<Metric, number | null> & { nps: number | null } {
  const row: TouchpointAggregate | undefined = dataset.aggregates.touchpoints.find((t) => norm(t.touchpoint) === norm(touchpoint))
  if (!row) return { volume: null, csat: null, repeatRate: null, dropOff: null, nps: null }
  // A touchpoint's drop-off is its stage's: the share of that stage's customers who went no further.
  return { volume: row.interactions, csat: row.csat, repeatRate: row.repeatRate, dropOff: dropOff(dataset, new Set([norm(row.stage)])), nps: row.nps }
}

const LOWER_IS_BETTER: Record<Metric, boolean> = { volume: true, csat: false, repeatRate: true, dropOff: true }

function metricRow(metric: Metric, values: Array<number | null>): MetricRow {
  const known = values.filter((v): v is number => v !== null)
  const last = known.at(-1)
  const previous = known.at(-2)
  const change = last !== undefined && previous !== undefined ? last - previous : null
  const better = change === null || Math.abs(change) < 1e-9 ? null : LOWER_IS_BETTER[metric] ? change < 0 : change > 0
  return { metric, values, change, better }
}

/** A group's combined ranking (Borda count: the first of N gets N points), its top `n`. */
function combinedRanking(rankings: readonly string[][], n: number): string[] {
  const points = new Map<string, { name: string; points: number }>()
  for (const ranking of rankings) {
    ranking.slice(0, n).forEach((name, i) => {
      const entry = points.get(norm(name)) ?? { name, points: 0 }
      entry.points += n - i
      points.set(norm(name), entry)
    })
  }
  return [...points.values()].sort((a, b) => b.points - a.points || a.name.localeCompare(b.name)).slice(0, n).map((e) => e.name)
}

function score(dataTop: string[], rankings: string[][]): GuessScore | null {
  if (rankings.length === 0 || dataTop.length === 0) return null
  return { found: found(dataTop, combinedRanking(rankings, dataTop.length)), of: dataTop.length, people: rankings.length }
}

export function buildComparison(input: readonly RunInput[]): ComparisonResult {
  const runs = [...input].sort((a, b) => a.createdAt - b.createdAt || a.workshopId.localeCompare(b.workshopId))
  if (runs.length === 0) return { ok: false, error: 'there are no workshops to compare' }
  const difference = stageSetDifference(runs)
  if (difference !== undefined) return { ok: false, error: difference }

  // Columns: every dataset of every workshop (oldest data first), a workshop without data once.
  const columns: Array<Column & { dataset?: Dataset; run: RunInput }> = []
  for (const run of runs) {
    const datasets = [...run.datasets].sort((a, b) => a.importedAt - b.importedAt)
    if (datasets.length === 0) {
      columns.push({ key: run.workshopId, workshopId: run.workshopId, workshopTitle: run.title, label: run.title, period: periodOf(undefined, run.createdAt), attached: false, run })
      continue
    }
    datasets.forEach((dataset) =>
      columns.push({
        key: `${run.workshopId}/${dataset.id}`,
        workshopId: run.workshopId,
        workshopTitle: run.title,
        label: dataset.name || run.title,
        period: periodOf(dataset, run.createdAt),
        datasetId: dataset.id,
        attached: dataset.attached === true,
        dataset,
        run,
      }),
    )
  }
  columns.sort((a, b) => a.period.localeCompare(b.period) || a.run.createdAt - b.run.createdAt || Number(a.attached) - Number(b.attached))

  // Key touchpoints: the latest workshop's owner and target win; every one ever named is a row.
  const keyTouchpoints = new Map<string, KeyTouchpoint>()
  for (const run of runs) for (const kt of run.keyTouchpoints) keyTouchpoints.set(norm(kt.touchpoint), kt)
  const touchpoints: TouchpointRow[] = [...keyTouchpoints.values()].map((kt) => {
    const figures = columns.map((column) => (column.dataset ? touchpointFigures(column.dataset, kt.touchpoint) : undefined))
    const parsed = parseTarget(kt.target)
    const metricValue = (f: ReturnType<typeof touchpointFigures> | undefined, metric: TargetMetric) => (f ? f[metric] : null)
    return {
      touchpoint: kt.touchpoint,
      ...(kt.owner !== undefined && { owner: kt.owner }),
      ...(kt.target !== undefined && { target: kt.target }),
      parsed,
      met: figures.map((f) => (parsed ? targetMet(parsed, metricValue(f, parsed.metric)) : null)),
      metrics: METRICS.map((metric) => metricRow(metric, figures.map((f) => (f ? f[metric] : null)))),
    }
  })

  const lastRun = runs.at(-1) as RunInput
  const stages: StageRow[] = lastRun.stages.map((stage) => {
    const figures = columns.map((column) => {
      if (!column.dataset) return undefined
      // The same stage in that column's workshop (by title: ids differ when a board was rebuilt).
      const own = column.run.stages.find((s) => norm(s.title) === norm(stage.title)) ?? stage
      return stageFigures(column.dataset, own)
    })
    return { stageId: stage.id, title: stage.title, metrics: METRICS.map((metric) => metricRow(metric, figures.map((f) => (f ? f[metric] : null)))) }
  })

  const departments = new Set<string>()
  const guesses: GuessRow[] = runs.map((run) => {
    const dataset = [...run.datasets].sort((a, b) => a.importedAt - b.importedAt)[0]
    const dataTop = dataset ? dataset.aggregates.touchpoints.slice(0, GUESS_TOP).map((t) => t.touchpoint) : []
    const byDepartment = new Map<string, string[][]>()
    for (const guess of run.guesses) {
      if (guess.department === undefined) continue
      departments.add(guess.department)
      const list = byDepartment.get(guess.department) ?? []
      list.push(guess.ranking)
      byDepartment.set(guess.department, list)
    }
    return {
      workshopId: run.workshopId,
      workshopTitle: run.title,
      period: periodOf(dataset, run.createdAt),
      attached: dataset?.attached === true,
      team: score(dataTop, run.guesses.map((g) => g.ranking)),
      departments: [...byDepartment]
        .map(([department, rankings]) => {
          const s = score(dataTop, rankings)
          return s ? { department, ...s } : undefined
        })
        .filter((row): row is { department: string } & GuessScore => row !== undefined)
        .sort((a, b) => a.department.localeCompare(b.department)),
    }
  })

  const roadmap: RoadmapStep[] = []
  for (let i = 1; i < runs.length; i++) {
    const before = runs[i - 1] as RunInput
    const after = runs[i] as RunInput
    const later = new Map(after.roadmap.map((item) => [item.id, item]))
    const moves: RoadmapMove[] = []
    for (const item of before.roadmap) {
      const next = later.get(item.id)
      const owner = next?.owner ?? item.owner
      const base = { id: item.id, title: next?.title ?? item.title, ...(owner !== undefined && { owner }), from: item.column }
      // Done by the later workshop; or done in the first workshop itself (so never carried).
      // An item done in a later one was reported by the step that led to it.
      if ((!item.done && next?.done) || (item.done && i === 1)) moves.push({ ...base, to: 'done' })
      else if (item.done) continue
      else if (next && next.column !== item.column) moves.push({ ...base, to: next.column })
    }
    roadmap.push({ fromWorkshop: { id: before.workshopId, title: before.title }, toWorkshop: { id: after.workshopId, title: after.title }, moves })
  }

  return {
    ok: true,
    value: {
      columns: columns.map(({ dataset: _dataset, run: _run, ...column }) => column),
      touchpoints,
      stages,
      guesses,
      roadmap,
      departments: [...departments].sort(),
    },
  }
}

/** "Service found 5 of 10 in 2026-03, 8 of 10 in 2026-06" — per department, over the workshops. */
export function departmentSentences(comparison: Comparison, monthName: (period: string) => string = (p) => p): string[] {
  return comparison.departments.map((department) => {
    const parts = comparison.guesses.flatMap((row) => {
      const s = row.departments.find((d) => d.department === department)
      return s ? [`${s.found} of ${s.of} in ${monthName(row.period)}`] : []
    })
    return `${department} found ${parts.join(', ')}`
  })
}

/** Whether a metric's figures are shares (shown as percentages). */
export const isShare = (metric: Metric | TargetMetric) => isRate(metric as TargetMetric)
