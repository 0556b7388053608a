/**
 * The room's guess (issue #12): board `guesses` Y.Map<participantId, Y.Array<string>>, each
 * participant's ranking of the touchpoints they believe matter most, best first. A participant
 * writes only its own key, at most MAX_GUESSES items of at most GUESS_MAX_LENGTH characters, and
 * nothing once the data is revealed: the server refuses anything else (server/sync/dataGuards.ts).
 * Readers hold to the same limits whatever a client wrote.
 */
import * as Y from 'yjs'
import { cleanLine, clip } from '../text'

export const MAX_GUESSES = 10
export const GUESS_MAX_LENGTH = 120

export const guessesMap = (doc: Y.Doc) => doc.getMap<unknown>('guesses')

/** A guessed item as written and read: one clean line, clipped. */
export const cleanGuess = (text: string): string => clip(cleanLine(text), GUESS_MAX_LENGTH).trimEnd()

/** Cleaned, without empties and repeats (same text, any case), at most MAX_GUESSES. */
function cleanList(items: readonly unknown[]): string[] {
  const result: string[] = []
  const seen = new Set<string>()
  for (const item of items) {
    if (typeof item !== 'string' || result.length >= MAX_GUESSES) continue
    const cleaned = cleanGuess(item)
    if (cleaned === '' || seen.has(cleaned.toLowerCase())) continue
    seen.add(cleaned.toLowerCase())
    result.push(cleaned)
  }
  return result
}

/** Participant id → ranking, for everyone who ranked at least one item. */
export function readGuesses(doc: Y.Doc): Map<string, string[]> {
  const result = new Map<string, string[]>()
  guessesMap(doc).forEach((value, id) => {
    if (!(value instanceof Y.Array)) return
    const list = cleanList(value.toArray())
    if (list.length > 0) result.set(id, list)
  })
  return result
}

export function readGuess(doc: Y.Doc, participantId: string): string[] {
  const value = guessesMap(doc).get(participantId)
  return value instanceof Y.Array ? cleanList(value.toArray()) : []
}

/**
 * Replaces a participant's ranking with `items` (cleaned; at most MAX_GUESSES). Edits the
 * existing array in place, from the first changed position on, so that a reorder near the end
 * rewrites only the end.
 */
export function setGuess(doc: Y.Doc, participantId: string, items: readonly string[]): void {
  const next = cleanList(items)
  const map = guessesMap(doc)
  const current = map.get(participantId)
  doc.transact(() => {
    if (!(current instanceof Y.Array)) {
      map.set(participantId, Y.Array.from(next))
      return
    }
    const array = current as Y.Array<unknown>
    const had = array.toArray()
    let same = 0
    while (same < had.length && same < next.length && had[same] === next[same]) same++
    if (same === had.length && same === next.length) return
    if (same < had.length) array.delete(same, had.length - same)
    if (same < next.length) array.insert(same, next.slice(same))
  })
}

/** Adds an item at the end (nothing when the ranking is full or holds it already). */
export function addGuess(doc: Y.Doc, participantId: string, item: string): boolean {
  const list = readGuess(doc, participantId)
  const cleaned = cleanGuess(item)
  if (cleaned === '' || list.length >= MAX_GUESSES || list.some((i) => i.toLowerCase() === cleaned.toLowerCase())) return false
  setGuess(doc, participantId, [...list, cleaned])
  return true
}

export function removeGuess(doc: Y.Doc, participantId: string, index: number): void {
  const list = readGuess(doc, participantId)
  if (index < 0 || index >= list.length) return
  setGuess(doc, participantId, list.filter((_, i) => i !== index))
}

/** Moves the item at `from` to position `to` (clamped). */
export function moveGuess(doc: Y.Doc, participantId: string, from: number, to: number): void {
  const list = readGuess(doc, participantId)
  if (from < 0 || from >= list.length) return
  const target = Math.max(0, Math.min(list.length - 1, to))
  if (target === from) return
  const [item] = list.splice(from, 1)
  list.splice(target, 0, item as string)
  setGuess(doc, participantId, list)
}
