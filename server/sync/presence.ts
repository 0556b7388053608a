/**
 * Presence (y-protocols awareness) of one document's connections: who is here, cursors,
 * selections. The server has no presence of its own; it relays what connections announce — each
 * only for the client ids it introduced, with `user` set from the connection's identity — and
 * sends at most one presence message per tick to everyone.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type * as Y from 'yjs'
import { CLOSE } from '../../shared/roles'
import { MESSAGE_AWARENESS, ProtocolError, type Peer } from './protocol'

/** Awareness client ids one connection may speak for (a tab has one; a few spare). */
const MAX_AWARENESS_IDS_PER_PEER = 8

/**
 * A presence state as the server relays it: its `user` carries the connection's own role,
 * participant id and name (from its token and the store), whatever the client wrote — a
 * participant cannot pass for the facilitator (whose view "follow me" follows) or for someone
 * else, not even by name. Throws on bad JSON.
 */
function withOwnIdentity(state: string, peer: Peer): string {
  const parsed = JSON.parse(state) as unknown
  const user = parsed !== null && typeof parsed === 'object' ? (parsed as { user?: unknown }).user : undefined
  if (user === undefined) return state
  const claimed = user !== null && typeof user === 'object' ? (user as Record<string, unknown>) : {}
  if (claimed.role === peer.role && claimed.participantId === peer.participantId && claimed.name === peer.name) return state
  return JSON.stringify({ ...(parsed as object), user: { ...claimed, role: peer.role, participantId: peer.participantId, name: peer.name } })
}

export class PresenceRelay {
  readonly awareness: awarenessProtocol.Awareness
  private readonly owner = new Map<number, Peer>()
  private readonly changed = new Set<number>()
  private timer: NodeJS.Timeout | undefined
  private lastFlush = -Infinity

  constructor(
    doc: Y.Doc,
    private readonly tickMs: number,
    private readonly peers: ReadonlySet<Peer>,
    private readonly broadcast: (message: Uint8Array) => void,
    /** Client ids a connection announced for the first time. */
    private readonly introduced: (peer: Peer, clientIds: readonly number[]) => void = () => undefined,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  /** Tells a new connection who is here. */
  welcome(peer: Peer): void {
    const states = this.awareness.getStates()
    if (states.size > 0) peer.send(this.message([...states.keys()]))
  }

  /** Removes a closed connection's presence at once, not on the next tick. */
  leave(peer: Peer): void {
    const ids = [...peer.awarenessIds]
    for (const id of ids) if (this.owner.get(id) === peer) this.owner.delete(id)
    if (ids.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'disconnect')
      this.flush()
    }
  }

  /** Answers a query: every state. */
  query(peer: Peer): void {
    peer.send(this.message([...this.awareness.getStates().keys()]))
  }

  /** A presence update from `peer`: applied for the client ids it may speak for. */
  receive(peer: Peer, update: Uint8Array): void {
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
      const owner = this.owner.get(clientId)
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

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const peer = this.peers.has(origin as Peer) ? (origin as Peer) : undefined
    if (peer && added.length > 0) this.introduced(peer, added)
    for (const id of [...added, ...updated]) {
      this.changed.add(id)
      if (peer) {
        peer.awarenessIds.add(id)
        this.owner.set(id, peer)
      }
    }
    for (const id of removed) {
      this.changed.add(id)
      if (peer) {
        peer.awarenessIds.delete(id)
        this.owner.delete(id)
      }
    }
    // At most one presence message per tick: a change in a quiet room goes out at once (no
    // waiting for a tick that has nothing else to carry); in a busy room — 300 cursors at
    // 30 Hz — every change of the tick rides in one message instead of N² relays.
    if (this.timer === undefined && this.changed.size > 0) {
      const wait = this.lastFlush + this.tickMs - performance.now()
      if (wait <= 0) this.flush()
      else this.timer = setTimeout(() => this.flush(), wait)
    }
  }

  /** Sends every presence change since the last flush as one message to every peer. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (this.changed.size === 0) return
    this.lastFlush = performance.now()
    const message = this.message([...this.changed])
    this.changed.clear()
    this.broadcast(message)
  }

  /** An awareness message with the states of `clientIds`. */
  message(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds))
    return encoding.toUint8Array(encoder)
  }

  destroy(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }
}
