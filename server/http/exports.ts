/** GET /api/workshops/:id/export: the workshop as a file (Markdown, Jira CSV, JSON). */
import type http from 'node:http'
import type { WorkshopJson } from '../../shared/workshop-file/format'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { SchemaTooNewError } from '../../shared/board/migrations'
import { isDataRevealed } from '../../shared/facilitation/control'
import { EXPORT_FORMAT_LIST, EXPORT_FORMATS, isExportFormat } from '../exportFormats'
import type { HttpContext } from './context'
import { attachmentHeader, HttpError, SECURITY_HEADERS } from './respond'

/** Reads the workshop's board and control documents as the `json` export. */
/**
 * `withData(revealed)`: whether the `data` document goes in (issue #12) — for the facilitator
 * always, for everyone else only once the data is revealed (the same rule as its sync).
 */
export async function readWorkshop(ctx: HttpContext, workshopId: string, withData: (revealed: boolean) => boolean = () => false): Promise<WorkshopJson> {
  const room = await ctx.deps.rooms.acquire(workshopId)
  try {
    const board = await room.doc('board').catch((error: unknown) => {
      throw error instanceof SchemaTooNewError ? new HttpError(409, error.message) : error
    })
    const control = await room.doc('control')
    const data = withData(isDataRevealed(control.doc)) ? (await room.doc('data')).doc : undefined
    return workshopToJson(board.doc, control.doc, data)
  } finally {
    ctx.deps.rooms.release(workshopId)
  }
}

/** Any valid token of the workshop (facilitator, participant, viewer) may export it. */
export async function exportWorkshop(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string, url: URL): Promise<void> {
  const claims = await ctx.authorize(req, workshopId)
  const format = url.searchParams.get('format') ?? 'json'
  if (!isExportFormat(format)) throw new HttpError(400, `format must be one of ${EXPORT_FORMAT_LIST}`)
  if (!(await ctx.deps.storage.getWorkshop(workshopId))) throw new HttpError(404, 'unknown workshop')
  const json = await readWorkshop(ctx, workshopId, (revealed) => claims.role === 'facilitator' || revealed)
  const { type, render } = EXPORT_FORMATS[format]
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

