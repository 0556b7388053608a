/**
 * Who you are in a workshop, kept in localStorage so that a reload keeps your name and
 * participant id. Tokens arrive in the URL fragment (never sent to a server) and are moved
 * out of the address bar at once.
 */
import type { Role } from '../../shared/roles'

export interface Session {
  workshopId: string
  token: string
  role: Role
  participantId: string
  name: string
}

const key = (workshopId: string) => `horizon:session:${workshopId}`

export function readSession(workshopId: string): Session | undefined {
  try {
    const raw = localStorage.getItem(key(workshopId))
    if (!raw) return undefined
    const value = JSON.parse(raw) as Partial<Session>
    if (typeof value.token !== 'string' || typeof value.participantId !== 'string' || typeof value.role !== 'string') return undefined
    return { workshopId, token: value.token, role: value.role, participantId: value.participantId, name: value.name ?? '' }
  } catch {
    return undefined
  }
}

export function saveSession(session: Session): void {
  try {
    localStorage.setItem(key(session.workshopId), JSON.stringify(session))
  } catch {
    // private mode: the session lasts as long as the tab
  }
}

export function forgetSession(workshopId: string): void {
  try {
    localStorage.removeItem(key(workshopId))
  } catch {
    // nothing kept
  }
}

/** Reads `#token=…&code=…` and removes the fragment from the address bar. */
export function takeFragment(): { token?: string; code?: string } {
  const result = readFragment()
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search)
  return result
}

/** Reads `#token=…&code=…` without touching the address bar (so that a render may call it). */
export function readFragment(): { token?: string; code?: string } {
  const hash = window.location.hash.replace(/^#/, '')
  if (!hash) return {}
  const params = new URLSearchParams(hash)
  const result: { token?: string; code?: string } = {}
  const token = params.get('token')
  const code = params.get('code')
  if (token) result.token = token
  if (code) result.code = code
  return result
}

/** A colour per participant, stable across sessions. */
export function colorFor(id: string): string {
  let hash = 0
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0
  return `hsl(${hash % 360} 70% 42%)`
}
