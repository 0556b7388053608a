/**
 * Fractional ordering. Items carry a numeric `order`; a move writes one number, so concurrent
 * moves of the same item resolve last-writer-wins on one map key and never duplicate it.
 * Two different items moved to the same gap may receive the same number: sorting breaks the
 * tie by id, so every peer still sees the same sequence.
 */

export interface Ordered {
  readonly id: string
  readonly order: number
}

/** Sort by order, ties by id: the one order every peer agrees on. */
export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1
  return compareIds(a.id, b.id)
}

export function sortOrdered<T extends Ordered>(items: Iterable<T>): T[] {
  return [...items].sort(compareOrdered)
}

/** Smallest gap we still split; below it the collection is renumbered. */
export const MIN_ORDER_GAP = 1e-9

/**
 * A number strictly between `before` and `after` (either may be absent for the ends), or
 * `undefined` when the gap is too small to split and the caller must renumber.
 */
export function orderBetween(before: number | undefined, after: number | undefined): number | undefined {
  if (before === undefined && after === undefined) return 1
  if (before === undefined) return (after as number) - 1
  if (after === undefined) return before + 1
  if (!(after - before > MIN_ORDER_GAP)) return undefined
  const mid = before + (after - before) / 2
  return mid > before && mid < after ? mid : undefined
}

/**
 * Where to put `id` so that it lands at `index` of the sorted list (after removing it from its
 * current place). Returns the new order, or `renumber`: fresh orders 1…n for the whole list
 * with `id` at `index`, for when the gap is exhausted.
 */
export function planMove(
  items: readonly Ordered[],
  id: string,
  index: number,
): { order: number } | { renumber: Map<string, number> } {
  const others = sortOrdered(items.filter((item) => item.id !== id))
  const at = Number.isNaN(index) ? others.length : Math.max(0, Math.min(Math.trunc(index), others.length))
  const before = others[at - 1]?.order
  const after = others[at]?.order
  const order = orderBetween(before, after)
  if (order !== undefined) return { order }
  const renumber = new Map<string, number>()
  const ids = others.map((item) => item.id)
  ids.splice(at, 0, id)
  ids.forEach((itemId, i) => renumber.set(itemId, i + 1))
  return { renumber }
}

/**
 * The tie-break every sorted list of the documents ends with: ids in code-unit order (never
 * locale order), so that every peer lists records the same way.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
