/**
 * `npm run data -- …`: contact logs on the command line, with the aggregation code the browser
 * uses (shared/data).
 *
 *   aggregate FILE.csv [--map field=Header]... [--stages A,B,C] [--out FILE]
 *     The aggregates as JSON (stdout, or FILE). Columns are guessed from the header; --map
 *     overrides one field (customer, time, stage, touchpoint, channel, department, csat, nps,
 *     segment). --stages lists the stage values in journey order (a value not listed is an
 *     error); without it stages are ordered by the median position of their first contact in
 *     each customer's timeline. The file is streamed (papaparse on a Node stream), never read
 *     whole.
 *   generate [--rows N] [--seed S] [--out FILE]
 *     A synthetic log with a known ground truth (scripts/generate-contact-log.ts).
 *   attach WORKSHOP_ID FILE.csv [--map field=Header]... [--name NAME] [--server URL] [--token T]
 *     Aggregates FILE.csv here and sends only the aggregates to the running server, which adds
 *     them as a new dataset of the workshop's series (server/cli/attach.ts): the mapping must
 *     equal the series' last import's. --server defaults to HORIZON_URL, then
 *     http://127.0.0.1:8080; --token to HORIZON_TOKEN (the facilitator link's token).
 *
 * Exit codes: 0 done, 1 invalid data (the message names the row and column), 2 usage error.
 */
import fs from 'node:fs'
import path from 'node:path'
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import Papa from 'papaparse'
import { DataError } from '../shared/data/errors'
import { guessMapping, looksBinary } from '../shared/data/mapping'
import { LogReader } from '../shared/data/reader'
import { DATA_FIELDS, type Aggregates, type ColumnMapping, type DataField } from '../shared/data/types'
import { attachDataset, attachedLine, AttachError, attachTarget } from '../server/cli/attach'
import { generateContactLog } from './generate-contact-log'

const USAGE = `usage: npm run data -- aggregate FILE.csv [--map field=Header]... [--stages A,B,C] [--out FILE]
       npm run data -- generate [--rows N] [--seed S] [--out FILE]
       npm run data -- attach WORKSHOP_ID FILE.csv [--map field=Header]... [--name NAME] [--server URL] [--token T]
fields: ${DATA_FIELDS.join(', ')}`

class UsageError extends Error {}

/** The first bytes of `file`, to tell binary files from text before parsing. */
function head(file: string, size = 8192): Uint8Array {
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(size)
    const read = fs.readSync(fd, buffer, 0, size, 0)
    return buffer.subarray(0, read)
  } finally {
    fs.closeSync(fd)
  }
}

/** The header row of `file` (papaparse's delimiter detection on the first 64 KiB). */
function headerOf(file: string): string[] {
  const text = new TextDecoder().decode(head(file, 65536))
  const firstLines = text.split(/\r?\n/).slice(0, 20).join('\n')
  return (Papa.parse<string[]>(firstLines, { preview: 1 }).data[0] ?? []).map((h) => h.replace(/^\uFEFF/, ''))
}

/** Streams `file` through papaparse into a LogReader with `mapping`. */
export async function aggregateFile(file: string, mapping: ColumnMapping, order?: readonly string[]): Promise<Aggregates> {
  const stat = fs.statSync(file)
  if (stat.size === 0) throw new DataError('empty')
  if (looksBinary(head(file))) throw new DataError('binary')
  const reader = new LogReader(mapping)
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })
  await new Promise<void>((resolve, reject) => {
    let failed = false
    Papa.parse<string[]>(stream, {
      chunk(results, parser) {
        if (failed) return
        try {
          const quote = results.errors.find((e) => e.type === 'Quotes')
          for (let i = 0; i < results.data.length; i++) {
            if (quote && quote.row === i) throw new DataError('badCsv', { row: reader.nextRow, detail: quote.message })
            reader.add(results.data[i] as string[])
          }
        } catch (error) {
          failed = true
          parser.abort()
          stream.destroy()
          reject(error)
        }
      },
      complete: () => {
        if (!failed) resolve()
      },
      error: (error: Error) => reject(error),
    })
  })
  return reader.finish(order ? { order } : {})
}

function parseMaps(maps: string[], file: string): ColumnMapping {
  const mapping = guessMapping(headerOf(file))
  for (const entry of maps) {
    const eq = entry.indexOf('=')
    const field = entry.slice(0, eq).trim() as DataField
    if (eq < 1 || !DATA_FIELDS.includes(field)) throw new UsageError(`--map takes field=Header with a field of: ${DATA_FIELDS.join(', ')} (got "${entry}")`)
    const header = entry.slice(eq + 1)
    if (header === '') delete mapping[field]
    else mapping[field] = header
  }
  return mapping
}

async function write(out: string | undefined, text: string): Promise<void> {
  if (out) fs.writeFileSync(out, text)
  else if (!process.stdout.write(text)) await once(process.stdout, 'drain')
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h') {
    if (command === undefined) throw new UsageError('no command')
    console.log(USAGE)
    return
  }
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: {
        map: { type: 'string', multiple: true },
        stages: { type: 'string' },
        out: { type: 'string' },
        rows: { type: 'string' },
        seed: { type: 'string' },
        name: { type: 'string' },
        server: { type: 'string' },
        token: { type: 'string' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (command === 'aggregate') {
    if (positionals.length !== 1) throw new UsageError('aggregate takes one FILE.csv')
    if (values.rows !== undefined || values.seed !== undefined) throw new UsageError('--rows and --seed are options of generate')
    const file = positionals[0] as string
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file: ${file}`)
    const mapping = parseMaps(values.map ?? [], file)
    const order = values.stages?.split(',').map((s) => s.trim()).filter((s) => s !== '')
    if (order !== undefined && order.length === 0) throw new UsageError('--stages takes a comma-separated list of stage values')
    const aggregates = await aggregateFile(file, mapping, order)
    await write(values.out, JSON.stringify(aggregates, null, 2) + '\n')
    return
  }
  if (command === 'generate') {
    if (positionals.length > 0 || values.map || values.stages) throw new UsageError('generate takes only --rows, --seed and --out')
    const rows = Number(values.rows ?? 10_000)
    const seed = Number(values.seed ?? 1)
    if (!Number.isInteger(rows) || rows < 1 || rows > 20_000_000) throw new UsageError('--rows takes a whole number from 1 to 20,000,000')
    if (!Number.isInteger(seed)) throw new UsageError('--seed takes a whole number')
    const text = generateContactLog({ rows, seed }).join('\n') + '\n'
    await write(values.out, text)
    return
  }
  if (command === 'attach') {
    if (positionals.length !== 2) throw new UsageError('attach takes WORKSHOP_ID and FILE.csv')
    const [workshopId, file] = positionals as [string, string]
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file: ${file}`)
    let target
    try {
      target = attachTarget({ server: values.server, token: values.token })
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
    const mapping = parseMaps(values.map ?? [], file)
    const aggregates = await aggregateFile(file, mapping)
    const fileName = path.basename(file)
    const result = await attachDataset({ ...target, workshopId, name: values.name ?? fileName.replace(/\.csv$/i, ''), fileName, mapping, aggregates })
    console.log(attachedLine(result))
    return
  }
  throw new UsageError(`unknown command "${command}"`)
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() as string)
if (isMain) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${error.message}\n${USAGE}`)
        process.exit(2)
      }
      if (error instanceof AttachError) {
        console.error(error.message)
        process.exit(error.exitCode)
      }
      if (error instanceof DataError) {
        console.error(`invalid data: ${error.message}`)
        process.exit(1)
      }
      console.error(error)
      process.exit(1)
    },
  )
}
