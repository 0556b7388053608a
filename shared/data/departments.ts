/**
 * Departments taking part in a workshop (issue #12): control `departments`, a Y.Array of names
 * that only the facilitator writes. People choose one of them (board `people`); notes, votes
 * and guesses carry their author's department through that.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { LIMITS } from '../limits'
import type { Field } from '../record'
import { cleanLine, clip } from '../text'

export const DEFAULT_DEPARTMENTS = ['Marketing', 'Sales', 'Service', 'Finance', 'IT'] as const
export const MAX_DEPARTMENTS = 30

/** A department's name as written and read: one clean line of at most LIMITS.name. */
export const cleanDepartment = (name: string): string => clip(cleanLine(name), LIMITS.name).trimEnd()

/** Cleaned, without empties or repeats (any case: the first spelling stays), at most MAX_DEPARTMENTS. */
function clean(names: readonly unknown[]): string[] {
  const result: string[] = []
  const seen = new Set<string>()
  for (const name of names) {
    if (typeof name !== 'string' || result.length >= MAX_DEPARTMENTS) continue
    const cleaned = cleanDepartment(name)
    if (cleaned === '' || seen.has(cleaned.toLowerCase())) continue
    seen.add(cleaned.toLowerCase())
    result.push(cleaned)
  }
  return result
}

/**
 * The control field: absent (a workshop from before issue #12) reads as the defaults; a list
 * reads cleaned. On import an absent list is the defaults too.
 */
export const departmentsField = {
  schema: z.array(z.string({ error: 'must be a string' }).max(LIMITS.name), { error: 'must be an array' }).max(MAX_DEPARTMENTS).default([...DEFAULT_DEPARTMENTS]),
  optional: false,
  read: (raw: unknown): string[] => (raw instanceof Y.Array ? clean(raw.toArray()) : raw === undefined ? [...DEFAULT_DEPARTMENTS] : []),
  store: (values: string[]) => Y.Array.from(clean(values)),
  clean: (values: readonly unknown[]) => clean(values),
} satisfies Field & { clean(values: readonly unknown[]): string[] }

/** Adds a department at the end (no-op for an empty name or one already there, any case). */
export function withDepartment(list: readonly string[], name: string): string[] {
  const cleaned = cleanDepartment(name)
  if (cleaned === '' || list.some((d) => d.toLowerCase() === cleaned.toLowerCase())) return [...list]
  return [...list, cleaned]
}

export function renamedDepartment(list: readonly string[], from: string, to: string): string[] {
  const cleaned = cleanDepartment(to)
  if (cleaned === '' || list.some((d) => d !== from && d.toLowerCase() === cleaned.toLowerCase())) return [...list]
  return list.map((d) => (d === from ? cleaned : d))
}

export const withoutDepartment = (list: readonly string[], name: string): string[] => list.filter((d) => d !== name)
