/**
 * The `json` export, a whole workshop as one JSON value: its shape (built from the record kinds'
 * schemas, so the export type and the import validator are one declaration) and the most records
 * of each kind an import may carry.
 */
import { z } from 'zod'
import { clusterRecord } from '../board/cluster'
import { emotionsSchema } from '../board/emotion'
import { laneRecord } from '../board/lane'
import { metaRecord, SCHEMA_VERSION } from '../board/meta'
import { noteRecord } from '../board/note'
import { stageRecord } from '../board/stage'
import { roadmapItemRecord } from '../deliver/roadmap'
import { storyRecord } from '../deliver/story'
import { controlRecord } from '../facilitation/control'
import { listSchema } from '../record-fields'
import { roundRecord } from '../voting/round'
import { voteSchema } from '../voting/vote'
import { dataExportSchema } from './data-section'

export const EXPORT_FORMAT = 'horizon-workshop'

/** Most records of each kind an import may carry (far above any real workshop). */
export const IMPORT_LIMITS = {
  stages: 500,
  lanes: 500,
  notes: 100_000,
  clusters: 10_000,
  votes: 500_000,
  roadmap: 10_000,
  stories: 10_000,
  rounds: 1_000,
} as const

/** The shape of an exported workshop. Unknown keys are dropped (a later version may add some). */
export const workshopJsonSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  schemaVersion: z.int().min(1).max(SCHEMA_VERSION),
  meta: metaRecord.schema,
  stages: listSchema(stageRecord.schema, IMPORT_LIMITS.stages),
  lanes: listSchema(laneRecord.schema, IMPORT_LIMITS.lanes),
  notes: listSchema(noteRecord.schema, IMPORT_LIMITS.notes),
  clusters: listSchema(clusterRecord.schema, IMPORT_LIMITS.clusters),
  emotions: emotionsSchema,
  votes: listSchema(voteSchema, IMPORT_LIMITS.votes),
  roadmap: listSchema(roadmapItemRecord.schema, IMPORT_LIMITS.roadmap),
  stories: listSchema(storyRecord.schema, IMPORT_LIMITS.stories),
  control: controlRecord.schema,
  rounds: listSchema(roundRecord.schema, IMPORT_LIMITS.rounds),
  // Issue #12: the data, the guesses and owners/targets (./data-section.ts); absent without any.
  data: dataExportSchema.optional(),
})

export type WorkshopJson = z.output<typeof workshopJsonSchema>
