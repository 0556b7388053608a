/** The aggregator on small logs checked by hand (shared/data/aggregate.ts). */
import { describe, expect, it } from 'vitest'
import { Aggregator } from '../../shared/data/aggregate'
import { DataError } from '../../shared/data/errors'
import type { Interaction } from '../../shared/data/row'

const H = 3_600_000
const T0 = Date.UTC(2026, 9, 1, 9, 0, 0)

type Row = [customer: string, hours: number, stage: string, touchpoint: string, csat?: number | null, nps?: number | null, segment?: string | null]

function run(rows: Row[], options: Parameters<Aggregator['finish']>[0] = {}, names = {}) {
  const agg = new Aggregator(names)
  rows.forEach(([customer, hours, stage, touchpoint, csat = null, nps = null, segment = null], i) => {
    const interaction: Interaction = { customer, time: T0 + hours * H, stage, touchpoint, csat, nps, segment }
    agg.add(interaction, i + 2)
  })
  return agg.finish(options)
}

describe('repeats', () => {
  it('counts a contact at the same touchpoint exactly 7 × 24 h later as a repeat, and not one a millisecond later', () => {
    const agg = new Aggregator()
    const at = (customer: string, ms: number, row: number) => agg.add({ customer, time: T0 + ms, stage: 'Service', touchpoint: 'Invoice', csat: null, nps: null, segment: null }, row)
    at('a', 0, 2)
    at('a', 168 * H, 3) // exactly 7 days: repeat
    at('b', 0, 4)
    at('b', 168 * H + 1, 5) // a millisecond more: not
    const result = agg.finish()
    expect(result.touchpoints[0]).toMatchObject({ touchpoint: 'Invoice', interactions: 4, customers: 2, repeatRate: 0.25 })
  })

  it('is per touchpoint and per customer, and measured from the last contact (a chain of repeats)', () => {
    const result = run([
      ['a', 0, 'Service', 'Invoice'],
      ['a', 24, 'Service', 'Delivery'], // other touchpoint: not a repeat
      ['b', 48, 'Service', 'Invoice'], // other customer: not
      ['a', 100, 'Service', 'Invoice'], // 100 h after a's first: repeat
      ['a', 250, 'Service', 'Invoice'], // 150 h after the last one: repeat (chain)
      ['a', 500, 'Service', 'Invoice'], // 250 h: not
    ])
    const invoice = result.touchpoints.find((t) => t.touchpoint === 'Invoice')!
    expect(invoice).toMatchObject({ interactions: 5, customers: 2, repeatRate: 0.4 })
    expect(result.stages[0]).toMatchObject({ stage: 'Service', interactions: 6, repeatRate: round4(2 / 6) })
  })

  it('refuses a contact earlier than one above it of the same customer at the same touchpoint, naming row and column', () => {
    const agg = new Aggregator({ time: 'timestamp' })
    agg.add({ customer: 'a', time: T0 + 10 * H, stage: 'S', touchpoint: 'X', csat: null, nps: null, segment: null }, 2)
    agg.add({ customer: 'a', time: T0, stage: 'S', touchpoint: 'Y', csat: null, nps: null, segment: null }, 3) // other touchpoint: fine
    let error: unknown
    try {
      agg.add({ customer: 'a', time: T0 + 9 * H, stage: 'S', touchpoint: 'X', csat: null, nps: null, segment: null }, 4)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DataError)
    expect((error as DataError).code).toBe('outOfOrder')
    expect((error as DataError).message).toMatch(/^row 4, column "timestamp": /)
  })
})

const round4 = (x: number) => Math.round(x * 1e4) / 1e4

