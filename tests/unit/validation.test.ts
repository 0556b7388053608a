import { describe, it, expect } from 'vitest'
import { z } from 'zod'
import { DEFAULT_WORKSHOP_TITLE, createWorkshopBody, describeIssues, joinBody, parseBody } from '../../shared/validation'
import { LIMITS } from '../../shared/limits'

function errorOf(result: { ok: true } | { ok: false; error: string }): string {
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('expected a validation error')
  expect(typeof result.error).toBe('string')
  expect(result.error.length).toBeGreaterThan(0)
  return result.error
}

describe('createWorkshopBody via parseBody', () => {
  it('accepts an empty object (everything optional)', () => {
    expect(parseBody(createWorkshopBody, {})).toEqual({ ok: true, value: {} })
  })

  it('accepts a full valid body, trims the title and strips unknown keys', () => {
    const result = parseBody(createWorkshopBody, {
      title: '  Claims journey  ',
      template: 'journey',
      persona: 'Small business owner',
      journeyStart: 'Quote',
      journeyEnd: 'Renewal',
      goal: 'Fewer calls',
      admin: true,
    })
    expect(result).toEqual({
      ok: true,
      value: {
        title: 'Claims journey',
        template: 'journey',
        persona: 'Small business owner',
        journeyStart: 'Quote',
        journeyEnd: 'Renewal',
        goal: 'Fewer calls',
      },
    })
  })

  it('accepts both templates', () => {
    expect(parseBody(createWorkshopBody, { template: 'blank' })).toEqual({ ok: true, value: { template: 'blank' } })
    expect(parseBody(createWorkshopBody, { template: 'journey' })).toEqual({ ok: true, value: { template: 'journey' } })
  })

  it('rejects an empty or whitespace-only title', () => {
    expect(errorOf(parseBody(createWorkshopBody, { title: '' }))).toBe('title must not be empty')
    expect(errorOf(parseBody(createWorkshopBody, { title: '   \t ' }))).toBe('title must not be empty')
  })

  it('rejects a 10,000-character title, naming the field and the limit', () => {
    const error = errorOf(parseBody(createWorkshopBody, { title: 'x'.repeat(10_000) }))
    expect(error).toMatch(/^title\b/)
    expect(error).toContain(String(LIMITS.title))
    expect(error.length).toBeLessThan(200) // readable: does not echo the input
  })

  it('accepts a title of exactly the limit and rejects one character more', () => {
    expect(parseBody(createWorkshopBody, { title: 'x'.repeat(LIMITS.title) }).ok).toBe(true)
    expect(errorOf(parseBody(createWorkshopBody, { title: 'x'.repeat(LIMITS.title + 1) }))).toMatch(/title/)
  })

  it('applies the scope-field limit to persona, journeyStart, journeyEnd and goal', () => {
    for (const field of ['persona', 'journeyStart', 'journeyEnd', 'goal']) {
      expect(parseBody(createWorkshopBody, { [field]: 'p'.repeat(LIMITS.scopeField) }).ok).toBe(true)
      const error = errorOf(parseBody(createWorkshopBody, { [field]: 'p'.repeat(LIMITS.scopeField + 1) }))
      expect(error).toContain(field)
      expect(error).toContain(String(LIMITS.scopeField))
    }
  })

  it('rejects wrong types with the field named', () => {
    expect(errorOf(parseBody(createWorkshopBody, { title: 5 }))).toBe('title must be a string')
    expect(errorOf(parseBody(createWorkshopBody, { title: null }))).toMatch(/^title/)
    expect(errorOf(parseBody(createWorkshopBody, { title: ['a'] }))).toMatch(/^title/)
    expect(errorOf(parseBody(createWorkshopBody, { persona: { a: 1 } }))).toMatch(/persona/)
    const template = errorOf(parseBody(createWorkshopBody, { template: 'kanban' }))
    expect(template).toMatch(/template/)
    expect(template).toContain('journey')
    expect(template).toContain('blank')
    expect(errorOf(parseBody(createWorkshopBody, { template: 1 }))).toMatch(/template/)
  })

  it('reports every bad field in one message', () => {
    const error = errorOf(parseBody(createWorkshopBody, { title: 5, template: 3, goal: false }))
    expect(error).toContain('title')
    expect(error).toContain('template')
    expect(error).toContain('goal')
    expect(error.split('; ')).toHaveLength(3)
  })

  it('rejects non-object bodies', () => {
    for (const body of [[], [{ title: 'x' }], null, undefined, 'a string', 42, true]) {
      expect(errorOf(parseBody(createWorkshopBody, body))).toBe('request body must be a JSON object')
    }
  })

  it('has a default title constant for when none is given', () => {
    expect(DEFAULT_WORKSHOP_TITLE.length).toBeGreaterThan(0)
    expect(parseBody(createWorkshopBody, { title: DEFAULT_WORKSHOP_TITLE }).ok).toBe(true)
  })
})

