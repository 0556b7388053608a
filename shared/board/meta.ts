/** The board's `meta` map: schema version, title and the workshop's scope. */
import type * as Y from 'yjs'
import { z } from 'zod'
import { LIMITS } from '../limits'
import { defineRecord, type RecordOf } from '../record'
import { number, optionalOneOf, text } from '../record-fields'
import { boardMaps } from './board-doc'

/**
 * Version of the document schema; a rename or removal of a key bumps it, with a migration
 * (README "Where things are").
 */
export const SCHEMA_VERSION = 1

/** Languages a workshop's own words (template, story sentences) can be in. */
export const WORKSHOP_LANGUAGES = ['en', 'nl'] as const
export type WorkshopLanguage = (typeof WORKSHOP_LANGUAGES)[number]

export const metaRecord = defineRecord({
  schemaVersion: number({ schema: z.int().min(1), fallback: SCHEMA_VERSION }),
  title: text(LIMITS.title),
  persona: text(LIMITS.scopeField),
  journeyStart: text(LIMITS.scopeField),
  journeyEnd: text(LIMITS.scopeField),
  goal: text(LIMITS.scopeField),
  // The workshop's language, written at creation from the creator's: the template's words and
  // the exports' story sentences follow it (absent: English).
  language: optionalOneOf(WORKSHOP_LANGUAGES),
})
export type WorkshopMeta = RecordOf<typeof metaRecord>

export function readMeta(doc: Y.Doc): WorkshopMeta {
  return metaRecord.read(boardMaps(doc).meta) as WorkshopMeta
}

export type MetaPatch = Partial<Omit<WorkshopMeta, 'schemaVersion'>>

/** Sets the given texts (clipped to their limits); other keys are left alone. */
export function setMeta(doc: Y.Doc, patch: MetaPatch): void {
  const { meta } = boardMaps(doc)
  const texts = Object.fromEntries(Object.entries(patch).filter(([key, value]) => key !== 'schemaVersion' && typeof value === 'string'))
  doc.transact(() => metaRecord.patch(meta, texts))
}

/**
 * Writes a whole meta (a new workshop, an import) with this version's schemaVersion, whatever
 * `meta` says.
 */
export function writeMeta(doc: Y.Doc, meta: Omit<WorkshopMeta, 'schemaVersion'>): void {
  const map = boardMaps(doc).meta
  doc.transact(() => metaRecord.patch(map, { ...meta, schemaVersion: SCHEMA_VERSION }))
}
