/**
 * The streaming aggregator: interactions go in one at a time (`add`), the aggregates come out
 * at the end (`finish`). No row is kept: memory grows with customers × the touchpoints and
 * stages each one touched (a last-contact time per customer and touchpoint, a first-contact
 * time per customer and stage), never with the number of rows. The browser worker and the CLI
 * both feed it, so the two agree to the digit.
 *
 * Definitions (issue #12):
 * - An interaction is a **repeat** when the same customer had one at the same touchpoint in the
 *   7 days before: at most 7 × 24 h earlier, exactly 168 h included (a contact "a week later"
 *   to the minute is the avoidable contact the rule is about); one at the very same time counts
 *   too. Because only the last contact per customer and touchpoint is kept, a customer's
 *   contacts at one touchpoint must come in time order (exports are sorted by time); a row
 *   earlier than one above it for the same customer and touchpoint is an error that says so.
 * - Stages are aggregated by the key each file value maps to (`stageMap`: a board stage id in
 *   the browser, the value itself in the CLI), so two values mapped to one stage count one
 *   customer once.
 * - A touchpoint is known by its name across stages; its `stage` is the one most of its
 *   interactions were in (a tie: the earlier stage).
 * - Transitions, per consecutive pair of stages: the customers with a contact in the first, the
 *   share of them with a contact in the second, and the median hours from their first contact
 *   in the first to their first in the second (negative when they were in the second first).
 * - CSAT is the mean of the scores given (1–5); NPS is % promoters (9–10) − % detractors (0–6)
 *   over the interactions with a score. Rounded: CSAT to 2 decimals, NPS to 1, shares to 4,
 *   hours to 2.
 * - Segments: each interaction counts in the segment of its own row; repeats are decided over
 *   all of a customer's contacts, whatever the segment.
 */
import { DataError } from './errors'
import type { Interaction } from './row'
import type { Aggregates, AggregateTables, ColumnMapping, SegmentAggregates, StageAggregate, TouchpointAggregate, TransitionAggregate } from './types'

export const REPEAT_WINDOW_MS = 7 * 24 * 3_600_000

/** Distinct values a column may have before we suspect the wrong column was mapped. */
export const DATA_LIMITS = { stages: 200, touchpoints: 20_000, segments: 100 } as const

// Packed map keys: stage < 256, touchpoint < 32,768, segment slot (0 = everyone) < 128.
const STAGE_SLOTS = 256
const TOUCH_SLOTS = 32_768

interface Counter {
  n: number
  repeats: number
  csatSum: number
  csatN: number
  npsN: number
  promoters: number
  detractors: number
}
const counter = (): Counter => ({ n: 0, repeats: 0, csatSum: 0, csatN: 0, npsN: 0, promoters: 0, detractors: 0 })

function merge(into: Counter, from: Counter | undefined): void {
  if (!from) return
  into.n += from.n
  into.repeats += from.repeats
  into.csatSum += from.csatSum
  into.csatN += from.csatN
  into.npsN += from.npsN
  into.promoters += from.promoters
  into.detractors += from.detractors
}

interface CustomerState {
  /** Last contact time per touchpoint. */
  last: Map<number, number>
  /** First contact time per (segment slot, stage value): slot × STAGE_SLOTS + stage. */
  first: Map<number, number>
  /** (segment slot, touchpoint) pairs seen: slot × TOUCH_SLOTS + touchpoint. */
  touched: Set<number> | undefined
}

/** A stage value as found in the file: how often, and the first row it is on. */
export interface StageValue {
  value: string
  interactions: number
  firstRow: number
}

