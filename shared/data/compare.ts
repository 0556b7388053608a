/**
 * The guess against the data (issue #12): the data's top 10 by a chosen measure, the group's
 * top 10 and each department's, how many of the data's top 10 each found, and Spearman's ρ
 * over the matched items. Pure: built from the readers' values.
 *
 * The group's ranking is a Borda count: in a ranking of up to 10, place 1 earns 10 points,
 * place 2 earns 9 … place 10 earns 1, whatever the ranking's length (a short list does not
 * weigh more per item). Items are counted under the data touchpoint they are matched to (so
 * "phone" and "calling in" matched to "Phone" add up), unmatched ones under their normalised
 * text. Ties: more people who named it, then the better best place, then by name.
 */
import { normaliseLabel } from './match'
import { found, spearman } from './rank'
import type { Aggregates, TouchpointAggregate } from './types'
import { resolveLabel, type Measure } from './data-doc'

export const TOP = 10

export interface DataItem {
  touchpoint: string
  value: number
}

/** A touchpoint's figures over all stages it appears in (interactions summed, rates weighted). */
export interface TouchpointTotal {
  touchpoint: string
  interactions: number
  customers: number
  repeats: number
  csat: number | null
}

/** One row per touchpoint name: the aggregator keeps a touchpoint per stage; a ranking wants one. */
export function touchpointTotals(aggregates: Aggregates): TouchpointTotal[] {
  const totals = new Map<string, { interactions: number; customers: number; repeats: number; csatSum: number; csatWeight: number }>()
  for (const row of aggregates.touchpoints as readonly TouchpointAggregate[]) {
    const total = totals.get(row.touchpoint) ?? { interactions: 0, customers: 0, repeats: 0, csatSum: 0, csatWeight: 0 }
    total.interactions += row.interactions
    // A customer seen at the touchpoint in two stages is counted in both: an upper bound.
    total.customers += row.customers
    total.repeats += Math.round(row.repeatRate * row.interactions)
    if (row.csat !== null) {
      total.csatSum += row.csat * row.interactions
      total.csatWeight += row.interactions
    }
    totals.set(row.touchpoint, total)
  }
  return [...totals].map(([touchpoint, t]) => ({
    touchpoint,
    interactions: t.interactions,
    customers: t.customers,
    repeats: t.repeats,
    csat: t.csatWeight > 0 ? t.csatSum / t.csatWeight : null,
  }))
}

/** Every touchpoint ranked by `measure`, largest first; equal values by name (a strict order). */
export function dataRanking(aggregates: Aggregates, measure: Measure): DataItem[] {
  return touchpointTotals(aggregates)
    .map((t) => ({ touchpoint: t.touchpoint, value: t[measure] }))
    .sort((a, b) => b.value - a.value || a.touchpoint.localeCompare(b.touchpoint))
}

export interface RankedItem {
  /** What is shown: the data touchpoint when matched, else the label as first written. */
  label: string
  /** The data touchpoint it is matched to, if any. */
  touchpoint?: string
  points: number
  /** How many people named it. */
  voters: number
  /** Whether it is in the data's top 10. */
  inDataTop: boolean
}

export interface GroupRanking {
  /** "Everyone", or a department's name. */
  name: string
  /** How many people's rankings it is made of. */
  people: number
  top: RankedItem[]
  /** How many of the data's top 10 its top 10 holds. */
  found: number
  /** Spearman's ρ of its top 10 against the data's ranking over the matched items; null when fewer than two match. */
  rho: number | null
  /** How many of its top 10 are matched to a data touchpoint. */
  matched: number
}

/**
 * Borda count over `rankings` (each best first, up to TOP items): the top `TOP` items with
 * their points, each keyed by the touchpoint it resolves to or its normalised text.
 */
export function bordaCount(rankings: readonly (readonly string[])[], resolve: (label: string) => string | undefined = () => undefined): Array<Omit<RankedItem, 'inDataTop'>> {
  const items = new Map<string, { label: string; touchpoint?: string; points: number; voters: number; best: number }>()
  for (const ranking of rankings) {
    const counted = new Set<string>()
    ranking.slice(0, TOP).forEach((label, place) => {
      const touchpoint = resolve(label)
      const key = touchpoint !== undefined ? `t:${touchpoint}` : `l:${normaliseLabel(label)}`
      if (counted.has(key) || key === 'l:') return
      counted.add(key)
      const item = items.get(key) ?? { label: touchpoint ?? label, ...(touchpoint !== undefined && { touchpoint }), points: 0, voters: 0, best: Infinity }
      item.points += TOP - place
      item.voters += 1
      item.best = Math.min(item.best, place)
      items.set(key, item)
    })
  }
  return [...items.values()]
    .sort((a, b) => b.points - a.points || b.voters - a.voters || a.best - b.best || a.label.localeCompare(b.label))
    .slice(0, TOP)
    .map(({ best: _best, ...item }) => item)
}

export interface Comparison {
  measure: Measure
  /** The data's top 10. */
  data: DataItem[]
  group: GroupRanking
  /** One per department with at least one ranking, in the workshop's department order. */
  departments: GroupRanking[]
  /** Rankings of people without a department (counted in the group only). */
  unassigned: number
}

export interface CompareInput {
  aggregates: Aggregates
  measure: Measure
  /** Participant id → their ranking. */
  guesses: ReadonlyMap<string, readonly string[]>
  /** Participant id → department (people without one are left out). */
  departmentOf: ReadonlyMap<string, string>
  /** The workshop's departments, in order. */
  departments: readonly string[]
  /** Normalised label → data touchpoint (data-doc `matches`). */
  matches: ReadonlyMap<string, string>
}

export function compare(input: CompareInput): Comparison {
  const ranking = dataRanking(input.aggregates, input.measure)
  const names = ranking.map((d) => d.touchpoint)
  const dataTop = ranking.slice(0, TOP)
  const topNames = dataTop.map((d) => d.touchpoint)
  const topSet = new Set(topNames)
  const resolve = (label: string) => resolveLabel(label, input.matches, names)

  const rank = (name: string, rankings: (readonly string[])[]): GroupRanking => {
    const top = bordaCount(rankings, resolve).map((item) => ({ ...item, inDataTop: item.touchpoint !== undefined && topSet.has(item.touchpoint) }))
    const matchedNames = top.flatMap((item) => (item.touchpoint !== undefined ? [item.touchpoint] : []))
    return { name, people: rankings.length, top, found: found(topNames, matchedNames), rho: spearman(names, matchedNames), matched: matchedNames.length }
  }

  const everyone = [...input.guesses.values()].filter((r) => r.length > 0)
  const byDepartment = new Map<string, (readonly string[])[]>()
  let unassigned = 0
  for (const [id, guess] of input.guesses) {
    if (guess.length === 0) continue
    const department = input.departmentOf.get(id)
    if (department === undefined) {
      unassigned++
      continue
    }
    byDepartment.set(department, [...(byDepartment.get(department) ?? []), guess])
  }
  const departments = input.departments.flatMap((d) => {
    const rankings = byDepartment.get(d)
    return rankings ? [rank(d, rankings)] : []
  })
  return { measure: input.measure, data: dataTop, group: rank('', everyone), departments, unassigned }
}
