/** Stages: the journey's columns, in a fractional order. */
import type * as Y from 'yjs'
import { newId } from '../ids'
import { LIMITS } from '../limits'
import { sortOrdered } from '../order'
import { moveInOrdered, orderAt, orderedItems } from '../ordered-records'
import { asRecord, clearReferences, defineRecord, readAll, type RecordOf } from '../record'
import { key, number, text } from '../record-fields'
import { boardMaps } from './board-doc'

export const stageRecord = defineRecord({ id: key(), title: text(LIMITS.title), order: number() })
export type Stage = RecordOf<typeof stageRecord>

export function listStages(doc: Y.Doc): Stage[] {
  return sortOrdered(readAll(boardMaps(doc).stages, stageRecord))
}

/**
 * Adds a stage at `index` (default: the end). `keep` writes one with its id and order as given
 * (an import).
 */
export function addStage(doc: Y.Doc, title: string, index?: number, keep?: Pick<Stage, 'id' | 'order'>): string {
  const { stages } = boardMaps(doc)
  const id = keep?.id ?? newId()
  doc.transact(() => {
    const order = keep?.order ?? orderAt(stages, orderedItems(stages), id, index)
    stages.set(id, stageRecord.create({ title, order }))
  })
  return id
}

export function renameStage(doc: Y.Doc, id: string, title: string): void {
  doc.transact(() => {
    const record = asRecord(boardMaps(doc).stages.get(id))
    if (record) stageRecord.patch(record, { title })
  })
}

/** Moves a stage to `index` of the sorted stages; its notes keep their stageId and follow it. */
export function moveStage(doc: Y.Doc, id: string, index: number): void {
  doc.transact(() => moveInOrdered(boardMaps(doc).stages, id, index))
}

/** Removes a stage. Its notes stay on the board, no longer in a cell; its emotion value goes. */
export function removeStage(doc: Y.Doc, id: string): void {
  const { stages, notes, emotions } = boardMaps(doc)
  doc.transact(() => {
    stages.delete(id)
    emotions.delete(id)
    clearReferences(notes, 'stageId', id)
  })
}