describe('stages, touchpoints and scores', () => {
  const rows: Row[] = [
    ['a', 0, 'Orientation', 'Website', 4, 9],
    ['a', 10, 'Purchase', 'Checkout', 2, 3],
    ['a', 30, 'Service', 'Invoice', 1, 0],
    ['b', 5, 'Orientation', 'Website', 5, 10],
    ['b', 25, 'Purchase', 'Checkout', null, 7],
    ['c', 1, 'Orientation', 'Website', null, null],
    ['c', 2, 'Orientation', 'Brochure', 3, 8], // one stage only
  ]
  const result = run(rows, { order: ['Orientation', 'Purchase', 'Service'] })

  it('counts rows, customers and the period', () => {
    expect(result).toMatchObject({ rows: 7, customers: 3, from: '2026-10-01T09:00:00.000Z', to: '2026-10-02T15:00:00.000Z' })
  })

  it('aggregates per stage: interactions, unique customers, mean CSAT of those given, NPS', () => {
    expect(result.stages).toEqual([
      // CSAT 4, 5, 3 → 4; NPS 9 (P), 10 (P), 8 (passive) → (2 − 0) / 3 = 66.7
      { stage: 'Orientation', interactions: 4, customers: 3, csat: 4, nps: 66.7, repeatRate: 0 },
      // CSAT 2 → 2; NPS 3 (D), 7 (passive) → −50
      { stage: 'Purchase', interactions: 2, customers: 2, csat: 2, nps: -50, repeatRate: 0 },
      { stage: 'Service', interactions: 1, customers: 1, csat: 1, nps: -100, repeatRate: 0 },
    ])
  })

  it('lists touchpoints by interactions, descending, ties by name', () => {
    expect(result.touchpoints.map((t) => [t.touchpoint, t.stage, t.interactions, t.customers])).toEqual([
      ['Website', 'Orientation', 3, 3],
      ['Checkout', 'Purchase', 2, 2],
      ['Brochure', 'Orientation', 1, 1],
      ['Invoice', 'Service', 1, 1],
    ])
    expect(result.touchpoints[0]).toMatchObject({ csat: 4.5, nps: 100 })
  })

  it('has transitions between consecutive stages: share who went on and the median hours between first contacts', () => {
    expect(result.transitions).toEqual([
      // a: 0 → 10 h, b: 5 → 25 h (20 h), c stays: 2 of 3, median of 10 and 20
      { from: 'Orientation', to: 'Purchase', customers: 3, share: 0.6667, medianHours: 15 },
      { from: 'Purchase', to: 'Service', customers: 2, share: 0.5, medianHours: 20 },
    ])
  })

  it('gives a stage nobody went on to a null median', () => {
    const r = run([['a', 0, 'A', 'x'], ['b', 0, 'A', 'y']], { order: ['A', 'B'] })
    expect(r.transitions).toEqual([{ from: 'A', to: 'B', customers: 2, share: 0, medianHours: null }])
    expect(r.stages[1]).toEqual({ stage: 'B', interactions: 0, customers: 0, csat: null, nps: null, repeatRate: 0 })
  })

  it('breaks ties in the top touchpoints by name, whatever the order rows came in', () => {
    const a = run([['a', 0, 'S', 'Zeta'], ['a', 1, 'S', 'Alpha'], ['a', 2, 'S', 'Mid'], ['b', 3, 'S', 'Mid']])
    const b = run([['b', 0, 'S', 'Mid'], ['a', 1, 'S', 'Alpha'], ['a', 2, 'S', 'Zeta'], ['a', 3, 'S', 'Mid']])
    expect(a.touchpoints.map((t) => t.touchpoint)).toEqual(['Mid', 'Alpha', 'Zeta'])
    expect(b.touchpoints.map((t) => t.touchpoint)).toEqual(['Mid', 'Alpha', 'Zeta'])
  })

  it("puts a touchpoint in the stage most of its interactions were in (a tie: the earlier stage)", () => {
    const r = run(
      [['a', 0, 'B', 'Call'], ['b', 0, 'A', 'Call'], ['c', 0, 'A', 'Mail'], ['c', 1, 'B', 'Mail'], ['d', 0, 'B', 'Mail']],
      { order: ['A', 'B'] },
    )
    expect(Object.fromEntries(r.touchpoints.map((t) => [t.touchpoint, t.stage]))).toEqual({ Call: 'A', Mail: 'B' })
  })
})

