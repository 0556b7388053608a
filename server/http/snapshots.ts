/**
 * Snapshots (README "Continuous journeys"): the whole state of a workshop's documents at one
 * moment — board, control and, when it exists, data; never participants' private documents —
 * each stored as one compacted Yjs update (`Y.encodeStateAsUpdate` of the live document, which
 * holds every stored update merged), so that a later Horizon reads it with its own migrations.
 * The facilitator takes, lists, opens (export), compares with now, deletes and restores them as
 * a new workshop; the server takes one by itself when the phase changes and when the facilitator
 * ends the workshop. A workshop keeps at most SNAPSHOT_LIMIT.
 */
import type http from 'node:http'
import * as Y from 'yjs'
import { boardVersion } from '../../shared/board/migrations'
import { SCHEMA_VERSION, setMeta } from '../../shared/board/meta'
import { boardView, diffViews, type BoardView } from '../../shared/continuous/diff'
import { isLocked, setFlag } from '../../shared/facilitation/control'
import { PHASE_LABEL } from '../../shared/continuous/labels'
import type { Phase } from '../../shared/facilitation/phase-names'
import { newId } from '../../shared/ids'
import { LIMITS } from '../../shared/limits'
import { endBody, restoreBody, snapshotBody } from '../../shared/continuous/snapshot-body'
import { parseBody } from '../../shared/validation'
import { clip, cleanLine } from '../../shared/text'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { EXPORT_FORMATS } from '../exportFormats'
import { docFromStored } from '../storage/docLoader'
import type { SnapshotRecord } from '../storage/types'
import type { HttpContext, HttpDeps } from './context'
import { attachmentHeader, HttpError, readJson, SECURITY_HEADERS, sendJson } from './respond'
import { storeNewWorkshop } from './workshops'

/** Most snapshots a workshop keeps (manual and automatic together). */
export const SNAPSHOT_LIMIT = 50

/** The documents a snapshot holds (private documents never: they are their authors'). */
const SNAPSHOT_DOCS = ['board', 'control', 'data'] as const

export class SnapshotLimitError extends Error {
  constructor() {
    super(`this workshop has ${SNAPSHOT_LIMIT} snapshots, the most it may keep; delete one to save another`)
  }
}

const publicSnapshot = (s: SnapshotRecord) => ({ id: s.id, name: s.name, createdAt: s.createdAt, kind: s.kind, schemaVersion: s.schemaVersion, bytes: s.bytes })

/**
 * Takes a snapshot of the workshop as it is now (live documents when it is loaded, else loaded
 * for it). Resolves with the record, and how long encoding and storing took (ms), for the bench.
 */
export async function takeSnapshot(
  deps: Pick<HttpDeps, 'storage' | 'rooms'>,
  workshopId: string,
  name: string,
  kind: SnapshotRecord['kind'],
): Promise<{ snapshot: SnapshotRecord; ms: number }> {
  const room = await deps.rooms.acquire(workshopId)
  try {
    const names = new Set(await deps.storage.listDocNames(workshopId))
    // Loaded first (a workshop nobody has open is loaded for this); the time taken is the
    // snapshot's own: encoding the documents and storing them.
    const live = await Promise.all(SNAPSHOT_DOCS.filter((docName) => docName !== 'data' || names.has('data')).map(async (docName) => [docName, await room.doc(docName)] as const))
    const started = performance.now()
    const docs: Record<string, Uint8Array> = {}
    let schemaVersion = SCHEMA_VERSION
    let bytes = 0
    for (const [docName, room] of live) {
      const update = Y.encodeStateAsUpdate(room.doc)
      if (docName === 'board') schemaVersion = boardVersion(room.doc)
      docs[docName] = update
      bytes += update.byteLength
    }
    const snapshot: SnapshotRecord = { id: newId(), workshopId, name: clip(cleanLine(name), LIMITS.title) || 'Snapshot', createdAt: Date.now(), kind, schemaVersion, bytes }
    if (!(await deps.storage.addSnapshot(snapshot, docs, SNAPSHOT_LIMIT))) throw new SnapshotLimitError()
    return { snapshot, ms: performance.now() - started }
  } finally {
    deps.rooms.release(workshopId)
  }
}

/** The automatic snapshot of a phase change, named after the phase that ended. */
export function phaseSnapshotName(from: Phase, to: Phase): string {
  return `End of ${PHASE_LABEL[from]} (→ ${PHASE_LABEL[to]})`
}

/** The hook the rooms call on a phase change: a snapshot, or a logged line when it cannot be taken. */
export function autoSnapshotOnPhase(deps: Pick<HttpDeps, 'storage' | 'rooms' | 'log'>) {
  return (workshopId: string, from: Phase, to: Phase) => {
    takeSnapshot(deps, workshopId, phaseSnapshotName(from, to), 'phase').catch((error: unknown) => {
      if (error instanceof SnapshotLimitError) deps.log.warn(`no automatic snapshot of ${workshopId}: ${error.message}`)
      else deps.log.error(`the automatic snapshot of ${workshopId} failed`, error)
    })
  }
}

