/**
 * `npm run bench`: every benchmark, a table on stdout and bench/results.json. Benchmarks are
 * measurements, not tests: nothing here fails on a time. `--smoke` runs tiny sizes (for CI);
 * `--only NAME` runs one; `--soak` adds the 10-minute soak (never part of the default run);
 * `--help` prints the usage line. Anything else is refused with the usage line (exit code 2).
 * Server benches run each server in a child process (bench/lib/server.ts) and clean up their
 * children and temp dirs (bench/lib/cleanup.ts) also on error and Ctrl-C.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import './lib/cleanup'
import type { Bench, BenchContext, BenchResult } from './lib/types'
import { renderingBench } from './rendering'
import { layoutBench } from './layout'
import { syncBench } from './sync'
import { cursorsBench } from './cursors'
import { churnBench } from './churn'
import { capacityBench } from './capacity'
import { roomsBench } from './rooms'
import { reconnectBench } from './reconnect'
import { soakBench } from './soak'
import { reliabilityBench } from './reliability'
import { peersBench } from './peers'
import { scaleoutBench } from './scaleout'
import { dataBench } from './data'
import { snapshotsBench } from './snapshots'

// Every stock WebsocketProvider in Node adds a process 'exit' listener; hundreds of them are the point here.
process.setMaxListeners(0)

const benches: Record<string, Bench> = {
  rendering: renderingBench,
  layout: layoutBench,
  sync: syncBench,
  cursors: cursorsBench,
  churn: churnBench,
  capacity: capacityBench,
  rooms: roomsBench,
  reconnect: reconnectBench,
  reliability: reliabilityBench,
  peers: peersBench,
  scaleout: scaleoutBench,
  data: dataBench,
  snapshots: snapshotsBench,
}

/** Run only when asked for: `--soak`, or `--only soak`. */
const optional: Record<string, Bench> = {
  soak: soakBench,
}

const all: Record<string, Bench> = { ...benches, ...optional }

const USAGE = `usage: npm run bench -- [--smoke] [--only ${Object.keys(all).join('|')}] [--soak]`

/** A bad command line: the message and the usage line, exit code 2. */
class UsageError extends Error {}

interface Options {
  smoke: boolean
  only: string | undefined
  soak: boolean
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        smoke: { type: 'boolean' },
        only: { type: 'string' },
        soak: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values } = parsed
  if (values.help) return 'help'
  const only = values.only
  if (only !== undefined && !(only in all)) throw new UsageError(`no bench "${only}"; there are: ${Object.keys(all).join(', ')}`)
  return { smoke: values.smoke ?? false, only, soak: values.soak ?? false }
}

function machine() {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  }
}

function table(results: BenchResult[]): string {
  const value = (v: number) => (Number.isInteger(v) ? String(v) : Math.abs(v) < 0.1 ? v.toPrecision(2) : v.toFixed(Math.abs(v) < 10 ? 2 : 1))
  const rows = results.map((r) => [r.name, `${value(r.value)} ${r.unit}`.trim(), r.goal ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO', r.note ?? ''])
  const header = ['benchmark', 'value', 'goal', 'met', 'note']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ')
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  if (options === 'help') {
    console.log(USAGE)
    return
  }
  const { smoke, only, soak } = options
  const ctx: BenchContext = { smoke, log: (m) => console.log(`  · ${m}`) }
  const facts = machine()
  console.log(`Horizon benchmarks${smoke ? ' (smoke sizes)' : ''} — ${facts.cores} cores (${facts.cpu}), ${facts.memoryGiB} GiB, Node ${facts.node}`)
  const results: BenchResult[] = []
  for (const [name, run] of Object.entries(all)) {
    if (only && only !== name) continue
    if (name in optional && !soak && only !== name) continue
    console.log(`\n▶ ${name}`)
    const started = Date.now()
    results.push(...(await run(ctx)))
    console.log(`  · ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  console.log(`\n${table(results)}\n`)
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json')
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), smoke, machine: facts, results }, null, 2) + '\n')
  console.log(`written to ${path.relative(process.cwd(), out)}`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`)
      process.exit(2)
    }
    console.error(error)
    process.exit(1)
  },
)
