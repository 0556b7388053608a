/** The SQLite store's versioned schema (server/storage/sqliteSchema.ts) on real database files. */
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openSqliteStorage, SQLITE_FILE } from '../../server/storage/sqlite'
import { migrateSqlite, SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION, SqliteTooNewError } from '../../server/storage/sqliteSchema'
import { tempDir } from '../helpers/server'

const open: Database.Database[] = []
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close()
})
function database(dir = tempDir()): Database.Database {
  const db = new Database(path.join(dir, SQLITE_FILE))
  open.push(db)
  return db
}
const columns = (db: Database.Database, table: string) => db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((c) => c.name)

describe('SQLite schema versions', () => {
  it('migration versions run 1, 2, 3 … with unique ids', () => {
    expect(SQLITE_MIGRATIONS.map((m) => m.version)).toEqual(SQLITE_MIGRATIONS.map((_, i) => i + 1))
    expect(new Set(SQLITE_MIGRATIONS.map((m) => m.id)).size).toBe(SQLITE_MIGRATIONS.length)
  })

  it('a new database gets every step and the latest version; a second open runs nothing', () => {
    const db = database()
    expect(migrateSqlite(db)).toEqual(SQLITE_MIGRATIONS.map((m) => m.id))
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION)
    expect(columns(db, 'workshops')).toContain('viewer_generation')
    expect(columns(db, 'client_owners')).toEqual(['workshop_id', 'doc_name', 'client_id', 'owner', 'held'])
    expect(migrateSqlite(db)).toEqual([])
  })

  it('upgrades a database from before versions were kept (user_version 0, first tables only), keeping its rows', () => {
    const dir = tempDir()
    const old = database(dir)
    old.exec(`
      CREATE TABLE workshops (id TEXT PRIMARY KEY, title TEXT NOT NULL, join_code TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
      CREATE TABLE participants (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES workshops(id), name TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE doc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, workshop_id TEXT NOT NULL, doc_name TEXT NOT NULL, data BLOB NOT NULL);
      INSERT INTO workshops VALUES ('w1', 'Old workshop', 'ABCDEF', 1);
      INSERT INTO participants VALUES ('p1', 'w1', 'Pat', 2);
    `)
    old.close()
    const db = database(dir)
    expect(migrateSqlite(db)).toEqual(['workshops-participants-updates', 'client-owners', 'revocation', 'snapshots-series', 'held-client-ids'])
    expect(db.prepare('SELECT title, viewer_generation FROM workshops').get()).toEqual({ title: 'Old workshop', viewer_generation: 0 })
    expect(db.prepare('SELECT name, removed_at FROM participants').get()).toEqual({ name: 'Pat', removed_at: null })
  })

  it('refuses a database from a newer Horizon and leaves it untouched', async () => {
    const dir = tempDir()
    const newer = database(dir)
    newer.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`)
    newer.exec('CREATE TABLE future (x)')
    newer.close()
    expect(() => openSqliteStorage(dir)).toThrow(SqliteTooNewError)
    const db = database(dir)
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION + 1)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'future' }])
  })

  it('a failing step leaves the database at the version before it', () => {
    const db = database()
    const broken = [...SQLITE_MIGRATIONS, { version: SQLITE_SCHEMA_VERSION + 1, id: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM missing_table') }]
    expect(() => migrateSqlite(db, broken)).toThrow(/missing_table/)
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all()).toEqual([])
  })
})
