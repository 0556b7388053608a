/**
 * The data in the workshop file (issue #12) over HTTP against a real server: the facilitator's
 * JSON and Markdown carry the dataset summary, the aggregates, the guess-vs-data table per
 * department and owners/targets; a participant's carries none of the data before the reveal;
 * importing the JSON makes a workshop whose data document and guesses give the same export.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setDepartments, setFlag } from '../../shared/facilitation/control'
import { addDataset, readDatasets, setKeyTouchpoint, setMatch } from '../../shared/data/data-doc'
import { setGuess } from '../../shared/data/guesses'
import { setPersonDepartment } from '../../shared/board/person'
import type { WorkshopJson } from '../../shared/workshop-file/format'
import { connect, createWorkshop, destroyAllClients, joinWorkshop, startTestServer, synced, waitFor, type CreatedWorkshop, type TestServer } from '../helpers/server'
import { dataset } from '../helpers/dataset'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  destroyAllClients()
  await server.close()
})

async function exportAs(workshopId: string, format: 'md' | 'json', token: string) {
  const response = await fetch(`${server.url}/api/workshops/${workshopId}/export?format=${format}`, { headers: { Authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
  return response.text()
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** `npm run export -- <id> --format F` against the test server's SQLite store: its stdout. */
function exportByCli(dataDir: string, workshopId: string, format: 'md' | 'json'): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/cli/export.ts', workshopId, '--format', format], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    )
  })
}

async function participant(workshop: CreatedWorkshop, name: string, department: string, guess: string[]) {
  const joined = await joinWorkshop(server.url, workshop, name)
  const board = connect(server.wsUrl, workshop.id, 'board', joined.token)
  await synced(board)
  setPersonDepartment(board.doc, joined.participantId, name, department)
  setGuess(board.doc, joined.participantId, guess)
  return { ...joined, board }
}

describe('data in the export and the import', () => {
  it('exports the data to the facilitator (and to everyone after the reveal) and imports it back', async () => {
    const workshop = await createWorkshop(server.url)
    const control = connect(server.wsUrl, workshop.id, 'control', workshop.facilitatorToken)
    const data = connect(server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    await Promise.all([synced(control), synced(data), synced(board)])
    setDepartments(control.doc, ['Sales', 'Service'])
    const ann = await participant(workshop, 'Ann', 'Service', ['Phone', 'e-mail', 'Chat'])
    await participant(workshop, 'Bob', 'Sales', ['Letter', 'Phone'])
    addDataset(data.doc, dataset('october'), { replace: false })
    setMatch(data.doc, 'e-mail', 'Email')
    setKeyTouchpoint(data.doc, 'Phone', { owner: 'Service', target: 'repeat rate < 10 %', metric: 'repeatRate', comparator: '<', value: 0.1 })
    await waitFor(async () => ((JSON.parse(await exportAs(workshop.id, 'json', workshop.facilitatorToken)) as WorkshopJson).data?.guesses.length ?? 0) === 2, { message: 'guesses stored' })

    const json = JSON.parse(await exportAs(workshop.id, 'json', workshop.facilitatorToken)) as WorkshopJson
    expect(json.data?.datasets.map((d) => d.name)).toEqual(['Contact log October'])
    expect(json.data?.keyTouchpoints).toEqual([{ touchpoint: 'Phone', owner: 'Service', target: 'repeat rate < 10 %', metric: 'repeatRate', comparator: '<', value: 0.1 }])
    expect(json.data?.guesses).toEqual(expect.arrayContaining([{ department: 'Service', items: ['Phone', 'e-mail', 'Chat'] }, { department: 'Sales', items: ['Letter', 'Phone'] }]))
    const comparison = json.data?.comparison as { departments: Array<{ name: string; found: number }> }
    expect(comparison.departments.map((d) => [d.name, d.found])).toEqual([
      ['Sales', 1],
      ['Service', 3],
    ])
    // No participant id or name in the guesses.
    expect(JSON.stringify(json.data)).not.toContain(ann.participantId)

    const md = await exportAs(workshop.id, 'md', workshop.facilitatorToken)
    expect(md).toContain('## Data and the room’s guess')
    expect(md).toContain('**Contact log October** (contacts-october.csv): 7800 rows, 400 customers, 2026-10-01 – 2026-10-31.')
    expect(md).toContain('| Service | 1 | 3 of 10 |')
    expect(md).toContain('| Sales | 1 | 1 of 10 |')
    expect(md).toContain('| Phone | Service | repeat rate \\< 10 % |')

    // The command line's export has the same data section: the same files as the facilitator's.
    const [cliMd, cliJson] = await Promise.all([exportByCli(server.dataDir, workshop.id, 'md'), exportByCli(server.dataDir, workshop.id, 'json')])
    expect(cliMd).toEqual({ code: 0, stdout: md, stderr: '' })
    expect(cliJson.code).toBe(0)
    expect(JSON.parse(cliJson.stdout)).toEqual(json)

    // A participant's export before the reveal: its own board's guesses, nothing of the data.
    const before = await exportAs(workshop.id, 'json', ann.token)
    expect(before).not.toContain('Contact log October')
    expect(before).not.toContain('repeat rate < 10 %')
    setFlag(control.doc, 'dataRevealed', true)
    await waitFor(async () => (await exportAs(workshop.id, 'json', ann.token)).includes('Contact log October'), { message: 'after the reveal' })

    // Import: a new workshop with the data document and the guesses; its export is the same.
    const response = await fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(json) })
    expect(response.status).toBe(201)
    const imported = (await response.json()) as CreatedWorkshop
    const importedData = connect(server.wsUrl, imported.id, 'data', imported.facilitatorToken)
    await synced(importedData)
    expect(readDatasets(importedData.doc)).toEqual(readDatasets(data.doc))
    const again = JSON.parse(await exportAs(imported.id, 'json', imported.facilitatorToken)) as WorkshopJson
    expect(again.data?.datasets).toEqual(json.data?.datasets)
    expect(again.data?.keyTouchpoints).toEqual(json.data?.keyTouchpoints)
    expect(again.data?.matches).toEqual(json.data?.matches)
    expect(again.data?.guesses).toEqual(expect.arrayContaining(json.data?.guesses ?? []))
    expect(again.data?.comparison).toEqual(json.data?.comparison)
    expect(again.control.departments).toEqual(['Sales', 'Service'])

    // A file from before issue #12 (no data, no departments, no dataRevealed) still imports.
    const { data: _data, ...old } = json
    const oldControl = { ...old.control } as Record<string, unknown>
    delete oldControl.departments
    delete oldControl.dataRevealed
    const legacy = await fetch(`${server.url}/api/workshops/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...old, control: oldControl }) })
    expect(legacy.status).toBe(201)
  })
})
