/**
 * `npm run data -- attach <workshopId> FILE.csv` (issue #13): the command aggregates the file on
 * this machine and the running server adds the aggregates — never a row — to the series' data,
 * stages named by the board's stages the series mapped them to; a file whose columns differ
 * from the series' last import is refused naming them, and nothing is added.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { listStages } from '../../shared/board/stage'
import { addDataset, readDatasets } from '../../shared/data/data-doc'
import { connect, createWorkshop, serverSuite, synced, waitFor } from '../helpers/server'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const FIXTURE = 'tests/fixtures/contact-log-small.csv'

function data(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/data.ts', ...args], { cwd: root, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

describe('npm run data -- attach', { timeout: 240_000 }, () => {
  const servers = serverSuite()

  it('adds a month of aggregates to the series, stages named as the board names them; refuses other columns', async () => {
    const server = await servers.start()
    const workshop = await createWorkshop(server.url)
    const board = connect(server.wsUrl, workshop.id, 'board', workshop.facilitatorToken)
    const dataClient = connect(server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
    await Promise.all([synced(board), synced(dataClient)])
    const stages = listStages(board.doc)
    const service = stages.find((s) => s.title === 'Service')!
    // The series' last import (as the browser's import writes it): the file's "Service" is the board's Service.
    const header = fs.readFileSync(FIXTURE, 'utf8').split('\n')[0]!.split(',')
    const mapping = { customer: 'customer_id', time: 'timestamp', stage: 'stage', touchpoint: 'touchpoint', channel: 'channel', department: 'department', csat: 'csat', nps: 'nps', segment: 'segment' }
    expect(header).toEqual(Object.values(mapping))
    addDataset(
      dataClient.doc,
      { id: 'march0000000', name: 'March', fileName: 'march.csv', importedAt: 1, mapping, stageMap: Object.fromEntries(stages.map((s) => [s.title, s.id])), aggregates: { rows: 0, customers: 0, from: null, to: null, stages: [], touchpoints: [], transitions: [] } },
      { replace: false },
    )
    await waitFor(async () => {
      const check = connect(server.wsUrl, workshop.id, 'data', workshop.facilitatorToken)
      await synced(check)
      const n = readDatasets(check.doc).length
      check.destroy()
      return n === 1
    })
    const env = { HORIZON_URL: server.url, HORIZON_TOKEN: workshop.facilitatorToken }

    const attached = await data(['attach', workshop.id, FIXTURE, '--name', 'Contact log October'], env)
    expect(attached.stderr).toBe('')
    expect(attached.code).toBe(0)
    expect(attached.stdout).toMatch(/^attached "Contact log October" \(2026-10\) to workshop /)
    await waitFor(() => readDatasets(dataClient.doc).length === 2, { timeout: 10_000, message: 'the attached dataset never arrived' })
    const october = readDatasets(dataClient.doc).find((d) => d.name === 'Contact log October')!
    expect(october.fileName).toBe('contact-log-small.csv')
    expect(october.aggregates.rows).toBe(400)
    expect(october.aggregates.stages.map((s) => s.stage)).toContain(service.title)
    expect(JSON.stringify(october)).not.toMatch(/C\d{7}/) // no customer id reached the workshop

    // Other columns: refused, naming the column, nothing added.
    const refused = await data(['attach', workshop.id, FIXTURE, '--map', 'csat='], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/csat/)
    expect(refused.stderr).toMatch(/nothing was attached/)
    // No token: a usage error.
    const noToken = await data(['attach', workshop.id, FIXTURE], { HORIZON_URL: server.url, HORIZON_TOKEN: '' })
    expect(noToken.code).toBe(2)
    await new Promise((r) => setTimeout(r, 300))
    expect(readDatasets(dataClient.doc)).toHaveLength(2)
  })
})
