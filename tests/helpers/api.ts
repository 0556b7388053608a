/**
 * The REST calls of the integration tests of snapshots and series (#13): one call with an
 * optional Bearer token and JSON body, answered as status, parsed JSON (when it is JSON) and text;
 * and how many workshops the SQLite store holds, to show that a refused request created none.
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import { SQLITE_FILE } from '../../server/storage/sqlite'

export function api(url: string, token: string | undefined) {
  return async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: { ...(body !== undefined && { 'Content-Type': 'application/json' }), ...(token && { Authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers are checked by the assertions
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, json, text }
  }
}

/** Workshops in the SQLite store of a test server's data directory. */
export function workshopCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM workshops').get() as { n: number }).n
  } finally {
    db.close()
  }
}
