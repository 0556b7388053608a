/** Lanes: the journey's rows (customer actions, touchpoints …), in a fractional order. */
import type * as Y from 'yjs'
import { newId } from '../ids'
import { LIMITS } from '../limits'
import { sortOrdered } from '../order'
import { moveInOrdered, orderAt, orderedItems } from '../ordered-records'
import { asRecord, clearReferences, defineRecord, readAll, type RecordOf } from '../record'
import { key, number, oneOf, text } from '../record-fields'
import { boardMaps } from './board-doc'

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

export const laneRecord = defineRecord({ id: key(), title: text(LIMITS.title), kind: oneOf(LANE_KINDS, 'custom'), order: number() })
export type Lane = RecordOf<typeof laneRecord>

export function listLanes(doc: Y.Doc): Lane[] {
  return sortOrdered(readAll(boardMaps(doc).lanes, laneRecord))
}

/**
 * Adds a lane at `index` (default: the end). `keep` writes one with its id and order as given
 * (an import).
 */
export function addLane(doc: Y.Doc, title: string, kind: LaneKind = 'custom', index?: number, keep?: Pick<Lane, 'id' | 'order'>): string {
  const { lanes } = boardMaps(doc)
  const id = keep?.id ?? newId()
  doc.transact(() => {
    const order = keep?.order ?? orderAt(lanes, orderedItems(lanes), id, index)
    lanes.set(id, laneRecord.create({ title, kind, order }))
  })
  return id
}

export function renameLane(doc: Y.Doc, id: string, title: string): void {
  doc.transact(() => {
    const record = asRecord(boardMaps(doc).lanes.get(id))
    if (record) laneRecord.patch(record, { title })
  })
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
