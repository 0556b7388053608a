/**
 * The notes this browser wrote, remembered locally. In anonymous mode a note carries no author
 * in the shared document, so this list is the only place that knows whose it is: its author
 * still finds and edits it ("your notes" on a phone), nobody else can tell.
 */
import { useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

const key = (workshopId: string) => `horizon:own:${workshopId}`
const cache = new Map<string, ReadonlySet<string>>()
const listeners = new Set<() => void>()

function load(workshopId: string): ReadonlySet<string> {
  const known = cache.get(workshopId)
  if (known) return known
  let ids: ReadonlySet<string> = new Set()
  try {
    const parsed = JSON.parse(localStorage.getItem(key(workshopId)) ?? '[]') as unknown
    if (Array.isArray(parsed)) ids = new Set(parsed.filter((id): id is string => typeof id === 'string'))
  } catch {
    // unreadable: start empty
  }
  cache.set(workshopId, ids)
  return ids
}

export function rememberOwn(workshopId: string, noteId: string): void {
  const next = new Set(load(workshopId))
  next.add(noteId)
  cache.set(workshopId, next)
  try {
    localStorage.setItem(key(workshopId), JSON.stringify([...next]))
  } catch {
    // storage full or private mode: remembered for this tab only
  }
  for (const listener of listeners) listener()
}

export function useOwnNotes(workshopId: string): ReadonlySet<string> {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange)
      return () => listeners.delete(onChange)
    },
    () => load(workshopId),
  )
}

/** The author id a new note carries: none while the facilitator has anonymous mode on. */
export function authorFor(participantId: string, anonymous: boolean): string | undefined {
  return anonymous ? undefined : participantId
}

const anonymousIds = new WeakMap<Y.Doc, number>()

/**
 * Runs `write` (which makes its own transactions) under a Yjs client id of its own, the same for
 * all of this session's anonymous writes to `doc`. Every Yjs change carries the id of the client
 * that made it, and presence shows names by that id: written with our usual id, an anonymous
 * note would still give its author away to anyone who looks into the document.
 */
export function writeAnonymously<T>(doc: Y.Doc, write: () => T): T {
  let id = anonymousIds.get(doc)
  if (id === undefined) {
    id = crypto.getRandomValues(new Uint32Array(1))[0] as number
    anonymousIds.set(doc, id)
  }
  const usual = doc.clientID
  doc.clientID = id
  try {
    return write()
  } finally {
    doc.clientID = usual
  }
}
