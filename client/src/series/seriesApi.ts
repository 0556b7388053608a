/** The continuous journey's REST calls (README "Continuous journeys"), errors as ApiError. */
import type { BoardDiff } from '../../../shared/continuous/diff'
import type { RunInput } from '../../../shared/continuous/run'
import { ApiError, type CreatedWorkshop } from '../api'

export interface SnapshotInfo {
  id: string
  name: string
  createdAt: number
  kind: 'manual' | 'phase' | 'end'
  schemaVersion: number
  bytes: number
}

async function call<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { ...init, headers: { ...(init.body !== undefined && { 'Content-Type': 'application/json' }), Authorization: `Bearer ${token}`, ...(init.headers ?? {}) } })
  } catch {
    throw new ApiError(0, 'network')
  }
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = text
  }
  if (!response.ok) {
    const message = typeof body === 'object' && body && 'error' in body ? String((body as { error: unknown }).error) : response.statusText
    throw new ApiError(response.status, message)
  }
  return body as T
}

/**
 * GET requests started before their page was drawn (early.ts), by token and path; a page's
 * first call of the same request takes the one under way, once (a later call asks again).
 */
const early = new Map<string, Promise<unknown>>()

function get<T>(path: string, token: string): Promise<T> {
  const key = `${token} ${path}`
  const started = early.get(key)
  if (!started) return call<T>(path, token)
  early.delete(key)
  return started as Promise<T>
}

function start(path: string, token: string): void {
  const request = call<unknown>(path, token)
  // A failure is the page's to show when it takes the request; not an unhandled rejection meanwhile.
  request.catch(() => undefined)
  early.set(`${token} ${path}`, request)
}

const w = (id: string) => `/api/workshops/${encodeURIComponent(id)}`
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) })

export const seriesApi = {
  listSnapshots: (id: string, token: string) => call<{ limit: number; snapshots: SnapshotInfo[] }>(`${w(id)}/snapshots`, token),
  saveSnapshot: (id: string, token: string, name: string) => call<SnapshotInfo>(`${w(id)}/snapshots`, token, post({ name })),
  deleteSnapshot: (id: string, token: string, sid: string) => call<void>(`${w(id)}/snapshots/${encodeURIComponent(sid)}`, token, { method: 'DELETE' }),
  restore: (id: string, token: string, sid: string) => call<CreatedWorkshop>(`${w(id)}/snapshots/${encodeURIComponent(sid)}/restore`, token, post({})),
  snapshotJson: (id: string, token: string, sid: string) => call<unknown>(`${w(id)}/snapshots/${encodeURIComponent(sid)}/export?format=json`, token),
  snapshotMarkdown: (id: string, token: string, sid: string) => call<string>(`${w(id)}/snapshots/${encodeURIComponent(sid)}/export?format=md`, token),
  changes: (id: string, token: string, sid: string) => get<{ snapshot: SnapshotInfo; changes: BoardDiff; state: unknown }>(`${w(id)}/snapshots/${encodeURIComponent(sid)}/changes`, token),
  end: (id: string, token: string) => call<SnapshotInfo>(`${w(id)}/end`, token, post({})),
  startNext: (from: string, token: string, body: { title?: string; carry?: { notes?: boolean; votes?: boolean } }) =>
    call<CreatedWorkshop & { seriesId: string }>('/api/workshops', token, post({ from, ...body })),
  series: (id: string, token: string) => call<{ seriesId: string | null; workshops: Array<{ id: string; title: string; createdAt: number }> }>(`${w(id)}/series`, token),
  runs: (id: string, token: string) => get<{ title: string; runs: RunInput[] }>(`${w(id)}/series/runs`, token),
}

/** Starts the two page loads' requests early (early.ts). */
export const prefetch = {
  changes: (id: string, token: string, sid: string) => start(`${w(id)}/snapshots/${encodeURIComponent(sid)}/changes`, token),
  runs: (id: string, token: string) => start(`${w(id)}/series/runs`, token),
}
