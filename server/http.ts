/**
 * REST API (DESIGN.md "REST API") and the built client. Every failure is a JSON `{error}` with
 * a 4xx status; nothing a request contains can make the handler throw past `handle`.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import sirv from 'sirv'
import * as Y from 'yjs'
import { initControl } from '../shared/facilitation/control'
import { isId, newId, newJoinCode } from '../shared/ids'
import { workshopToJiraCsv } from '../shared/workshop-file/jira'
import { workshopToMarkdown } from '../shared/workshop-file/markdown'
import type { WorkshopJson } from '../shared/workshop-file/format'
import { workshopToJson } from '../shared/workshop-file/to-json'
import { SchemaTooNewError } from '../shared/board/migrations'
import { initBoard } from '../shared/board/template'
import { createWorkshopBody, DEFAULT_WORKSHOP_TITLE, joinBody, parseBody, parseJsonText } from '../shared/validation'
import type { Importer, PreparedImport } from './importer'
import type { Logger } from './log'
import type { RateLimits } from './ratelimit'
import type { RoomRegistry } from './rooms'
import type { Storage, WorkshopRecord } from './storage/types'
import { bearer } from './sync'
import type { TokenClaims, TokenService } from './tokens'

export interface HttpDeps {
  storage: Storage
  tokens: TokenService
  rooms: RoomRegistry
  limits: RateLimits
  log: Logger
  maxBodyBytes: number
  /** Largest body of POST /api/workshops/import (an exported workshop). */
  maxImportBytes: number
  /** Prepares imports off the main thread. */
  importer: Importer
  clientDir: string
  publicUrl: string | undefined
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

/** What GET /api/workshops/:id/export?format=… answers with. */
const EXPORTS = {
  md: { type: 'text/markdown; charset=utf-8', render: workshopToMarkdown },
  csv: { type: 'text/csv; charset=utf-8', render: workshopToJiraCsv },
  json: { type: 'application/json; charset=utf-8', render: (json: WorkshopJson) => `${JSON.stringify(json, null, 2)}\n` },
} as const
type ExportFormat = keyof typeof EXPORTS
const isExportFormat = (format: string): format is ExportFormat => Object.hasOwn(EXPORTS, format)

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * `attachment` with a file name from the workshop's title: an ASCII-only `filename` for old
 * clients ("Zoë’s café — 日本" → "Zoes-cafe") and the title itself as `filename*` (RFC 6266 /
 * RFC 8187, UTF-8, percent-encoded), without path separators or control characters.
 */
export function attachmentHeader(title: string, extension: string): string {
  const name = title.trim()
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f'’`]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+/, '')
      .slice(0, 80)
      .replace(/[-.]+$/, '') || 'workshop'
  const utf8 = name.replace(LONE_SURROGATE, '\uFFFD').replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').trim() || 'workshop'
  const encoded = encodeURIComponent(`${utf8}.${extension}`).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`
}

/** The request body, refused with 413 as soon as it passes `maxBytes`. */
async function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) throw new HttpError(413, `request body is larger than ${maxBytes} bytes`)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength
    if (size > maxBytes) throw new HttpError(413, `request body is larger than ${maxBytes} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

async function readJson(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  const parsed = parseJsonText((await readBody(req, maxBytes)).toString('utf8'))
  if (!parsed.ok) throw new HttpError(400, parsed.error)
  return parsed.value
}

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given.toUpperCase())
  const b = Buffer.from(expected)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

