/**
 * WebSocket sync endpoint: /sync/<workshopId>/<docName>?token=T. The token is checked before
 * the upgrade (401 without a valid token for this workshop), then the connection joins the
 * document's room. Messages of one connection are handled strictly in order; a connection
 * that sends garbage, queues too much or cannot keep up is closed alone.
 */
import type http from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, WebSocket, type RawData } from 'ws'
import { CLOSE, docAccess, privateDocOwner } from '../../shared/roles'
import { isId } from '../../shared/ids'
import { SchemaTooNewError } from '../../shared/board/migrations'
import { revocation, REVOCATION_MESSAGE } from '../access'
import type { DocRoom } from './docRoom'
import { ProtocolError, type Peer } from './protocol'
import { sendFrame, type Frame } from './frames'
import type { RoomRegistry, WorkshopRoom } from './workshopRoom'
import type { TokenClaims, TokenService } from '../tokens'
import type { Storage } from '../storage/types'
import type { Logger } from '../log'
import type { RateLimits } from '../ratelimit'

export interface SyncOptions {
  maxPayloadBytes: number
  maxQueuedBytes: number
  maxBufferedBytes: number
  pingIntervalMs: number
  /** Nothing heard from a connection for this long (no pong, no message): it is cut off. */
  pingTimeoutMs: number
  /** What a connection may queue before it has joined its room (the load under way). */
  maxPreAcceptBytes: number
}

export interface SyncDeps {
  tokens: TokenService
  storage: Storage
  rooms: RoomRegistry
  limits: RateLimits
  log: Logger
}

/** The presence name of an identity without a name of its own (the client shows the role). */
const ROLE_NAMES = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer' } as const

const SYNC_PATH = /^\/sync\/([^/]+)\/([^/]+)$/

class Connection implements Peer {
  readonly awarenessIds = new Set<number>()
  readonly role
  readonly participantId
  /** When anything (a message, a pong) last arrived from the client. */
  lastSeen = Date.now()
  closed = false
  queuedBytes = 0
  room: DocRoom | undefined
  private chain: Promise<void>

  constructor(
    readonly ws: WebSocket,
    readonly claims: TokenClaims,
    readonly name: string,
    readonly docName: string,
    private readonly options: SyncOptions,
    private readonly deps: SyncDeps,
  ) {
    this.role = claims.role
    this.participantId = claims.participantId
    const workshop = deps.rooms.acquire(claims.workshopId)
    this.chain = workshop
      .then((room: WorkshopRoom) => {
        // Refused before joining: it receives nothing of the document (the data before its reveal).
        const refused = room.joinRefusal(this, docName)
        if (refused !== undefined) throw new ProtocolError(CLOSE.forbidden, refused)
        return room.doc(docName)
      })
      .then(
        (room) => {
          if (this.closed) return
          this.room = room
          room.addPeer(this)
        },
        (error: unknown) => {
          if (error instanceof ProtocolError) {
            this.close(error.code, error.message)
            return
          }
          if (error instanceof SchemaTooNewError) {
            this.close(CLOSE.internalError, error.message)
            return
          }
          deps.log.error(`could not load ${claims.workshopId}/${docName}`, error)
          this.close(CLOSE.internalError, 'the workshop could not be loaded')
        },
      )
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary))
    ws.on('pong', () => {
      this.lastSeen = Date.now()
    })
    ws.on('error', () => undefined)
    ws.on('close', () => {
      this.closed = true
      // Leave after anything still queued, so a room never sees a peer it already removed;
      // then let go of the workshop (only if it was acquired: a failed load holds nothing).
      void this.chain
        .then(() => {
          this.room?.removePeer(this)
          this.room = undefined
        })
        .then(() => workshop)
        .then(
          () => deps.rooms.release(claims.workshopId),
          () => undefined,
        )
    })
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return
    this.lastSeen = Date.now()
    if (!isBinary) {
      this.close(CLOSE.badMessage, 'text frames are not part of the protocol')
      return
    }
    const bytes = toBytes(data)
    this.queuedBytes += bytes.byteLength
    if (this.queuedBytes > this.options.maxQueuedBytes) {
      this.close(CLOSE.tooManyRequests, 'too much data queued; slow down')
      return
    }
    // Before the room has taken the connection a client has nothing to say beyond its sync step
    // 1 and presence; whatever more it sends waits in memory until the load is done, so it is
    // capped far lower than an accepted connection's queue.
    if (!this.room && this.queuedBytes > this.options.maxPreAcceptBytes) {
      this.close(CLOSE.tooManyRequests, 'too much data before the connection was accepted')
      return
    }
    this.chain = this.chain
      .then(async () => {
        if (this.closed || !this.room) return
        await this.room.handleMessage(this, bytes)
      })
      .catch((error: unknown) => {
        if (error instanceof ProtocolError) this.close(error.code, error.message)
        else {
          this.deps.log.error('unexpected error while handling a message', error)
          this.close(CLOSE.badMessage, 'message could not be handled')
        }
      })
      .finally(() => {
        this.queuedBytes -= bytes.byteLength
      })
  }

  send(message: Uint8Array): void {
    if (!this.writable()) return
    this.ws.send(message, this.onSendError)
  }

  sendFrame(frame: Frame): void {
    if (!this.writable()) return
    sendFrame(this.ws, frame, this.onSendError)
  }

  private readonly onSendError = (error?: Error) => {
    if (error) this.ws.terminate()
  }

  private writable(): boolean {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return false
    if (this.ws.bufferedAmount > this.options.maxBufferedBytes) {
      // It cannot read even the close frame in time; cut it off. It reconnects and resyncs.
      this.closed = true
      this.ws.terminate()
      return false
    }
    return true
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    try {
      this.ws.close(code, reason.slice(0, 120))
    } catch {
      this.ws.terminate()
    }
    // A client that never answers the close handshake is not waited for long.
    setTimeout(() => this.ws.terminate(), 5000).unref()
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

function refuse(socket: Duplex, status: number, statusText: string, error: string): void {
  const body = JSON.stringify({ error })
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  )
}

