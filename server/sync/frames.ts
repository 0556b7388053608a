/**
 * One message to many sockets, framed once. A server's WebSocket frames are not masked, so
 * the bytes of a binary frame are the same for every receiver: a broadcast to 300 peers builds
 * them once and hands each socket one buffer (one write), where `ws.send` would build a header
 * and cork, write twice and uncork for every peer. The send path is a large share of the
 * server's CPU in a busy room (README "Performance" → Figures behind the code).
 *
 * The frame is RFC 6455 §5.2 (FIN, binary opcode, unmasked, 7/16/64-bit length); the
 * connection's own ws sender writes it, so that ws's bookkeeping (bufferedAmount, write
 * errors) holds. Falls back to
 * `ws.send` whenever the sender is not idle (it never is busy here: per-message deflate is off
 * and we never send Blobs) or its shape is not the one this was written against (ws 8).
 */
import type { WebSocket } from 'ws'

export class Frame {
  private bytes: Buffer | undefined

  constructor(readonly message: Uint8Array) {}

  /** The whole binary frame (FIN, opcode 2, no mask), built on first use. */
  get frame(): Buffer {
    this.bytes ??= binaryFrame(this.message)
    return this.bytes
  }
}

/** A final, unmasked binary frame holding `payload` (RFC 6455 §5.2). */
export function binaryFrame(payload: Uint8Array): Buffer {
  const n = payload.byteLength
  const header = n < 126 ? 2 : n < 65536 ? 4 : 10
  const frame = Buffer.allocUnsafe(header + n)
  frame[0] = 0x82 // FIN + opcode 2 (binary)
  if (n < 126) frame[1] = n
  else if (n < 65536) {
    frame[1] = 126
    frame.writeUInt16BE(n, 2)
  } else {
    frame[1] = 127
    frame.writeBigUInt64BE(BigInt(n), 2)
  }
  frame.set(payload, header)
  return frame
}

interface SenderInternals {
  _state?: number
  sendFrame?: (list: Buffer[], cb?: (error?: Error) => void) => void
}

/** Sends a prepared frame on `ws` (open, not compressing); `ws.send` otherwise. */
export function sendFrame(ws: WebSocket, frame: Frame, onError: (error: Error) => void): void {
  const sender = (ws as unknown as { _sender?: SenderInternals })._sender
  if (sender && sender._state === 0 && typeof sender.sendFrame === 'function') {
    sender.sendFrame([frame.frame], (error) => {
      if (error) onError(error)
    })
    return
  }
  ws.send(frame.message, (error) => {
    if (error) onError(error)
  })
}