export interface FinishOptions {
  /** File stage value → the stage it counts in; without it each value is its own stage. */
  stageMap?: Record<string, string>
  /** The stages, in journey order; without it, ordered by the median position of their first contact. */
  order?: readonly string[]
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function median(values: number[]): number {
  values.sort((a, b) => a - b)
  const mid = values.length >> 1
  return values.length % 2 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2
}

class Interner {
  readonly values: string[] = []
  private readonly index = new Map<string, number>()
  constructor(private readonly limit: number, private readonly onFull: () => never) {}
  get(value: string): number {
    let i = this.index.get(value)
    if (i === undefined) {
      if (this.values.length >= this.limit) this.onFull()
      i = this.values.length
      this.values.push(value)
      this.index.set(value, i)
    }
    return i
  }
}

export class Aggregator {
  private rows = 0
  private from = Infinity
  private to = -Infinity
  private readonly customers = new Map<string, CustomerState>()
  private readonly stages: Interner
  private readonly touchpoints: Interner
  private readonly segments: Interner
  private readonly stageRows: number[] = []
  private readonly stageFirstRow: number[] = []
  /** Per segment slot (0: everyone), per stage value. */
  private readonly stageCounters: Counter[][] = []
  /** Per segment slot (0: everyone), per touchpoint. */
  private readonly touchCounters: Counter[][] = []
  /** Interactions per touchpoint, per stage value (everyone). */
  private readonly touchStage: number[][] = []
  private readonly segmented: boolean

  /** `names`: the mapped column names, for messages, and whether a segment column is mapped. */
  constructor(private readonly names: ColumnMapping = {}) {
    this.segmented = names.segment !== undefined
    const full = (field: 'stage' | 'touchpoint' | 'segment') => (): never => {
      throw new DataError('tooManyValues', { row: this.rows + 2, column: names[field] ?? field, field, detail: String(DATA_LIMITS[`${field}s`]) })
    }
    this.stages = new Interner(DATA_LIMITS.stages, full('stage'))
    this.touchpoints = new Interner(DATA_LIMITS.touchpoints, full('touchpoint'))
    this.segments = new Interner(DATA_LIMITS.segments, full('segment'))
  }

  /** Rows added so far. */
  get count(): number {
    return this.rows
  }

  /** Adds the interaction read from row `row` (for messages). */
  add(interaction: Interaction, row: number): void {
    const { time } = interaction
    const stage = this.stages.get(interaction.stage)
    const touch = this.touchpoints.get(interaction.touchpoint)
    const slot = this.segmented && interaction.segment !== null ? this.segments.get(interaction.segment) + 1 : 0
    let state = this.customers.get(interaction.customer)
    if (!state) {
      state = { last: new Map(), first: new Map(), touched: this.segmented ? new Set() : undefined }
      this.customers.set(interaction.customer, state)
    }
    const previous = state.last.get(touch)
    if (previous !== undefined && time < previous) throw new DataError('outOfOrder', { row, column: this.names.time ?? 'time' })
    const repeat = previous !== undefined && time - previous <= REPEAT_WINDOW_MS
    state.last.set(touch, time)

    this.rows++
    if (time < this.from) this.from = time
    if (time > this.to) this.to = time
    if (this.stageRows[stage] === undefined) {
      this.stageRows[stage] = 0
      this.stageFirstRow[stage] = row
    }
    this.stageRows[stage]++
    this.count1(this.stageCounters, 0, stage, interaction, repeat)
    this.count1(this.touchCounters, 0, touch, interaction, repeat)
    const perStage = (this.touchStage[touch] ??= [])
    perStage[stage] = (perStage[stage] ?? 0) + 1
    const before = state.first.get(stage)
    if (before === undefined || time < before) state.first.set(stage, time)
    if (slot > 0) {
      this.count1(this.stageCounters, slot, stage, interaction, repeat)
      this.count1(this.touchCounters, slot, touch, interaction, repeat)
      const key = slot * STAGE_SLOTS + stage
      const first = state.first.get(key)
      if (first === undefined || time < first) state.first.set(key, time)
      state.touched?.add(slot * TOUCH_SLOTS + touch)
    }
  }

