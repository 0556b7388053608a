/**
 * A document's stored form — a snapshot and the updates appended after it — as its room keeps
 * count of it, and when the log is replaced by one snapshot (see README "Storage").
 */
import type { Storage, StoredDoc } from './types'

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

/** The stored log of one document: appends, sizes, and compaction (one at a time). */
export class StoredLog {
  private lastSeq: number
  /** Bytes of all stored rows; of the last snapshot (the first row); of the updates after it. */
  private storedBytes: number
  private snapshotBytes: number
  private logBytes: number
  private updatesSinceCompact: number
  private compacting: Promise<boolean> | undefined
  /**
   * Which stored rows the room's memory holds (several instances share the store): every row up
   * to `heldUpTo` (loaded) and the rows in `held` (appended here, or another instance's received
   * with their seq). Compaction trusts the memory for these and merges in only the others.
   */
  private heldUpTo: number
  private readonly held = new Set<number>()

  constructor(
    private readonly storage: Storage,
    private readonly workshopId: string,
    private readonly docName: string,
    private readonly compactEvery: number,
    stored: StoredDoc,
  ) {
    this.lastSeq = stored.lastSeq
    this.heldUpTo = stored.lastSeq
    this.storedBytes = stored.bytes
    this.snapshotBytes = stored.updates[0]?.byteLength ?? 0
    this.logBytes = stored.bytes - this.snapshotBytes
    this.updatesSinceCompact = Math.max(0, stored.updates.length - 1)
  }

  get bytes(): number {
    return this.storedBytes
  }

  get pendingUpdates(): number {
    return this.updatesSinceCompact
  }

  /**
   * Appends an update durably, with the client ids it claims and holds; resolves to its row's
   * seq, throws what storage throws.
   */
  async append(update: Uint8Array, claims: ReadonlyArray<readonly [number, string]>, holds: ReadonlyArray<readonly [number, string]> = []): Promise<number> {
    const seq = await this.storage.appendUpdate(this.workshopId, this.docName, update, claims, holds)
    this.lastSeq = seq
    this.held.add(seq)
    this.storedBytes += update.byteLength
    this.logBytes += update.byteLength
    this.updatesSinceCompact++
    return seq
  }

  /**
   * An update another instance stored (REDIS_URL), applied here: it counts toward the size limit
   * like one of ours, and with its seq (when the message had it) the memory holds its row.
   */
  noteRemote(bytes: number, seq?: number): void {
    this.storedBytes += bytes
    this.logBytes += bytes
    if (seq !== undefined) this.held.add(seq)
  }

  /** Every row up to `seq` was read from storage and applied (a resync). */
  noteLoaded(seq: number): void {
    this.heldUpTo = Math.max(this.heldUpTo, seq)
  }

  get due(): boolean {
    return compactionDue(this.updatesSinceCompact, this.snapshotBytes, this.logBytes, this.compactEvery)
  }

  /**
   * Replaces the log with `snapshot()` (one compaction at a time); `force` even with no new
   * updates. Resolves to true when rows the memory lacked were merged into the stored snapshot
   * (the room should read storage again).
   */
  compact(snapshot: () => Uint8Array, force = false): Promise<boolean> {
    this.compacting ??= this.run(snapshot, force).finally(() => {
      this.compacting = undefined
    })
    return this.compacting
  }

  private async run(snapshot: () => Uint8Array, force: boolean): Promise<boolean> {
    if ((this.updatesSinceCompact === 0 && !force) || this.lastSeq === 0) return false
    const state = snapshot()
    const upto = this.lastSeq
    const appendedBefore = this.updatesSinceCompact
    const loggedBefore = this.logBytes
    const result = await this.storage.compact(this.workshopId, this.docName, state, upto, (seq) => seq <= this.heldUpTo || this.held.has(seq))
    if (result) {
      for (const seq of this.held) if (seq <= result.seq) this.held.delete(seq)
      // The snapshot row (it keeps the seq of the last row it replaced) holds what the memory
      // held — unless rows the memory lacked were merged into it.
      if (!result.merged) this.heldUpTo = Math.max(this.heldUpTo, result.seq)
    }
    this.updatesSinceCompact -= appendedBefore
    // Whatever was appended while the snapshot was written stays in the log.
    this.logBytes -= loggedBefore
    this.snapshotBytes = state.byteLength
    this.storedBytes = state.byteLength + this.logBytes
    return result?.merged === true
  }
}
