/**
 * One declaration per record kind. A record kind (a note, a stage, a voting round …) is a list
 * of fields; each field (see record-fields.ts) carries
 *
 * - `schema`: the strict zod validator for data from outside (an imported file), whose error
 *   messages the import reports (`notes.3.kind must be one of note, pain, hmw, idea`);
 * - `read`: the tolerant reader for what any client may have written into a Y.Map — it never
 *   throws: a bad value is replaced by a safe one (clamped, defaulted) or left out;
 * - `store`: what a mutation writes for a value (clipped, clamped, a Y.Text or Y.Array).
 *
 * From those, `defineRecord` derives the record's zod schema (the import validator and, through
 * `z.output`, the TypeScript type, which is also the export shape), its reader, and its writer,
 * which the mutations, the import and the reveal of private notes all use. Adding a key to a
 * record is one line in its file.
 */
import * as Y from 'yjs'
import { z } from 'zod'

export interface Field<S extends z.ZodType = z.ZodType> {
  /** Validator for data from outside; its messages are the import's. */
  readonly schema: S
  /** An optional field may be absent; a required one that reads `undefined` drops the record. */
  readonly optional: boolean
  /** The record's id: read from the record's key in its collection, never stored in it. */
  readonly isKey?: true
  /**
   * A value from a document, made safe: `undefined` for absent (optional fields) or unreadable
   * (a required field without a fallback). `record` holds the required fields read before.
   */
  read(raw: unknown, record: Readonly<Record<string, unknown>>): z.output<S> | undefined
  /** What a mutation writes for `value` into the record's Y.Map. */
  store(value: z.output<S>): unknown
}

export type Fields = Readonly<Record<string, Field>>
type Shape<F extends Fields> = { -readonly [K in keyof F]: F[K]['schema'] }

export interface RecordKind<F extends Fields, S extends z.ZodType> {
  readonly fields: F
  /** The strict validator (import): every field's schema, plus the record-wide checks. */
  readonly schema: S
  /**
   * Reads a record from its Y.Map (and its key in the collection); `undefined` when unreadable.
   * No map reads as a record of nothing written (every field's fallback).
   */
  read(map: Y.Map<unknown> | undefined, key?: string): z.output<S> | undefined
  /** A new Y.Map holding `value`'s defined fields as `store` writes them (the key is not stored). */
  create(value: Partial<z.output<S>>): Y.Map<unknown>
  /**
   * Writes `patch` into an existing map, key by key: `undefined` leaves a field alone, `null`
   * removes it, anything else is written as `store` makes it. Unknown keys are ignored.
   */
  patch(map: Y.Map<unknown>, patch: PatchOf<z.output<S>>): void
}

export type PatchOf<T> = { [K in keyof T]?: T[K] | null | undefined }

/** The type a record kind reads and exports (the output of its schema). */
export type RecordOf<R extends { schema: z.ZodType }> = z.output<R['schema']>

/**
 * Declares a record kind. Fields are read in declaration order; a read record lists its
 * required fields first, then the optional ones that are set (so exported JSON keeps one order).
 * `refine` adds record-wide checks to the strict schema (for the import).
 */
export function defineRecord<const F extends Fields, S extends z.ZodType = z.ZodObject<Shape<F>>>(
  fields: F,
  refine?: (schema: z.ZodObject<Shape<F>>) => S,
): RecordKind<F, S> {
  const shape = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.schema])) as Shape<F>
  const object = z.object(shape)
  const schema = (refine ? refine(object) : object) as S
  const entries = Object.entries(fields)
  type Value = z.output<S>

  function read(map: Y.Map<unknown> | undefined, key?: string): Value | undefined {
    const record: Record<string, unknown> = {}
    let optional: [string, unknown][] | undefined
    for (const [name, field] of entries) {
      const value = field.read(field.isKey ? key : map?.get(name), record)
      if (value === undefined) {
        if (!field.optional) return undefined
      } else if (field.optional) {
        ;(optional ??= []).push([name, value])
      } else {
        record[name] = value
      }
    }
    if (optional) for (const [name, value] of optional) record[name] = value
    return record as Value
  }

  function create(value: Partial<Value>): Y.Map<unknown> {
    const map = new Y.Map<unknown>()
    const values = value as Record<string, unknown>
    for (const [name, field] of entries) {
      const fieldValue = values[name]
      if (fieldValue !== undefined && !field.isKey) map.set(name, field.store(fieldValue))
    }
    return map
  }

  function patch(map: Y.Map<unknown>, changes: PatchOf<Value>): void {
    for (const [name, next] of Object.entries(changes as Record<string, unknown>)) {
      const field = fields[name]
      if (next === undefined || field === undefined || field.isKey) continue
      if (next === null) map.delete(name)
      else map.set(name, field.store(next))
    }
  }

  return { fields, schema, read, create, patch }
}

/** The Y.Map a collection holds under a key, or `undefined` for anything else a client wrote. */
export function asRecord(value: unknown): Y.Map<unknown> | undefined {
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : undefined
}

/** Every readable record of a collection (unreadable entries are skipped), in map order. */
export function readAll<T, V>(map: Y.Map<V>, kind: { read(map: Y.Map<unknown>, key?: string): T | undefined }): T[] {
  const records: T[] = []
  map.forEach((value, key) => {
    const record = asRecord(value)
    const read = record && kind.read(record, key)
    if (read !== undefined) records.push(read)
  })
  return records
}

/** Deletes `key` from every record of `map` that points at `id` (a removed stage, lane …). */
export function clearReferences<V>(map: Y.Map<V>, key: string, id: string): void {
  map.forEach((value) => {
    const record = asRecord(value)
    if (record?.get(key) === id) record.delete(key)
  })
}
