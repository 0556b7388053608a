/**
 * `npm run export`: the CLI reads the SQLite store a real server wrote — while that server is
 * still running (WAL, read-only) and after it stopped — and prints or writes the same files as
 * the HTTP export. Bad arguments give a message and a non-zero exit code.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JIRA_HEADER } from '../../shared/workshop-file/jira'
import type { WorkshopJson } from '../../shared/workshop-file/format'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { addNote, listNotes } from '../../shared/board/note'
import * as Y from 'yjs'
import { openSqliteStorage } from '../../server/storage/sqlite'
import { richFixture, UNICODE } from '../helpers/fixture'
import { connect, createWorkshop, destroyAllClients, startTestServer, synced, tempDir, waitFor, type CreatedWorkshop, type TestServer } from '../helpers/server'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface Run {
  code: number
  stdout: string
  stderr: string
}

function runCli(args: string[], env: Record<string, string> = {}, command: string[] = [process.execPath, '--import', 'tsx', 'server/cli/export.ts']): Promise<Run> {
  const [file, ...prefix] = command as [string, ...string[]]
  return new Promise((resolve) => {
    execFile(file, [...prefix, ...args], { cwd: root, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

function exportOverHttp(server: TestServer, workshop: CreatedWorkshop, format: string): Promise<string> {
  return fetch(`${server.url}/api/workshops/${workshop.id}/export?format=${format}`, {
    headers: { Authorization: `Bearer ${workshop.viewerToken}` },
  }).then(async (response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()))
}

let server: TestServer
let rich: CreatedWorkshop
let live: CreatedWorkshop
let source: WorkshopJson
let outDir: string

beforeAll(async () => {
  server = await startTestServer()
  outDir = tempDir('horizon-cli-out-')
  const fixture = richFixture()
  source = workshopToJson(fixture.board, fixture.control)
  const response = await fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(source) })
  rich = (await response.json()) as CreatedWorkshop
  // A workshop whose last edits sit in the update log (the client stays connected: no
  // compaction on leave).
  live = await createWorkshop(server.url, { title: 'Live one' })
  const client = connect(server.wsUrl, live.id, 'board', live.facilitatorToken)
  await synced(client)
  addNote(client.doc, { text: 'written just now, "live"', x: 0, y: 0 })
  await waitFor(async () => (await exportOverHttp(server, live, 'json')).includes('written just now'), { message: 'note stored' })
})

afterAll(async () => {
  destroyAllClients()
  await server?.close()
})

describe('npm run export', () => {
  it('prints md, csv and json identical to the HTTP export, while the server is running', async () => {
    const env = { DATA_DIR: server.dataDir }
    const [md, csv, json] = await Promise.all(['md', 'csv', 'json'].map((format) => runCli([rich.id, '--format', format], env)))
    for (const run of [md!, csv!, json!]) expect(run.stderr).toBe('')
    expect(md).toMatchObject({ code: 0, stdout: await exportOverHttp(server, rich, 'md') })
    expect(md!.stdout).toContain(`# ${UNICODE}\n`)
    expect(csv).toMatchObject({ code: 0, stdout: await exportOverHttp(server, rich, 'csv') })
    expect((parse(csv!.stdout, { bom: true }) as string[][])[0]).toEqual(JIRA_HEADER)
    expect(json!.code).toBe(0)
    expect(JSON.parse(json!.stdout)).toStrictEqual(source)

    // The board with uncompacted updates in the log, read while its client is still connected.
    const liveRun = await runCli([live.id, '--format=json'], env)
    expect(liveRun.code).toBe(0)
    const liveJson = JSON.parse(liveRun.stdout) as WorkshopJson
    expect(liveJson.meta.title).toBe('Live one')
    expect(liveJson.notes.map((n) => n.text)).toEqual(['written just now, "live"'])
  })

  it('writes --out FILE and says so on stderr; --data-dir instead of DATA_DIR', async () => {
    const out = path.join(outDir, 'stories.csv')
    const run = await runCli([rich.id, '-f', 'csv', '--out', out, '--data-dir', server.dataDir], { DATA_DIR: '/nonexistent' })
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(new RegExp(`^wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ bytes, csv\\)\\n$`))
    const text = fs.readFileSync(out, 'utf8')
    expect(text).toBe(await exportOverHttp(server, rich, 'csv'))
    expect(text.endsWith('\r\n')).toBe(true)
    // Run again: the file is replaced, and no temporary file is left behind.
    const md = await runCli([rich.id, '--format', 'md', '-o', out], { DATA_DIR: server.dataDir })
    expect(md.code).toBe(0)
    expect(fs.readFileSync(out, 'utf8')).toBe(await exportOverHttp(server, rich, 'md'))
    expect(fs.readdirSync(outDir)).toEqual(['stories.csv'])
  })

  it('works through the npm script', async () => {
    const run = await runCli(['--silent', 'export', '--', rich.id, '--format', 'json'], { DATA_DIR: server.dataDir }, ['npm', 'run'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toStrictEqual(source)
  })

  it('answers bad arguments with usage and exit 2, an unknown workshop or store with exit 1', async () => {
    const env = { DATA_DIR: server.dataDir }
    const cases: [string, string[], Record<string, string>, number, RegExp][] = [
      ['no arguments', [], env, 2, /missing the workshop id\nusage: npm run export -- <workshopId> --format md\|csv\|json/],
      ['no format', [rich.id], env, 2, /missing --format/],
      ['unknown format', [rich.id, '--format', 'xls'], env, 2, /--format must be one of md, csv, json \(got "xls"\)/],
      ['unknown option', [rich.id, '--format', 'md', '--verbose'], env, 2, /Unknown option '--verbose'[\s\S]*usage:/],
      ['two ids', [rich.id, live.id, '--format', 'md'], env, 2, /more than one workshop id/],
      ['not an id', ['../../etc/passwd', '--format', 'md'], env, 2, /is not a workshop id/],
      ['empty --out', [rich.id, '--format', 'md', '--out', ''], env, 2, /--out needs a file name/],
      ['unknown workshop', ['NoSuchWorkshop42', '--format', 'md'], env, 1, /^unknown workshop NoSuchWorkshop42 in .*horizon\.sqlite\n$/],
      ['no database', [rich.id, '--format', 'md'], { DATA_DIR: path.join(outDir, 'empty-dir') }, 1, /^no Horizon database at .*horizon\.sqlite \(set DATA_DIR or --data-dir\)\n$/],
      ['unwritable --out', [rich.id, '--format', 'md', '--out', path.join(outDir, 'missing-dir', 'x.md')], env, 1, /^cannot write .*x\.md: ENOENT/],
    ]
    const runs = await Promise.all(cases.map(([, args, caseEnv]) => runCli(args, caseEnv)))
    cases.forEach(([name, , , code, message], i) => {
      const run = runs[i]!
      expect(run.code, name).toBe(code)
      expect(run.stdout, name).toBe('')
      expect(run.stderr, name).toMatch(message)
    })
    expect(fs.existsSync(path.join(outDir, 'empty-dir'))).toBe(false)
    const help = await runCli(['--help'])
    expect(help).toMatchObject({ code: 0, stdout: 'usage: npm run export -- <workshopId> --format md|csv|json [--out FILE] [--data-dir DIR]\n' })
  })

  it('takes a workshop id that begins with "-" (as ids handed out before could) first or after "--"', async () => {
    const dataDir = tempDir()
    const storage = openSqliteStorage(dataDir)
    const fixture = richFixture()
    const id = '-Ab3_x-9QrStUvWx'
    await storage.createWorkshop({ id, title: 'Old id', joinCode: 'ABCDEF', createdAt: 1 }, { board: Y.encodeStateAsUpdate(fixture.board), control: Y.encodeStateAsUpdate(fixture.control) })
    await storage.close()
    const env = { DATA_DIR: dataDir }
    const runs = await Promise.all([runCli([id, '--format', 'json'], env), runCli(['--format', 'json', '--', id], env), runCli(['--format=json', id], env)])
    for (const run of runs.slice(0, 2)) {
      expect(run.code, run.stderr).toBe(0)
      expect(JSON.parse(run.stdout)).toStrictEqual(workshopToJson(fixture.board, fixture.control))
    }
    // Elsewhere than first and without "--" it is an option, and the message says so.
    expect(runs[2]).toMatchObject({ code: 2, stdout: '' })
    expect(runs[2]!.stderr).toMatch(/Unknown option '-A'[\s\S]*usage:/)
  })

  it('reads the store after the server has stopped, the same as before', async () => {
    const dataDir = tempDir()
    const own = await startTestServer({ dataDir })
    const created = (await (await fetch(`${own.url}/api/workshops/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(source) })).json()) as CreatedWorkshop
    const client = connect(own.wsUrl, created.id, 'board', created.facilitatorToken)
    await synced(client)
    expect(listNotes(client.doc)).toHaveLength(source.notes.length)
    addNote(client.doc, { text: 'last words', x: 0, y: 0, createdAt: 9_999_999 })
    await waitFor(async () => (await exportOverHttp(own, created, 'json')).includes('last words'), { message: 'note stored' })
    const whileRunning = await runCli([created.id, '--format', 'json'], { DATA_DIR: dataDir })
    expect(whileRunning.code, whileRunning.stderr).toBe(0)
    client.destroy()
    await own.close()
    const afterStop = await runCli([created.id, '--format', 'json'], { DATA_DIR: dataDir })
    expect(afterStop.code, afterStop.stderr).toBe(0)
    expect(afterStop.stdout).toBe(whileRunning.stdout)
    const json = JSON.parse(afterStop.stdout) as WorkshopJson
    expect(json.notes.at(-1)?.text).toBe('last words')
    expect({ ...json, notes: json.notes.slice(0, -1) }).toStrictEqual(source)
  })
})
