/**
 * Up-migrations of the board document. Each step has an id, lifts a document from version
 * `from` to `from + 1`, and runs with the others inside one transaction. Version 1 is the first,
 * so the list is empty; the runner exists from day one so that the first rename ships with its
 * migration (README "Where things are": renaming or removing a key bumps schemaVersion). A
 * step's id never changes once shipped (like tldraw's `com.tldraw.shape/3`): tests and logs name
 * it; `from` says where it applies.
 */
import type * as Y from 'yjs'
import { boardMaps } from './board-doc'
import { SCHEMA_VERSION } from './meta'

export interface Migration {
  /** Stable and unique, e.g. `board/2-note-tags` (the version it leads to, and what it does). */
  id: string
  from: number
  migrate(doc: Y.Doc): void
}

export const MIGRATIONS: readonly Migration[] = []

export class SchemaTooNewError extends Error {
  constructor(readonly version: number) {
    super(`this workshop was saved by a newer version of Horizon (schema ${version}; this server knows up to ${SCHEMA_VERSION})`)
  }
}

/**
 * Checks a list of migrations: unique ids, at most one step from each version, and a step from
 * every version in `1 … target − 1`. Throws naming the first problem.
 */
export function checkMigrations(migrations: readonly Migration[], target = SCHEMA_VERSION): void {
  const ids = new Set<string>()
  const froms = new Set<number>()
  for (const step of migrations) {
    if (step.id === '' || ids.has(step.id)) throw new Error(`migration id "${step.id}" is empty or used twice`)
    if (froms.has(step.from)) throw new Error(`two migrations from schema ${step.from}`)
    if (!Number.isInteger(step.from) || step.from < 1 || step.from >= target) throw new Error(`migration ${step.id} from schema ${step.from} is outside 1 … ${target - 1}`)
    ids.add(step.id)
    froms.add(step.from)
  }
  for (let version = 1; version < target; version++) if (!froms.has(version)) throw new Error(`no migration from schema ${version}`)
}

/** The document's schema version; a document without one is version 1. */
export function boardVersion(doc: Y.Doc): number {
  const raw = boardMaps(doc).meta.get('schemaVersion')
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 ? raw : 1
}

/**
 * Brings `doc` up to `target`, writing nothing when it is already there. Throws
 * SchemaTooNewError for a document from a newer version, which must not be touched, and an Error
 * when a step is missing or fails (naming the step's id).
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
        try {
          step.migrate(doc)
        } catch (error) {
          throw new Error(`migration ${step.id} (from schema ${version}) failed: ${(error as Error).message}`, { cause: error })
        }
        version++
      }
      boardMaps(doc).meta.set('schemaVersion', version)
    })
  }
  return { from, to: version }
}