describe('stage order and stage mapping', () => {
  it('orders stages by the median position of their first contact in each timeline', () => {
    const r = run([
      ['a', 0, 'Buy', 'x'],
      ['a', 1, 'Use', 'x'],
      ['b', 0, 'Look', 'x'],
      ['b', 1, 'Buy', 'x'],
      ['b', 2, 'Use', 'x'],
      ['c', 0, 'Look', 'x'],
      ['c', 1, 'Buy', 'x'],
    ])
    // Look: 0, 0 → 0; Buy: 0, 1, 1 → 1; Use: 1, 2 → 1.5
    expect(r.stages.map((s) => s.stage)).toEqual(['Look', 'Buy', 'Use'])
  })

  it('merges two file values mapped to one stage, counting a customer once', () => {
    const r = run(
      [['a', 0, 'Purchase', 'x'], ['a', 5, 'Buying', 'y'], ['b', 0, 'Buying', 'x'], ['a', 9, 'Help', 'z']],
      { stageMap: { Purchase: 'st-buy', Buying: 'st-buy', Help: 'st-help' }, order: ['st-buy', 'st-help'] },
    )
    expect(r.stages.map((s) => [s.stage, s.interactions, s.customers])).toEqual([
      ['st-buy', 3, 2],
      ['st-help', 1, 1],
    ])
    // a's first contact in st-buy is at 0 h, in st-help at 9 h.
    expect(r.transitions[0]).toMatchObject({ customers: 2, share: 0.5, medianHours: 9 })
  })

  it('refuses a stage value that is not mapped, naming it and its first row', () => {
    const agg = new Aggregator({ stage: 'phase' })
    agg.add({ customer: 'a', time: T0, stage: 'Buy', touchpoint: 'x', csat: null, nps: null, segment: null }, 2)
    agg.add({ customer: 'a', time: T0, stage: 'Returns', touchpoint: 'y', csat: null, nps: null, segment: null }, 3)
    expect(agg.stageValues()).toEqual([
      { value: 'Buy', interactions: 1, firstRow: 2 },
      { value: 'Returns', interactions: 1, firstRow: 3 },
    ])
    expect(() => agg.finish({ stageMap: { Buy: 's1' } })).toThrow('the stage "Returns" (first in row 3) is not mapped to a stage of the journey')
    expect(() => agg.finish({ order: ['Buy'] })).toThrow(/"Returns"/)
  })

  it('is empty for an empty log', () => {
    expect(new Aggregator().finish()).toEqual({ rows: 0, customers: 0, from: null, to: null, stages: [], touchpoints: [], transitions: [] })
  })
})

describe('segments', () => {
  it('aggregates each segment on its own rows when a segment column is mapped', () => {
    const rows: Row[] = [
      ['a', 0, 'A', 'Web', 5, null, 'new'],
      ['a', 50, 'A', 'Web', 3, null, 'existing'], // a repeat (decided over all of a's contacts)
      ['a', 60, 'B', 'Call', null, null, 'existing'],
      ['b', 0, 'A', 'Web', 4, null, 'new'],
      ['b', 2, 'B', 'Call', null, null, 'new'],
    ]
    const r = run(rows, { order: ['A', 'B'] }, { segment: 'customer_type' })
    expect(r.segments?.map((s) => s.segment)).toEqual(['existing', 'new'])
    const [existing, fresh] = r.segments!
    expect(existing).toMatchObject({ segment: 'existing', rows: 2, customers: 1 })
    expect(existing!.stages[0]).toEqual({ stage: 'A', interactions: 1, customers: 1, csat: 3, nps: null, repeatRate: 1 })
    expect(existing!.transitions[0]).toEqual({ from: 'A', to: 'B', customers: 1, share: 1, medianHours: 10 })
    expect(fresh).toMatchObject({ segment: 'new', rows: 3, customers: 2 })
    expect(fresh!.stages[0]).toMatchObject({ interactions: 2, customers: 2, csat: 4.5, repeatRate: 0 })
    expect(fresh!.transitions[0]).toEqual({ from: 'A', to: 'B', customers: 2, share: 0.5, medianHours: 2 })
    expect(fresh!.touchpoints.map((t) => [t.touchpoint, t.interactions, t.customers])).toEqual([
      ['Web', 2, 2],
      ['Call', 1, 1],
    ])
    // Everyone: a's second Web contact is the one repeat of 3.
    expect(r.touchpoints[0]).toMatchObject({ touchpoint: 'Web', interactions: 3, customers: 2, repeatRate: 0.3333 })
  })

  it('has no segments when no segment column is mapped', () => {
    expect(run([['a', 0, 'A', 'x']]).segments).toBeUndefined()
  })
})
