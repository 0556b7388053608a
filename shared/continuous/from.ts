/** POST /api/workshops {from, carry?, title?}: the request that starts the next workshop of a series. */
import { z } from 'zod'
import { LIMITS } from '../limits'
import { cleanLine } from '../text'

/** Whether a create request asks to start from another workshop (it has a `from` key). */
export function isFromRequest(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'from' in body
}

export const fromBody = z
  .object({
    from: z.string({ error: 'from must be a workshop id' }).regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'from must be a workshop id' }),
    title: z
      .string({ error: 'title must be a string' })
      .transform((raw) => cleanLine(raw))
      .refine((title) => title !== '', { error: 'title must not be empty' })
      .refine((title) => title.length <= LIMITS.title, { error: `title is longer than ${LIMITS.title} characters` })
      .optional(),
    carry: z
      .object({
        notes: z.boolean({ error: 'carry.notes must be true or false' }).optional(),
        votes: z.boolean({ error: 'carry.votes must be true or false' }).optional(),
      }, { error: 'carry must be an object like {"notes": true, "votes": true}' })
      .strict()
      .optional(),
  })
  .strict()
  .refine((body) => !(body.carry?.votes === true && body.carry.notes !== true), { error: 'carry.votes needs carry.notes: votes are on notes', path: ['carry', 'votes'] })
export type FromBody = z.infer<typeof fromBody>
