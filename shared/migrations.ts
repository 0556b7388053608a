/**
 * Up-migrations of the board document. Each step lifts a document from version `from` to
 * `from + 1` inside one transaction. Version 1 is the first, so the list is empty; the runner
 * exists from day one so that the first rename ships with its migration (DESIGN.md: renaming or
 * removing a key bumps schemaVersion with a migration).
 */
import type * as Y from 'yjs'
import { boardMaps, SCHEMA_VERSION } from './schema'

export interface Migration {
  from: number
  migrate(doc: Y.Doc): void
}

export const MIGRATIONS: readonly Migration[] = []

export class SchemaTooNewError extends Error {
  constructor(readonly version: number) {
    super(`this workshop was saved by a newer version of Horizon (schema ${version}; this server knows up to ${SCHEMA_VERSION})`)
  }
}

/** The document's schema version; a document without one is version 1. */
export function boardVersion(doc: Y.Doc): number {
  const raw = boardMaps(doc).meta.get('schemaVersion')
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 ? raw : 1
}

/**
 * Brings `doc` up to `target`, writing nothing when it is already there. Throws
 * SchemaTooNewError for a document from a newer version, which must not be touched.
 */
export function migrateBoard(
  doc: Y.Doc,
  migrations: readonly Migration[] = MIGRATIONS,
  target = SCHEMA_VERSION,
): { from: number; to: number } {
  const from = boardVersion(doc)
  if (from > target) throw new SchemaTooNewError(from)
  let version = from
  if (version < target) {
    doc.transact(() => {
      while (version < target) {
        const step = migrations.find((m) => m.from === version)
        if (!step) throw new Error(`no migration from schema ${version}`)
        step.migrate(doc)
        version++
      }
      boardMaps(doc).meta.set('schemaVersion', version)
    })
  }
  return { from, to: version }
}
