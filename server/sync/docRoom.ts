/**
 * One document of one workshop, live in memory: its Y.Doc, its awareness and the peers
 * connected to it. Speaks the y-websocket protocol (sync step 1/2, update, awareness, query
 * awareness). An update is checked against the peer's role, applied, appended to storage and
 * only then relayed — so whatever any client has seen is on disk.
 */
import * as Y from 'yjs'
import * as syncProtocol from 'y-protocols/sync'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { CLOSE, type DocAccess } from '../../shared/roles'
import type { Storage, StoredDoc } from '../storage/types'
import type { Logger } from '../log'
import { StoredLog } from '../storage/compaction'
import { docFromStored } from '../storage/docLoader'
import { Frame } from './frames'
import { PresenceFanout, REMOTE, type Fanout, type RoomChannel } from './fanout'
import { containsNothingNew, integrationGap, writingClientIds } from './guards'
import { Pacer } from './pacer'
import { PresenceRelay } from './presence'
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, ProtocolError, readBytes, updateMessage, type DecodedUpdate, type Peer } from './protocol'


/** The identity that owns the Yjs client ids the server itself writes with (template, migrations, reveal). */
export const SERVER_IDENTITY = '(server)'


/** What every room of a server shares: its store, limits and timings. */
export interface RoomSettings {
  storage: Storage
  maxDocBytes: number
  compactEvery: number
  awarenessTickMs: number
  /** A connection gets a full-state answer to sync step 1 (or a presence query) at most this often (ms). */
  step1IntervalMs: number
  log: Logger
  /** Fan-out between instances (REDIS_URL); absent on a single instance. */
  fanout?: Fanout
}

export interface DocRoomOptions extends RoomSettings {
  workshopId: string
  name: string
  /** What the peer may do with this document right now (role and lock). */
  access(peer: Peer): DocAccess
  /** Reason given to a peer whose write is refused. */
  refusal(peer: Peer): string
  /** Called after an update from `peer` was applied, stored and relayed. */
  applied?(peer: Peer): void
  /** Content rules for a peer that may write: a reason to refuse this update, if any. */
  guard?(peer: Peer, doc: Y.Doc, decoded: DecodedUpdate): string | undefined
  /**
   * Called when storage failed to take a change that is already in memory: the room has closed
   * every connection and must be dropped, so that the next load reads what storage holds.
   */
  broken?(): void
  /**
   * Fan-out to other instances (REDIS_URL, fanout.ts): the document's channel, joined before it
   * was loaded. What the room stores is published; what others published is applied and relayed.
   */
  channel?: RoomChannel
  /** Called after a change from another instance was applied. */
  remoteApplied?(): void
}

/** A held-back peer is asked again this long after a stored change (changes in a burst: once). */
const REASK_DELAY_MS = 100

/** A state vector that covers everything of `clients`: Y.diffUpdate with it leaves their changes out. */
function stateVectorCovering(clients: readonly number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, clients.length)
  for (const client of clients) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, 2 ** 31)
  }
  return encoding.toUint8Array(encoder)
}

/** Storage could not take a change: the room's memory is ahead of its storage. */
export class StorageFailure extends Error {}

export class DocRoom {
  readonly doc = new Y.Doc()
  readonly peers = new Set<Peer>()
  readonly presence: PresenceRelay

  private captured: Uint8Array[] | null = null
  private relayQueue: Uint8Array[] = []
  private relayOrigin: Peer | undefined
  private relayScheduled = false
  /** Its stored form: snapshot, log, compaction. */
  private readonly stored: StoredLog
  private destroyed = false
  /** Yjs client id → the identity that first wrote with it (durable: storage keeps them too). */
  private readonly clientOwners: Map<number, string>
  /** Stored structs that could not be integrated were dropped on load; storage still has them. */
  private cleanedOnLoad = false
  /** Full-state answers (sync step 1, presence queries): at most one per connection per interval. */
  private readonly pacer: Pacer<Peer>
  /** Peers asked (by our sync step 1) for what we lack, whose answer has not come yet. */
  private readonly asked = new WeakSet<Peer>()
  /**
   * Peers whose answer carried changes under other identities' client ids (what a restored
   * server lost): held back until their owners bring them; asked again after each stored change.
   */
  private readonly heldBack = new Set<Peer>()
  private reaskTimer: NodeJS.Timeout | undefined
  /**
   * Client ids first seen in an identity's answer before any connection announced them (its
   * offline changes, or a restored server's clients giving back each other's): held by that
   * identity for now — stored as held (StoredDoc heldClientIds), so that neither a restart nor
   * another instance's load gives them to the server — until the connection whose own id it is
   * announces it (presence) and takes it, or its holder writes under it live.
   */
  private readonly provisional = new Set<number>()
  /** Presence to and from other instances (with a channel). */
  private presenceFanout: PresenceFanout | undefined
  private resyncing: Promise<void> | undefined

