/**
 * Series (README "Continuous journeys"): the workshops of one journey, each started from the one
 * before (POST /api/workshops {from}). The store keeps which series a workshop belongs to — a
 * series id is the id of its first workshop. The facilitator of any workshop of a series may
 * list the series, read the runs for the comparison page, export the comparison and attach a
 * month of data to it: starting the next workshop needs the previous one's facilitator link, so
 * whoever holds one holds the journey.
 */
import { listStages } from '../../shared/board/stage'
import { DatasetRefused } from '../../shared/data/data-doc'
import { fileStagesToTitles } from '../../shared/data/stage-names'
import type http from 'node:http'
import * as Y from 'yjs'
import { SchemaTooNewError } from '../../shared/board/migrations'
import { carryOver } from '../../shared/continuous/carry'
import { buildComparison } from '../../shared/continuous/compare'
import { fromBody } from '../../shared/continuous/from'
import { attachBody, mappingDifference } from '../../shared/continuous/mapping'
import { comparisonMarkdown } from '../../shared/continuous/markdown'
import { readRun, type RunInput } from '../../shared/continuous/run'
import { addDataset, readDatasets } from '../../shared/data/data-doc'
import type { Dataset } from '../../shared/data/types'
import { newId } from '../../shared/ids'
import { LIMITS } from '../../shared/limits'
import { clip } from '../../shared/text'
import { describeIssues } from '../../shared/validation'
import { docFromStored } from '../storage/docLoader'
import type { WorkshopRecord } from '../storage/types'
import type { HttpContext } from './context'
import { attachmentHeader, HttpError, readJson, SECURITY_HEADERS, sendJson } from './respond'
import { storeNewWorkshop } from './workshops'

/** The workshop's documents (live or loaded for this), read by `read`; the board migrated. */
async function withDocs<T>(ctx: HttpContext, workshopId: string, read: (docs: { board: Y.Doc; control: Y.Doc; data: Y.Doc | undefined }) => T): Promise<T> {
  const hasData = (await ctx.deps.storage.listDocNames(workshopId)).includes('data')
  const room = await ctx.deps.rooms.acquire(workshopId)
  try {
    const board = await room.doc('board').catch((error: unknown) => {
      throw error instanceof SchemaTooNewError ? new HttpError(409, error.message) : error
    })
    const control = await room.doc('control')
    const data = hasData ? (await room.doc('data')).doc : undefined
    return read({ board: board.doc, control: control.doc, data })
  } finally {
    ctx.deps.rooms.release(workshopId)
  }
}

/**
 * The workshop's board and data documents straight from the store, for reading only: a
 * workshop nobody has open is not loaded as a room for it (no load, no unload, no compaction),
 * and one that is open holds nothing the store does not (write-through).
 */
async function readStored(ctx: HttpContext, workshopId: string): Promise<{ board: Y.Doc; control: Y.Doc; data: Y.Doc | undefined; destroy(): void }> {
  const skip = (error: unknown) => ctx.deps.log.error(`skipping an unreadable stored update of ${workshopId}`, error)
  const hasData = (await ctx.deps.storage.listDocNames(workshopId)).includes('data')
  const board = docFromStored(await ctx.deps.storage.loadDoc(workshopId, 'board'), skip).doc
  const control = docFromStored(await ctx.deps.storage.loadDoc(workshopId, 'control'), skip).doc
  const data = hasData ? docFromStored(await ctx.deps.storage.loadDoc(workshopId, 'data'), skip).doc : undefined
  return { board, control, data, destroy: () => (board.destroy(), control.destroy(), data?.destroy()) }
}

const defaultTitle = (source: string) => clip(`${source} (${new Date().toISOString().slice(0, 7)})`, LIMITS.title)

/**
 * POST /api/workshops {from, title?, carry?: {notes?, votes?}} with the source's facilitator
 * token: the next workshop of the source's series (carry.ts says what comes along).
 */
export async function startFrom(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, raw: Record<string, unknown>): Promise<void> {
  const parsed = fromBody.safeParse(raw)
  if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
  const { from, carry } = parsed.data
  const source = await ctx.deps.storage.getWorkshop(from)
  if (!source) throw new HttpError(404, 'unknown workshop to start from')
  await ctx.authorizeFacilitator(req, from)
  const title = parsed.data.title ?? defaultTitle(source.title)
  const target = { board: new Y.Doc(), control: new Y.Doc(), data: new Y.Doc() }
  try {
    const carried = await withDocs(ctx, from, (docs) => carryOver(docs, target, title, carry ?? {}))
    const seriesId = (await ctx.deps.storage.getSeriesId(from)) ?? from
    await ctx.deps.storage.setSeriesId(from, seriesId)
    const docs: { board: Uint8Array; control: Uint8Array } & Record<string, Uint8Array> = {
      board: Y.encodeStateAsUpdate(target.board),
      control: Y.encodeStateAsUpdate(target.control),
      // A data document only when there is something in it (key touchpoints).
      ...(carried.keyTouchpoints > 0 && { data: Y.encodeStateAsUpdate(target.data) }),
    }
    await storeNewWorkshop(ctx, req, res, title, docs, { seriesId })
  } finally {
    target.board.destroy()
    target.control.destroy()
    target.data.destroy()
  }
}

