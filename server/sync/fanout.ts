/**
 * Fan-out between Horizon instances (`REDIS_URL`, redisFanout.ts): what a room of one instance
 * accepted reaches the same room on every other instance, which applies it and relays it to its
 * own connections — never back to where it came from.
 *
 * The room's side of it:
 * - A room joins its channel BEFORE it loads from storage; the channel buffers what arrives
 *   until the room attaches. An update is published only after it was stored, so whatever was
 *   published before the join is in what the load reads, and whatever after arrives here.
 * - Updates are published as stored, with the Yjs client ids they claimed (the receiving rooms
 *   learn the owners too). Presence is published once per tick per room (PresenceFanout).
 * - `resync`: the channel may have missed something (Redis restarted, a publish failed): the
 *   room reads storage again and applies what it lacks. Storage has everything relayed.
 *
 * And the server's: revocations (a removed participant, a replaced viewer link) are published
 * per workshop; every instance then asks the store whom to disconnect (closeRevoked).
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import { CLOSE } from '../../shared/roles'
import { REVOCATION_MESSAGE } from '../access'
import type { Storage } from '../storage/types'
import type { TokenClaims } from '../tokens'

/** The origin of changes that came from another instance (never published again). */
export const REMOTE = Symbol('remote instance')

export interface ChannelHandlers {
  /** `seq`: the row the publishing instance stored it as (absent from older publishers). */
  update(update: Uint8Array, claims: ReadonlyArray<readonly [number, string]>, holds: ReadonlyArray<readonly [number, string]>, seq: number | undefined): void
  /** Presence another instance (`instance`, its id) published. */
  awareness(update: Uint8Array, instance: string): void
  /** Something may have been missed: read storage again. */
  resync(): void
  /** `instance` stopped answering (killed, or cut off from Redis): its connections' presence is stale. */
  instanceGone(instance: string): void
}

/** One document's channel on one instance. */
export interface RoomChannel {
  /** Starts delivering (what arrived since the join first). */
  attach(handlers: ChannelHandlers): void
  /** `claims` and `holds` as stored with it (Storage.appendUpdate), `seq` its stored row's. */
  publishUpdate(update: Uint8Array, claims: ReadonlyArray<readonly [number, string]>, holds?: ReadonlyArray<readonly [number, string]>, seq?: number): void
  publishAwareness(update: Uint8Array): void
  leave(): void
}

export interface Fanout {
  readonly instanceId: string
  /** Resolves once everything published for this document from now on will be delivered. */
  join(workshopId: string, docName: string): Promise<RoomChannel>
  /** Tells every other instance that a token of this workshop may have been revoked. */
  publishRevocation(workshopId: string): void
  onRevocation(handler: (workshopId: string) => void): void
  close(): Promise<void>
}

/**
 * A room's presence on other instances: the changes of its own connections go out at most once
 * per tick (a room of 300 moving cursors is one message per tick, not 300); what other instances
 * publish is applied with origin REMOTE, so PresenceRelay shows it to this instance's
 * connections. States of a client on an instance that died are removed when the fan-out says
 * that instance is gone (no heartbeat for a few seconds), not 30 s later when they time out.
 */
export class PresenceFanout {
  /** Client ids whose state came from another instance → that instance. */
  private readonly remote = new Map<number, string>()
  private applyingFrom: string | undefined
  private readonly changed = new Set<number>()
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly channel: RoomChannel,
    private readonly tickMs: number,
  ) {
    awareness.on('update', this.onUpdate)
  }

  /** Presence another instance published. */
  apply(update: Uint8Array, instance: string): void {
    this.applyingFrom = instance
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
    } finally {
      this.applyingFrom = undefined
    }
  }

  /** Removes the states of `instance`'s connections (it is gone; they cannot be renewed). */
  instanceGone(instance: string): void {
    const stale = [...this.remote].filter(([, from]) => from === instance).map(([id]) => id)
    if (stale.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, stale, REMOTE)
  }

  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === REMOTE) {
      for (const id of [...added, ...updated]) this.remote.set(id, this.applyingFrom ?? '')
      for (const id of removed) this.remote.delete(id)
      return
    }
    for (const id of [...added, ...updated, ...removed]) {
      if (this.remote.has(id)) {
        // A remote state timing out here is not ours to announce; one of our own connections
        // writing it (a client that came over from another instance) makes it ours.
        if (origin === 'timeout' || removed.includes(id)) {
          if (removed.includes(id)) this.remote.delete(id)
          continue
        }
        this.remote.delete(id)
      }
      this.changed.add(id)
    }
    if (this.changed.size > 0) this.timer ??= setTimeout(this.flush, this.tickMs)
  }

  private readonly flush = (): void => {
    this.timer = undefined
    if (this.changed.size === 0) return
    const ids = [...this.changed].filter((id) => this.awareness.meta.has(id))
    this.changed.clear()
    if (ids.length > 0) this.channel.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
  }

  destroy(): void {
    this.flush()
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.awareness.off('update', this.onUpdate)
  }
}

/**
 * Closes this instance's connections of `workshopId` whose tokens the store now refuses: a
 * removed participant, a viewer of a replaced link. Asked when another instance published a
 * revocation; the store, not the message, says who is out.
 */
export async function closeRevoked(
  storage: Storage,
  workshopId: string,
  closeWhere: (match: (claims: TokenClaims) => boolean, code: number, reason: string) => number,
): Promise<number> {
  const [workshop, participants] = await Promise.all([storage.getWorkshop(workshopId), storage.listParticipants(workshopId)])
  const removed = new Set(participants.filter((p) => p.removedAt !== undefined).map((p) => p.id))
  let closed = closeWhere((claims) => claims.workshopId === workshopId && claims.role === 'participant' && removed.has(claims.participantId), CLOSE.removed, REVOCATION_MESSAGE.removed)
  const generation = workshop?.viewerGeneration ?? 0
  closed += closeWhere(
    (claims) => claims.workshopId === workshopId && claims.role === 'viewer' && (workshop === undefined || (claims.viewerGeneration ?? 0) !== generation),
    CLOSE.unauthorized,
    REVOCATION_MESSAGE.viewerLinkReplaced,
  )
  return closed
}

/** `storage` that tells every instance (publishRevocation) once it has removed someone or replaced the viewer link. */
export function withRevocationFanout(storage: Storage, fanout: Pick<Fanout, 'publishRevocation'>): Storage {
  return {
    ...storage,
    async removeParticipant(workshopId, id, removedAt) {
      const removed = await storage.removeParticipant(workshopId, id, removedAt)
      if (removed) fanout.publishRevocation(workshopId)
      return removed
    },
    async bumpViewerGeneration(workshopId) {
      const generation = await storage.bumpViewerGeneration(workshopId)
      fanout.publishRevocation(workshopId)
      return generation
    },
  }
}
