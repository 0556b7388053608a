/** The Now / Next / Later roadmap: items in a fractional order within their column. */
import type * as Y from 'yjs'
import { z } from 'zod'
import { newId } from '../ids'
import { LIMITS } from '../limits'
import { compareIds } from '../order'
import { orderAt } from '../ordered-records'
import { asRecord, clearReferences, defineRecord, readAll, type RecordOf } from '../record'
import { flag, key, number, oneOf, optionalText, reference, text } from '../record-fields'
import { boardMaps } from '../board/board-doc'

export const ROADMAP_COLUMNS = ['now', 'next', 'later'] as const
export type RoadmapColumn = (typeof ROADMAP_COLUMNS)[number]

/**
 * A roadmap item; `sourceId` is the idea, HMW or cluster it was promoted from, `touchpoint` the
 * data's key touchpoint it was made from (issue #12: the server refuses such an item while the
 * data is not revealed, because the board reaches every participant).
 */
export const roadmapItemRecord = defineRecord({
  id: key(),
  title: text(LIMITS.title),
  column: oneOf(ROADMAP_COLUMNS, 'later'),
  order: number(),
  sourceId: reference(),
  owner: optionalText(LIMITS.title),
  metric: optionalText(LIMITS.title),
  touchpoint: optionalText(LIMITS.title),
  mvp: flag(z.boolean({ error: 'must be true or false' })),
})
export type RoadmapItem = RecordOf<typeof roadmapItemRecord>

export interface NewRoadmapItem {
  /** Keep an id the item already has (an import); new by default. */
  id?: string
  title: string
  column?: RoadmapColumn
  sourceId?: string
  owner?: string
  metric?: string
  touchpoint?: string
  mvp?: boolean
  /** Where in its column (default: the end) … */
  index?: number
  /** … or exactly this order (an import). */
  order?: number
}

function columnItems(doc: Y.Doc, column: RoadmapColumn): { id: string; order: number }[] {
  return listRoadmap(doc)
    .filter((item) => item.column === column)
    .map(({ id, order }) => ({ id, order }))
}

export function addRoadmapItem(doc: Y.Doc, input: NewRoadmapItem): string {
  const id = input.id ?? newId()
  const column = input.column ?? 'later'
  const { roadmap } = boardMaps(doc)
  doc.transact(() => {
    const { index, order, ...fields } = input
    const at = order ?? orderAt(roadmap, columnItems(doc, column), id, index)
    roadmap.set(id, roadmapItemRecord.create({ ...fields, column, order: at, mvp: input.mvp ?? false }))
  })
  return id
}

export function listRoadmap(doc: Y.Doc): RoadmapItem[] {
  const columnIndex = (c: RoadmapColumn) => ROADMAP_COLUMNS.indexOf(c)
  return readAll(boardMaps(doc).roadmap, roadmapItemRecord).sort(
    (a, b) => columnIndex(a.column) - columnIndex(b.column) || a.order - b.order || compareIds(a.id, b.id),
  )
}

export function updateRoadmapItem(
  doc: Y.Doc,
  id: string,
  patch: { title?: string; owner?: string | null; metric?: string | null; mvp?: boolean; sourceId?: string | null },
): void {
  const record = asRecord(boardMaps(doc).roadmap.get(id))
  if (!record) return
  doc.transact(() => roadmapItemRecord.patch(record, patch))
}

/** Moves an item to `index` within `column` (which may be its own). */
export function moveRoadmapItem(doc: Y.Doc, id: string, column: RoadmapColumn, index: number): void {
  const { roadmap } = boardMaps(doc)
  const record = asRecord(roadmap.get(id))
  if (!record) return
  doc.transact(() => {
    const order = orderAt(roadmap, columnItems(doc, column), id, index)
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
