/**
 * One bench client for every server compared in bench/peers.ts and bench/scaleout.ts: the
 * y-websocket protocol (Horizon, y-websocket's reference server) or Hocuspocus's framing of the
 * same messages (each prefixed with the document's name, an authentication message first, sync
 * step 2 answered as "sync reply"). Like LitePeer (peer.ts) it applies nothing it receives: it
 * reads the stamp from the update's bytes, so that one process can stand in for hundreds of
 * clients and the figures describe the servers.
 *
 * Why not the stock providers: Hocuspocus 4 does not accept y-websocket's WebsocketProvider
 * (every message must carry the document name), and @hocuspocus/provider is not installed here.
 */
import { performance } from 'node:perf_hooks'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket, type RawData } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

const SYNC = 0
/** Hocuspocus: authentication, and the answer to our sync step 1. */
const AUTH = 2
const SYNC_REPLY = 4

export interface PeerClientOptions {
  /** Hocuspocus: the document's name (sent in every message) and the token (any string). */
  hocuspocus?: { documentName: string; token: string }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}

export class PeerClient {
  readonly doc = new Y.Doc()
  ws: WebSocket | undefined
  onUpdate: ((update: Uint8Array, at: number) => void) | undefined
  unexpectedCloses = 0
  /** The code and reason of the last close the client did not ask for. */
  lastClose: string | undefined
  private closing = false
  private waiters: Array<() => void> = []

  constructor(
    readonly url: string,
    private readonly options: PeerClientOptions = {},
  ) {
    this.doc.on('update', (update: Uint8Array) => this.send(SYNC, syncProtocol.messageYjsUpdate, update))
  }

  get clientID(): number {
    return this.doc.clientID
  }

  private frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder()
    if (this.options.hocuspocus) encoding.writeVarString(encoder, this.options.hocuspocus.documentName)
    write(encoder)
    return encoding.toUint8Array(encoder)
  }

  private send(type: number, kind: number, payload: Uint8Array): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return
    this.ws.send(
      this.frame((e) => {
        encoding.writeVarUint(e, type)
        encoding.writeVarUint(e, kind)
        encoding.writeVarUint8Array(e, payload)
      }),
    )
  }

  /** Connects and resolves once the server answered our sync step 1. */
  connect(timeoutMs = 30_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false })
      ws.binaryType = 'nodebuffer'
      this.ws = ws
      const timer = setTimeout(() => {
        ws.terminate()
        reject(new Error(`no sync within ${timeoutMs} ms: ${this.url.replace(/token=[^&]+/, 'token=…')}`))
      }, timeoutMs)
      ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode} on upgrade`)))
      ws.on('error', (error) => reject(error))
      ws.on('open', () => {
        const auth = this.options.hocuspocus
        if (auth) {
          ws.send(
            this.frame((e) => {
              encoding.writeVarUint(e, AUTH)
              encoding.writeVarUint(e, 0) // a token
              encoding.writeVarString(e, auth.token)
            }),
          )
        }
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
        this.send(SYNC, syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(this.doc))
      })
      ws.on('message', (data) => this.onMessage(toBytes(data)))
      ws.on('close', (code, reason) => {
        if (this.closing) return
        this.unexpectedCloses++
        this.lastClose = `${code} ${reason.toString()}`.trim()
      })
    })
  }

  /** Resolves when everything sent before has been handled (our sync step 1 answered). */
  roundTrip(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve)
      this.send(SYNC, syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(this.doc))
    })
  }

  private onMessage(bytes: Uint8Array): void {
    const at = performance.now()
    const decoder = decoding.createDecoder(bytes)
    if (this.options.hocuspocus) decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type !== SYNC && type !== SYNC_REPLY) return
    const kind = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (kind === syncProtocol.messageYjsSyncStep1) {
      this.send(SYNC, syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(this.doc, payload))
    } else if (kind === syncProtocol.messageYjsSyncStep2) {
      this.waiters.shift()?.()
    } else if (kind === syncProtocol.messageYjsUpdate) {
      this.onUpdate?.(payload, at)
    }
  }

  close(): Promise<void> {
    this.closing = true
    const ws = this.ws
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      ws.once('close', () => resolve())
      ws.close()
      setTimeout(() => {
        ws.terminate()
        resolve()
      }, 3000).unref()
    })
  }
}
