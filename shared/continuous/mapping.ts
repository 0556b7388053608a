/**
 * Attaching a month of data to a series (`npm run data -- attach`): the new file must be read
 * with the same column mapping as the series' last import, or its figures would not be
 * comparable. `mappingDifference` names what differs; `attachBody` checks what the command sends
 * (aggregates only: raw rows never reach the server).
 */
import { z } from 'zod'
import { DATA_FIELDS, type ColumnMapping } from '../data/types'

/** A readable list of the fields mapped differently, or undefined when the mappings agree. */
export function mappingDifference(expected: ColumnMapping, given: ColumnMapping): string | undefined {
  const parts: string[] = []
  for (const field of DATA_FIELDS) {
    const was = expected[field]
    const now = given[field]
    if (was === now) continue
    if (was === undefined) parts.push(`${field}: not mapped in the last import, "${now}" now`)
    else if (now === undefined) parts.push(`${field}: "${was}" in the last import, not mapped now`)
    else parts.push(`${field}: "${was}" in the last import, "${now}" now`)
  }
  return parts.length === 0 ? undefined : parts.join('; ')
}

const num = z.number().finite()
const share = z.number().min(0).max(1)
const score = num.nullable()
const stage = z.object({ stage: z.string().max(200), interactions: num.min(0), customers: num.min(0), csat: score, nps: score, repeatRate: share })
const tables = {
  rows: num.min(0),
  customers: num.min(0),
  stages: z.array(stage).max(500),
  touchpoints: z.array(stage.extend({ touchpoint: z.string().max(200) })).max(5000),
  transitions: z.array(z.object({ from: z.string().max(200), to: z.string().max(200), customers: num.min(0), share, medianHours: num.nullable() })).max(500),
}

export const aggregatesSchema = z.object({
  ...tables,
  from: z.string().max(40).nullable(),
  to: z.string().max(40).nullable(),
  segments: z.array(z.object({ ...tables, segment: z.string().max(200) })).max(50).optional(),
})

export const mappingSchema = z.partialRecord(z.enum(DATA_FIELDS), z.string().max(200))

export const attachBody = z.object({
  name: z.string().trim().min(1, { error: 'name must not be empty' }).max(200),
  fileName: z.string().max(500).default(''),
  mapping: mappingSchema,
  stageMap: z
    .record(z.string().max(200), z.string().max(64))
    .refine((map) => Object.keys(map).length <= 500, { error: 'stageMap holds at most 500 stage values' })
    .optional(),
  aggregates: aggregatesSchema,
})
export type AttachBody = z.infer<typeof attachBody>
