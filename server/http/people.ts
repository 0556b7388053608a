/** Who is in a workshop, and the facilitator's ways to let people in or keep them out. */
import type http from 'node:http'
import { isId, newJoinCode } from '../../shared/ids'
import { CLOSE } from '../../shared/roles'
import { REVOCATION_MESSAGE } from '../access'
import type { HttpContext } from './context'
import { HttpError, sendJson } from './respond'

/** POST /api/workshops/:id/join-code: a new join code; the old one stops working for new joins. */
export async function rotateJoinCode(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const workshop = await ctx.deps.storage.getWorkshop(workshopId)
  if (!workshop) throw new HttpError(404, 'unknown workshop')
  for (let attempt = 0; ; attempt++) {
    const joinCode = newJoinCode()
    if (joinCode === workshop.joinCode) continue
    try {
      await ctx.deps.storage.setJoinCode(workshopId, joinCode)
      const share = await ctx.shareLinks(req, workshopId, joinCode, workshop.viewerGeneration)
      return sendJson(res, 200, { joinCode, joinUrl: share.joinUrl })
    } catch (error) {
      if (attempt >= 4 || !String(error).includes('UNIQUE')) throw error
    }
  }
}

/**
 * POST /api/workshops/:id/viewer-link: a new viewer link. Every viewer token issued before
 * stops working at once, and viewers connected with one are disconnected (4401).
 */
export async function rotateViewerLink(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const workshop = await ctx.deps.storage.getWorkshop(workshopId)
  if (!workshop) throw new HttpError(404, 'unknown workshop')
  const generation = await ctx.deps.storage.bumpViewerGeneration(workshopId)
  ctx.deps.closeConnections?.(
    (claims) => claims.workshopId === workshopId && claims.role === 'viewer' && (claims.viewerGeneration ?? 0) !== generation,
    CLOSE.unauthorized,
    REVOCATION_MESSAGE.viewerLinkReplaced,
  )
  const share = await ctx.shareLinks(req, workshopId, workshop.joinCode, generation)
  sendJson(res, 200, { viewerToken: share.viewerToken, viewerUrl: share.viewerUrl })
}

/** GET /api/workshops/:id/participants: who joined and was not removed, oldest first. */
export async function listParticipants(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const participants = await ctx.deps.storage.listParticipants(workshopId)
  sendJson(
    res,
    200,
    participants.filter((p) => p.removedAt === undefined).map(({ id, name, createdAt }) => ({ id, name, createdAt })),
  )
}

/**
 * DELETE /api/workshops/:id/participants/:pid: the participant's token stops working at once
 * (401 here and on the sync upgrade) and its open connections are closed (4410). What it
 * wrote stays on the board.
 */
export async function removeParticipant(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string, participantId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  if (!isId(participantId) || !(await ctx.deps.storage.removeParticipant(workshopId, participantId, Date.now()))) {
    throw new HttpError(404, 'no such participant in this workshop')
  }
  ctx.deps.closeConnections?.(
    (claims) => claims.workshopId === workshopId && claims.role === 'participant' && claims.participantId === participantId,
    CLOSE.removed,
    REVOCATION_MESSAGE.removed,
  )
  res.writeHead(204, { 'Cache-Control': 'no-store' })
  res.end()
}

