/**
 * Bench clients.
 *
 * `LitePeer` speaks the y-websocket protocol over a raw `ws` socket — sync step 1/2, updates,
 * awareness — with a Y.Doc of its own for the changes it makes (its own note: they depend on
 * nothing anyone else wrote, so the server accepts and relays them like any client's). What it
 * receives it does not apply: it reads the change's id and the timestamp the change carries
 * straight from the update's bytes, a small fraction of what Y.applyUpdate takes (README
 * "Performance" → Figures behind the code). That is what lets one process stand in for 300
 * participants: 300 full clients each applying 300 updates a second would need more cores than
 * the machine has for the clients alone, and the figures would describe the load generator,
 * not the server.
 *
 * `FullClient` is the stock `WebsocketProvider` with a Y.Doc that applies everything: a few of
 * them sit in every sync room to show the end-to-end time including apply and observe.
 */
import { performance } from 'node:perf_hooks'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket, type RawData } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { MESSAGE_AWARENESS, MESSAGE_SYNC, updateMessage } from '../../server/sync/protocol'

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}

export interface LiteHandlers {
  /** A relayed update (not the initial sync step 2). */
  onUpdate?(update: Uint8Array, receivedAt: number): void
  /** The server's sync step 2 (what we lacked), on every (re)connection and round trip. */
  onSyncStep2?(update: Uint8Array, receivedAt: number): void
  /** After a reconnection has synced. */
  onReconnected?(): void
  /** An awareness message's payload (the awareness update). */
  onAwareness?(payload: Uint8Array, receivedAt: number): void
}

export class LitePeer {
  readonly doc = new Y.Doc()
  ws: WebSocket | undefined
  handlers: LiteHandlers = {}
  /** Close codes of connections that ended without us asking. */
  readonly unexpectedCloses: number[] = []
  received = 0
  receivedBytes = 0
  /**
   * The state vector to announce in sync step 1 instead of our own: a returning client that
   * holds the board from before (its IndexedDB copy) gets only what it lacks.
   */
  announce: Uint8Array | undefined
  /** After a close we did not ask for, reconnect as y-websocket's provider does (100 ms × 2^failures, at most 2.5 s). */
  autoReconnect = false
  private failures = 0
  private reconnectTimer: NodeJS.Timeout | undefined
  private dropping = 0
  private intentional = false
  private awarenessClock = 0
  private step2Waiters: Array<() => void> = []

  constructor(readonly url: string) {
    this.doc.on('update', (update: Uint8Array) => this.send(updateMessage(update)))
  }

  get clientID(): number {
    return this.doc.clientID
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN
  }

