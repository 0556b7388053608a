/**
 * The PostgreSQL store's schema: the SQL files in pg-migrations/ (NNN_name.sql), applied in
 * order, each once, each in the transaction that records it in `horizon_migrations`. Several
 * instances may start at once: the whole run holds a transaction-level advisory lock, so the
 * second waits for the first and then finds nothing left to do. A database that has a migration
 * this code does not know (a newer Horizon ran on it) is refused untouched.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'

export const PG_MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pg-migrations')

export interface PgMigration {
  id: string
  sql: string
}

/** The migrations kept in the repo, in order. */
export function pgMigrations(dir = PG_MIGRATIONS_DIR): PgMigration[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d{3}_[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ id: name.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, name), 'utf8') }))
}

export class PostgresTooNewError extends Error {}

/** Brings the database up to date; returns the ids of the migrations it ran. */
export async function migratePostgres(pool: pg.Pool, migrations: readonly PgMigration[] = pgMigrations()): Promise<string[]> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    // One instance at a time; the lock ends with the transaction.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('horizon-migrations'))")
    await client.query('CREATE TABLE IF NOT EXISTS horizon_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())')
    const { rows } = await client.query<{ id: string }>('SELECT id FROM horizon_migrations')
    const done = new Set(rows.map((row) => row.id))
    const known = new Set(migrations.map((m) => m.id))
    const unknown = [...done].filter((id) => !known.has(id))
    if (unknown.length > 0) {
      throw new PostgresTooNewError(`the database has migrations this Horizon does not know (${unknown.join(', ')}); run a newer Horizon`)
    }
    const ran: string[] = []
    for (const migration of migrations) {
      if (done.has(migration.id)) continue
      await client.query(migration.sql)
      await client.query('INSERT INTO horizon_migrations (id) VALUES ($1)', [migration.id])
      ran.push(migration.id)
    }
    await client.query('COMMIT')
    return ran
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