  private count1(counters: Counter[][], slot: number, key: number, interaction: Interaction, repeat: boolean): void {
    const list = (counters[slot] ??= [])
    let c = list[key]
    if (!c) list[key] = c = counter()
    c.n++
    if (repeat) c.repeats++
    if (interaction.csat !== null) {
      c.csatSum += interaction.csat
      c.csatN++
    }
    if (interaction.nps !== null) {
      c.npsN++
      if (interaction.nps >= 9) c.promoters++
      else if (interaction.nps <= 6) c.detractors++
    }
  }

  /** The stage values found so far, in the order they first appeared. */
  stageValues(): StageValue[] {
    return this.stages.values.map((value, i) => ({ value, interactions: this.stageRows[i] ?? 0, firstRow: this.stageFirstRow[i] ?? 0 }))
  }

  /**
   * The aggregates. Throws `stageNotMapped` for a stage value without a stage in `stageMap`,
   * or (with `order`) whose stage is not in `order`.
   */
  finish(options: FinishOptions = {}): Aggregates {
    const { stageMap } = options
    const values = this.stages.values
    const keyOf = values.map((value, i) => {
      const key = stageMap ? stageMap[value] : value
      if (key === undefined || (options.order && !options.order.includes(key))) {
        throw new DataError('stageNotMapped', { value, row: this.stageFirstRow[i] as number, column: this.names.stage ?? 'stage' })
      }
      return key
    })
    const order = options.order ? [...new Set(options.order)] : this.orderByPosition(keyOf)
    const position = new Map(order.map((key, i) => [key, i]))
    /** Stage value index → index in `order`. */
    const mapped = keyOf.map((key) => position.get(key) as number)

    const slots = this.segmented ? this.segments.values.length + 1 : 1
    const tables = Array.from({ length: slots }, () => ({
      customers: 0,
      stageCustomers: new Array<number>(order.length).fill(0),
      touchCustomers: new Map<number, number>(),
      transitionFrom: new Array<number>(order.length).fill(0),
      transitionHours: order.map((): number[] => []),
    }))
    // One pass over the customers: unique customers per stage and touchpoint, and transitions.
    const firsts = new Map<number, number>()
    for (const state of this.customers.values()) {
      firsts.clear()
      for (const [key, time] of state.first) {
        const k = Math.floor(key / STAGE_SLOTS) * STAGE_SLOTS + (mapped[key % STAGE_SLOTS] as number)
        const before = firsts.get(k)
        if (before === undefined || time < before) firsts.set(k, time)
      }
      for (let slot = 0; slot < slots; slot++) {
        const table = tables[slot] as (typeof tables)[number]
        const base = slot * STAGE_SLOTS
        let any = false
        for (let s = 0; s < order.length; s++) {
          const t = firsts.get(base + s)
          if (t === undefined) continue
          any = true
          table.stageCustomers[s] = (table.stageCustomers[s] as number) + 1
          if (s + 1 < order.length) {
            table.transitionFrom[s] = (table.transitionFrom[s] as number) + 1
            const next = firsts.get(base + s + 1)
            if (next !== undefined) table.transitionHours[s]?.push((next - t) / 3_600_000)
          }
        }
        if (any) table.customers++
      }
      for (const touch of state.last.keys()) tables[0]?.touchCustomers.set(touch, (tables[0].touchCustomers.get(touch) ?? 0) + 1)
      if (state.touched) {
        for (const key of state.touched) {
          const table = tables[Math.floor(key / TOUCH_SLOTS)]
          table?.touchCustomers.set(key % TOUCH_SLOTS, (table.touchCustomers.get(key % TOUCH_SLOTS) ?? 0) + 1)
        }
      }
    }

    // Each touchpoint's stage: where most of its interactions were (everyone's counts).
    const touchStage = (touch: number): string => {
      const votes = new Array<number>(order.length).fill(0)
      ;(this.touchStage[touch] ?? []).forEach((n, v) => {
        const s = mapped[v] as number
        votes[s] = (votes[s] as number) + n
      })
      let best = 0
      votes.forEach((n, s) => {
        if (n > (votes[best] as number)) best = s
      })
      return order[best] as string
    }

    const build = (slot: number): AggregateTables => {
      const table = tables[slot] as (typeof tables)[number]
      const stages: StageAggregate[] = order.map((stage, s) => {
        const c = counter()
        keyOf.forEach((_key, v) => {
          if (mapped[v] === s) merge(c, this.stageCounters[slot]?.[v])
        })
        return { stage, ...scores(c, table.stageCustomers[s] as number) }
      })
      const touchpoints: TouchpointAggregate[] = []
      for (const [touch, c] of (this.touchCounters[slot] ?? []).entries()) {
        if (!c) continue
        touchpoints.push({ touchpoint: this.touchpoints.values[touch] as string, stage: touchStage(touch), ...scores(c, table.touchCustomers.get(touch) ?? 0) })
      }
      touchpoints.sort((a, b) => b.interactions - a.interactions || byName(a.touchpoint, b.touchpoint))
      const transitions: TransitionAggregate[] = order.slice(0, -1).map((from, s) => {
        const customers = table.transitionFrom[s] as number
        const hours = table.transitionHours[s] as number[]
        return {
          from,
          to: order[s + 1] as string,
          customers,
          share: customers ? round(hours.length / customers, 4) : 0,
          medianHours: hours.length ? round(median(hours), 2) : null,
        }
      })
      const rows = stages.reduce((sum, s) => sum + s.interactions, 0)
      return { rows, customers: table.customers, stages, touchpoints, transitions }
    }

    const all = build(0)
    // In the order the issue prints them: rows, customers, from, to, stages, touchpoints, transitions.
    const result: Aggregates = {
      rows: this.rows,
      customers: all.customers,
      from: this.rows ? new Date(this.from).toISOString() : null,
      to: this.rows ? new Date(this.to).toISOString() : null,
      stages: all.stages,
      touchpoints: all.touchpoints,
      transitions: all.transitions,
    }
    if (this.segmented) {
      result.segments = this.segments.values
        .map((segment, i): SegmentAggregates => ({ segment, ...build(i + 1) }))
        .sort((a, b) => byName(a.segment, b.segment))
    }
    return result
  }