  /** Connects and resolves once the server's sync step 2 arrived (the peer is synced). */
  connect(timeoutMs = 20_000): Promise<void> {
    this.intentional = false
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false })
      ws.binaryType = 'nodebuffer'
      this.ws = ws
      let settled = false
      const fail = (error: Error) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        ws.terminate()
        reject(error)
      }
      const timer = setTimeout(() => fail(new Error(`no sync within ${timeoutMs} ms: ${this.url.replace(/token=[^&]+/, 'token=…')}`)), timeoutMs)
      ws.on('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode} on upgrade`)))
      ws.on('error', (error) => fail(error))
      let opened = false
      ws.on('open', () => {
        opened = true
        this.failures = 0
        ws.send(this.step1())
        this.step2Waiters.push(() => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          resolve()
        })
      })
      ws.on('message', (data) => this.onMessage(toBytes(data)))
      ws.on('close', (code) => {
        if (ws === this.ws) {
          // Nobody will answer what we were waiting for on this socket.
          this.step2Waiters = []
          if (this.dropping > 0) this.dropping--
          else if (!this.intentional) this.unexpectedCloses.push(code)
          if (!this.intentional && this.autoReconnect) this.scheduleReconnect(opened)
        }
        fail(new Error(`closed with ${code} before sync`))
      })
    })
  }

  private scheduleReconnect(wasOpen: boolean): void {
    if (!wasOpen) this.failures++
    clearTimeout(this.reconnectTimer)
    this.reconnectTimer = setTimeout(
      () => {
        this.connect().then(
          () => this.handlers.onReconnected?.(),
          () => undefined, // the close handler schedules the next attempt
        )
      },
      Math.min(2 ** this.failures * 100, 2500),
    )
  }

  /** Cuts the connection like a network drop (no close frame); with autoReconnect it comes back. */
  drop(): void {
    if (!this.ws) return
    this.dropping++
    this.ws.terminate()
  }

  /** Sends a sync step 1 and resolves on the answer: everything we sent before has been handled. */
  roundTrip(timeoutMs = 20_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no round trip')), timeoutMs)
      this.step2Waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
      this.send(this.step1())
    })
  }

  private step1(): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1)
    encoding.writeVarUint8Array(encoder, this.announce ?? Y.encodeStateVector(this.doc))
    return encoding.toUint8Array(encoder)
  }

  private onMessage(bytes: Uint8Array): void {
    const at = performance.now()
    this.received++
    this.receivedBytes += bytes.byteLength
    const decoder = decoding.createDecoder(bytes)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC) {
      const kind = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (kind === syncProtocol.messageYjsSyncStep1) {
        // What we have that the server lacks (our own changes made while offline).
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MESSAGE_SYNC)
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
        encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc, payload))
        this.send(encoding.toUint8Array(encoder))
      } else if (kind === syncProtocol.messageYjsSyncStep2) {
        this.handlers.onSyncStep2?.(payload, at)
        const waiter = this.step2Waiters.shift()
        waiter?.()
      } else if (kind === syncProtocol.messageYjsUpdate) {
        this.handlers.onUpdate?.(payload, at)
      }
    } else if (type === MESSAGE_AWARENESS) {
      this.handlers.onAwareness?.(decoding.readVarUint8Array(decoder), at)
    }
  }

  send(message: Uint8Array): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(message)
  }

  /** Publishes this peer's presence (one awareness entry for its own client id). */
  sendAwareness(stateJson: string): void {
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, 1)
    encoding.writeVarUint(inner, this.doc.clientID)
    encoding.writeVarUint(inner, ++this.awarenessClock)
    encoding.writeVarString(inner, stateJson)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
    this.send(encoding.toUint8Array(encoder))
  }

  close(): void {
    this.intentional = true
    clearTimeout(this.reconnectTimer)
    this.ws?.close()
  }

  terminate(): void {
    this.intentional = true
    clearTimeout(this.reconnectTimer)
    this.ws?.terminate()
  }

  /** Resolves when the socket has closed (or right away if it is not open). */
  closed(): Promise<void> {
    const ws = this.ws
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => ws.once('close', () => resolve()))
  }
}

/**
 * Calls `visit(client, value)` for every map or array entry in an update that holds a single
 * number (a note's `x` carries the sender's stamp), reading the bytes (Yjs update format v1)
 * without building structs or applying anything. A merged update (the server relays a turn's
 * changes as one) holds several clients' changes; every one is visited. Numbers that are not
 * stamps (a `y`) are visited too: the tracker ignores what it did not send.
 */
export function forEachNumber(update: Uint8Array, visit: (client: number, value: number) => void): void {
  try {
    const d = decoding.createDecoder(update)
    const readId = () => {
      decoding.readVarUint(d)
      decoding.readVarUint(d)
    }
    for (let groups = decoding.readVarUint(d); groups > 0; groups--) {
      let structs = decoding.readVarUint(d)
      const client = decoding.readVarUint(d)
      decoding.readVarUint(d) // clock
      for (; structs > 0; structs--) {
        const info = decoding.readUint8(d)
        const kind = info & 0x1f
        if (kind === 0 || kind === 10) {
          decoding.readVarUint(d) // GC or Skip: a length
          continue
        }
        if (info & 0x80) readId() // origin
        if (info & 0x40) readId() // right origin
        if ((info & 0xc0) === 0) {
          // No origin: the parent follows (a root type's name, or an item id), then the map key.
          if (decoding.readVarUint(d) === 1) decoding.readVarString(d)
          else readId()
          if (info & 0x20) decoding.readVarString(d)
        }
        switch (kind) {
          case 1: // deleted
            decoding.readVarUint(d)
            break
          case 2: // JSON
            for (let n = decoding.readVarUint(d); n > 0; n--) decoding.readVarString(d)
            break
          case 3: // binary
            decoding.readVarUint8Array(d)
            break
          case 4: // string
            decoding.readVarString(d)
            break
          case 5: // embed
            decoding.readVarString(d)
            break
          case 6: // format
            decoding.readVarString(d)
            decoding.readVarString(d)
            break
          case 7: {
            // type: a type ref, and a name for XmlElement (3) and XmlHook (5)
            const ref = decoding.readVarUint(d)
            if (ref === 3 || ref === 5) decoding.readVarString(d)
            break
          }
          case 8: {
            // any
            const n = decoding.readVarUint(d)
            for (let i = 0; i < n; i++) {
              const value = decoding.readAny(d)
              if (n === 1 && typeof value === 'number') visit(client, value)
            }
            break
          }
          case 9: // subdocument
            decoding.readVarString(d)
            decoding.readAny(d)
            break
          default:
            return
        }
      }
    }
  } catch {
    // A truncated update: what was read has been visited.
  }
}

