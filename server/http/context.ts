/**
 * What every route needs: the server's parts, the app's own origin, the write-request checks
 * (same origin, JSON), the client's address, token checks, and the links a facilitator hands
 * out.
 */
import type http from 'node:http'
import { newId } from '../../shared/ids'
import { revocation, REVOCATION_MESSAGE } from '../access'
import type { Logger } from '../log'
import type { RateLimits } from '../ratelimit'
import type { Storage } from '../storage/types'
import { bearer } from '../sync/socket'
import type { RoomRegistry } from '../sync/workshopRoom'
import type { TokenClaims, TokenService } from '../tokens'
import type { Importer } from './importWorker'
import { HOST, HttpError } from './respond'

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
  /**
   * Closes the open WebSocket connections whose token claims match (a removed participant, a
   * replaced viewer link); resolves with how many. Wired to the sync server by server/app.ts.
   */
  closeConnections?: (match: (claims: TokenClaims) => boolean, code: number, reason: string) => number
}

export type HttpContext = ReturnType<typeof createContext>

export function createContext(deps: HttpDeps) {
  function origin(req: http.IncomingMessage): string {
    if (deps.publicUrl) return deps.publicUrl.replace(/\/+$/, '')
    const host = req.headers.host ?? ''
    return HOST.test(host) ? `http://${host}` : 'http://127.0.0.1:8080'
  }

  /** The host the app is served from: PUBLIC_URL's when set, else the request's Host header. */
  function ownHost(req: http.IncomingMessage): string | undefined {
    if (deps.publicUrl) {
      try {
        return new URL(deps.publicUrl).host
      } catch {
        return undefined
      }
    }
    return req.headers.host
  }

  /**
   * What a request that changes something must show (CSRF defence in depth; the API also
   * wants a Bearer token or a join code): a page of another site may not send it. With an
   * Origin header, it must be this server's own origin — PUBLIC_URL's when set, else the
   * Host header's (either scheme: a TLS proxy in front changes it) — else 403. A body, if the
   * method has one, must be declared `application/json` (415): a cross-site form cannot send
   * that without a CORS preflight, which this server never grants.
   */
  function checkWriteRequest(req: http.IncomingMessage, { body }: { body: boolean }): void {
    const sentOrigin = req.headers.origin
    if (sentOrigin !== undefined) {
      let allowed: boolean
      try {
        const sent = new URL(sentOrigin)
        if (deps.publicUrl) allowed = sent.origin === new URL(deps.publicUrl).origin
        else allowed = (sent.protocol === 'http:' || sent.protocol === 'https:') && sent.host === (req.headers.host ?? '').toLowerCase()
      } catch {
        allowed = false
      }
      if (!allowed) throw new HttpError(403, 'requests from another origin are not allowed')
    }
    if (body) {
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
      if (type !== 'application/json') throw new HttpError(415, 'Content-Type must be application/json')
    }
  }

  function clientIp(req: http.IncomingMessage): string {
    return req.socket.remoteAddress ?? 'unknown'
  }

  async function authorize(req: http.IncomingMessage, workshopId: string): Promise<TokenClaims> {
    const token = bearer(req.headers.authorization)
    if (!token) throw new HttpError(401, 'an Authorization: Bearer token is required')
    const claims = await deps.tokens.verify(token)
    if (!claims || claims.workshopId !== workshopId) throw new HttpError(401, 'invalid token for this workshop')
    const revoked = await revocation(deps.storage, claims)
    if (revoked === 'unknownWorkshop') throw new HttpError(404, 'unknown workshop')
    if (revoked) throw new HttpError(401, REVOCATION_MESSAGE[revoked])
    return claims
  }

  /** Like `authorize`, for what only the workshop's facilitator may do (403 for other roles). */
  async function authorizeFacilitator(req: http.IncomingMessage, workshopId: string): Promise<TokenClaims> {
    const claims = await authorize(req, workshopId)
    if (claims.role !== 'facilitator') throw new HttpError(403, 'only the facilitator may do this')
    return claims
  }

  /** What a facilitator hands out: the join link (code in the fragment) and a viewer link. */
  async function shareLinks(req: http.IncomingMessage, workshopId: string, joinCode: string, viewerGeneration = 0) {
    const viewerToken = await deps.tokens.sign({ workshopId, role: 'viewer', participantId: `viewer-${newId()}`, viewerGeneration })
    const base = origin(req)
    return {
      viewerToken,
      joinUrl: `${base}/join/${workshopId}#code=${joinCode}`,
      viewerUrl: `${base}/w/${workshopId}#token=${viewerToken}`,
    }
  }

  return { deps, origin, ownHost, checkWriteRequest, clientIp, authorize, authorizeFacilitator, shareLinks }
}
