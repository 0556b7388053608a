/**
 * The team's guess against the data: how many of the data's top 10 a guess found, and how well
 * its order agrees (Spearman's ρ over the touchpoints both lists hold). Labels are compared
 * case- and space-insensitively ("Invoice  question" = "invoice question"); matching notes to
 * data touchpoints beyond that is the facilitator's job (the data room).
 */

/** The form two labels are compared in: trimmed, one space between words, lower case. */
export const normalizeLabel = (label: string): string => label.trim().replace(/\s+/g, ' ').toLowerCase()

/** `list` normalised, each label once (its first place), empty ones left out. */
function distinct(list: readonly string[]): string[] {
  const seen = new Set<string>()
  for (const label of list) {
    const key = normalizeLabel(label)
    if (key !== '') seen.add(key)
  }
  return [...seen]
}

/** How many of the data's top 10 (the first 10 of `dataRanking`) the guess names. */
export function found(dataRanking: readonly string[], guess: readonly string[]): number {
  const top = new Set(distinct(dataRanking).slice(0, 10))
  return distinct(guess).filter((label) => top.has(label)).length
}

/** Ranks 1 … n of `values` (higher value, better rank); tied values share their average rank. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0])
  const ranks = new Array<number>(values.length)
  for (let i = 0; i < order.length; ) {
    let j = i
    while (j + 1 < order.length && (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]) j++
    for (let k = i; k <= j; k++) ranks[(order[k] as readonly [number, number])[1]] = (i + j) / 2 + 1
    i = j + 1
  }
  return ranks
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length
  const mx = x.reduce((a, b) => a + b, 0) / n
  const my = y.reduce((a, b) => a + b, 0) / n
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx
    const dy = (y[i] as number) - my
    sxy += dx * dy
    sxx += dx * dx
    syy += dy * dy
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy)
}

/**
 * Spearman's rank correlation between the data's ranking and a guess, over the touchpoints both
 * hold ("matched items"): each list's order among those items is ranked 1 … n and ρ is the
 * Pearson correlation of the two rankings, which handles ties (average ranks) exactly.
 * `dataValues` (the interactions, parallel to `dataRanking`) makes touchpoints with equal
 * values ties in the data's ranking; without it the data's order is strict.
 * Returns null when fewer than two items match, or when one side is all ties (ρ is undefined).
 * 1 = the same order, −1 = the reverse.
 */
export function spearman(dataRanking: readonly string[], guessRanking: readonly string[], dataValues?: readonly number[]): number | null {
  const dataPlace = new Map<string, number>()
  dataRanking.forEach((label, i) => {
    const key = normalizeLabel(label)
    if (key !== '' && !dataPlace.has(key)) dataPlace.set(key, i)
  })
  const matched = distinct(guessRanking).filter((label) => dataPlace.has(label))
  if (matched.length < 2) return null
  // Higher is better on both sides: minus the guess's place, the data's value (or minus its place).
  const guessScore = matched.map((_label, i) => -i)
  const dataScore = matched.map((label) => {
    const at = dataPlace.get(label) as number
    return dataValues?.[at] ?? -at
  })
  const rho = pearson(averageRanks(dataScore), averageRanks(guessScore))
  return rho === null ? null : Math.round(rho * 1e4) / 1e4
}
