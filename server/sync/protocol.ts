/**
 * The y-websocket wire protocol as the server speaks it: message types, the error that ends a
 * connection with a close code, and the few encoders and decoders the rooms share.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { CLOSE, type Role } from '../../shared/roles'
import type { Frame } from './frames'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

/** An error that ends the offending connection with a close code and a reason. */
export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export function readBytes(decoder: decoding.Decoder): Uint8Array {
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


/** A connection as a room sees it. */
export interface Peer {
  readonly role: Role
  /** The token's identity: a participant's id, the facilitator's, or a viewer link's. */
  readonly participantId: string
  /** The identity's name as the server knows it (a participant's join name; the role otherwise). */
  readonly name: string
  /** Awareness client ids this connection has announced. */
  readonly awarenessIds: Set<number>
  send(message: Uint8Array): void
  /** The same message to many peers: its frame is built once (frames.ts). */
  sendFrame(frame: Frame): void
  /** Ends the connection with a close code and a reason. */
  close(code: number, reason: string): void
}

/** An update as `Y.decodeUpdate` reads it: its structs and its delete set. */
export type DecodedUpdate = { structs: Array<Y.Item | Y.GC | Y.Skip>; ds: ReturnType<typeof Y.createDeleteSet> }
