/**
 * A document rebuilt from what storage holds — the one way both the server (a room) and the CLI
 * (`npm run export`) load one: the snapshot and the updates after it in order, an unreadable
 * update skipped, and structs that could never be integrated (stored by an older server, before
 * it refused pending updates) dropped.
 */
import * as Y from 'yjs'
import type { StoredDoc } from './types'

export interface LoadedDoc {
  doc: Y.Doc
  /** Pending structs were dropped: the stored form still holds them until it is rewritten. */
  droppedPending: boolean
}

export function docFromStored(stored: StoredDoc, onUnreadable: (error: unknown) => void, doc = new Y.Doc()): LoadedDoc {
  for (const update of stored.updates) {
    try {
      Y.applyUpdate(doc, update, 'storage')
    } catch (error) {
      onUnreadable(error)
    }
  }
  const droppedPending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
  if (droppedPending) {
    doc.store.pendingStructs = null
    doc.store.pendingDs = null
  }
  return { doc, droppedPending }
}
