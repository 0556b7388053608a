/**
 * What the server needs from a store. The SQLite store implements it for one instance; a
 * PostgreSQL one can for several. Methods may return promises so that a networked store fits.
 */
export interface WorkshopRecord {
  id: string
  title: string
  joinCode: string
  createdAt: number
  /** Bumped when the facilitator replaces the viewer link; viewer tokens of older ones are refused. 0 when absent. */
  viewerGeneration?: number
}

export interface ParticipantRecord {
  id: string
  workshopId: string
  name: string
  createdAt: number
  /** Set when the facilitator removed this participant: its token is refused from then on. */
  removedAt?: number
}

export interface StoredDoc {
  /** Updates in the order they were accepted (a compacted snapshot first, if any). */
  updates: Uint8Array[]
  /** The sequence number of the last update, to compact up to. 0 when there is none. */
  lastSeq: number
  /** Bytes of all stored updates. */
  bytes: number
  /** Yjs client id → the identity (participant id, or "(server)") that first wrote with it. */
  clientOwners: Map<number, string>
  /**
   * Ids of `clientOwners` their owner only holds: first seen in that identity's answer to a
   * sync step 1 before any connection announced them (a client's offline changes, or another's
   * given back after a restore). The connection that announces one, or its holder writing live
   * under it, makes it theirs for good. Absent: none.
   */
  heldClientIds?: ReadonlySet<number>
}

/** What a compaction replaced: rows up to `seq`, with rows the caller did not hold merged in or not. */
export interface CompactResult {
  seq: number
  merged: boolean
}

// Continuous journeys (issue #13): a snapshot of a workshop's documents, kept in the store.
export interface SnapshotRecord {
  id: string
  workshopId: string
  name: string
  createdAt: number
  /** `manual` (the facilitator), `phase` (a phase change) or `end` (the workshop was ended). */
  kind: 'manual' | 'phase' | 'end'
  /** The board's schemaVersion when it was taken (a newer one cannot be restored here). */
  schemaVersion: number
  /** Bytes of all its documents. */
  bytes: number
}

export interface Storage {
  /** Creates the workshop and its initial documents in one transaction. */
  createWorkshop(workshop: WorkshopRecord, docs: Record<string, Uint8Array>): Promise<void>
  getWorkshop(id: string): Promise<WorkshopRecord | undefined>
  findWorkshopByJoinCode(joinCode: string): Promise<WorkshopRecord | undefined>
  addParticipant(participant: ParticipantRecord): Promise<void>
  getParticipant(workshopId: string, id: string): Promise<ParticipantRecord | undefined>
  listParticipants(workshopId: string): Promise<ParticipantRecord[]>
  loadDoc(workshopId: string, docName: string): Promise<StoredDoc>
  /** Names of the workshop's stored documents. */
  listDocNames(workshopId: string): Promise<string[]>
  /**
   * Appends an accepted update durably, with the Yjs client ids it is the first to write with
   * and their owner, in one transaction; resolves once it is safe to relay. Returns its seq.
   */
  appendUpdate(
    workshopId: string,
    docName: string,
    update: Uint8Array,
    claims?: ReadonlyArray<readonly [number, string]>,
    holds?: ReadonlyArray<readonly [number, string]>,
  ): Promise<number>
  /**
   * Records owners of Yjs client ids of a document: ids already owned keep their owner, ids
   * only held (`heldClientIds`) become the claimant's. `appendUpdate`'s `claims` do the same and
   * its `holds` record ids nobody owns yet as held by the given identity.
   */
  claimClientIds(workshopId: string, docName: string, claims: ReadonlyArray<readonly [number, string]>): Promise<void>
  /**
   * Replaces the updates up to and including `uptoSeq` with `snapshot`. `covered` (several
   * instances share the store): the seqs whose rows `snapshot` already holds (the caller applied
   * them). A row it does not hold — another instance's, not received yet — is not lost: only the
   * rows before the first such row are replaced; when that leaves nothing to replace, every row
   * is merged into the snapshot (`merged`: the caller's memory then lacks part of it). Without
   * `covered` a store that can be shared counts no row as held (it merges them all); SQLite,
   * written by one process, takes the snapshot as it is. Resolves to the seq the snapshot row took, or undefined
   * when nothing was replaced.
   */
  compact(workshopId: string, docName: string, snapshot: Uint8Array, uptoSeq: number, covered?: (seq: number) => boolean): Promise<CompactResult | undefined>
  close(): Promise<void>
  // Trust (issue #11): rotating links and removing people.
  /** Gives the workshop a new join code; throws (UNIQUE) when another workshop has it. */
  setJoinCode(workshopId: string, joinCode: string): Promise<void>
  /** Bumps the workshop's viewer-link generation; resolves with the new one. */
  bumpViewerGeneration(workshopId: string): Promise<number>
  /** Marks a participant removed; false when there is no such participant (or it was removed already). */
  removeParticipant(workshopId: string, id: string, removedAt: number): Promise<boolean>
  // Continuous journeys (issue #13): snapshots and series. Every store implements these; see
  // server/storage/sqlite.ts for the reference (one block) and README "Continuous journeys".
  /**
   * Stores a snapshot (one compacted Yjs update per document) unless the workshop already holds
   * `limit` snapshots — checked and written in one transaction. Resolves false when full.
   */
  addSnapshot(snapshot: SnapshotRecord, docs: Record<string, Uint8Array>, limit: number): Promise<boolean>
  /** The workshop's snapshots, oldest first. */
  listSnapshots(workshopId: string): Promise<SnapshotRecord[]>
  /** One snapshot with its documents; undefined when the workshop has no such snapshot. */
  getSnapshot(workshopId: string, snapshotId: string): Promise<{ snapshot: SnapshotRecord; docs: Record<string, Uint8Array> } | undefined>
  /** False when the workshop has no such snapshot. */
  deleteSnapshot(workshopId: string, snapshotId: string): Promise<boolean>
  /** The series the workshop belongs to; undefined when it was never started from or into one. */
  getSeriesId(workshopId: string): Promise<string | undefined>
  /** Puts the workshop into a series (a series id is the id of its first workshop). */
  setSeriesId(workshopId: string, seriesId: string): Promise<void>
  /** The workshops of a series, oldest first. */
  listSeries(seriesId: string): Promise<WorkshopRecord[]>
}
