/** Hand-made datasets for the data-driven journey's tests (issue #12): no CSV parser needed. */
import type { Aggregates, Dataset, TouchpointAggregate } from '../../shared/data/types'

/** A touchpoint row: `interactions` and the rest, defaults for what a test does not care about. */
export function touchpoint(name: string, interactions: number, fields: Partial<TouchpointAggregate> = {}): TouchpointAggregate {
  return { touchpoint: name, stage: 'Service', interactions, customers: Math.ceil(interactions / 2), csat: 3.5, nps: 10, repeatRate: 0.1, ...fields }
}

/** Twelve touchpoints, interactions 1200, 1100 … 100: the top 10 is T01 … T10 ("Phone" … "Invoice"). */
export const TOUCHPOINT_NAMES = ['Phone', 'Email', 'Chat', 'Website', 'App', 'Store', 'Invoice mail', 'Delivery', 'Returns desk', 'Invoice', 'Social media', 'Letter'] as const

export function aggregates(touchpoints: TouchpointAggregate[] = TOUCHPOINT_NAMES.map((name, i) => touchpoint(name, (12 - i) * 100))): Aggregates {
  const rows = touchpoints.reduce((sum, t) => sum + t.interactions, 0)
  return {
    rows,
    customers: 400,
    from: '2026-10-01T00:00:00.000Z',
    to: '2026-10-31T23:59:59.000Z',
    stages: [
      { stage: 'Purchase', interactions: Math.round(rows * 0.4), customers: 300, csat: 4.1, nps: 20, repeatRate: 0.05 },
      { stage: 'Service', interactions: Math.round(rows * 0.6), customers: 250, csat: 2.9, nps: -10, repeatRate: 0.22 },
    ],
    touchpoints,
    transitions: [{ from: 'Purchase', to: 'Service', customers: 300, share: 0.6, medianHours: 50 }],
  }
}

export function dataset(id = 'ds1', overrides: Partial<Dataset> = {}): Dataset {
  return {
    id,
    name: 'Contact log October',
    fileName: 'contacts-october.csv',
    importedAt: 1_790_000_000_000,
    mapping: { customer: 'customer_id', time: 'timestamp', stage: 'stage', touchpoint: 'touchpoint' },
    stageMap: { Purchase: 'stage-purchase', Service: 'stage-service' },
    aggregates: aggregates(),
    ...overrides,
  }
}
