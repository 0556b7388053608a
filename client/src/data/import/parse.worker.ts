/**
 * The import's Web Worker: papaparse streams the File in chunks (never the whole file as one
 * string), each row goes through the shared reader into the streaming aggregator, and only
 * progress and, at the end, the aggregates go back to the page. The aggregator's state stays
 * here between the pass over the file and `finish` (after the facilitator mapped the stage
 * values), so the file is read once. Cancel terminates this worker.
 */
import Papa from 'papaparse'
import { DataError, dataErrorJson, isDataError } from '../../../../shared/data/errors'
import { checkHeaders, guessMapping, looksBinary } from '../../../../shared/data/mapping'
import { LogReader } from '../../../../shared/data/reader'
import { PREVIEW_ROWS, type FromWorker, type ToWorker } from './protocol'

/** Bytes per chunk: small enough for a lively progress bar, large enough to parse fast. */
const CHUNK_BYTES = 2 << 20

const post = (message: FromWorker) => postMessage(message)

function fail(error: unknown): void {
  const data = isDataError(error) ? error : new DataError('badCsv', { detail: error instanceof Error ? error.message : String(error) })
  post({ type: 'error', error: dataErrorJson(data) })
}

/** Refuses what is not a CSV text before parsing: an empty file, binary data. */
async function check(file: File): Promise<void> {
  if (file.size === 0) throw new DataError('empty')
  if (looksBinary(new Uint8Array(await file.slice(0, 8192).arrayBuffer()))) throw new DataError('binary')
}

let reader: LogReader | undefined

async function preview(file: File): Promise<void> {
  await check(file)
  Papa.parse<string[]>(file, {
    preview: PREVIEW_ROWS + 1,
    skipEmptyLines: 'greedy',
    complete(results) {
      const [header = [], ...rows] = results.data
      const headers = header.map((h) => h.replace(/^\uFEFF/, ''))
      try {
        checkHeaders(headers)
      } catch (error) {
        return fail(error)
      }
      post({ type: 'preview', headers, rows, delimiter: results.meta.delimiter, mapping: guessMapping(headers) })
    },
    error: fail,
  })
}

async function parse(file: File, message: Extract<ToWorker, { type: 'parse' }>): Promise<void> {
  await check(file)
  const log = new LogReader(message.mapping)
  reader = undefined
  let chunks = 0
  let failed = false
  Papa.parse<string[]>(file, {
    chunkSize: CHUNK_BYTES,
    chunk(results, parser) {
      try {
        const quote = results.errors.find((e) => e.type === 'Quotes')
        const rows = results.data
        for (let i = 0; i < rows.length; i++) {
          if (quote && quote.row === i) throw new DataError('badCsv', { row: log.nextRow, detail: quote.message })
          log.add(rows[i] as string[])
        }
        chunks++
        post({ type: 'progress', bytes: Math.min(file.size, chunks * CHUNK_BYTES), total: file.size, rows: log.rows })
      } catch (error) {
        failed = true
        parser.abort()
        fail(error)
      }
    },
    complete() {
      if (failed) return
      try {
        const stageValues = log.stageValues()
        reader = log
        post({ type: 'parsed', rows: log.rows, stageValues })
      } catch (error) {
        fail(error)
      }
    },
    error: fail,
  })
}

onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  if (message.type === 'preview') preview(message.file).catch(fail)
  else if (message.type === 'parse') parse(message.file, message).catch(fail)
  else {
    try {
      if (!reader) throw new DataError('noRows')
      post({ type: 'done', aggregates: reader.finish({ stageMap: message.stageMap, order: message.order }) })
    } catch (error) {
      fail(error)
    }
  }
}