  constructor(
    private readonly options: DocRoomOptions,
    storedDoc: StoredDoc,
  ) {
    this.stored = new StoredLog(options.storage, options.workshopId, options.name, options.compactEvery, storedDoc)
    this.clientOwners = new Map(storedDoc.clientOwners)
    for (const client of storedDoc.heldClientIds ?? []) this.provisional.add(client)
    const { droppedPending } = docFromStored(storedDoc, (error) => options.log.error(`skipping an unreadable stored update of ${options.workshopId}/${options.name}`, error), this.doc)
    if (droppedPending) {
      // Rewritten without them by `settle`.
      options.log.warn(`dropped structs of ${options.workshopId}/${options.name} that could never be integrated`)
      this.cleanedOnLoad = true
    }
    this.doc.on('update', (update: Uint8Array) => this.captured?.push(update))
    this.pacer = new Pacer(options.step1IntervalMs)
    this.presence = new PresenceRelay(this.doc, options.awarenessTickMs, this.peers, (message) => this.broadcast(message), (peer, ids) => this.introduced(peer, ids))
  }

  /** The document's presence (awareness). */
  get awareness() {
    return this.presence.awareness
  }

  get name(): string {
    return this.options.name
  }

  /**
   * Finishes a load, before anyone connects: a document that held pending structs is stored
   * again without them, and the client ids in it that nobody owns yet (the template's, an
   * import's, or written before ownership was recorded) are the server's, so that no client
   * can claim another's old id and write under its clocks.
   */
  async settle(): Promise<void> {
    if (this.cleanedOnLoad) {
      await this.compact(true)
      this.cleanedOnLoad = false
    }
    const unowned: Array<[number, string]> = []
    for (const client of this.doc.store.clients.keys()) if (!this.clientOwners.has(client)) unowned.push([client, SERVER_IDENTITY])
    if (unowned.length > 0) await this.claim(unowned)
    // Only now what other instances published since the join (buffered until here): their
    // writers' client ids are theirs, not unowned ones of the server's.
    this.attachChannel()
  }

  private attachChannel(): void {
    const channel = this.options.channel
    if (!channel || this.presenceFanout || this.destroyed) return
    this.presenceFanout = new PresenceFanout(this.presence.awareness, channel, this.options.awarenessTickMs)
    channel.attach({
      update: (update, claims, holds, seq) => this.applyRemote(update, claims, holds, false, seq),
      awareness: (update, instance) => this.presenceFanout?.apply(update, instance),
      resync: () => void this.resync(),
      instanceGone: (instance) => this.presenceFanout?.instanceGone(instance),
    })
  }

