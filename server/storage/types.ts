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
  appendUpdate(workshopId: string, docName: string, update: Uint8Array, claims?: ReadonlyArray<readonly [number, string]>): Promise<number>
  /** Records owners of Yjs client ids of a document (ids already owned keep their owner). */
  claimClientIds(workshopId: string, docName: string, claims: ReadonlyArray<readonly [number, string]>): Promise<void>
  /** Replaces every update up to and including `uptoSeq` with `snapshot`. */
  compact(workshopId: string, docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>
  close(): Promise<void>
  // Trust (issue #11): rotating links and removing people.
  /** Gives the workshop a new join code; throws (UNIQUE) when another workshop has it. */
  setJoinCode(workshopId: string, joinCode: string): Promise<void>
  /** Bumps the workshop's viewer-link generation; resolves with the new one. */
  bumpViewerGeneration(workshopId: string): Promise<number>
  /** Marks a participant removed; false when there is no such participant (or it was removed already). */
  removeParticipant(workshopId: string, id: string, removedAt: number): Promise<boolean>
}
