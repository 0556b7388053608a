/** Clusters: named groups of notes (a note points at its cluster with `clusterId`). */
import type * as Y from 'yjs'
import { newId } from '../ids'
import { clampCoordinate, LIMITS } from '../limits'
import { compareIds } from '../order'
import { asRecord, clearReferences, defineRecord, readAll, type RecordOf } from '../record'
import { key, number, text } from '../record-fields'
import { boardMaps } from './board-doc'

/** A cluster. Its coordinates are clamped when written (and, unlike a note's, read as written). */
export const clusterRecord = defineRecord({
  id: key(),
  title: text(LIMITS.title),
  x: number({ store: clampCoordinate }),
  y: number({ store: clampCoordinate }),
})
export type Cluster = RecordOf<typeof clusterRecord>

/** A new cluster of `noteIds`; `id` keeps an id it already has (an import). */
export function addCluster(doc: Y.Doc, input: { id?: string; title: string; x: number; y: number; noteIds?: string[] }): string {
  const id = input.id ?? newId()
  const { clusters, notes } = boardMaps(doc)
  doc.transact(() => {
    clusters.set(id, clusterRecord.create({ title: input.title, x: input.x, y: input.y }))
    for (const noteId of input.noteIds ?? []) asRecord(notes.get(noteId))?.set('clusterId', id)
  })
  return id
}

export function updateCluster(doc: Y.Doc, id: string, patch: { title?: string; x?: number; y?: number }): void {
  const record = asRecord(boardMaps(doc).clusters.get(id))
  if (!record) return
  doc.transact(() => clusterRecord.patch(record, patch))
}

/** Removes the cluster; its notes stay, no longer grouped. */
export function deleteCluster(doc: Y.Doc, id: string): void {
  const { clusters, notes } = boardMaps(doc)
  doc.transact(() => {
    clusters.delete(id)
    clearReferences(notes, 'clusterId', id)
  })
}

export function listClusters(doc: Y.Doc): Cluster[] {
  return readAll(boardMaps(doc).clusters, clusterRecord).sort((a, b) => compareIds(a.id, b.id))
}
