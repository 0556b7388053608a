/**
 * The kinds of field records are made of (see record.ts): each pairs a strict zod validator for
 * imported data with the tolerant reading of CRDT data and the value a mutation stores. Also
 * `readNumber`, the same tolerant reading for one key of a map.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { ID_PATTERN } from './ids'
import { clampCoordinate } from './limits'
import type { Field } from './record'
import { clip } from './text'

// ---------------------------------------------------------------------------------------------
// Strict validators (the import's messages).

export const idSchema = z
  .string({ error: 'must be an id (a string)' })
  .regex(ID_PATTERN, { error: 'must be an id: 1–64 letters, digits, _ or -' })
export const textSchema = z.string({ error: 'must be a string' })
export const finiteSchema = z.number({ error: 'must be a finite number' })
const oneOfSchema = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` })
export const listSchema = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item, { error: 'must be an array' }).max(max, { error: `has more than ${max} items` })

// ---------------------------------------------------------------------------------------------
// Tolerant readers of raw values.

/** A string, or a Y.Text's content (fields written as plain strings by older clients). */
function textValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value instanceof Y.Text) return value.toString()
  return undefined
}

const finiteValue = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)
const nonEmptyString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)
const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value)

/** `map[key]` as a finite number, else `fallback`. */
export function readNumber(map: Y.Map<unknown>, key: string, fallback = 0): number {
  return finiteValue(map.get(key)) ?? fallback
}

// ---------------------------------------------------------------------------------------------
// Field kinds.

type Fallback<T> = T | ((record: Readonly<Record<string, unknown>>) => T)
const fallbackOf = <T>(fallback: Fallback<T>, record: Readonly<Record<string, unknown>>): T =>
  typeof fallback === 'function' ? (fallback as (record: Readonly<Record<string, unknown>>) => T)(record) : fallback

const same = <T>(value: T): T => value

/** The record's id: its key in the collection. */
export const key = (): Field<typeof idSchema> => ({
  schema: idSchema,
  optional: false,
  isKey: true,
  read: (raw) => (typeof raw === 'string' ? raw : undefined),
  store: same,
})

/**
 * Text of at most `max` characters; reads a string or a Y.Text, else ''. `yText`: stored as a
 * Y.Text, so that two people typing in it merge.
 */
export const text = (max: number, { yText = false } = {}): Field<typeof textSchema> => ({
  schema: textSchema,
  optional: false,
  read: (raw) => textValue(raw) ?? '',
  store: (value) => (yText ? new Y.Text(clip(value, max)) : clip(value, max)),
})

/** Optional text (an owner, a metric): absent unless a non-empty string. */
export const optionalText = (max: number) => ({
  schema: textSchema.exactOptional(),
  optional: true,
  read: nonEmptyString,
  store: (value: string) => clip(value, max),
}) satisfies Field

/** An optional reference to another record (a stage, a cluster …): absent unless a non-empty string. */
export const reference = () => ({ schema: idSchema.exactOptional(), optional: true, read: nonEmptyString, store: same }) satisfies Field

/** A finite number; anything else reads as `fallback` (and, with `normalise`, goes through it too). */
export function number({
  schema = finiteSchema,
  fallback = 0,
  normalise = same,
  store = same,
}: {
  schema?: z.ZodType<number>
  fallback?: Fallback<number>
  normalise?: (value: number, record: Readonly<Record<string, unknown>>) => number
  store?: (value: number) => number
} = {}): Field<z.ZodType<number>> {
  return {
    schema,
    optional: false,
    read: (raw, record) => normalise(finiteValue(raw) ?? fallbackOf(fallback, record), record),
    store,
  }
}

/** An optional finite number. */
export const optionalNumber = (schema: z.ZodType<number>, normalise: (value: number) => number = same) => ({
  schema: schema.exactOptional(),
  optional: true,
  read: (raw: unknown) => {
    const value = finiteValue(raw)
    return value === undefined ? undefined : normalise(value)
  },
  store: same<number>,
}) satisfies Field

/** A board coordinate: clamped to ±LIMITS.coordinate when read and when written. */
export const coordinate = () => number({ normalise: clampCoordinate, store: clampCoordinate })

/** One of `values`; anything else reads as `fallback` (which may depend on fields read before). */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: Fallback<T[number]>) =>
  ({
    schema: oneOfSchema(values),
    optional: false,
    read: (raw: unknown, record: Readonly<Record<string, unknown>>) => (isOneOf(values, raw) ? raw : fallbackOf(fallback, record)),
    store: same<T[number]>,
  }) satisfies Field

/** One of `values`, or nothing: anything else reads as absent. */
export const optionalOneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  ({
    schema: oneOfSchema(values).exactOptional(),
    optional: true,
    read: (raw: unknown) => (isOneOf(values, raw) ? raw : undefined),
    store: same<T[number]>,
  }) satisfies Field

/** A boolean: only `true` reads as true. */
export const flag = (schema: z.ZodType<boolean>) =>
  ({ schema, optional: false, read: (raw: unknown) => raw === true, store: same<boolean> }) satisfies Field

/**
 * A list of strings kept in a Y.Array (non-strings are skipped when read). At most `maxImport`
 * on import; a mutation keeps the first `keep`, each clipped to `itemMax`; `unique` drops repeats
 * (two peers adding the same item at once both append it).
 */
export function stringList<S extends z.ZodType<string>>(
  item: S,
  { maxImport, keep = Infinity, itemMax, unique = false }: { maxImport: number; keep?: number; itemMax?: number; unique?: boolean },
) {
  const dedupe = (items: string[]) => (unique ? [...new Set(items)] : items)
  return {
    schema: listSchema(item, maxImport),
    optional: false,
    read: (raw: unknown) => (raw instanceof Y.Array ? dedupe(raw.toArray().filter((value): value is string => typeof value === 'string')) : []),
    store: (values: string[]) => Y.Array.from(dedupe(values.slice(0, keep).map((value) => (itemMax === undefined ? value : clip(value, itemMax))))),
  } satisfies Field
}

/** A record nested in a key of another (the control's timer): read even when missing or not a map. */
export function nested<S extends z.ZodType>(kind: { schema: S; read(map: Y.Map<unknown> | undefined): z.output<S> | undefined; create(value: z.output<S>): Y.Map<unknown> }) {
  return {
    schema: kind.schema,
    optional: false,
    read: (raw: unknown) => kind.read(raw instanceof Y.Map ? (raw as Y.Map<unknown>) : undefined),
    store: (value: z.output<S>) => kind.create(value),
  } satisfies Field<S>
}
