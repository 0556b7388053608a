/** The REST API, with errors as values a screen can explain. */
import { DEFAULT_MAX_IMPORT_BYTES } from '../../shared/limits'
import type { Role } from '../../shared/roles'

export class ApiError extends Error {
  /** 0 when the server could not be reached at all. */
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      ...init,
      headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    })
  } catch {
    throw new ApiError(0, 'network')
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (!response.ok) {
    const message = typeof body === 'object' && body && 'error' in body ? String((body as { error: unknown }).error) : response.statusText
    throw new ApiError(response.status, message)
  }
  return body as T
}

export interface CreatedWorkshop {
  id: string
  title: string
  joinCode: string
  facilitatorToken: string
  viewerToken: string
  participantId: string
  facilitatorUrl: string
  joinUrl: string
  viewerUrl: string
}

export interface Joined {
  workshopId: string
  title: string
  participantId: string
  token: string
  name: string
}

export interface WorkshopInfo {
  id: string
  title: string
  role: Role
  participantId: string
  name?: string
  /** Facilitators only: what to hand out. */
  joinCode?: string
  joinUrl?: string
  viewerUrl?: string
}

export interface ParticipantInfo {
  id: string
  name: string
  createdAt: number
}

const workshopPath = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}`
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

export const api = {
  createWorkshop: (body: Record<string, string>) =>
    request<CreatedWorkshop>('/api/workshops', { method: 'POST', body: JSON.stringify(body) }),
  join: (workshopId: string | undefined, name: string, joinCode: string) =>
    request<Joined>(workshopId ? `/api/workshops/${encodeURIComponent(workshopId)}/join` : '/api/join', {
      method: 'POST',
      body: JSON.stringify({ name, joinCode }),
    }),
  publicInfo: (workshopId: string) => request<{ id: string; title: string; departments?: string[] }>(`/api/workshops/${encodeURIComponent(workshopId)}/public`),
  describe: (workshopId: string, token: string) =>
    request<WorkshopInfo>(`/api/workshops/${encodeURIComponent(workshopId)}`, { headers: { Authorization: `Bearer ${token}` } }),
  /** A `.json` export as text (sent as it is): a new workshop, answered like createWorkshop. */
  importWorkshop: (body: string) => request<CreatedWorkshop>('/api/workshops/import', { method: 'POST', body }),
  /** The whole workshop (the `json` export), unchecked: see parseWorkshopJson. */
  exportJson: (workshopId: string, token: string) =>
    request<unknown>(`/api/workshops/${encodeURIComponent(workshopId)}/export?format=json`, { headers: { Authorization: `Bearer ${token}` } }),
  // The facilitator's: new links, and who is in.
  newJoinCode: (workshopId: string, token: string) =>
    request<{ joinCode: string; joinUrl: string }>(`${workshopPath(workshopId)}/join-code`, { method: 'POST', headers: bearer(token) }),
  newViewerLink: (workshopId: string, token: string) =>
    request<{ viewerToken: string; viewerUrl: string }>(`${workshopPath(workshopId)}/viewer-link`, { method: 'POST', headers: bearer(token) }),
  participants: (workshopId: string, token: string) => request<ParticipantInfo[]>(`${workshopPath(workshopId)}/participants`, { headers: bearer(token) }),
  removeParticipant: (workshopId: string, token: string, participantId: string) =>
    request<void>(`${workshopPath(workshopId)}/participants/${encodeURIComponent(participantId)}`, { method: 'DELETE', headers: bearer(token) }),
}

/** Largest file POST /api/workshops/import takes (the server's default MAX_IMPORT_BYTES). */
export const MAX_IMPORT_BYTES = DEFAULT_MAX_IMPORT_BYTES