  /**
   * The stages ordered by the median position of their first contact in each customer's
   * timeline (0 for a customer's first stage, 1 for the next …); ties by the mean position,
   * then by name.
   */
  private orderByPosition(keyOf: string[]): string[] {
    const keys = [...new Set(keyOf)]
    const index = new Map(keys.map((key, i) => [key, i]))
    const positions = keys.map((): number[] => [])
    const firsts = new Map<number, number>()
    for (const state of this.customers.values()) {
      firsts.clear()
      for (const [key, time] of state.first) {
        if (key >= STAGE_SLOTS) continue
        const k = index.get(keyOf[key] as string) as number
        const before = firsts.get(k)
        if (before === undefined || time < before) firsts.set(k, time)
      }
      ;[...firsts]
        .sort((a, b) => a[1] - b[1] || byName(keys[a[0]] as string, keys[b[0]] as string))
        .forEach(([k], i) => positions[k]?.push(i))
    }
    const rank = keys.map((key, k) => {
      const p = positions[k] as number[]
      return { key, median: p.length ? median(p) : Infinity, mean: p.length ? p.reduce((a, b) => a + b, 0) / p.length : Infinity }
    })
    rank.sort((a, b) => a.median - b.median || a.mean - b.mean || byName(a.key, b.key))
    return rank.map((r) => r.key)
  }
}

function scores(c: Counter, customers: number): Omit<StageAggregate, 'stage'> {
  return {
    interactions: c.n,
    customers,
    csat: c.csatN ? round(c.csatSum / c.csatN, 2) : null,
    nps: c.npsN ? round(((c.promoters - c.detractors) / c.npsN) * 100, 1) : null,
    repeatRate: c.n ? round(c.repeats / c.n, 4) : 0,
  }
}
