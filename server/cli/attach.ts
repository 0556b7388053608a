/**
 * Attaching a month of data to a workshop's series from the command line — the logic behind
 *
 *   npm run data -- attach <workshopId> FILE.csv [--server URL] [--token T] [--name NAME]
 *
 * (`scripts/data.ts`, the data import's command, aggregates FILE.csv with the series' mapping
 * and calls `attachDataset`; an owner runs it monthly from a scheduler). Raw rows never leave
 * the machine: only the aggregates are sent.
 *
 * Design: the dataset goes THROUGH THE RUNNING SERVER (`POST /api/workshops/:id/series/datasets`
 * with the facilitator token of any workshop of the series), never into the SQLite file behind
 * its back: the server adds it to the data document of the series' latest workshop inside that
 * workshop's room, so it is stored, relayed to anyone connected and survives compaction (a row
 * written beside a live room would be overwritten by the room's next compaction). The server
 * checks the mapping against the series' last import and refuses (409) naming the columns that
 * differ; `attachDataset` also checks it first when given the expected mapping, so a scheduler
 * gets the same message without a round trip.
 *
 * Server and token: `--server` (else HORIZON_URL, else http://127.0.0.1:8080) and `--token`
 * (else HORIZON_TOKEN: the facilitator token, the part after `#token=` of the facilitator link).
 */
import type { Aggregates, ColumnMapping } from '../../shared/data/types'
import { mappingDifference } from '../../shared/continuous/mapping'

export interface AttachRequest {
  /** Base URL of the running server, e.g. http://127.0.0.1:8080. */
  server: string
  /** Facilitator token of `workshopId`. */
  token: string
  workshopId: string
  /** e.g. "Contact log July". */
  name: string
  fileName: string
  mapping: ColumnMapping
  aggregates: Aggregates
  /** Stage value → board stage id; the series' last one when left out. */
  stageMap?: Record<string, string>
  /** When known (the series' last import's mapping): checked before anything is sent. */
  expectedMapping?: ColumnMapping
}

export interface Attached {
  workshopId: string
  datasetId: string
  name: string
  /** "2026-07": the month of the data's first interaction. */
  period: string
}

/** A refusal with a message for the person (and an exit code for the command). */
export class AttachError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message)
  }
}

export async function attachDataset(request: AttachRequest, fetchImpl: typeof fetch = fetch): Promise<Attached> {
  if (request.expectedMapping) {
    const difference = mappingDifference(request.expectedMapping, request.mapping)
    if (difference !== undefined) throw new AttachError(`the columns differ from the series' last import: ${difference}; nothing was attached`)
  }
  const base = request.server.replace(/\/+$/, '')
  let response: Response
  try {
    response = await fetchImpl(`${base}/api/workshops/${encodeURIComponent(request.workshopId)}/series/datasets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${request.token}` },
      body: JSON.stringify({
        name: request.name,
        fileName: request.fileName,
        mapping: request.mapping,
        aggregates: request.aggregates,
        ...(request.stageMap && { stageMap: request.stageMap }),
      }),
    })
  } catch (error) {
    throw new AttachError(`cannot reach the Horizon server at ${base}: ${(error as Error).message}`)
  }
  const body = (await response.json().catch(() => ({}))) as Partial<Attached> & { error?: string }
  if (!response.ok) throw new AttachError(`the server refused the data (${response.status}): ${body.error ?? response.statusText}`)
  return body as Attached
}

/** Where to send it: flags first, then the environment, then the default local server. */
export function attachTarget(flags: { server?: string | undefined; token?: string | undefined }, env: NodeJS.ProcessEnv = process.env): { server: string; token: string } {
  const server = flags.server ?? env.HORIZON_URL ?? 'http://127.0.0.1:8080'
  const token = flags.token ?? env.HORIZON_TOKEN
  if (!token) throw new AttachError('a facilitator token is needed: --token T or HORIZON_TOKEN (the part after #token= of the facilitator link)', 2)
  return { server, token }
}

/** The line a command prints when it worked. */
export function attachedLine(result: Attached): string {
  return `attached "${result.name}" (${result.period}) to workshop ${result.workshopId} as dataset ${result.datasetId}`
}