export function createHttpHandler(deps: HttpDeps): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const hasClient = fs.existsSync(path.join(deps.clientDir, 'index.html'))
  const assets = hasClient
    ? sirv(deps.clientDir, {
        single: true,
        etag: true,
        setHeaders(res, pathname) {
          for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
          res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
        },
      })
    : undefined

  function origin(req: http.IncomingMessage): string {
    if (deps.publicUrl) return deps.publicUrl.replace(/\/+$/, '')
    const host = req.headers.host ?? ''
    return /^[A-Za-z0-9.[\]:-]{1,255}$/.test(host) ? `http://${host}` : 'http://127.0.0.1:8080'
  }

  function clientIp(req: http.IncomingMessage): string {
    return req.socket.remoteAddress ?? 'unknown'
  }

  async function authorize(req: http.IncomingMessage, workshopId: string): Promise<TokenClaims> {
    const token = bearer(req.headers.authorization)
    if (!token) throw new HttpError(401, 'an Authorization: Bearer token is required')
    const claims = await deps.tokens.verify(token)
    if (!claims || claims.workshopId !== workshopId) throw new HttpError(401, 'invalid token for this workshop')
    return claims
  }

  async function createWorkshop(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!(await deps.limits.create(clientIp(req)))) throw new HttpError(429, 'too many workshops created from this address; try again in a minute')
    const parsed = parseBody(createWorkshopBody, await readJson(req, deps.maxBodyBytes))
    if (!parsed.ok) throw new HttpError(400, parsed.error)
    const body = parsed.value
    const title = body.title ?? DEFAULT_WORKSHOP_TITLE
    const board = new Y.Doc()
    initBoard(board, {
      template: body.template ?? 'journey',
      title,
      ...(body.persona !== undefined && { persona: body.persona }),
      ...(body.journeyStart !== undefined && { journeyStart: body.journeyStart }),
      ...(body.journeyEnd !== undefined && { journeyEnd: body.journeyEnd }),
      ...(body.goal !== undefined && { goal: body.goal }),
    })
    const control = new Y.Doc()
    initControl(control)
    const docs = { board: Y.encodeStateAsUpdate(board), control: Y.encodeStateAsUpdate(control) }
    board.destroy()
    control.destroy()
    await storeNewWorkshop(req, res, title, docs)
  }

  /**
   * Stores a new workshop with its first documents (in one transaction) and answers 201 with
   * what its facilitator needs: ids, tokens, join code and links.
   */
  async function storeNewWorkshop(req: http.IncomingMessage, res: http.ServerResponse, title: string, docs: { board: Uint8Array; control: Uint8Array }): Promise<void> {
    const id = newId()
    let joinCode = ''
    for (let attempt = 0; ; attempt++) {
      joinCode = newJoinCode()
      try {
        await deps.storage.createWorkshop({ id, title, joinCode, createdAt: Date.now() }, docs)
        break
      } catch (error) {
        // A join code already in use (one in a billion): draw another.
        if (attempt >= 4 || !String(error).includes('UNIQUE')) throw error
      }
    }
    const facilitatorId = newId()
    const facilitatorToken = await deps.tokens.sign({ workshopId: id, role: 'facilitator', participantId: facilitatorId })
    const share = await shareLinks(req, id, joinCode)
    sendJson(res, 201, {
      id,
      title,
      facilitatorToken,
      joinCode,
      viewerToken: share.viewerToken,
      participantId: facilitatorId,
      facilitatorUrl: `${origin(req)}/w/${id}#token=${facilitatorToken}`,
      joinUrl: share.joinUrl,
      viewerUrl: share.viewerUrl,
    })
  }

  /** What a facilitator hands out: the join link (code in the fragment) and a viewer link. */
  async function shareLinks(req: http.IncomingMessage, workshopId: string, joinCode: string) {
    const viewerToken = await deps.tokens.sign({ workshopId, role: 'viewer', participantId: `viewer-${newId()}` })
    const base = origin(req)
    return {
      viewerToken,
      joinUrl: `${base}/join/${workshopId}#code=${joinCode}`,
      viewerUrl: `${base}/w/${workshopId}#token=${viewerToken}`,
    }
  }

  /** Joins by workshop id and code, or — without an id — by the code alone. */
  async function join(req: http.IncomingMessage, res: http.ServerResponse, workshopId: string | undefined): Promise<void> {
    const ip = clientIp(req)
    if (!(await deps.limits.joinAllowed(ip))) throw new HttpError(429, 'too many wrong join codes from this address; try again in a minute')
    const parsed = parseBody(joinBody, await readJson(req, deps.maxBodyBytes))
    if (!parsed.ok) throw new HttpError(400, parsed.error)
    const { name, joinCode } = parsed.value
    let workshop: WorkshopRecord | undefined
    if (workshopId === undefined) {
      workshop = await deps.storage.findWorkshopByJoinCode(joinCode.toUpperCase())
    } else {
      workshop = await deps.storage.getWorkshop(workshopId)
      if (!workshop) throw new HttpError(404, 'unknown workshop')
    }
    if (!workshop || !sameCode(joinCode, workshop.joinCode)) {
      await deps.limits.joinFailed(ip)
      throw new HttpError(403, 'wrong join code')
    }
    if (!(await deps.limits.create(ip))) throw new HttpError(429, 'too many joins from this address; try again in a minute')
    const participantId = newId()
    await deps.storage.addParticipant({ id: participantId, workshopId: workshop.id, name, createdAt: Date.now() })
    const token = await deps.tokens.sign({ workshopId: workshop.id, role: 'participant', participantId })
    sendJson(res, 200, { workshopId: workshop.id, title: workshop.title, participantId, token, name })
  }

  async function describe(req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
    const claims = await authorize(req, workshopId)
    const workshop = await deps.storage.getWorkshop(workshopId)
    if (!workshop) throw new HttpError(404, 'unknown workshop')
    const participant = claims.role === 'participant' ? await deps.storage.getParticipant(workshopId, claims.participantId) : undefined
    sendJson(res, 200, {
      id: workshop.id,
      title: workshop.title,
      role: claims.role,
      participantId: claims.participantId,
      ...(participant && { name: participant.name }),
      ...(claims.role === 'facilitator' && { joinCode: workshop.joinCode, ...(await shareLinks(req, workshop.id, workshop.joinCode)) }),
    })
  }

  /**
   * Creates a workshop from an exported one (the `json` export, optionally with a top-level
   * `title` to rename it): every record with its id, the facilitation state and the rounds.
   * Answers like POST /api/workshops. Nothing is stored unless the whole file is valid.
   */
  async function importWorkshop(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!(await deps.limits.create(clientIp(req)))) throw new HttpError(429, 'too many workshops created from this address; try again in a minute')
    const body = await readBody(req, deps.maxImportBytes)
    // Parsed, checked and built on the import worker: the live rooms go on meanwhile.
    let prepared: PreparedImport
    try {
      prepared = await deps.importer.prepare(body)
    } catch (error) {
      deps.log.error('an import could not be prepared', error)
      throw new HttpError(500, 'the import could not be processed; try again')
    }
    if (!prepared.ok) throw new HttpError(400, prepared.error)
    await storeNewWorkshop(req, res, prepared.title, { board: prepared.board, control: prepared.control })
  }

  /** Reads the workshop's board and control documents as the `json` export. */
  async function readWorkshop(workshopId: string): Promise<WorkshopJson> {
    const room = await deps.rooms.acquire(workshopId)
    try {
      const board = await room.doc('board').catch((error: unknown) => {
        throw error instanceof SchemaTooNewError ? new HttpError(409, error.message) : error
      })
      const control = await room.doc('control')
      return workshopToJson(board.doc, control.doc)
    } finally {
      deps.rooms.release(workshopId)
    }
  }

  /** Any valid token of the workshop (facilitator, participant, viewer) may export it. */
  async function exportWorkshop(req: http.IncomingMessage, res: http.ServerResponse, workshopId: string, url: URL): Promise<void> {
    await authorize(req, workshopId)
    const format = url.searchParams.get('format') ?? 'json'
    if (!isExportFormat(format)) throw new HttpError(400, 'format must be one of md, csv, json')
    if (!(await deps.storage.getWorkshop(workshopId))) throw new HttpError(404, 'unknown workshop')
    const json = await readWorkshop(workshopId)
    const { type, render } = EXPORTS[format]
    const text = render(json)
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(text),
      'Content-Disposition': attachmentHeader(json.meta.title, format),
      'Cache-Control': 'no-store',
    })
    res.end(text)
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const { pathname } = url
    const method = req.method ?? 'GET'
    if (pathname === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'use GET')
      return sendJson(res, 200, { ok: true })
    }
    if (pathname === '/api/time') {
      // The server's clock, for clients to correct their own (timer skew).
      if (method !== 'GET') throw new HttpError(405, 'use GET')
      return sendJson(res, 200, { now: Date.now() })
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      const parts = pathname.split('/').filter(Boolean).slice(1)
      if (parts.length === 1 && parts[0] === 'join') {
        if (method !== 'POST') throw new HttpError(405, 'use POST to join')
        return join(req, res, undefined)
      }
      if (parts[0] === 'workshops') {
        if (parts.length === 1) {
          if (method !== 'POST') throw new HttpError(405, 'use POST to create a workshop')
          return createWorkshop(req, res)
        }
        if (parts.length === 2 && parts[1] === 'import') {
          if (method !== 'POST') throw new HttpError(405, 'use POST to import a workshop')
          return importWorkshop(req, res)
        }
        const workshopId = decodeURIComponent(parts[1] ?? '')
        if (!isId(workshopId)) throw new HttpError(404, 'unknown workshop')
        if (parts.length === 2) {
          if (method !== 'GET') throw new HttpError(405, 'use GET')
          return describe(req, res, workshopId)
        }
        if (parts.length === 3 && parts[2] === 'public') {
          if (method !== 'GET') throw new HttpError(405, 'use GET')
          const workshop = await deps.storage.getWorkshop(workshopId)
          if (!workshop) throw new HttpError(404, 'unknown workshop')
          // What a join link already tells its holder: that the workshop exists, and its title.
          return sendJson(res, 200, { id: workshop.id, title: workshop.title })
        }
        if (parts.length === 3 && parts[2] === 'join') {
          if (method !== 'POST') throw new HttpError(405, 'use POST to join')
          return join(req, res, workshopId)
        }
        if (parts.length === 3 && parts[2] === 'export') {
          if (method !== 'GET') throw new HttpError(405, 'use GET to export')
          return exportWorkshop(req, res, workshopId, url)
        }
      }
      throw new HttpError(404, `no API endpoint ${method} ${pathname}`)
    }
    if (pathname.startsWith('/sync/')) throw new HttpError(426, 'this endpoint speaks WebSocket; send an upgrade request')
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method not allowed')
    if (!assets) throw new HttpError(404, 'the client is not built; run "npm run build"')
    assets(req, res, () => sendJson(res, 404, { error: 'not found' }))
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { error: error.message })
        // A body we refused to read is not drained; the connection is closed instead.
        if (error.status === 413) res.once('finish', () => req.destroy())
        return
      }
      deps.log.error(`${req.method} ${req.url} failed`, error)
      if (!res.headersSent) sendJson(res, 503, { error: 'the server could not handle this request; try again' })
      else res.destroy()
    })
  }
}
