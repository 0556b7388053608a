/** When a document's update log is replaced by one snapshot (see README "Storage"). */

/** Documents up to this size compact every `compactEvery` updates, whatever the log's size. */
const SMALL_DOC_BYTES = 256 * 1024

/**
 * Whether a document's update log should be compacted now: every `compactEvery` updates — but
 * a big document only once the updates since its last snapshot add up to half the snapshot (or
 * after 20 × `compactEvery` updates, which bounds the rows a load applies). Encoding a snapshot
 * blocks the event loop for time in proportion to the document, and on a long-used board
 * compacting every `compactEvery` updates — every few seconds or less in a busy room — put every
 * room's tail latency over the capacity goal. The figures (the stall, the p99 before and after,
 * the stored bytes against the snapshot): README "Storage" and "Performance" → Churn.
 */
export function compactionDue(updatesSinceCompact: number, snapshotBytes: number, logBytes: number, compactEvery: number): boolean {
  if (updatesSinceCompact < compactEvery) return false
  if (snapshotBytes <= SMALL_DOC_BYTES) return true
  return logBytes * 2 >= snapshotBytes || updatesSinceCompact >= compactEvery * 20
}
