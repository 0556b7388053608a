/**
 * Keeps a caret (or selection) in place when someone else's edit arrives in the same text:
 * each index is shifted by the inserts and deletes before it, as in a Yjs delta.
 */
export type DeltaOp = { retain?: number; insert?: unknown; delete?: number }

export function transformIndex(index: number, delta: readonly DeltaOp[]): number {
  let position = 0
  let result = index
  for (const op of delta) {
    if (position > index) break
    if (op.retain !== undefined) position += op.retain
    else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1
      // An insert exactly at the caret goes before it (the other person typed first).
      if (position <= index) result += length
      position += length
    } else if (op.delete !== undefined) {
      const deleted = Math.min(op.delete, Math.max(0, index - position))
      result -= deleted
      if (position + op.delete > index) break
    }
  }
  return Math.max(0, result)
}
