/** The emotion curve: `emotions` maps a stage id to a value from −2 to +2. */
import type * as Y from 'yjs'
import { z } from 'zod'
import { compareIds } from '../order'
import { finiteSchema, idSchema } from '../record-fields'
import { boardMaps } from './board-doc'

export const EMOTION_MIN = -2
export const EMOTION_MAX = 2

export function clampEmotion(value: number): number {
  if (!Number.isFinite(value)) return 0
  return Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, value))
}

/** The strict shape of the emotions (import): stage id → number (clamped when written). */
export const emotionsSchema = z.record(idSchema, finiteSchema, { error: 'must be an object of stage id → number' })

export function setEmotion(doc: Y.Doc, stageId: string, value: number): void {
  doc.transact(() => boardMaps(doc).emotions.set(stageId, clampEmotion(value)))
}

export function clearEmotion(doc: Y.Doc, stageId: string): void {
  doc.transact(() => boardMaps(doc).emotions.delete(stageId))
}

/** Emotion per stage id, clamped to −2 … +2; stages without a value are absent. */
export function readEmotions(doc: Y.Doc): Map<string, number> {
  const result = new Map<string, number>()
  boardMaps(doc).emotions.forEach((value, stageId) => {
    if (typeof value === 'number' && Number.isFinite(value)) result.set(stageId, clampEmotion(value))
  })
  return result
}

/** The emotions as a plain object sorted by stage id, so that every peer exports the same text. */
export function emotionsObject(doc: Y.Doc): Record<string, number> {
  return Object.fromEntries([...readEmotions(doc)].sort(([a], [b]) => compareIds(a, b)))
}
