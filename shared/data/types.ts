/**
 * The data-driven journey (issue #12): what an imported contact/CRM log becomes. Raw rows
 * never leave the facilitator's browser (or the CLI); only these aggregates enter a document.
 *
 * This file is the contract between the parser/aggregator (shared/data/aggregate.ts, the
 * browser worker and `npm run data`) and everything that reads a dataset (the data document,
 * the board's metrics lane, the guess-vs-data comparison, exports).
 */

/** The fields a column can be mapped to. */
export const DATA_FIELDS = ['customer', 'time', 'stage', 'touchpoint', 'channel', 'department', 'csat', 'nps', 'segment'] as const
export type DataField = (typeof DATA_FIELDS)[number]

/** Which header each field is read from (a field left out is not mapped). */
export type ColumnMapping = Partial<Record<DataField, string>>

/** Scores are averages over the interactions that had one; null when none had. */
export interface StageAggregate {
  stage: string
  interactions: number
  customers: number
  csat: number | null
  /** Net promoter score, −100 … 100, over the interactions with an nps value. */
  nps: number | null
  /** Share (0 … 1) of interactions that repeat one of the same customer at the same touchpoint in the 7 days before. */
  repeatRate: number
}

export interface TouchpointAggregate extends StageAggregate {
  touchpoint: string
}

/** Customers seen in `from` and how many of them went on to `to` (the next stage). */
export interface TransitionAggregate {
  from: string
  to: string
  /** Customers with a contact in `from`. */
  customers: number
  /** Share (0 … 1) of them who also had a contact in `to`. */
  share: number
  /** Median hours between their first contact in `from` and their first in `to`; null when nobody went on. */
  medianHours: number | null
}

export interface AggregateTables {
  rows: number
  customers: number
  stages: StageAggregate[]
  /** By interactions, descending (ties: by touchpoint name). */
  touchpoints: TouchpointAggregate[]
  transitions: TransitionAggregate[]
}

export interface SegmentAggregates extends AggregateTables {
  segment: string
}

export interface Aggregates extends AggregateTables {
  /** ISO 8601 times of the first and last interaction; null for an empty log. */
  from: string | null
  to: string | null
  /** Present when a segment column was mapped. */
  segments?: SegmentAggregates[]
}

/** A dataset as it is kept in the workshop's `data` document. */
export interface Dataset {
  id: string
  /** What the facilitator calls it, e.g. "Contact log October". */
  name: string
  fileName: string
  importedAt: number
  mapping: ColumnMapping
  /** Stage value in the file → the board stage id it was mapped to. */
  stageMap: Record<string, string>
  aggregates: Aggregates
  /**
   * Added to the workshop afterwards from the command line (`npm run data -- attach`, issue
   * #13), not imported in the room; the comparison marks its month so.
   */
  attached?: boolean
}
