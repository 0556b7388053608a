/**
 * `npm run data`: aggregates of the small fixture (tests/fixtures/contact-log-small.csv, made by
 * `npm run data -- generate --rows 400 --seed 12`), the JSON shape the issue prints, and the
 * exit codes: 0 done, 1 invalid data (named row and column), 2 usage error.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateContactLog } from '../../scripts/generate-contact-log'
import type { Aggregates } from '../../shared/data/types'
import { tempDir } from '../helpers/server'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const FIXTURE = 'tests/fixtures/contact-log-small.csv'

function data(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/data.ts', ...args], { cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

function file(name: string, text: string | Uint8Array): string {
  const at = path.join(tempDir('horizon-data-'), name)
  fs.writeFileSync(at, text)
  return at
}

const STAGES = 'Orientation,Purchase,Onboarding,Use,Service,Share experience'

// Each case starts a Node process with tsx (seconds each on a busy machine).
describe('npm run data -- aggregate', { timeout: 240_000 }, () => {
  it('prints the aggregates of the fixture in the shape of the issue', async () => {
    const run = await data(['aggregate', FIXTURE])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as Aggregates
    expect(Object.keys(result)).toEqual(['rows', 'customers', 'from', 'to', 'stages', 'touchpoints', 'transitions', 'segments'])
    expect(result.rows).toBe(400)
    expect(result.from).toMatch(/^2026-10-01T/)
    // Without --stages: the median position of first contacts gives the journey's order.
    expect(result.stages.map((s) => s.stage)).toEqual(STAGES.split(','))
    expect(Object.keys(result.stages[0]!)).toEqual(['stage', 'interactions', 'customers', 'csat', 'nps', 'repeatRate'])
    expect(Object.keys(result.touchpoints[0]!)).toEqual(['touchpoint', 'stage', 'interactions', 'customers', 'csat', 'nps', 'repeatRate'])
    expect(Object.keys(result.transitions[0]!)).toEqual(['from', 'to', 'customers', 'share', 'medianHours'])
    const counts = result.touchpoints.map((t) => t.interactions)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    expect(result.stages.reduce((s, x) => s + x.interactions, 0)).toBe(400)
    expect(result.segments?.map((s) => s.segment)).toEqual(['existing', 'new'])
    expect(result.segments!.reduce((s, x) => s + x.rows, 0)).toBe(400)
    // The file's own count of distinct customers.
    const lines = fs.readFileSync(path.join(root, FIXTURE), 'utf8').trim().split('\n').slice(1)
    expect(result.customers).toBe(new Set(lines.map((l) => l.split(',')[0])).size)
  })

  it('takes --stages for the order, --map to override a column, and --out', async () => {
    const out = path.join(tempDir('horizon-data-'), 'out.json')
    const reversed = STAGES.split(',').reverse().join(',')
    const run = await data(['aggregate', FIXTURE, '--stages', reversed, '--map', 'segment=', '--out', out])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    const result = JSON.parse(fs.readFileSync(out, 'utf8')) as Aggregates
    expect(result.stages.map((s) => s.stage)).toEqual(reversed.split(','))
    expect(result.transitions[0]).toMatchObject({ from: 'Share experience', to: 'Service' })
    expect(result.segments).toBeUndefined()
    const renamed = file('renamed.csv', fs.readFileSync(path.join(root, FIXTURE), 'utf8').replace('touchpoint', 'Contact topic (L1)'))
    const mapped = await data(['aggregate', renamed, '--map', 'touchpoint=Contact topic (L1)'])
    expect(mapped.code).toBe(0)
    expect((JSON.parse(mapped.stdout) as Aggregates).touchpoints.length).toBeGreaterThan(5)
  })

  it('recovers the generator’s ground truth: its top 10 and its repeat rates', async () => {
    const big = file('log.csv', generateContactLog({ rows: 30_000, seed: 3 }).join('\n') + '\n')
    const run = await data(['aggregate', big, '--stages', STAGES])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as Aggregates
    const { expectedRanking } = await import('../../scripts/generate-contact-log')
    const truth = expectedRanking()
    expect(new Set(result.touchpoints.slice(0, 10).map((t) => t.touchpoint))).toEqual(new Set(truth.slice(0, 10).map((t) => t.touchpoint)))
    for (const t of truth.slice(0, 5)) {
      const got = result.touchpoints.find((x) => x.touchpoint === t.touchpoint)!
      expect(Math.abs(got.repeatRate - t.repeatRate), t.touchpoint).toBeLessThan(0.04)
    }
  })

  it('exits 1 naming the row and column of invalid data', async () => {
    const header = 'customer_id,timestamp,stage,touchpoint,csat\n'
    const cases: Array<[string, string | Uint8Array, RegExp]> = [
      ['bad time', `${header}k1,2026-10-01 09:00,Buy,Web,4\nk2,2026-10-32 09:00,Buy,Web,4\n`, /row 3, column "timestamp": "2026-10-32 09:00" is not a date and time/],
      ['bad score', `${header}k1,2026-10-01 09:00,Buy,Web,4\n\nk2,2026-10-02 09:00,Buy,Web,7\n`, /row 4, column "csat": "7" is not a csat score \(a number from 1 to 5\)/],
      ['empty file', '', /the file is empty \(0 bytes\)/],
      ['header only', header, /the file has a header row but no data rows/],
      ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /not a CSV text file/],
      ['duplicate header', 'customer_id,timestamp,stage,touchpoint,stage\nk1,2026-10-01,A,B,C\n', /row 1, column "stage": the header "stage" appears more than once \(columns 3 and 5\)/],
      ['wrong separator', 'customer_id:timestamp:stage:touchpoint\nk1:2026-10-01:A:B\n', /read as a single column/],
      ['missing column', 'klant,tijdstip,touchpoint\nk1,2026-10-01,B\n', /no column is mapped to stage/],
      ['unclosed quote', `${header}k1,2026-10-01,Buy,"Web,4\n`, /row 2: the CSV is malformed/],
    ]
    for (const [name, text, message] of cases) {
      const run = await data(['aggregate', file('bad.csv', text)])
      expect(run.code, name).toBe(1)
      expect(run.stderr, name).toMatch(message)
      expect(run.stdout, name).toBe('')
    }
    const semicolons = file('semi.csv', 'customer_id;timestamp;stage;touchpoint\nk1;2026-10-01;A;B\n')
    expect((await data(['aggregate', semicolons])).code).toBe(0)
    const missing = await data(['aggregate', semicolons, '--map', 'csat=Score'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/column "Score" \(mapped to csat\) is not in the file; its columns are: "customer_id", "timestamp", "stage", "touchpoint"/)
    const notListed = await data(['aggregate', FIXTURE, '--stages', 'Orientation,Purchase'])
    expect(notListed.code).toBe(1)
    expect(notListed.stderr).toMatch(/the stage "Onboarding" \(first in row \d+\) is not mapped/)
  })

  it('exits 2 on usage errors', async () => {
    for (const args of [[], ['aggregate'], ['aggregate', 'nope.csv'], ['aggregate', FIXTURE, '--map', 'colour=x'], ['aggregate', FIXTURE, '--bogus'], ['frobnicate'], ['generate', '--rows', 'many']]) {
      const run = await data(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr, args.join(' ')).toMatch(/usage: npm run data/)
    }
  })
})

describe('npm run data -- generate', { timeout: 120_000 }, () => {
  it('writes the same file for the same seed, and another for another seed', async () => {
    const a = await data(['generate', '--rows', '50', '--seed', '5'])
    const b = await data(['generate', '--rows', '50', '--seed', '5'])
    const c = await data(['generate', '--rows', '50', '--seed', '6'])
    expect(a.code).toBe(0)
    expect(a.stdout).toBe(b.stdout)
    expect(a.stdout).not.toBe(c.stdout)
    expect(a.stdout.trim().split('\n')).toHaveLength(51)
  })
})
