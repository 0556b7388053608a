/**
 * A first guess of the journey stage each stage value in the file belongs to, by name: the same
 * name (any case, spacing or punctuation), else the most similar stage title (Levenshtein)
 * when it is close enough to be a spelling variant, else none — the facilitator picks.
 */
import { distance } from 'fastest-levenshtein'

const simple = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()

/** The id of the stage `value` most likely means, or '' for none. */
export function guessStage(value: string, stages: readonly { id: string; title: string }[]): string {
  const v = simple(value)
  let best = ''
  let bestScore = Infinity
  for (const stage of stages) {
    const s = simple(stage.title)
    if (s === v) return stage.id
    // Relative distance: 0 is equal, 1 is nothing in common.
    const score = distance(v, s) / Math.max(v.length, s.length, 1)
    if (score < bestScore) {
      bestScore = score
      best = stage.id
    }
  }
  return bestScore <= 0.34 ? best : ''
}

/** Guesses for every value. */
export function guessStageMap(values: readonly string[], stages: readonly { id: string; title: string }[]): Record<string, string> {
  return Object.fromEntries(values.map((value) => [value, guessStage(value, stages)]))
}
