/**
 * Imports (POST /api/workshops/import) are prepared on a worker thread: parsing, validating and
 * building the documents of a large export takes long enough (mostly Yjs) that on the main
 * thread it would stall every live room (the figures: README "Export and import", JSON). The
 * worker answers with the two encoded documents to store, or with the 400 message. One worker,
 * started on the first import and kept (unref'd); imports queue for it in order. If it dies (out
 * of memory on a hostile file), that import fails with a 500 and the next one starts a new
 * worker.
 */
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'
import { parseWorkshopJson, workshopFromJson } from '../../shared/workshop-file/from-json'
import { readMeta } from '../../shared/board/meta'
import { cleanLine } from '../../shared/text'
import { createWorkshopBody, DEFAULT_WORKSHOP_TITLE, parseBody, parseJsonText } from '../../shared/validation'

export type PreparedImport =
  | { ok: true; title: string; board: Uint8Array; control: Uint8Array; data?: Uint8Array }
  | { ok: false; error: string }

/**
 * The body of an import, as bytes, to the documents of a new workshop. Pure: runs on the worker
 * (and anywhere else); every refusal is a message for a 400.
 */
export function prepareImport(bytes: Uint8Array): PreparedImport {
  const read = parseJsonText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))
  if (!read.ok) return read
  const body = read.value
  const parsed = parseWorkshopJson(body)
  if (!parsed.ok) return { ok: false, error: parsed.error }
  const json = parsed.value
  const rename = (body as { title?: unknown }).title
  if (rename !== undefined) {
    const checked = parseBody(createWorkshopBody.pick({ title: true }), { title: rename })
    if (!checked.ok) return { ok: false, error: checked.error }
    if (checked.value.title !== undefined) json.meta = { ...json.meta, title: checked.value.title }
  }
  // The file's own title is cleaned like one given to the API (a new title already is), and
  // like a created workshop, an imported one always has a title.
  const title = cleanLine(json.meta.title)
  json.meta = { ...json.meta, title: title === '' ? DEFAULT_WORKSHOP_TITLE : title }
  const board = new Y.Doc()
  const control = new Y.Doc()
  const data = new Y.Doc()
  try {
    workshopFromJson(json, board, control, data)
    // The data document (issue #12) only when the file had data.
    const dataDoc = json.data ? { data: Y.encodeStateAsUpdate(data) } : {}
    return { ok: true, title: readMeta(board).title, board: Y.encodeStateAsUpdate(board), control: Y.encodeStateAsUpdate(control), ...dataDoc }
  } finally {
    board.destroy()
    control.destroy()
    data.destroy()
  }
}

/** The worker's side: one message in (id, bytes), one out (id, PreparedImport). */
const WORKER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads'
const { register } = await import(workerData.tsx)
register()
const { prepareImport } = await import(workerData.importer)
parentPort.on('message', ({ id, bytes }) => {
  let result
  try {
    result = prepareImport(bytes)
  } catch (error) {
    result = { ok: false, error: 'the file could not be imported: ' + (error && error.message) }
  }
  parentPort.postMessage({ id, result }, result.ok ? [result.board.buffer, result.control.buffer, ...(result.data ? [result.data.buffer] : [])] : [])
})
`

/** tsx's ESM API (its `import` export; require.resolve finds the CommonJS twin beside it). */
const TSX_ESM_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href

export interface Importer {
  prepare(bytes: Uint8Array): Promise<PreparedImport>
  close(): Promise<void>
}

export class ImportWorkerError extends Error {}

export function createImporter(): Importer {
  let worker: Worker | undefined
  let nextId = 0
  const pending = new Map<number, { resolve(result: PreparedImport): void; reject(error: Error): void }>()

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
  }
  const start = (): Worker => {
    // This module, loaded through tsx (as `npm start` runs the server), whatever loader this
    // thread has.
    const started = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`), {
      workerData: { tsx: TSX_ESM_API, importer: import.meta.url },
    })
    started.unref()
    started.on('message', ({ id, result }: { id: number; result: PreparedImport }) => {
      const waiting = pending.get(id)
      pending.delete(id)
      waiting?.resolve(result)
      if (pending.size === 0) started.unref()
    })
    started.on('error', (error) => failAll(new ImportWorkerError(`the import worker failed: ${error.message}`)))
    started.on('exit', () => {
      if (worker === started) worker = undefined
      failAll(new ImportWorkerError('the import worker stopped'))
    })
    return started
  }

  return {
    prepare(bytes) {
      worker ??= start()
      const id = nextId++
      const running = worker
      return new Promise<PreparedImport>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        // Held open while it works for us, so a graceful shutdown waits for the answer.
        running.ref()
        const copy = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
        running.postMessage({ id, bytes: copy }, [copy.buffer as ArrayBuffer])
      })
    },
    async close() {
      const running = worker
      worker = undefined
      if (running) await running.terminate()
    },
  }
}
