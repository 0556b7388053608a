/** Datasets built by hand for the continuous-journey tests (#13): no CSV, no aggregator. */
import type * as Y from 'yjs'
import { setKeyTouchpoint, type KeyTouchpoint } from '../../shared/data/data-doc'
import type { Aggregates, Dataset, StageAggregate, TouchpointAggregate } from '../../shared/data/types'

/** Marks each touchpoint as key, with its owner and target, through the data room's own setter. */
export function setKeyTouchpoints(data: Y.Doc, list: readonly KeyTouchpoint[]): void {
  data.transact(() => list.forEach(({ touchpoint, ...fields }) => setKeyTouchpoint(data, touchpoint, fields)))
}

export interface MonthFigures {
  /** touchpoint → [stage, interactions, csat, repeatRate] */
  touchpoints: Record<string, [string, number, number | null, number]>
  /** [from, to, customers, share] */
  transitions?: Array<[string, string, number, number]>
}

/** A dataset of one month: stage figures are the sums of their touchpoints'. */
export function monthDataset(id: string, name: string, month: string, figures: MonthFigures, importedAt = Date.parse(`${month}-28T12:00:00Z`)): Dataset {
  const touchpoints: TouchpointAggregate[] = Object.entries(figures.touchpoints)
    .map(([touchpoint, [stage, interactions, csat, repeatRate]]) => ({ touchpoint, stage, interactions, customers: Math.ceil(interactions / 2), csat, nps: null, repeatRate }))
    .sort((a, b) => b.interactions - a.interactions || a.touchpoint.localeCompare(b.touchpoint))
  const stages = new Map<string, StageAggregate>()
  for (const t of touchpoints) {
    const s = stages.get(t.stage) ?? { stage: t.stage, interactions: 0, customers: 0, csat: null, nps: null, repeatRate: 0 }
    const total = s.interactions + t.interactions
    s.csat = t.csat === null ? s.csat : ((s.csat ?? t.csat) * s.interactions + t.csat * t.interactions) / total
    s.repeatRate = (s.repeatRate * s.interactions + t.repeatRate * t.interactions) / total
    s.interactions = total
    s.customers += t.customers
    stages.set(t.stage, s)
  }
  const aggregates: Aggregates = {
    rows: touchpoints.reduce((sum, t) => sum + t.interactions, 0),
    customers: touchpoints.reduce((sum, t) => sum + t.customers, 0),
    stages: [...stages.values()],
    touchpoints,
    transitions: (figures.transitions ?? []).map(([from, to, customers, share]) => ({ from, to, customers, share, medianHours: 24 })),
    from: `${month}-01T08:00:00.000Z`,
    to: `${month}-27T17:00:00.000Z`,
  }
  return { id, name, fileName: `${id}.csv`, importedAt, mapping: { customer: 'Customer', time: 'Date', stage: 'Stage', touchpoint: 'Touchpoint', csat: 'CSAT' }, stageMap: {}, aggregates }
}
