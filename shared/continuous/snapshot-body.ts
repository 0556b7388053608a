/**
 * The bodies of POST …/snapshots {name?}, POST …/end {} and POST …/snapshots/:sid/restore {title?}: JSON objects
 * (parseBody refuses anything else), their text checked as POST /api/workshops checks a title —
 * cleaned, not empty, at most LIMITS.title characters.
 */
import { z } from 'zod'
import { LIMITS } from '../limits'
import { line } from '../validation'

export const snapshotBody = z.object({ name: line(LIMITS.title, 'name', { required: true }).optional() })
export type SnapshotBody = z.infer<typeof snapshotBody>

/** POST …/end takes no fields: an empty object (anything else is a mistake worth a 400). */
export const endBody = z.object({}).strict()

export const restoreBody = z.object({ title: line(LIMITS.title, 'title', { required: true }).optional() })
export type RestoreBody = z.infer<typeof restoreBody>