/** The name of a snapshot asked for (a JSON object {name?}); a dated one when none is given. */
function snapshotName(raw: unknown): string {
  const parsed = parseBody(snapshotBody, raw)
  if (!parsed.ok) throw new HttpError(400, parsed.error)
  return parsed.value.name ?? `Snapshot ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`
}

async function save(ctx: HttpContext, res: http.ServerResponse, workshopId: string, name: string, kind: SnapshotRecord['kind']): Promise<void> {
  try {
    const { snapshot, ms } = await takeSnapshot(ctx.deps, workshopId, name, kind)
    // The server's own time for it (encoding and storing), for the bench and the curious.
    res.setHeader('Server-Timing', `snapshot;dur=${ms.toFixed(1)}`)
    sendJson(res, 201, publicSnapshot(snapshot))
  } catch (error) {
    if (error instanceof SnapshotLimitError) throw new HttpError(409, error.message)
    throw error
  }
}

/** POST …/snapshots {name}: a named snapshot now. */
export async function create(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const name = snapshotName(await readJson(req, ctx.deps.maxBodyBytes))
  await save(ctx, res, workshopId, name, 'manual')
}

/**
 * POST …/end: the facilitator ends the workshop — the board is locked (participants can no
 * longer change it) and the automatic "Workshop ended" snapshot is taken. Answers like a snapshot.
 * Ending an ended workshop (still locked, its last snapshot the "ended" one) answers 200 with that
 * snapshot instead of taking another: a repeated click must not eat into the snapshot limit.
 */
export async function end(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const parsed = parseBody(endBody, await readJson(req, ctx.deps.maxBodyBytes))
  if (!parsed.ok) throw new HttpError(400, parsed.error)
  const room = await ctx.deps.rooms.acquire(workshopId)
  try {
    const control = await room.doc('control')
    if (isLocked(control.doc)) {
      const last = (await ctx.deps.storage.listSnapshots(workshopId)).at(-1)
      if (last?.kind === 'end') {
        sendJson(res, 200, publicSnapshot(last))
        return
      }
    }
    await control.mutate((doc) => setFlag(doc, 'locked', true))
  } finally {
    ctx.deps.rooms.release(workshopId)
  }
  await save(ctx, res, workshopId, 'Workshop ended', 'end')
}

export async function list(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const snapshots = await ctx.deps.storage.listSnapshots(workshopId)
  sendJson(res, 200, { limit: SNAPSHOT_LIMIT, snapshots: snapshots.map(publicSnapshot) })
}

export async function remove(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string, snapshotId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  if (!(await ctx.deps.storage.deleteSnapshot(workshopId, snapshotId))) throw new HttpError(404, 'unknown snapshot')
  opened.delete(snapshotId)
  res.writeHead(204, SECURITY_HEADERS)
  res.end()
}

/** The snapshot's documents, read; refused (409) when a newer Horizon saved it. */
async function openSnapshot(ctx: HttpContext, workshopId: string, snapshotId: string) {
  const found = await ctx.deps.storage.getSnapshot(workshopId, snapshotId)
  if (!found) throw new HttpError(404, 'unknown snapshot')
  const docs: Record<string, Y.Doc> = {}
  for (const [name, update] of Object.entries(found.docs)) {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    docs[name] = doc
  }
  const board = docs.board ?? new Y.Doc()
  const control = docs.control ?? new Y.Doc()
  const version = Math.max(found.snapshot.schemaVersion, boardVersion(board))
  if (version > SCHEMA_VERSION) {
    for (const doc of Object.values(docs)) doc.destroy()
    throw new HttpError(
      409,
      `this snapshot was saved by a newer version of Horizon (board schema ${version}; this server knows up to ${SCHEMA_VERSION}); nothing was changed`,
    )
  }
  return { snapshot: found.snapshot, board, control, data: docs.data, destroy: () => Object.values(docs).forEach((doc) => doc.destroy()) }
}

/** GET …/snapshots/:sid/export?format=md|json: the snapshot as the workshop's export formats. */
export async function exportSnapshot(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string, snapshotId: string, url: URL): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  const format = url.searchParams.get('format') ?? 'json'
  if (format !== 'md' && format !== 'json') throw new HttpError(400, 'format must be one of md, json')
  const opened = await openSnapshot(ctx, workshopId, snapshotId)
  try {
    const json = workshopToJson(opened.board, opened.control)
    const text = EXPORT_FORMATS[format].render(json)
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': EXPORT_FORMATS[format].type,
      'Content-Length': Buffer.byteLength(text),
      'Content-Disposition': attachmentHeader(`${json.meta.title} - ${opened.snapshot.name}`, format),
      'Cache-Control': 'no-store',
    })
    res.end(text)
  } finally {
    opened.destroy()
  }
}

