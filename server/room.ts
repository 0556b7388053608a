/**
 * One document of one workshop, live in memory: its Y.Doc, its awareness and the peers
 * connected to it. Speaks the y-websocket protocol (sync step 1/2, update, awareness, query
 * awareness). An update is checked against the peer's role, applied, appended to storage and
 * only then relayed — so whatever any client has seen is on disk.
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { CLOSE, type DocAccess, type Role } from '../shared/roles'
import type { Storage, StoredDoc } from './storage/types'
import type { Logger } from './log'
import { Frame } from './frames'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

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

/** Awareness client ids one connection may speak for (a tab has one; a few spare). */
const MAX_AWARENESS_IDS_PER_PEER = 8

export type DecodedUpdate = { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: ReturnType<typeof Y.createDeleteSet> }

/** A connection as a room sees it. */
export interface Peer {
  readonly role: Role
  readonly participantId: string
  /** Awareness client ids this connection has announced. */
  readonly awarenessIds: Set<number>
  send(message: Uint8Array): void
  /** The same message to many peers: its frame is built once (server/frames.ts). */
  sendFrame(frame: Frame): void
}

/**
 * A presence state as the server relays it: its `user` carries the connection's own role and
 * participant id (from its token), whatever the client wrote — a participant cannot pass for
 * the facilitator (whose view "follow me" follows) or for someone else. Throws on bad JSON.
 */
function withOwnIdentity(state: string, peer: Peer): string {
  const parsed = JSON.parse(state) as unknown
  const user = parsed !== null && typeof parsed === 'object' ? (parsed as { user?: unknown }).user : undefined
  if (user === undefined) return state
  const claimed = user !== null && typeof user === 'object' ? (user as Record<string, unknown>) : {}
  if (claimed.role === peer.role && claimed.participantId === peer.participantId) return state
  return JSON.stringify({ ...(parsed as object), user: { ...claimed, role: peer.role, participantId: peer.participantId } })
}

/** An error that ends the offending connection with a close code and a reason. */
export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export interface DocRoomOptions {
  workshopId: string
  name: string
  storage: Storage
  maxDocBytes: number
  compactEvery: number
  awarenessTickMs: number
  log: Logger
  /** What the peer may do with this document right now (role and lock). */
  access(peer: Peer): DocAccess
  /** Reason given to a peer whose write is refused. */
  refusal(peer: Peer): string
  /** Called after an update from `peer` was applied, stored and relayed. */
  applied?(peer: Peer): void
  /** Content rules for a peer that may write: a reason to refuse this update, if any. */
  guard?(peer: Peer, doc: Y.Doc, decoded: DecodedUpdate): string | undefined
}

export class DocRoom {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly peers = new Set<Peer>()

  private readonly awarenessOwner = new Map<number, Peer>()
  private readonly changedAwareness = new Set<number>()
  private awarenessTimer: NodeJS.Timeout | undefined
  private lastAwarenessFlush = -Infinity
  private captured: Uint8Array[] | null = null
  private relayQueue: Uint8Array[] = []
  private relayOrigin: Peer | undefined
  private relayScheduled = false
  private lastSeq: number
  private storedBytes: number
  /** Bytes of the last snapshot (the first stored row) and of the updates appended after it. */
  private snapshotBytes: number
  private logBytes: number
  private updatesSinceCompact = 0
  private compacting: Promise<void> | undefined
  private destroyed = false

  constructor(
    private readonly options: DocRoomOptions,
    stored: StoredDoc,
  ) {
    this.lastSeq = stored.lastSeq
    this.storedBytes = stored.bytes
    this.snapshotBytes = stored.updates[0]?.byteLength ?? 0
    this.logBytes = stored.bytes - this.snapshotBytes
    this.updatesSinceCompact = Math.max(0, stored.updates.length - 1)
    for (const update of stored.updates) {
      try {
        Y.applyUpdate(this.doc, update, 'storage')
      } catch (error) {
        options.log.error(`skipping an unreadable stored update of ${options.workshopId}/${options.name}`, error)
      }
    }
    this.doc.on('update', (update: Uint8Array) => this.captured?.push(update))
    // The server has no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  get name(): string {
    return this.options.name
  }

  // -------------------------------------------------------------------------------------------
  // Peers.