export interface SyncServer {
  readonly connections: number
  /** Closes every connection with the given code and reason. */
  closeAll(code: number, reason: string): void
  /** Closes the connections whose token claims match (a revoked token); returns how many. */
  closeWhere(match: (claims: TokenClaims) => boolean, code: number, reason: string): number
  stop(): void
}

export function attachSync(server: http.Server, options: SyncOptions, deps: SyncDeps): SyncServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes, perMessageDeflate: false })
  const connections = new Set<Connection>()

  async function upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const match = SYNC_PATH.exec(url.pathname)
    if (!match) return refuse(socket, 404, 'Not Found', 'no websocket endpoint at this path')
    const [, workshopId = '', docName = ''] = match
    const ip = req.socket.remoteAddress ?? 'unknown'
    if (!(await deps.limits.connection(ip))) {
      return refuse(socket, 429, 'Too Many Requests', 'too many new connections from this address; try again in a minute')
    }
    const token = url.searchParams.get('token') ?? bearer(req.headers.authorization)
    if (!token) return refuse(socket, 401, 'Unauthorized', 'a token is required')
    const claims = await deps.tokens.verify(token)
    if (!claims || claims.workshopId !== workshopId || !isId(workshopId)) {
      return refuse(socket, 401, 'Unauthorized', 'invalid token for this workshop')
    }
    // The data's reveal is the room's to judge (joinRefusal), with the live control document.
    if (docAccess(claims.role, docName, { locked: false, participantId: claims.participantId, dataRevealed: true }) === 'none') {
      if (privateDocOwner(docName) !== undefined) return refuse(socket, 403, 'Forbidden', 'a private document is only for its author')
      return refuse(socket, 404, 'Not Found', `unknown document "${docName.slice(0, 64)}"`)
    }
    const workshop = await deps.storage.getWorkshop(workshopId)
    if (!workshop) return refuse(socket, 404, 'Not Found', 'unknown workshop')
    // A removed participant, a replaced viewer link: the store says the token is revoked.
    const revoked = await revocation(deps.storage, claims, workshop)
    if (revoked) return refuse(socket, 401, 'Unauthorized', REVOCATION_MESSAGE[revoked])
    // The name others see in presence: the one the participant joined with, else the role.
    const participant = claims.role === 'participant' ? await deps.storage.getParticipant(workshopId, claims.participantId) : undefined
    const name = participant?.name ?? ROLE_NAMES[claims.role]
    if (socket.destroyed) return
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, claims, name, docName, options, deps)
      connections.add(connection)
      ws.on('close', () => connections.delete(connection))
      // A revocation committed while this upgrade was under way found no connection to close:
      // ask once more, now that the connection is in the set `closeWhere` looks at.
      if (claims.role !== 'facilitator') {
        void revocation(deps.storage, claims).then(
          (late) => {
            if (late) connection.close(late === 'removed' ? CLOSE.removed : CLOSE.unauthorized, REVOCATION_MESSAGE[late])
          },
          () => undefined,
        )
      }
    })
  }

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined)
    upgrade(req, socket, head).catch((error: unknown) => {
      deps.log.error('websocket upgrade failed', error)
      if (!socket.destroyed) refuse(socket, 400, 'Bad Request', 'upgrade failed')
    })
  }
  server.on('upgrade', onUpgrade)

  // A connection that died without a close frame (a killed process, a dropped network) is
  // noticed only by its silence: cut off once nothing arrived for pingTimeoutMs, which removes
  // its presence for everyone in the room (README "Reliability").
  const ping = setInterval(() => {
    const now = Date.now()
    for (const connection of connections) {
      if (now - connection.lastSeen > options.pingTimeoutMs) {
        connection.closed = true
        connection.ws.terminate()
        continue
      }
      try {
        connection.ws.ping()
      } catch {
        connection.ws.terminate()
      }
    }
  }, options.pingIntervalMs)
  ping.unref()

  return {
    get connections() {
      return connections.size
    },
    closeAll(code, reason) {
      for (const connection of connections) connection.close(code, reason)
    },
    closeWhere(match, code, reason) {
      let closed = 0
      for (const connection of connections) {
        if (connection.closed || !match(connection.claims)) continue
        connection.close(code, reason)
        closed++
      }
      return closed
    },
    stop() {
      clearInterval(ping)
      server.off('upgrade', onUpgrade)
      for (const connection of connections) connection.ws.terminate()
      wss.close()
    },
  }
}

export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  return match?.[1]
}