/**
 * What opening a snapshot reads of it, kept by snapshot id: a snapshot never changes, so its
 * documents are decoded, its diff view read and its `json` export written once, not on every
 * opening (a 5,000-note snapshot took hundreds of milliseconds each time). The last diff against
 * the live board is kept with it, valid while the stored board has not changed since. A few
 * snapshots only (the ones being looked at); the oldest opened goes first.
 */
interface OpenedView {
  view: BoardView
  /** The snapshot's `json` export, as JSON text. */
  state: string
  /** The diff against the live board as JSON text, and which stored state of that board it was made from. */
  diff?: { at: string; json: string }
}
const OPENED_KEPT = 8
const opened = new Map<string, OpenedView>()

function keepOpened(snapshotId: string, view: OpenedView): void {
  opened.delete(snapshotId)
  opened.set(snapshotId, view)
  while (opened.size > OPENED_KEPT) opened.delete(opened.keys().next().value as string)
}

/**
 * GET …/snapshots/:sid/changes: what changed on the board since the snapshot (diff.ts), and the
 * snapshot itself as the `json` export (`state`) — what the snapshot page shows, read once.
 */
export async function changes(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string, snapshotId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  // The store says whether it (still) exists, for this workshop: another instance may have deleted it.
  const record = (await ctx.deps.storage.listSnapshots(workshopId)).find((s) => s.id === snapshotId)
  if (!record) throw new HttpError(404, 'unknown snapshot')
  let view = opened.get(snapshotId)
  if (!view) {
    const docs = await openSnapshot(ctx, workshopId, snapshotId)
    try {
      view = { view: boardView(docs.board), state: JSON.stringify(workshopToJson(docs.board, docs.control)) }
    } finally {
      docs.destroy()
    }
  }
  keepOpened(snapshotId, view)
  // The live board straight from the store (write-through: an open room holds nothing the store
  // does not), decoded only when it changed since the kept diff: a room is not loaded (and
  // unloaded, compacting) for every opening of a snapshot of a workshop nobody has open.
  const stored = await ctx.deps.storage.loadDoc(workshopId, 'board')
  // Each accepted update raises lastSeq; a compaction keeps the content (and may change bytes).
  const at = `${stored.lastSeq}:${stored.bytes}`
  if (view.diff?.at !== at) {
    const live = docFromStored(stored, (error: unknown) => ctx.deps.log.error(`skipping an unreadable stored update of ${workshopId}`, error)).doc
    try {
      view.diff = { at, json: JSON.stringify(diffViews(view.view, boardView(live))) }
    } finally {
      live.destroy()
    }
  }
  // Put together as text: the kept parts are not parsed and written again.
  const body = `{"snapshot":${JSON.stringify(publicSnapshot(record))},"changes":${view.diff.json},"state":${view.state}}`
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' })
  res.end(body)
}

/**
 * POST …/snapshots/:sid/restore {title?}: a NEW workshop holding the snapshot's documents
 * (answered like POST /api/workshops); the live workshop is not touched.
 */
export async function restore(ctx: HttpContext, req: http.IncomingMessage, res: http.ServerResponse, workshopId: string, snapshotId: string): Promise<void> {
  await ctx.authorizeFacilitator(req, workshopId)
  if (!(await ctx.deps.limits.create(ctx.clientIp(req)))) throw new HttpError(429, 'too many workshops created from this address; try again in a minute')
  // Checked as POST /api/workshops checks its body: an object, a title of at most LIMITS.title.
  const parsed = parseBody(restoreBody, await readJson(req, ctx.deps.maxBodyBytes))
  if (!parsed.ok) throw new HttpError(400, parsed.error)
  const opened = await openSnapshot(ctx, workshopId, snapshotId)
  try {
    const workshop = await ctx.deps.storage.getWorkshop(workshopId)
    // The made-up title ("March (End of Define)") is cut to the limit; a given one was checked.
    const title = parsed.value.title ?? clip(`${workshop?.title ?? 'Workshop'} (${opened.snapshot.name})`, LIMITS.title)
    setMeta(opened.board, { title })
    const docs: { board: Uint8Array; control: Uint8Array } & Record<string, Uint8Array> = {
      board: Y.encodeStateAsUpdate(opened.board),
      control: Y.encodeStateAsUpdate(opened.control),
      ...(opened.data && { data: Y.encodeStateAsUpdate(opened.data) }),
    }
    await storeNewWorkshop(ctx, req, res, title, docs)
  } finally {
    opened.destroy()
  }
}
