/**
 * Whether a token that verifies (signature, expiry, shape) still grants access, which only the
 * store knows: a participant the facilitator removed is refused, and so is a viewer token of a
 * viewer link the facilitator has replaced. Both the REST API (`http/context.ts`) and the
 * WebSocket upgrade (`sync/socket.ts`) ask this on every request, so a revocation takes effect
 * at once.
 */
import type { Storage, WorkshopRecord } from './storage/types'
import type { TokenClaims } from './tokens'

export type Revocation = 'removed' | 'viewerLinkReplaced' | 'unknownWorkshop'

/** Why the token no longer grants access, or `undefined` when it still does. */
export async function revocation(storage: Storage, claims: TokenClaims, workshop?: WorkshopRecord): Promise<Revocation | undefined> {
  switch (claims.role) {
    case 'facilitator':
      return undefined
    case 'participant': {
      const participant = await storage.getParticipant(claims.workshopId, claims.participantId)
      return participant && participant.removedAt === undefined ? undefined : 'removed'
    }
    case 'viewer': {
      const record = workshop ?? (await storage.getWorkshop(claims.workshopId))
      if (!record) return 'unknownWorkshop'
      return (claims.viewerGeneration ?? 0) === (record.viewerGeneration ?? 0) ? undefined : 'viewerLinkReplaced'
    }
  }
}

export const REVOCATION_MESSAGE: Record<Revocation, string> = {
  removed: 'the facilitator removed you from this workshop',
  viewerLinkReplaced: 'this viewer link was replaced by the facilitator',
  unknownWorkshop: 'unknown workshop',
}
