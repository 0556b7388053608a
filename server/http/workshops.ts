/**
 * Workshops: create one (from the template or an exported file), join one by code, and what a
 * token may learn about its workshop.
 */
import crypto from 'node:crypto'
import type http from 'node:http'
import * as Y from 'yjs'
import { initControl } from '../../shared/facilitation/control'
import { newId, newJoinCode } from '../../shared/ids'
import { initBoard } from '../../shared/board/template'
import { createWorkshopBody, DEFAULT_WORKSHOP_TITLE, joinBody, parseBody } from '../../shared/validation'
import type { WorkshopRecord } from '../storage/types'
import type { HttpContext } from './context'
import type { PreparedImport } from './importWorker'
import { HttpError, readBody, readJson, sendJson } from './respond'
import { isFromRequest } from '../../shared/continuous/from'

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given.toUpperCase())
  const b = Buffer.from(expected)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

/**
 * POST /api/workshops. A body with `from` is the next workshop of a series: handed to
 * `startFrom` (server/http/series.ts, wired by the handler).
 */
export async function createWorkshop(
  ctx: HttpContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  startFrom?: (body: Record<string, unknown>) => Promise<void>,
): Promise<void> {
  if (!(await ctx.deps.limits.create(ctx.clientIp(req)))) throw new HttpError(429, 'too many workshops created from this address; try again in a minute')
  const raw = await readJson(req, ctx.deps.maxBodyBytes)
  // {from: <workshopId>}: the next workshop of a series (README "Continuous journeys").
  if (startFrom && isFromRequest(raw)) return startFrom(raw)
  const parsed = parseBody(createWorkshopBody, raw)
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
    ...(body.language !== undefined && { language: body.language }),
  })
  const control = new Y.Doc()
  initControl(control)
  const docs = { board: Y.encodeStateAsUpdate(board), control: Y.encodeStateAsUpdate(control) }
  board.destroy()
  control.destroy()
  await storeNewWorkshop(ctx, req, res, title, docs)
}

/**
 * Stores a new workshop with its first documents (in one transaction) and answers 201 with
 * what its facilitator needs: ids, tokens, join code and links. `docs` may hold more documents
 * than board and control (a restored snapshot's data); `seriesId` puts it into a series.
 */
export async function storeNewWorkshop(
  ctx: HttpContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  title: string,
  docs: { board: Uint8Array; control: Uint8Array } & Record<string, Uint8Array>,
  options: { seriesId?: string } = {},
): Promise<void> {
  const id = newId()
  let joinCode: string
  for (let attempt = 0; ; attempt++) {
    joinCode = newJoinCode()
    try {
      await ctx.deps.storage.createWorkshop({ id, title, joinCode, createdAt: Date.now() }, docs)
      break
    } catch (error) {
      // A join code already in use (one in a billion): draw another.
      if (attempt >= 4 || !String(error).includes('UNIQUE')) throw error
    }
  }
  if (options.seriesId !== undefined) await ctx.deps.storage.setSeriesId(id, options.seriesId)
  const facilitatorId = newId()
  const facilitatorToken = await ctx.deps.tokens.sign({ workshopId: id, role: 'facilitator', participantId: facilitatorId })
  const share = await ctx.shareLinks(req, id, joinCode)
  sendJson(res, 201, {
    id,
    title,
    ...(options.seriesId !== undefined && { seriesId: options.seriesId }),
    facilitatorToken,
    joinCode,
    viewerToken: share.viewerToken,
    participantId: facilitatorId,
    facilitatorUrl: `${ctx.origin(req)}/w/${id}#token=${facilitatorToken}`,
    joinUrl: share.joinUrl,
    viewerUrl: share.viewerUrl,
  })
}

/**
 * Creates a workshop from an exported one (the `json` export, optionally with a top-level
 * `title` to rename it): every record with its id, the facilitation state and the rounds.
 * Answers like POST /api/workshops. Nothing is stored unless the whole file is valid.
 */
export async function importWorkshop(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (!(await ctx.deps.limits.create(ctx.clientIp(req)))) throw new HttpError(429, 'too many workshops created from this address; try again in a minute')
  const body = await readBody(req, ctx.deps.maxImportBytes)
  // Parsed, checked and built on the import worker: the live rooms go on meanwhile.
  let prepared: PreparedImport
  try {
    prepared = await ctx.deps.importer.prepare(body)
  } catch (error) {
    ctx.deps.log.error('an import could not be prepared', error)
    throw new HttpError(500, 'the import could not be processed; try again')
  }
  if (!prepared.ok) throw new HttpError(400, prepared.error)
  await storeNewWorkshop(ctx, req, res, prepared.title, { board: prepared.board, control: prepared.control, ...(prepared.data && { data: prepared.data }) })
}

/** Joins by workshop id and code, or — without an id — by the code alone. */
export async function join(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string | undefined): Promise<void> {
  const ip = ctx.clientIp(req)
  if (!(await ctx.deps.limits.joinAllowed(ip))) throw new HttpError(429, 'too many wrong join codes from this address; try again in a minute')
  const parsed = parseBody(joinBody, await readJson(req, ctx.deps.maxBodyBytes))
  if (!parsed.ok) throw new HttpError(400, parsed.error)
  const { name, joinCode } = parsed.value
  let workshop: WorkshopRecord | undefined
  if (workshopId === undefined) {
    workshop = await ctx.deps.storage.findWorkshopByJoinCode(joinCode.toUpperCase())
  } else {
    workshop = await ctx.deps.storage.getWorkshop(workshopId)
    if (!workshop) throw new HttpError(404, 'unknown workshop')
  }
  if (!workshop || !sameCode(joinCode, workshop.joinCode)) {
    await ctx.deps.limits.joinFailed(ip)
    throw new HttpError(403, 'wrong join code')
  }
  if (!(await ctx.deps.limits.create(ip))) throw new HttpError(429, 'too many joins from this address; try again in a minute')
  const participantId = newId()
  await ctx.deps.storage.addParticipant({ id: participantId, workshopId: workshop.id, name, createdAt: Date.now() })
  const token = await ctx.deps.tokens.sign({ workshopId: workshop.id, role: 'participant', participantId })
  sendJson(res, 200, { workshopId: workshop.id, title: workshop.title, participantId, token, name })
}

/** GET /api/workshops/:id: who the token is, and for the facilitator the code and links. */
export async function describe(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  const claims = await ctx.authorize(req, workshopId)
  const workshop = await ctx.deps.storage.getWorkshop(workshopId)
  if (!workshop) throw new HttpError(404, 'unknown workshop')
  const participant = claims.role === 'participant' ? await ctx.deps.storage.getParticipant(workshopId, claims.participantId) : undefined
  sendJson(res, 200, {
    id: workshop.id,
    title: workshop.title,
    role: claims.role,
    participantId: claims.participantId,
    ...(participant && { name: participant.name }),
    ...(claims.role === 'facilitator' && {
      joinCode: workshop.joinCode,
      ...(await ctx.shareLinks(req, workshop.id, workshop.joinCode, workshop.viewerGeneration)),
    }),
  })
}