describe('joinBody via parseBody', () => {
  it('accepts a valid body and trims', () => {
    expect(parseBody(joinBody, { name: ' Ann ', joinCode: ' ABC234 ' })).toEqual({ ok: true, value: { name: 'Ann', joinCode: 'ABC234' } })
  })

  it('requires name and joinCode', () => {
    const error = errorOf(parseBody(joinBody, {}))
    expect(error).toContain('name')
    expect(error).toContain('joinCode')
    expect(errorOf(parseBody(joinBody, { name: 'Ann' }))).toMatch(/^joinCode/)
    expect(errorOf(parseBody(joinBody, { joinCode: 'ABC234' }))).toMatch(/^name/)
  })

  it('rejects an empty or blank name', () => {
    expect(errorOf(parseBody(joinBody, { name: '', joinCode: 'ABC234' }))).toBe('name must not be empty')
    expect(errorOf(parseBody(joinBody, { name: '    ', joinCode: 'ABC234' }))).toBe('name must not be empty')
  })

  it('rejects a 10,000-character name and an overlong join code', () => {
    const name = errorOf(parseBody(joinBody, { name: 'n'.repeat(10_000), joinCode: 'ABC234' }))
    expect(name).toMatch(/^name\b/)
    expect(name).toContain(String(LIMITS.name))
    expect(parseBody(joinBody, { name: 'n'.repeat(LIMITS.name), joinCode: 'A' }).ok).toBe(true)
    expect(errorOf(parseBody(joinBody, { name: 'Ann', joinCode: 'C'.repeat(33) }))).toMatch(/^joinCode/)
  })

  it('rejects wrong types with the field named', () => {
    expect(errorOf(parseBody(joinBody, { name: 'Ann', joinCode: 12 }))).toBe('joinCode must be a string')
    expect(errorOf(parseBody(joinBody, { name: 42, joinCode: 'ABC234' }))).toBe('name must be a string')
    expect(errorOf(parseBody(joinBody, { name: { first: 'Ann' }, joinCode: 'ABC234' }))).toMatch(/^name/)
  })

  it('rejects non-object bodies', () => {
    for (const body of [[], ['Ann', 'ABC234'], null, 'name=Ann', 0]) {
      expect(errorOf(parseBody(joinBody, body))).toBe('request body must be a JSON object')
    }
  })
})

describe('describeIssues', () => {
  it('prefixes messages that do not already name the field, and uses "body" for root issues', () => {
    const schema = z.object({ count: z.number(), nested: z.object({ flag: z.boolean() }) })
    const result = schema.safeParse({ count: 'x', nested: { flag: 1 } })
    expect(result.success).toBe(false)
    if (result.success) return
    const message = describeIssues(result.error)
    const parts = message.split('; ')
    expect(parts).toHaveLength(2)
    expect(parts[0]).toMatch(/^count: /)
    expect(parts[1]).toMatch(/^nested\.flag/)

    const root = z.string().safeParse(5)
    expect(root.success).toBe(false)
    if (root.success) return
    expect(describeIssues(root.error)).toMatch(/^body: /)
  })

  it('parseBody with a custom schema returns the parsed value', () => {
    const schema = z.object({ n: z.coerce.number() })
    expect(parseBody(schema, { n: '3' })).toEqual({ ok: true, value: { n: 3 } })
  })
})
