/** Runtime validation of what crosses the API boundary. */
import { z } from 'zod'
import { LIMITS, TEMPLATES } from './schema'

const text = (max: number, what: string) =>
  z.string({ error: `${what} must be a string` }).max(max, { error: `${what} is longer than ${max} characters` })

export const createWorkshopBody = z.object({
  title: text(LIMITS.title, 'title').trim().min(1, { error: 'title must not be empty' }).optional(),
  template: z.enum(TEMPLATES, { error: `template must be one of ${TEMPLATES.join(', ')}` }).optional(),
  persona: text(LIMITS.scopeField, 'persona').optional(),
  journeyStart: text(LIMITS.scopeField, 'journeyStart').optional(),
  journeyEnd: text(LIMITS.scopeField, 'journeyEnd').optional(),
  goal: text(LIMITS.scopeField, 'goal').optional(),
})
export type CreateWorkshopBody = z.infer<typeof createWorkshopBody>

export const joinBody = z.object({
  name: text(LIMITS.name, 'name').trim().min(1, { error: 'name must not be empty' }),
  joinCode: text(32, 'joinCode').trim(),
})
export type JoinBody = z.infer<typeof joinBody>

export const DEFAULT_WORKSHOP_TITLE = 'Untitled workshop'

/** One readable sentence from a zod error: "name: name must not be empty; …". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'body'
      return issue.message.startsWith(String(issue.path[0] ?? '')) && issue.path.length ? issue.message : `${where}: ${issue.message}`
    })
    .join('; ')
}

/** A request body's text as JSON: an empty body is `{}`; anything unparseable is refused. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, error: `malformed JSON: ${(error as Error).message}` }
  }
}

/** Parses `input` with `schema`; returns the value or a readable error. */
export function parseBody<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | { ok: false; error: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'request body must be a JSON object' }
  }
  const result = schema.safeParse(input)
  return result.success ? { ok: true, value: result.data } : { ok: false, error: describeIssues(result.error) }
}
