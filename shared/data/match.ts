/**
 * Match suggestions: which data touchpoint a guessed item or a touchpoint note most likely
 * means ("Phone call" → "Phone"), by text similarity. The facilitator sees the suggestion and
 * accepts it with one click; nothing is matched without them. Pure.
 *
 * Similarity is the better of two measures over normalised text (lower case, accents and
 * punctuation removed, whitespace collapsed): a Levenshtein ratio (1 − distance / longer
 * length), good for typos and small variants, and a token overlap (shared words over the
 * shorter text's words), good for "Call centre" vs "call centre (inbound)".
 */
import { distance } from 'fastest-levenshtein'

/** Below this a suggestion is more likely wrong than right (tuned on the tests' pairs). */
export const SUGGESTION_THRESHOLD = 0.5

/** Text as matching compares it: lower case, no accents or punctuation, single spaces. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

const tokens = (normalised: string): Set<string> => new Set(normalised.split(' ').filter((t) => t.length > 0))

/** Similarity 0 … 1 of two labels (1: the same after normalising). */
export function similarity(a: string, b: string): number {
  const x = normaliseLabel(a)
  const y = normaliseLabel(b)
  if (x === '' || y === '') return 0
  if (x === y) return 1
  const ratio = 1 - distance(x, y) / Math.max(x.length, y.length)
  const tx = tokens(x)
  const ty = tokens(y)
  let shared = 0
  for (const token of tx) if (ty.has(token)) shared++
  const overlap = shared / Math.min(tx.size, ty.size)
  // A shared word out of many is weaker evidence than a whole shorter label: weigh by coverage.
  const coverage = shared / Math.max(tx.size, ty.size)
  return Math.max(ratio, overlap * (0.6 + 0.4 * coverage))
}

export interface Suggestion {
  touchpoint: string
  score: number
}

/**
 * The data touchpoint `label` most likely means, if any reaches the threshold; ties go to the
 * earlier touchpoint in `touchpoints` (the data's order: the bigger one).
 */
export function suggestMatch(label: string, touchpoints: readonly string[]): Suggestion | undefined {
  let best: Suggestion | undefined
  for (const touchpoint of touchpoints) {
    const score = similarity(label, touchpoint)
    if (score >= SUGGESTION_THRESHOLD && (best === undefined || score > best.score)) best = { touchpoint, score }
  }
  return best
}
