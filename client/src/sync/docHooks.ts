/**
 * React bridges to Yjs: components read shared state through selectors that re-run after each
 * document update and re-render only when the selected value really changed. React never
 * holds a second copy that could drift from the document.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

export function jsonEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

type Plain = Record<string, unknown>
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)
const idOf = (value: unknown): unknown => (isPlain(value) ? value.id : undefined)

/**
 * `next`, with every part that deep-equals the same part of `prev` replaced by `prev`'s: the
 * result is `prev` itself when nothing changed, and in a list of 2,000 notes of which one
 * changed, 1,999 are the very objects of before — so memoised components (a note on the
 * canvas) skip them. Elements with an `id` are matched by id, others by position. Plain data
 * only (what selectors return); anything else is new unless it is the same object.
 */
export function share<T>(prev: T, next: T): T {
  if (Object.is(prev, next)) return prev
  if (Array.isArray(prev) && Array.isArray(next)) {
    const byId = prev.length > 0 && idOf(prev[0]) !== undefined ? new Map(prev.map((p: unknown) => [idOf(p), p])) : undefined
    let same = prev.length === next.length
    const out = next.map((item: unknown, i: number) => {
      const id = byId ? idOf(item) : undefined
      const before = id !== undefined ? byId?.get(id) : byId ? undefined : prev[i]
      const kept = before === undefined ? item : share(before, item)
      if (kept !== prev[i]) same = false
      return kept
    })
    return (same ? prev : out) as T
  }
  if (isPlain(prev) && isPlain(next)) {
    const keys = Object.keys(next)
    let same = keys.length === Object.keys(prev).length
    const out: Plain = {}
    for (const key of keys) {
      const kept = share(prev[key], next[key])
      if (kept !== prev[key] || !(key in prev)) same = false
      out[key] = kept
    }
    return (same ? prev : out) as T
  }
  return next
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]))
}

interface Cache<T> {
  doc: Y.Doc
  version: number
  computedAt: number
  deps: readonly unknown[]
  value: T
}

/**
 * The value of `select(doc)`, kept up to date with the document. `deps` are what `select`
 * closes over besides the document (a note id, say). Unchanged parts of the value keep their
 * identity across updates (`share`).
 */
export function useDocSelector<T>(doc: Y.Doc, select: (doc: Y.Doc) => T, deps: readonly unknown[] = []): T {
  const cache = useRef<Cache<T> | null>(null)
  const versions = useRef(0)
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => {
        versions.current++
        onChange()
      }
      doc.on('update', handler)
      return () => doc.off('update', handler)
    },
    [doc],
  )
  const getSnapshot = (): T => {
    const current = cache.current
    if (!current || current.doc !== doc || !sameDeps(current.deps, deps)) {
      cache.current = { doc, version: versions.current, computedAt: versions.current, deps, value: select(doc) }
      return cache.current.value
    }
    if (current.computedAt !== versions.current) {
      current.value = share(current.value, select(doc))
      current.computedAt = versions.current
    }
    return current.value
  }
  return useSyncExternalStore(subscribe, getSnapshot)
}

interface AwarenessLike {
  clientID: number
  getStates(): Map<number, Record<string, unknown>>
  on(event: 'change', handler: () => void): void
  off(event: 'change', handler: () => void): void
}

/** Other clients' presence states (not our own), re-read on every awareness change. */
export function useRemoteStates<T>(awareness: AwarenessLike): Array<{ clientId: number; state: T }> {
  return useRemoteSelector<T, Array<{ clientId: number; state: T }>>(awareness, everything, (a, b) => a === b)
}

const everything = <S,>(states: S) => states

/**
 * A value computed from other clients' presence, re-rendering only when it changes: a cursor
 * storm re-renders the cursor layer, not every component that reads presence.
 */
export function useRemoteSelector<S, T>(
  awareness: AwarenessLike,
  select: (states: Array<{ clientId: number; state: S }>) => T,
  equal: (a: T, b: T) => boolean = jsonEqual,
): T {
  const cache = useRef<{ version: number; computed: number; value: T | undefined }>({ version: 0, computed: -1, value: undefined })
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => {
        cache.current.version++
        onChange()
      }
      awareness.on('change', handler)
      return () => awareness.off('change', handler)
    },
    [awareness],
  )
  const getSnapshot = (): T => {
    const c = cache.current
    if (c.computed !== c.version) {
      const states: Array<{ clientId: number; state: S }> = []
      awareness.getStates().forEach((state, clientId) => {
        if (clientId !== awareness.clientID && state && Object.keys(state).length > 0) states.push({ clientId, state: state as S })
      })
      const next = select(states)
      if (c.computed === -1 || !equal(c.value as T, next)) c.value = next
      c.computed = c.version
    }
    return c.value as T
  }
  return useSyncExternalStore(subscribe, getSnapshot)
}