/**
 * Cursor presence as the web client publishes it (client/src/sync/connection.ts `Presence`),
 * the cursor first so that a receiver can read the stamp in `cursor.x` from the bytes.
 */
export function cursorState(stamp: number, y: number, user: { name: string; participantId: string }): string {
  return JSON.stringify({
    cursor: { x: stamp, y },
    user: { name: user.name, color: '#2563eb', participantId: user.participantId, role: 'participant' },
  })
}

const CURSOR_PREFIX = Buffer.from('{"cursor":{"x":')

/** Calls `visit(clientId, stamp)` for each entry of an awareness update that carries a cursor stamp. */
export function forEachCursorStamp(payload: Uint8Array, visit: (clientId: number, stamp: number) => void): void {
  const d = decoding.createDecoder(payload)
  const count = decoding.readVarUint(d)
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d)
    decoding.readVarUint(d) // clock
    const state = decoding.readVarUint8Array(d) // the JSON's UTF-8 bytes, not decoded
    if (state.byteLength <= CURSOR_PREFIX.length) continue
    let match = true
    for (let j = 0; j < CURSOR_PREFIX.length; j++) {
      if (state[j] !== CURSOR_PREFIX[j]) {
        match = false
        break
      }
    }
    if (!match) continue
    let end = CURSOR_PREFIX.length
    while (end < state.byteLength && state[end] !== 0x2c /* , */) end++
    const stamp = Number(Buffer.from(state.buffer, state.byteOffset + CURSOR_PREFIX.length, end - CURSOR_PREFIX.length).toString('latin1'))
    if (Number.isFinite(stamp)) visit(clientId, stamp)
  }
}

/** The stock provider in Node, as a participant's browser would run it. */
export class FullClient {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly unexpectedCloses: number[] = []
  private destroyed = false
  private dropping = 0

  constructor(serverUrl: string, docName: string, token: string | undefined, options: { maxBackoffTime?: number } = {}) {
    this.provider = new WebsocketProvider(serverUrl, docName, this.doc, {
      ...(token !== undefined && { params: { token } }),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      ...(options.maxBackoffTime !== undefined && { maxBackoffTime: options.maxBackoffTime }),
    })
    this.provider.on('connection-close', (event) => {
      if (this.dropping > 0) {
        this.dropping--
        return
      }
      if (!this.destroyed && event && event.code !== 1000) this.unexpectedCloses.push(event.code)
    })
  }

  get clientID(): number {
    return this.doc.clientID
  }

  synced(timeoutMs = 30_000): Promise<void> {
    if (this.provider.synced) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`provider not synced within ${timeoutMs} ms`)), timeoutMs)
      const onSync = (state: boolean) => {
        if (!state) return
        clearTimeout(timer)
        this.provider.off('sync', onSync)
        resolve()
      }
      this.provider.on('sync', onSync)
    })
  }

  /** Cuts the connection like a network drop (no close frame); the provider reconnects by itself. */
  drop(): void {
    const ws = this.provider.ws as unknown as WebSocket | null
    if (!ws) return
    this.dropping++
    ws.terminate()
  }

  destroy(): void {
    this.destroyed = true
    this.provider.destroy()
    this.doc.destroy()
  }
}