  /**
   * A change another instance stored and published: applied (never stored again, never
   * published again) and relayed to this instance's connections. An update that cannot be
   * integrated means something was missed (Redis lost it): the room reads storage again.
   */
  private applyRemote(
    update: Uint8Array,
    claims: ReadonlyArray<readonly [number, string]>,
    holds: ReadonlyArray<readonly [number, string]>,
    fromStorage = false,
    seq?: number,
  ): void {
    if (this.destroyed) return
    // As storage recorded them: a claim takes an id nobody owns or one only held.
    for (const [client, owner] of claims) {
      if (this.clientOwners.has(client) && !this.provisional.has(client)) continue
      this.clientOwners.set(client, owner)
      this.provisional.delete(client)
    }
    for (const [client, holder] of holds) {
      if (this.clientOwners.has(client)) continue
      this.clientOwners.set(client, holder)
      this.provisional.add(client)
    }
    this.captured = []
    let failed = false
    try {
      Y.applyUpdate(this.doc, update, REMOTE)
    } catch (error) {
      failed = true
      this.options.log.warn(`an update of ${this.options.workshopId}/${this.options.name} from another instance could not be applied`, error)
    }
    const applied = this.captured
    this.captured = null
    // Its row is in memory only when it integrated completely (else storage is read again).
    const complete = !failed && this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null
    if (!fromStorage) this.stored.noteRemote(update.byteLength, complete ? seq : undefined)
    this.queueRelay(applied, undefined)
    if (applied.length > 0) this.options.remoteApplied?.()
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      if (fromStorage) {
        this.doc.store.pendingStructs = null
        this.doc.store.pendingDs = null
      } else void this.resync()
    }
  }

  /** Reads storage again and applies what this instance lacks (fan-out may have missed something). */
  resync(): Promise<void> {
    this.resyncing ??= this.options.storage
      .loadDoc(this.options.workshopId, this.options.name)
      .then(
        (stored) => {
          if (stored.updates.length === 0) return
          const lastSeq = stored.lastSeq
          const held = stored.heldClientIds ?? new Set<number>()
          const owners = [...stored.clientOwners]
          this.applyRemote(
            Y.mergeUpdates(stored.updates),
            owners.filter(([client]) => !held.has(client)),
            owners.filter(([client]) => held.has(client)),
            true,
          )
          // Every stored row up to here is now in memory (compaction need not read them).
          this.stored.noteLoaded(lastSeq)
        },
        (error: unknown) => this.options.log.warn(`reading ${this.options.workshopId}/${this.options.name} again from storage failed`, error),
      )
      .finally(() => {
        this.resyncing = undefined
      })
    return this.resyncing
  }

  private async claim(owners: Array<[number, string]>): Promise<void> {
    await this.options.storage.claimClientIds(this.options.workshopId, this.options.name, owners)
    for (const [client, owner] of owners) this.clientOwners.set(client, owner)
  }

  /**
   * Presence shows everyone a connection's client id (y-websocket's awareness id is the
   * document's client id) before it may have written anything: the id becomes its owner's the
   * moment it is announced, so nobody who saw it can write under it first.
   */
  private introduced(peer: Peer, ids: readonly number[]): void {
    if (this.options.access(peer) === 'none' || peer.role === 'viewer') return
    const claims: Array<[number, string]> = []
    for (const id of ids) {
      if (this.clientOwners.has(id) && !this.provisional.has(id)) continue
      this.provisional.delete(id)
      claims.push([id, peer.participantId])
    }
    if (claims.length === 0) return
    for (const [client, owner] of claims) this.clientOwners.set(client, owner)
    this.options.storage.claimClientIds(this.options.workshopId, this.options.name, claims).catch((error: unknown) => {
      this.options.log.error(`recording client ids of ${this.options.workshopId}/${this.options.name} failed`, error)
    })
  }

  // -------------------------------------------------------------------------------------------
  // Peers.

  addPeer(peer: Peer): void {
    this.peers.add(peer)
    // Ask for what the client has that we lack, then tell it who is here.
    this.askForMissing(peer)
    this.presence.welcome(peer)
  }

  /** Sync step 1: the peer answers with everything it has that the document lacks (sync step 2). */
  private askForMissing(peer: Peer): void {
    this.asked.add(peer)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    peer.send(encoding.toUint8Array(encoder))
  }

  removePeer(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    this.heldBack.delete(peer)
    this.pacer.forget(peer)
    this.presence.leave(peer)
  }

  // -------------------------------------------------------------------------------------------
  // Messages.

  async handleMessage(peer: Peer, message: Uint8Array): Promise<void> {
    // A peer whose access ended (the data hidden again) is closed, whatever it sends.
    if (this.options.access(peer) === 'none') throw new ProtocolError(CLOSE.forbidden, this.options.refusal(peer))
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
        return this.presence.receive(peer, readBytes(decoder))
      case MESSAGE_QUERY_AWARENESS:
        return this.pacer.run(peer, 'query', () => this.presence.query(peer))
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
      try {
        Y.decodeStateVector(stateVector)
      } catch {
        throw new ProtocolError(CLOSE.badMessage, 'malformed state vector')
      }
      // What the peer lacks, at most once per interval (pacer.ts).
      this.pacer.run(peer, 'step1', () => this.sendStep2(peer, stateVector))
      return
    }
    if (kind === syncProtocol.messageYjsSyncStep2) return this.receiveUpdate(peer, readBytes(decoder), true)
    if (kind === syncProtocol.messageYjsUpdate) return this.receiveUpdate(peer, readBytes(decoder), false)
    throw new ProtocolError(CLOSE.badMessage, `unknown sync message type ${kind}`)
  }

  private sendStep2(peer: Peer, stateVector: Uint8Array): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc, stateVector))
    peer.send(encoding.toUint8Array(encoder))
  }

  /** AUTH → VALIDATION → MUTATION → STORE → RELAY. `answer`: a sync step 2 (all the peer has that we lack). */
  private async receiveUpdate(peer: Peer, update: Uint8Array, answer: boolean): Promise<void> {
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
    // After a restore from an older backup, a client's answer holds other people's newer changes
    // too, under client ids the old store knows as theirs. Writing under another's id is refused
    // (guards.ts: it could take their clocks); here those changes are only left out — their
    // owners bring them back — and the rest is taken if it stands on its own.
    let holdBack = false
    if (answer) {
      const foreign = writingClientIds(this.doc, decoded).filter((client) => {
        const owner = this.clientOwners.get(client)
        return owner !== undefined && owner !== peer.participantId && !this.provisional.has(client)
      })
      if (foreign.length > 0) {
        holdBack = true
        update = Y.diffUpdate(update, stateVectorCovering(foreign))
        decoded = Y.decodeUpdate(update)
      }
    }
    // Only what can be integrated now and completely: never held pending (guards.ts).
    const gap = integrationGap(this.doc, decoded)
    if (gap !== undefined && holdBack) {
      // What is left builds on what was left out: all of it waits for the owners.
      this.holdBack(peer)
      return
    }
    if (gap !== undefined) {
      // A live change can arrive before the peer's answer to our sync step 1 that carries what
      // it builds on: typed right after reconnecting, on top of changes made offline or ones a
      // killed server never stored. Refusing it would make our client throw those unsaved
      // changes away. The answer is computed after this change was sent, so it holds this change
      // too: it is dropped here, unapplied. A gap at any other time — or in the answer, which
      // holds all the peer has — is refused.
      if (!answer && this.asked.has(peer)) return
      throw new ProtocolError(CLOSE.forbidden, gap)
    }
    if (answer) {
      if (holdBack) this.holdBack(peer)
      else {
        this.asked.delete(peer)
        this.heldBack.delete(peer)
      }
    }
    // Each Yjs client id is written by one identity only: its first writer. An id that is not
    // the sender's own (announced in its presence) first seen in its answer is another
    // connection's, given back after a restore: the sender holds it only until its owner
    // announces it, and it is not stored as the sender's.
    const claims: Array<[number, string]> = []
    const provisional: number[] = []
    for (const client of writingClientIds(this.doc, decoded)) {
      const owner = this.clientOwners.get(client)
      if (owner === undefined) {
        if (answer && !peer.awarenessIds.has(client)) provisional.push(client)
        else claims.push([client, peer.participantId])
      } else if (owner !== peer.participantId && !this.provisional.has(client)) {
        throw new ProtocolError(CLOSE.forbidden, 'this update writes under a Yjs client id that belongs to someone else')
      } else if (!answer && owner === peer.participantId && this.provisional.has(client)) {
        // Its holder now writes under it live: it is the holder's own id (one whose first changes
        // were made offline and came in an answer before the client announced it). Claimed for
        // good, in storage too (it was stored as held).
        claims.push([client, peer.participantId])
      }
    }
    const refused = this.options.guard?.(peer, this.doc, decoded)
    if (refused !== undefined) throw new ProtocolError(CLOSE.forbidden, refused)
    if (this.stored.bytes + update.byteLength > this.options.maxDocBytes) {
      await this.compact()
      if (this.stored.bytes + update.byteLength > this.options.maxDocBytes) {
        throw new ProtocolError(CLOSE.docTooLarge, 'the document has reached its size limit')
      }
    }

    this.captured = []
    let failure: unknown
    try {
      Y.applyUpdate(this.doc, update, peer)
    } catch (error) {
      failure = error
    }
    const applied = this.captured
    this.captured = null
    // The checks above let through nothing Yjs would hold pending; should anything still be
    // (a cycle of references across clients), it is dropped and the update refused.
    const incomplete = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
    if (incomplete) {
      this.doc.store.pendingStructs = null
      this.doc.store.pendingDs = null
    }

    // Store what the doc now holds because of this update: the update itself, or — if applying
    // it failed halfway or left a part pending — the part that did get in.
    let toStore: Uint8Array | undefined
    if (failure === undefined && !incomplete) {
      if (applied.length > 0) toStore = update
    } else if (applied.length > 0) {
      toStore = Y.mergeUpdates(applied)
    }
    if (toStore) {
      await this.storeAndRelay(
        toStore,
        applied,
        peer,
        claims,
        provisional.map((client) => [client, peer.participantId]),
      )
      for (const client of provisional) {
        this.provisional.add(client)
        this.clientOwners.set(client, peer.participantId)
      }
      this.options.applied?.(peer)
    }
    if (incomplete) throw new ProtocolError(CLOSE.forbidden, 'the update could not be integrated completely')
    if (failure !== undefined) {
      this.options.log.warn(`an update to ${this.options.workshopId}/${this.options.name} could not be applied`, failure)
      throw new ProtocolError(CLOSE.badMessage, 'update could not be applied')
    }
  }

  /**
   * Appends `toStore` durably (with the client ids it claims), then relays the doc's own
   * updates to every peer but `origin`. When storage fails, memory is ahead of storage: nothing
   * is relayed, every connection is closed (CLOSE.storageFailed: clients keep their changes and
   * send them again when they reconnect) and the room reports itself broken, to be loaded again
   * from storage.
   */
  private async storeAndRelay(
    toStore: Uint8Array,
    applied: Uint8Array[],
    origin: Peer | undefined,
    claims: Array<[number, string]>,
    holds: Array<[number, string]> = [],
  ): Promise<void> {
    let seq: number
    try {
      seq = await this.stored.append(toStore, claims, holds)
    } catch (error) {
      this.options.log.error(`storing a change of ${this.options.workshopId}/${this.options.name} failed; reloading it from storage`, error)
      this.breakDown()
      throw new ProtocolError(CLOSE.storageFailed, 'the change could not be saved; reconnecting')
    }
    for (const [client, owner] of claims) {
      this.clientOwners.set(client, owner)
      this.provisional.delete(client)
    }
    this.options.channel?.publishUpdate(toStore, claims, holds, seq)
    this.queueRelay(applied, origin)
    if (this.heldBack.size > 0) this.scheduleReask()
    if (this.stored.due) void this.compact().catch(() => undefined)
  }

  /** Keeps asking `peer` for what we lack (its answer held others' changes back). */
  private holdBack(peer: Peer): void {
    this.asked.add(peer)
    this.heldBack.add(peer)
  }

  /** Asks held-back peers again shortly after a change was stored (it may be what they wait for). */
  private scheduleReask(): void {
    if (this.reaskTimer !== undefined) return
    this.reaskTimer = setTimeout(() => {
      this.reaskTimer = undefined
      if (this.destroyed) return
      for (const peer of this.heldBack) this.askForMissing(peer)
    }, REASK_DELAY_MS)
  }

  private breakDown(): void {
    if (this.destroyed) return
    this.relayQueue = []
    for (const peer of this.peers) peer.close(CLOSE.storageFailed, 'the change could not be saved; reconnecting')
    this.peers.clear()
    this.discard()
    this.options.broken?.()
  }

  /** A change the server itself makes (a schema migration): stored and relayed like any other. */
  async mutate(change: (doc: Y.Doc) => void): Promise<void> {
    if (this.destroyed) throw new StorageFailure(`${this.options.workshopId}/${this.options.name} is closed`)
    this.captured = []
    try {
      change(this.doc)
    } finally {
      const applied = this.captured
      this.captured = null
      const claims: Array<[number, string]> = this.clientOwners.has(this.doc.clientID) ? [] : [[this.doc.clientID, SERVER_IDENTITY]]
      if (applied.length > 0) await this.storeAndRelay(Y.mergeUpdates(applied), applied, undefined, claims)
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

  private broadcast(message: Uint8Array, except?: Peer): void {
    const frame = new Frame(message)
    for (const peer of this.peers) if (peer !== except) peer.sendFrame(frame)
  }

  // -------------------------------------------------------------------------------------------
  // Storage.

  /**
   * Replaces the stored log with one snapshot of the document. When rows this instance never
   * received had to be merged into it, the room reads storage again (fan-out lost them).
   */
  async compact(force = false): Promise<void> {
    const merged = await this.stored.compact(() => Y.encodeStateAsUpdate(this.doc), force)
    if (merged) void this.resync()
  }

  get stats() {
    return { peers: this.peers.size, storedBytes: this.stored.bytes, updatesSinceCompact: this.stored.pendingUpdates }
  }

  async close(): Promise<void> {
    if (this.destroyed) return
    this.flushRelay()
    this.presence.flush()
    await this.compact()
    this.discard()
  }

  /** Drops the room from memory without writing anything. */
  discard(): void {
    this.destroyed = true
    clearTimeout(this.reaskTimer)
    this.presenceFanout?.destroy()
    this.options.channel?.leave()
    for (const peer of this.peers) this.pacer.forget(peer)
    this.presence.destroy()
    this.doc.destroy()
  }
}

