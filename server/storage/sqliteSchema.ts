/**
 * The SQLite store's schema, versioned: `PRAGMA user_version` says which migrations a database
 * has had, and opening it runs the ones it lacks, in order, each in a transaction. A database
 * from a newer Horizon (a higher version than this code knows) is refused untouched.
 *
 * Databases from before the version was kept (user_version 0) may already hold any of the first
 * three steps' tables and columns, so those steps are written to be safe to run again.
 */
import type Database from 'better-sqlite3'

export interface SqliteMigration {
  /** The user_version the database has after this step. */
  version: number
  id: string
  up(db: Database.Database): void
}

function addColumnIfMissing(db: Database.Database, table: string, column: string, definition: string): void {
  const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all()
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`)
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    id: 'workshops-participants-updates',
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS workshops (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          join_code TEXT NOT NULL UNIQUE,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS participants (
          id TEXT PRIMARY KEY,
          workshop_id TEXT NOT NULL REFERENCES workshops(id),
          name TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS participants_workshop ON participants(workshop_id);
        CREATE TABLE IF NOT EXISTS doc_updates (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          workshop_id TEXT NOT NULL,
          doc_name TEXT NOT NULL,
          data BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates(workshop_id, doc_name, seq);
      `)
    },
  },
  {
    version: 2,
    id: 'client-owners',
    up(db) {
      // Who first wrote with each Yjs client id of a document (README "Security").
      db.exec(`
        CREATE TABLE IF NOT EXISTS client_owners (
          workshop_id TEXT NOT NULL,
          doc_name TEXT NOT NULL,
          client_id INTEGER NOT NULL,
          owner TEXT NOT NULL,
          PRIMARY KEY (workshop_id, doc_name, client_id)
        ) WITHOUT ROWID;
      `)
    },
  },
  {
    version: 3,
    id: 'revocation',
    up(db) {
      // The viewer link's generation, and participants the facilitator removed.
      addColumnIfMissing(db, 'workshops', 'viewer_generation', 'INTEGER NOT NULL DEFAULT 0')
      addColumnIfMissing(db, 'participants', 'removed_at', 'INTEGER')
    },
  },
  {
    version: 4,
    id: 'snapshots-series',
    up(db) {
      // Continuous journeys (#13): named snapshots of a workshop's documents (compacted Yjs
      // state, one row per document), and the series a workshop belongs to.
      db.exec(`
        CREATE TABLE IF NOT EXISTS snapshots (
          id TEXT PRIMARY KEY,
          workshop_id TEXT NOT NULL REFERENCES workshops(id),
          name TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          kind TEXT NOT NULL,
          schema_version INTEGER NOT NULL,
          bytes INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS snapshots_workshop ON snapshots(workshop_id, created_at);
        CREATE TABLE IF NOT EXISTS snapshot_docs (
          snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
          doc_name TEXT NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (snapshot_id, doc_name)
        ) WITHOUT ROWID;
      `)
      addColumnIfMissing(db, 'workshops', 'series_id', 'TEXT')
      db.exec('CREATE INDEX IF NOT EXISTS workshops_series ON workshops(series_id)')
    },
  },
  {
    version: 5,
    id: 'held-client-ids',
    up(db) {
      // A client id only held by the identity whose answer first carried it (StoredDoc
      // heldClientIds): kept across restarts and visible to every instance, so that a load does
      // not give it to the server while its holder is still connected somewhere.
      addColumnIfMissing(db, 'client_owners', 'held', 'INTEGER NOT NULL DEFAULT 0')
    },
  },
]

export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.at(-1)?.version ?? 0

export class SqliteTooNewError extends Error {}

/** Brings `db` up to SQLITE_SCHEMA_VERSION; returns the ids of the steps it ran. */
export function migrateSqlite(db: Database.Database, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): string[] {
  const target = migrations.at(-1)?.version ?? 0
  const current = Number(db.pragma('user_version', { simple: true }))
  if (current > target) {
    throw new SqliteTooNewError(`the database has schema version ${current}, newer than this Horizon knows (${target}); run a newer Horizon`)
  }
  const ran: string[] = []
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
    ran.push(migration.id)
  }
  return ran
}