  addPeer(peer: Peer): void {
    this.peers.add(peer)
    // Ask for what the client has that we lack, then tell it who is here.
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    peer.send(encoding.toUint8Array(encoder))
    const states = this.awareness.getStates()
    if (states.size > 0) peer.send(this.awarenessMessage([...states.keys()]))
  }

  removePeer(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    const ids = [...peer.awarenessIds]
    for (const id of ids) if (this.awarenessOwner.get(id) === peer) this.awarenessOwner.delete(id)
    if (ids.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'disconnect')
      // Presence of a closed connection disappears at once, not on the next tick.
      this.flushAwareness()
    }
  }

  // -------------------------------------------------------------------------------------------
  // Messages.

  async handleMessage(peer: Peer, message: Uint8Array): Promise<void> {
    const decoder = decoding.createDecoder(message)
    let type: number
    try {
      type = decoding.readVarUint(decoder)
    } catch {
      throw new ProtocolError(CLOSE.badMessage, 'malformed message')
    }
    switch (type) {
      case MESSAGE_SYNC:
        return this.handleSync(peer, decoder)
      case MESSAGE_AWARENESS:
        return this.handleAwareness(peer, readBytes(decoder))
      case MESSAGE_QUERY_AWARENESS:
        peer.send(this.awarenessMessage([...this.awareness.getStates().keys()]))
        return
      case MESSAGE_AUTH:
        return
      default:
        throw new ProtocolError(CLOSE.badMessage, `unknown message type ${type}`)
    }
  }

  private async handleSync(peer: Peer, decoder: decoding.Decoder): Promise<void> {
    let kind: number
    try {
      kind = decoding.readVarUint(decoder)
    } catch {
      throw new ProtocolError(CLOSE.badMessage, 'malformed sync message')
    }
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const stateVector = readBytes(decoder)
      let diff: Uint8Array
      try {
        diff = Y.encodeStateAsUpdate(this.doc, stateVector)
      } catch {
        throw new ProtocolError(CLOSE.badMessage, 'malformed state vector')
      }
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
      encoding.writeVarUint8Array(encoder, diff)
      peer.send(encoding.toUint8Array(encoder))
      return
    }
    if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
      return this.receiveUpdate(peer, readBytes(decoder))
    }
    throw new ProtocolError(CLOSE.badMessage, `unknown sync message type ${kind}`)
  }

  /** AUTH → VALIDATION → MUTATION → STORE → RELAY. */
  private async receiveUpdate(peer: Peer, update: Uint8Array): Promise<void> {
    if (this.destroyed) return
    let decoded: DecodedUpdate
    try {
      decoded = Y.decodeUpdate(update)
    } catch {
      throw new ProtocolError(CLOSE.badMessage, 'malformed update')
    }
    if (this.options.access(peer) !== 'write') {
      // A read-only peer still answers our sync step 1 with what it has; that is fine as long
      // as it holds nothing we lack. Anything new is refused: never applied, stored or relayed.
      if (containsNothingNew(this.doc, decoded)) return
      throw new ProtocolError(CLOSE.forbidden, this.options.refusal(peer))
    }
    const refused = this.options.guard?.(peer, this.doc, decoded)
    if (refused !== undefined) throw new ProtocolError(CLOSE.forbidden, refused)
    if (this.storedBytes + update.byteLength > this.options.maxDocBytes) {
      await this.compact()
      if (this.storedBytes + update.byteLength > this.options.maxDocBytes) {
        throw new ProtocolError(CLOSE.docTooLarge, 'the document has reached its size limit')
      }
    }

    const pendingBefore = [this.doc.store.pendingStructs, this.doc.store.pendingDs]
    this.captured = []
    let failure: unknown
    try {
      Y.applyUpdate(this.doc, update, peer)
    } catch (error) {
      failure = error
    }
    const applied = this.captured
    this.captured = null
    const pendingChanged =
      pendingBefore[0] !== this.doc.store.pendingStructs || pendingBefore[1] !== this.doc.store.pendingDs

    // Store what the doc now holds because of this update: the update itself (it may carry
    // structs still waiting for their dependencies), or — if applying it failed halfway —
    // the part that did get in.
    let toStore: Uint8Array | undefined
    if (failure === undefined) {
      if (applied.length > 0 || pendingChanged) toStore = update
    } else if (applied.length > 0) {
      toStore = Y.mergeUpdates(applied)
    }
    if (toStore) {
      await this.storeAndRelay(toStore, applied, peer)
      this.options.applied?.(peer)
    }
    if (failure !== undefined) {
      this.options.log.warn(`an update to ${this.options.workshopId}/${this.options.name} could not be applied`, failure)
      throw new ProtocolError(CLOSE.badMessage, 'update could not be applied')
    }
  }

  /** Appends `toStore` durably, then relays the doc's own updates to every peer but `origin`. */
  private async storeAndRelay(toStore: Uint8Array, applied: Uint8Array[], origin?: Peer): Promise<void> {
    this.lastSeq = await this.options.storage.appendUpdate(this.options.workshopId, this.options.name, toStore)
    this.storedBytes += toStore.byteLength
    this.logBytes += toStore.byteLength
    this.updatesSinceCompact++
    this.queueRelay(applied, origin)
    if (this.compactionDue()) void this.compact().catch(() => undefined)
  }

  /** A change the server itself makes (a schema migration): stored and relayed like any other. */
  async mutate(change: (doc: Y.Doc) => void): Promise<void> {
    this.captured = []
    try {
      change(this.doc)
    } finally {
      const applied = this.captured
      this.captured = null
      if (applied.length > 0) await this.storeAndRelay(Y.mergeUpdates(applied), applied)
    }
  }

  /**
   * Relays stored changes at the end of this turn of the event loop, all of the turn's changes
   * merged into one update per peer. Idle, that is one change, sent a moment later (the check
   * phase of the same loop iteration). Busy — 300 people moving notes, a reconnection storm —
   * each peer gets one message for the turn's changes instead of one per change: far fewer
   * writes for the server and far fewer transactions for every client to apply. A batch from one
   * peer is not sent back to it; a batch from several goes to all (each origin gets its own
   * change again, which Yjs ignores — as y-websocket's reference server does for every change).
   */
  private queueRelay(changes: Uint8Array[], origin: Peer | undefined): void {
    if (changes.length === 0) return
    for (const change of changes) this.relayQueue.push(change)
    if (this.relayQueue.length === changes.length) this.relayOrigin = origin
    else if (this.relayOrigin !== origin) this.relayOrigin = undefined
    if (!this.relayScheduled) {
      this.relayScheduled = true
      setImmediate(this.flushRelay)
    }
  }

  /** Sends what `queueRelay` collected (also run before the room closes). */
  private readonly flushRelay = (): void => {
    this.relayScheduled = false
    const changes = this.relayQueue
    const origin = this.relayOrigin
    this.relayQueue = []
    this.relayOrigin = undefined
    if (changes.length === 0 || this.destroyed) return
    const update = changes.length === 1 ? (changes[0] as Uint8Array) : Y.mergeUpdates(changes)
    this.broadcast(updateMessage(update), origin)
  }

  private handleAwareness(peer: Peer, update: Uint8Array): void {
    // Keep only entries for client ids that no other connection speaks for, so a client can
    // neither impersonate nor remove someone else's presence.
    const decoder = decoding.createDecoder(update)
    const encoder = encoding.createEncoder()
    let kept = 0
    const entries: Array<[number, number, string]> = []
    try {
      const count = decoding.readVarUint(decoder)
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(decoder)
        const clock = decoding.readVarUint(decoder)
        const state = decoding.readVarString(decoder)
        entries.push([clientId, clock, withOwnIdentity(state, peer)])
      }
    } catch {
      throw new ProtocolError(CLOSE.badMessage, 'malformed awareness update')
    }
    for (const [clientId, clock, state] of entries) {
      const owner = this.awarenessOwner.get(clientId)
      if (owner !== undefined && owner !== peer) continue
      if (owner === undefined && peer.awarenessIds.size >= MAX_AWARENESS_IDS_PER_PEER) continue
      kept++
      encoding.writeVarUint(encoder, clientId)
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarString(encoder, state)
    }
    if (kept === 0) return
    const filtered = encoding.createEncoder()
    encoding.writeVarUint(filtered, kept)
    encoding.writeUint8Array(filtered, encoding.toUint8Array(encoder))
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(filtered), peer)
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const peer = this.peers.has(origin as Peer) ? (origin as Peer) : undefined
    for (const id of [...added, ...updated]) {
      this.changedAwareness.add(id)
      if (peer) {
        peer.awarenessIds.add(id)
        this.awarenessOwner.set(id, peer)
      }
    }
    for (const id of removed) {
      this.changedAwareness.add(id)
      if (peer) {
        peer.awarenessIds.delete(id)
        this.awarenessOwner.delete(id)
      }
    }
    // At most one presence message per tick: a change in a quiet room goes out at once (no
    // waiting for a tick that has nothing else to carry); in a busy room — 300 cursors at
    // 30 Hz — every change of the tick rides in one message instead of N² relays.
    if (this.awarenessTimer === undefined && this.changedAwareness.size > 0) {
      const wait = this.lastAwarenessFlush + this.options.awarenessTickMs - performance.now()
      if (wait <= 0) this.flushAwareness()
      else this.awarenessTimer = setTimeout(() => this.flushAwareness(), wait)
    }
  }

  /** Sends every presence change since the last flush as one message to every peer. */
  flushAwareness(): void {
    if (this.awarenessTimer !== undefined) clearTimeout(this.awarenessTimer)
    this.awarenessTimer = undefined
    if (this.changedAwareness.size === 0) return
    this.lastAwarenessFlush = performance.now()
    const message = this.awarenessMessage([...this.changedAwareness])
    this.changedAwareness.clear()
    this.broadcast(message)
  }

  private awarenessMessage(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
    return encoding.toUint8Array(encoder)
  }

  private broadcast(message: Uint8Array, except?: Peer): void {
    const frame = new Frame(message)
    for (const peer of this.peers) if (peer !== except) peer.sendFrame(frame)
  }

  // -------------------------------------------------------------------------------------------
  // Storage.

  private compactionDue(): boolean {
    return compactionDue(this.updatesSinceCompact, this.snapshotBytes, this.logBytes, this.options.compactEvery)
  }

  /** Replaces the stored log with one snapshot of the document. */
  compact(): Promise<void> {
    this.compacting ??= this.runCompaction().finally(() => {
      this.compacting = undefined
    })
    return this.compacting
  }

  private async runCompaction(): Promise<void> {
    if (this.updatesSinceCompact === 0 || this.lastSeq === 0) return
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    const upto = this.lastSeq
    const appendedBefore = this.updatesSinceCompact
    const loggedBefore = this.logBytes
    await this.options.storage.compact(this.options.workshopId, this.options.name, snapshot, upto)
    this.updatesSinceCompact -= appendedBefore
    // Whatever was appended while the snapshot was written stays in the log.
    this.logBytes -= loggedBefore
    this.snapshotBytes = snapshot.byteLength
    this.storedBytes = snapshot.byteLength + this.logBytes
  }

  get stats() {
    return { peers: this.peers.size, storedBytes: this.storedBytes, updatesSinceCompact: this.updatesSinceCompact }
  }

  async close(): Promise<void> {
    this.flushRelay()
    this.flushAwareness()
    await this.compact()
    this.discard()
  }

  /** Drops the room from memory without writing anything. */
  discard(): void {
    this.destroyed = true
    if (this.awarenessTimer !== undefined) clearTimeout(this.awarenessTimer)
    this.awarenessTimer = undefined
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  try {
    return decoding.readVarUint8Array(decoder)
  } catch {
    throw new ProtocolError(CLOSE.badMessage, 'truncated message')
  }
}

/** A y-websocket sync "update" message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE_SYNC)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/**
 * Whether applying `decoded` to `doc` would change nothing: every struct is already known and
 * every deletion already done. A read-only client's sync step 2 passes this; an edit does not.
 */
export function containsNothingNew(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > (stateVector.get(struct.id.client) ?? 0)) return false
  }
  if (decoded.ds.clients.size === 0) return true
  const known = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, items] of decoded.ds.clients) {
    const ranges = known.clients.get(client) ?? []
    for (const item of items) {
      if (item.len === 0) continue
      const end = item.clock + item.len
      // `ranges` is sorted by clock and merged: find the last one starting at or before item.
      let lo = 0
      let hi = ranges.length - 1
      let found = -1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if ((ranges[mid] as { clock: number }).clock <= item.clock) {
          found = mid
          lo = mid + 1
        } else hi = mid - 1
      }
      const range = ranges[found]
      if (!range || range.clock + range.len < end) return false
    }
  }
  return true
}