/** The workshops of `workshopId`'s series (just itself when it is in none), oldest first. */
async function seriesOf(ctx: HttpContext, workshopId: string): Promise<{ seriesId: string | undefined; workshops: WorkshopRecord[] }> {
  const seriesId = await ctx.deps.storage.getSeriesId(workshopId)
  if (seriesId === undefined) {
    const own = await ctx.deps.storage.getWorkshop(workshopId)
    return { seriesId: undefined, workshops: own ? [own] : [] }
  }
  return { seriesId, workshops: await ctx.deps.storage.listSeries(seriesId) }
}

/** GET /api/workshops/:id/series: {seriesId, workshops: [{id, title, createdAt}]} (facilitator). */
export async function describeSeries(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const { seriesId, workshops } = await seriesOf(ctx, workshopId)
  sendJson(res, 200, { seriesId: seriesId ?? null, workshops: workshops.map(({ id, title, createdAt }) => ({ id, title, createdAt })) })
}

async function readRuns(ctx: HttpContext, workshopId: string): Promise<{ title: string; runs: RunInput[] }> {
  const { workshops } = await seriesOf(ctx, workshopId)
  const runs: RunInput[] = []
  for (const workshop of workshops) {
    const docs = await readStored(ctx, workshop.id)
    try {
      runs.push(readRun(workshop, docs))
    } finally {
      docs.destroy()
    }
  }
  return { title: workshops[0]?.title ?? 'Series', runs }
}

/** GET /api/workshops/:id/series/runs: every run of the series, for the comparison page. */
export async function runs(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  sendJson(res, 200, await readRuns(ctx, workshopId))
}

/** GET /api/workshops/:id/series/compare?format=md: the comparison as Markdown; 409 naming what differs. */
export async function compare(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string, url: URL): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const format = url.searchParams.get('format') ?? 'md'
  if (format !== 'md' && format !== 'json') throw new HttpError(400, 'format must be one of md, json')
  const { title, runs: list } = await readRuns(ctx, workshopId)
  const result = buildComparison(list)
  if (!result.ok) throw new HttpError(409, `these workshops cannot be compared: ${result.error}`)
  if (format === 'json') return sendJson(res, 200, result.value)
  const text = comparisonMarkdown(title, result)
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/markdown; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Content-Disposition': attachmentHeader(`${title} comparison`, 'md'),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

/**
 * POST /api/workshops/:id/series/datasets {name, fileName?, mapping, stageMap?, aggregates}: a
 * month of data for the series (`npm run data -- attach`, server/cli/attach.ts), added to the
 * data document of the series' latest workshop — through its room, so that it is stored and
 * relayed like any change. The mapping must equal the series' last import's (409 naming the
 * columns that differ; nothing is added).
 */
export async function attach(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const parsed = attachBody.safeParse(await readJson(req, ctx.deps.maxImportBytes))
  if (!parsed.success) throw new HttpError(400, describeIssues(parsed.error))
  const body = parsed.data
  const { workshops } = await seriesOf(ctx, workshopId)
  let last: Dataset | undefined
  for (const workshop of workshops) {
    const docs = await readStored(ctx, workshop.id)
    const datasets = docs.data ? readDatasets(docs.data) : []
    docs.destroy()
    for (const dataset of datasets) if (!last || dataset.importedAt >= last.importedAt) last = dataset
  }
  if (last) {
    const difference = mappingDifference(last.mapping, body.mapping)
    if (difference !== undefined) throw new HttpError(409, `the columns differ from the series' last import ("${last.name}"): ${difference}; nothing was attached`)
  }
  const target = workshops.at(-1)
  if (!target) throw new HttpError(404, 'unknown workshop')
  const dataset: Dataset = {
    id: newId(),
    name: body.name,
    fileName: body.fileName,
    importedAt: Date.now(),
    mapping: body.mapping,
    stageMap: body.stageMap ?? last?.stageMap ?? {},
    aggregates: body.aggregates as Dataset['aggregates'],
    // Marked, so that the comparison can tell a month attached from the command line.
    attached: true,
  }
  const room = await ctx.deps.rooms.acquire(target.id)
  try {
    // The file's stage values, named by the board stages the series mapped them to (as an import in the browser names them).
    const board = await room.doc('board')
    dataset.aggregates = fileStagesToTitles(dataset.aggregates, dataset.stageMap, listStages(board.doc))
    const data = await room.doc('data')
    try {
      await data.mutate((doc) => addDataset(doc, dataset, { replace: false }))
    } catch (error) {
      // Invalid or one dataset too many: a refusal to read, not a server fault to retry.
      if (error instanceof DatasetRefused) throw new HttpError(409, `${error.message}; nothing was attached`)
      throw error
    }
  } finally {
    ctx.deps.rooms.release(target.id)
  }
  sendJson(res, 201, { workshopId: target.id, datasetId: dataset.id, name: dataset.name, period: (dataset.aggregates.from ?? new Date(dataset.importedAt).toISOString()).slice(0, 7) })
}
