/**
 * Records kept in a fractional order inside a Y.Map (stages, lanes, roadmap items): the writes
 * of planMove (order.ts) carried out on the map.
 */
import type * as Y from 'yjs'
import { planMove, type Ordered } from './order'
import { asRecord } from './record'
import { readNumber } from './record-fields'

/** The id and order of every record of `map`. */
export function orderedItems<V>(map: Y.Map<V>): Ordered[] {
  const items: Ordered[] = []
  map.forEach((value, id) => {
    const record = asRecord(value)
    if (record) items.push({ id, order: readNumber(record, 'order') })
  })
  return items
}

/**
 * The order that puts `id` at `index` of `items` (default: the end), renumbering the others in
 * `map` when the gap is exhausted.
 */
export function orderAt<V>(map: Y.Map<V>, items: readonly Ordered[], id: string, index?: number): number {
  const plan = planMove(items, id, index ?? items.filter((item) => item.id !== id).length)
  if ('order' in plan) return plan.order
  for (const [itemId, order] of plan.renumber) if (itemId !== id) asRecord(map.get(itemId))?.set('order', order)
  return plan.renumber.get(id) ?? 1
}

/** Moves the record `id` of `map` to `index` of the sorted records. */
export function moveInOrdered<V>(map: Y.Map<V>, id: string, index: number): void {
  const record = asRecord(map.get(id))
  if (record) record.set('order', orderAt(map, orderedItems(map), id, index))
}
