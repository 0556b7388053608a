/**
 * REST API (README "API") and the built client: routes each request to its module. Every
 * failure is a JSON `{error}` with a 4xx status; nothing a request contains can make the
 * handler throw past it.
 */
import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import sirv from 'sirv'
import { isId } from '../../shared/ids'
import { createContext, type HttpDeps } from './context'
import * as exports from './exports'
import * as people from './people'
import { workshopDepartments } from './departments'
import * as series from './series'
import * as snapshots from './snapshots'
import { contentSecurityPolicy, HttpError, safeDecode, SECURITY_HEADERS, sendJson } from './respond'
import * as workshops from './workshops'

export type { HttpDeps } from './context'

export function createHttpHandler(deps: HttpDeps): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const ctx = createContext(deps)
  // Continuous journeys (#13): an automatic snapshot whenever a workshop's phase changes.
  deps.rooms.phaseChanged.add(snapshots.autoSnapshotOnPhase(deps))
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
        ctx.checkWriteRequest(req, { body: true })
        return workshops.join(ctx, req, res, undefined)
      }
      if (parts[0] === 'workshops') {
        if (parts.length === 1) {
          if (method !== 'POST') throw new HttpError(405, 'use POST to create a workshop')
          ctx.checkWriteRequest(req, { body: true })
          return workshops.createWorkshop(ctx, req, res, (body) => series.startFrom(ctx, req, res, body))
        }
        if (parts.length === 2 && parts[1] === 'import') {
          if (method !== 'POST') throw new HttpError(405, 'use POST to import a workshop')
          ctx.checkWriteRequest(req, { body: true })
          return workshops.importWorkshop(ctx, req, res)
        }
        // Malformed percent-encoding (`/api/workshops/%E0%A4%A/…`) is an unknown workshop, not a URIError the catch-all turns into 503.
        const workshopId = safeDecode(parts[1] ?? '')
        if (!isId(workshopId)) throw new HttpError(404, 'unknown workshop')
        if (parts.length === 2) {
          if (method !== 'GET') throw new HttpError(405, 'use GET')
          return workshops.describe(ctx, req, res, workshopId)
        }
        if (parts.length === 3 && parts[2] === 'public') {
          if (method !== 'GET') throw new HttpError(405, 'use GET')
          const workshop = await ctx.deps.storage.getWorkshop(workshopId)
          if (!workshop) throw new HttpError(404, 'unknown workshop')
          // What a join link already tells its holder: that the workshop exists, and its title.
          return sendJson(res, 200, { id: workshop.id, title: workshop.title, departments: await workshopDepartments(ctx.deps.storage, workshop.id) })
        }
        if (parts.length === 3 && parts[2] === 'join') {
          if (method !== 'POST') throw new HttpError(405, 'use POST to join')
          ctx.checkWriteRequest(req, { body: true })
          return workshops.join(ctx, req, res, workshopId)
        }
        if (parts.length === 3 && parts[2] === 'join-code') {
          if (method !== 'POST') throw new HttpError(405, 'use POST to replace the join code')
          ctx.checkWriteRequest(req, { body: true })
          return people.rotateJoinCode(ctx, req, res, workshopId)
        }
        if (parts.length === 3 && parts[2] === 'viewer-link') {
          if (method !== 'POST') throw new HttpError(405, 'use POST to replace the viewer link')
          ctx.checkWriteRequest(req, { body: true })
          return people.rotateViewerLink(ctx, req, res, workshopId)
        }
        if (parts.length === 3 && parts[2] === 'participants') {
          if (method !== 'GET') throw new HttpError(405, 'use GET')
          return people.listParticipants(ctx, req, res, workshopId)
        }
        if (parts.length === 4 && parts[2] === 'participants') {
          if (method !== 'DELETE') throw new HttpError(405, 'use DELETE to remove a participant')
          ctx.checkWriteRequest(req, { body: false })
          return people.removeParticipant(ctx, req, res, workshopId, safeDecode(parts[3] ?? ''))
        }
        if (parts.length === 3 && parts[2] === 'export') {
          if (method !== 'GET') throw new HttpError(405, 'use GET to export')
          return exports.exportWorkshop(ctx, req, res, workshopId, url)
        }
        if (parts[2] === 'snapshots' || parts[2] === 'series' || (parts.length === 3 && parts[2] === 'end')) return continuousRoute(req, res, method, parts, workshopId, url)
      }
      throw new HttpError(404, `no API endpoint ${method} ${pathname}`)
    }
    if (pathname.startsWith('/sync/')) throw new HttpError(426, 'this endpoint speaks WebSocket; send an upgrade request')
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method not allowed')
    if (!assets) throw new HttpError(404, 'the client is not built; run "npm run build"')
    assets(req, res, () => sendJson(res, 404, { error: 'not found' }))
  }

  /** Continuous journeys (#13): snapshots, ending a workshop, series. */
  async function continuousRoute(req: http.IncomingMessage, res: http.ServerResponse, method: string, parts: string[], workshopId: string, url: URL): Promise<void> {
    const [, , section, sub, action] = parts
    const allow = (wanted: string, what: string) => {
      if (method !== wanted) throw new HttpError(405, `use ${wanted} ${what}`)
      if (wanted === 'POST' || wanted === 'DELETE') ctx.checkWriteRequest(req, { body: wanted === 'POST' })
    }
    if (section === 'end') {
      allow('POST', 'to end the workshop')
      return snapshots.end(ctx, req, res, workshopId)
    }
    if (section === 'snapshots') {
      if (parts.length === 3) {
        if (method === 'GET') return snapshots.list(ctx, req, res, workshopId)
        allow('POST', 'to save a snapshot')
        return snapshots.create(ctx, req, res, workshopId)
      }
      const snapshotId = safeDecode(sub ?? '')
      if (!isId(snapshotId)) throw new HttpError(404, 'unknown snapshot')
      if (parts.length === 4) {
        allow('DELETE', 'to delete a snapshot')
        return snapshots.remove(ctx, req, res, workshopId, snapshotId)
      }
      if (parts.length === 5 && action === 'export') {
        allow('GET', 'to export a snapshot')
        return snapshots.exportSnapshot(ctx, req, res, workshopId, snapshotId, url)
      }
      if (parts.length === 5 && action === 'changes') {
        allow('GET', 'for the changes since a snapshot')
        return snapshots.changes(ctx, req, res, workshopId, snapshotId)
      }
      if (parts.length === 5 && action === 'restore') {
        allow('POST', 'to restore a snapshot')
        return snapshots.restore(ctx, req, res, workshopId, snapshotId)
      }
    }
    if (section === 'series') {
      if (parts.length === 3) {
        allow('GET', 'for the series')
        return series.describeSeries(ctx, req, res, workshopId)
      }
      if (parts.length === 4 && sub === 'runs') {
        allow('GET', 'for the runs')
        return series.runs(ctx, req, res, workshopId)
      }
      if (parts.length === 4 && sub === 'compare') {
        allow('GET', 'for the comparison')
        return series.compare(ctx, req, res, workshopId, url)
      }
      if (parts.length === 4 && sub === 'datasets') {
        allow('POST', 'to attach data')
        return series.attach(ctx, req, res, workshopId)
      }
    }
    throw new HttpError(404, `no API endpoint ${method} ${url.pathname}`)
  }

  return (req, res) => {
    // Every answer — pages, assets, API, errors — carries the security headers.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(ctx.ownHost(req)))
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
