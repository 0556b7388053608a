/**
 * Who may read and write which document. Both the server (which enforces it) and the client
 * (which keeps its UI read-only to match) use this one function.
 */
import { isId } from './ids'

export const ROLES = ['facilitator', 'participant', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/**
 * `data` (issue #12): the imported aggregates, matches, owners and targets. Only the facilitator
 * opens it until the data is revealed (control `dataRevealed`); then everyone reads it.
 */
export const DOC_NAMES = ['board', 'control', 'data'] as const
export type DocName = (typeof DOC_NAMES)[number]

export type DocAccess = 'write' | 'read' | 'none'

export function isDocName(name: string): name is DocName {
  return (DOC_NAMES as readonly string[]).includes(name)
}

/**
 * Private writing: each participant's notes written while private mode is on live in a
 * document of their own, `private-<participantId>`, that only they can open. The server moves
 * them onto the board when the facilitator reveals.
 */
export const PRIVATE_PREFIX = 'private-'
export const privateDocName = (participantId: string) => `${PRIVATE_PREFIX}${participantId}`
export function privateDocOwner(docName: string): string | undefined {
  if (!docName.startsWith(PRIVATE_PREFIX)) return undefined
  const owner = docName.slice(PRIVATE_PREFIX.length)
  return isId(owner) ? owner : undefined
}

/** Why a participant's or viewer's `data` connection is refused before the reveal (the client knows it). */
export const DATA_NOT_REVEALED = 'the data is not revealed yet'

/**
 * `dataRevealed`: the control's switch; absent counts as not revealed. (The server's upgrade
 * check, which does not read the control document, passes `true` and lets the workshop's room
 * decide with the live value.)
 */
export function docAccess(role: Role, docName: string, state: { locked: boolean; participantId?: string; dataRevealed?: boolean }): DocAccess {
  const owner = privateDocOwner(docName)
  if (owner !== undefined) {
    if (role === 'viewer' || owner !== state.participantId) return 'none'
    return role === 'participant' && state.locked ? 'read' : 'write'
  }
  if (!isDocName(docName)) return 'none'
  if (docName === 'data') return role === 'facilitator' ? 'write' : state.dataRevealed === true ? 'read' : 'none'
  switch (role) {
    case 'facilitator':
      return 'write'
    case 'viewer':
      return 'read'
    case 'participant':
      if (docName === 'control') return 'read'
      return state.locked ? 'read' : 'write'
  }
}

/** WebSocket close codes the server uses; the client explains each to the person. */
export const CLOSE = {
  goingAway: 1001,
  tooBig: 1009,
  internalError: 1011,
  badMessage: 4400,
  /** The token no longer grants access (the facilitator replaced this viewer link). */
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  slowClient: 4408,
  /** The facilitator removed this participant from the workshop. */
  removed: 4410,
  docTooLarge: 4413,
  tooManyRequests: 4429,
  /** Storage could not take a change: the client keeps it and sends it again on reconnecting. */
  storageFailed: 4503,
} as const
