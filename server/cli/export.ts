/**
 * Exports a workshop straight from the storage, for scripts and backups:
 *
 *   npm run export -- <workshopId> --format md|csv|json [--out FILE] [--data-dir DIR]
 *
 * With DATABASE_URL set (and no `--data-dir`), reads the PostgreSQL store the instances share,
 * in one read-only REPEATABLE READ transaction. Otherwise reads the SQLite database in DATA_DIR
 * (as the server does; `--data-dir` overrides it) read-only, so it is safe while a server is running: WAL lets a reader see the last committed
 * state without blocking the writer, and nothing is written. The documents are rebuilt from the
 * stored snapshot and log exactly as the server loads them.
 *
 * Exit codes: 0 done, 1 unknown workshop or unreadable storage, 2 bad arguments.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { isId } from '../../shared/ids'
import type { WorkshopJson } from '../../shared/workshop-file/format'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { migrateBoard, SchemaTooNewError } from '../../shared/board/migrations'
import { loadConfig } from '../config'
import { EXPORT_FORMAT_LIST, EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../exportFormats'
import { docFromStored } from '../storage/docLoader'
import { openSqliteReader, SQLITE_FILE, type StoreReader } from '../storage/sqlite'
import { openPostgresReader } from '../storage/postgres'
import type { StoredDoc } from '../storage/types'

/** What an export reads: the board, the facilitation and the data document (issue #12). */
const DOC_NAMES = ['board', 'control', 'data'] as const

const USAGE = 'usage: npm run export -- <workshopId> --format md|csv|json [--out FILE] [--data-dir DIR]'


class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message)
  }
}

interface Options {
  workshopId: string
  format: ExportFormat
  out: string | undefined
  dataDir: string
  /** PostgreSQL instead of DATA_DIR (DATABASE_URL, unless --data-dir is given). */
  databaseUrl: string | undefined
}

/**
 * Ids handed out before ids began with a letter or digit may begin with "-", which parseArgs
 * would read as short options. In the usage's own place (first) an id-shaped argument of full
 * length is the id; anywhere else such an id can follow "--".
 */
function idFirst(argv: string[]): string[] {
  const [first, ...rest] = argv
  if (first !== undefined && /^-[A-Za-z0-9_]/.test(first) && first.length >= 16 && isId(first)) return [...rest, '--', first]
  return argv
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: idFirst(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new CliError(2, `${(error as Error).message}\n${USAGE}`)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  if (positionals.length !== 1) throw new CliError(2, `${positionals.length === 0 ? 'missing the workshop id' : 'more than one workshop id'}\n${USAGE}`)
  const workshopId = positionals[0]!
  if (!isId(workshopId)) throw new CliError(2, `"${workshopId}" is not a workshop id\n${USAGE}`)
  const format = values.format
  if (format === undefined) throw new CliError(2, `missing --format\n${USAGE}`)
  if (!isExportFormat(format)) throw new CliError(2, `--format must be one of ${EXPORT_FORMAT_LIST} (got "${format}")\n${USAGE}`)
  if (values.out === '') throw new CliError(2, `--out needs a file name\n${USAGE}`)
  let dataDir: string
  let databaseUrl: string | undefined
  try {
    const config = loadConfig(process.env)
    dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : config.dataDir
    databaseUrl = values['data-dir'] ? undefined : config.databaseUrl
  } catch (error) {
    throw new CliError(2, (error as Error).message)
  }
  return { workshopId, format, out: values.out, dataDir, databaseUrl }
}

/**
 * The workshop as the server would load it, from its stored board, control and data documents.
 * Whoever can read the store is the workshop's owner, so the data section (issue #12: dataset
 * summary, aggregates, guess against the data per department, owners and targets) goes in as in
 * the facilitator's export from the app — the same `workshopToJson` and renderers.
 */
function workshopFromStored(workshopId: string, stored: Record<string, StoredDoc>): WorkshopJson {
  // The server skips an unreadable stored update the same way.
  const warn = (docName: string) => () => process.stderr.write(`warning: skipping an unreadable stored update of ${workshopId}/${docName}\n`)
  const board = docFromStored(stored.board!, warn('board')).doc
  const control = docFromStored(stored.control!, warn('control')).doc
  const data = stored.data ? docFromStored(stored.data, warn('data')).doc : undefined
  // As the server loads a board: an older schema is brought up to date (in memory only), a
  // newer one refused.
  try {
    migrateBoard(board)
  } catch (error) {
    if (error instanceof SchemaTooNewError) throw new CliError(1, error.message)
    throw error
  }
  return workshopToJson(board, control, data)
}

async function readFromPostgres(databaseUrl: string, workshopId: string): Promise<WorkshopJson> {
  const where = `PostgreSQL at ${new URL(databaseUrl).host}`
  const store = openPostgresReader(databaseUrl)
  try {
    if (!(await store.getWorkshop(workshopId))) throw new CliError(1, `unknown workshop ${workshopId} in ${where}`)
    return workshopFromStored(workshopId, await store.loadDocs(workshopId, DOC_NAMES))
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(1, `cannot read workshop ${workshopId} from ${where}: ${(error as Error).message}`)
  } finally {
    await store.close()
  }
}

function readWorkshop(dataDir: string, workshopId: string): WorkshopJson {
  const file = path.join(dataDir, SQLITE_FILE)
  if (!fs.existsSync(file)) throw new CliError(1, `no Horizon database at ${file} (set DATA_DIR or --data-dir)`)
  let store: StoreReader
  try {
    store = openSqliteReader(dataDir)
  } catch (error) {
    throw new CliError(1, `cannot open ${file}: ${(error as Error).message}`)
  }
  try {
    if (!store.getWorkshop(workshopId)) throw new CliError(1, `unknown workshop ${workshopId} in ${file}`)
    // The documents in one read transaction: a server writing meanwhile cannot split them.
    return workshopFromStored(workshopId, store.loadDocs(workshopId, DOC_NAMES))
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(1, `cannot read workshop ${workshopId} from ${file}: ${(error as Error).message}`)
  } finally {
    store.close()
  }
}

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv)
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const json = options.databaseUrl ? await readFromPostgres(options.databaseUrl, options.workshopId) : readWorkshop(options.dataDir, options.workshopId)
  const text = EXPORT_FORMATS[options.format].render(json)
  if (options.out === undefined) {
    process.stdout.write(text)
    return
  }
  const out = path.resolve(options.out)
  // Written next to the target and renamed over it: a reader never sees half a file.
  const temp = `${out}.${process.pid}.tmp`
  try {
    fs.writeFileSync(temp, text)
    fs.renameSync(temp, out)
  } catch (error) {
    fs.rmSync(temp, { force: true })
    throw new CliError(1, `cannot write ${out}: ${(error as Error).message}`)
  }
  process.stderr.write(`wrote ${out} (${Buffer.byteLength(text)} bytes, ${options.format})\n`)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n`)
    process.exitCode = error.exitCode
  } else {
    process.stderr.write(`export failed: ${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = 1
  }
})
