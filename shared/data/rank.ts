/**
 * Rank comparisons between the data's ranking of touchpoints and a guessed one (issue #12):
 * how many of the data's top items a guess found, and Spearman's rank correlation over the
 * items both rankings hold. Rankings are lists of touchpoint names, best first, each name once
 * (a repeated name counts at its first place). Pure.
 */

/** The first place of each name in `ranking` (0-based); later repeats are ignored. */
function places(ranking: readonly string[]): Map<string, number> {
  const at = new Map<string, number>()
  ranking.forEach((name, index) => {
    if (!at.has(name)) at.set(name, index)
  })
  return at
}

/**
 * Spearman's ρ over the items in both rankings ("the matched items"): each ranking is reduced
 * to those items, ranked 1…n again, and ρ = 1 − 6·Σd² / (n·(n² − 1)). Null when fewer than two
 * items are in both (no correlation can be said). Both reduced rankings are strict orders, so
 * no tie correction is needed: ties in the data's measure were already broken (by name) when the
 * data's ranking was made.
 */
export function spearman(dataRanking: string[], guessRanking: string[]): number | null {
  const data = places(dataRanking)
  const guess = places(guessRanking)
  const common = [...guess.keys()].filter((name) => data.has(name))
  const n = common.length
  if (n < 2) return null
  const dataRank = new Map([...common].sort((a, b) => (data.get(a) as number) - (data.get(b) as number)).map((name, i) => [name, i + 1]))
  const guessRank = new Map([...common].sort((a, b) => (guess.get(a) as number) - (guess.get(b) as number)).map((name, i) => [name, i + 1]))
  let sum = 0
  for (const name of common) {
    const d = (dataRank.get(name) as number) - (guessRank.get(name) as number)
    sum += d * d
  }
  return 1 - (6 * sum) / (n * (n * n - 1))
}

/** How many of `dataTop` the guess names (each data item counted once): the "6" of "6 of 10". */
export function found(dataTop: string[], guess: string[]): number {
  const guessed = new Set(guess)
  return new Set(dataTop.filter((name) => guessed.has(name))).size
}
