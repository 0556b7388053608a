/** Runtime validation of what crosses the API boundary. */
import { z } from 'zod'
import { WORKSHOP_LANGUAGES } from './board/meta'
import { TEMPLATES } from './board/template'
import { LIMITS } from './limits'
import { cleanLine } from './text'

const text = (max: number, what: string) =>
  z.string({ error: `${what} must be a string` }).max(max, { error: `${what} is longer than ${max} characters` })

/**
 * Single-line text (a name, a title, a scope field), cleaned by `cleanLine`: control and bidi
 * formatting characters removed, line breaks and runs of whitespace one space, trimmed. The
 * length limit applies to the cleaned text; a `required` one that is empty after cleaning is
 * refused, saying why when only invisible characters were there.
 */
export const line = (max: number, what: string, { required }: { required: boolean }) =>
  z.string({ error: `${what} must be a string` }).transform((raw, ctx) => {
    const cleaned = cleanLine(raw)
    if (cleaned.length > max) {
      ctx.issues.push({ code: 'custom', message: `${what} is longer than ${max} characters`, input: raw })
      return z.NEVER
    }
    if (required && cleaned === '') {
      const message = raw.trim() === '' ? `${what} must not be empty` : `${what} must not be empty: it has only control or text-direction characters`
      ctx.issues.push({ code: 'custom', message, input: raw })
      return z.NEVER
    }
    return cleaned
  })

export const createWorkshopBody = z.object({
  title: line(LIMITS.title, 'title', { required: true }).optional(),
  template: z.enum(TEMPLATES, { error: `template must be one of ${TEMPLATES.join(', ')}` }).optional(),
  persona: line(LIMITS.scopeField, 'persona', { required: false }).optional(),
  journeyStart: line(LIMITS.scopeField, 'journeyStart', { required: false }).optional(),
  journeyEnd: line(LIMITS.scopeField, 'journeyEnd', { required: false }).optional(),
  // The goal is a paragraph (a textarea): its line breaks are kept.
  goal: text(LIMITS.scopeField, 'goal').optional(),
  language: z.enum(WORKSHOP_LANGUAGES, { error: `language must be one of ${WORKSHOP_LANGUAGES.join(', ')}` }).optional(),
})
export type CreateWorkshopBody = z.infer<typeof createWorkshopBody>

export const joinBody = z.object({
  name: line(LIMITS.name, 'name', { required: true }),
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
