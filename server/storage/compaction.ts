/** When a document's update log is replaced by one snapshot (see README "Storage"). */

/** Documents up to this size compact every `compactEvery` updates, whatever the log's size. */
const SMALL_DOC_BYTES = 256 * 1024

/**
 * Whether a document's update log should be compacted now: every `compactEvery` updates — but
 * a big document only once the updates since its last snapshot add up to half the snapshot (or
 * after 20 × `compactEvery` updates, which bounds the rows a load applies). Encoding a snapshot
 * blocks the event loop for time in proportion to the document: ~100 ms for a 5,000-note board
 * after 100,000 drags (bench: churn), which every 500 updates — under two seconds with 300
 * people — put every room's p99 over 100 ms (bench: capacity on a churned board). Stored bytes
 * stay under 1.5× the snapshot.
 */
export function compactionDue(updatesSinceCompact: number, snapshotBytes: number, logBytes: number, compactEvery: number): boolean {
  if (updatesSinceCompact < compactEvery) return false
  if (snapshotBytes <= SMALL_DOC_BYTES) return true
  return logBytes * 2 >= snapshotBytes || updatesSinceCompact >= compactEvery * 20
}
