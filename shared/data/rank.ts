/**
 * minimal; owned by the data-room branch (#12). Stand-in for the guess-vs-data scores so that the
 * series comparison (#13) builds before the data room lands; replaced by the real module at merge.
 */

const norm = (name: string) => name.trim().toLowerCase()

/** How many of the data's top touchpoints the guess names (case and spacing ignored). */
export function found(dataTop: string[], guess: string[]): number {
  const top = new Set(dataTop.map(norm))
  return new Set(guess.map(norm).filter((name) => top.has(name))).size
}

/**
 * Spearman's rank correlation over the touchpoints both rankings hold; null with fewer than two
 * in common.
 */
export function spearman(dataRanking: string[], guessRanking: string[]): number | null {
  const dataRank = new Map(dataRanking.map((name, i) => [norm(name), i]))
  const common = guessRanking.map(norm).filter((name, i, all) => dataRank.has(name) && all.indexOf(name) === i)
  const n = common.length
  if (n < 2) return null
  const byData = [...common].sort((a, b) => (dataRank.get(a) ?? 0) - (dataRank.get(b) ?? 0))
  let d2 = 0
  common.forEach((name, i) => {
    const d = i - byData.indexOf(name)
    d2 += d * d
  })
  return 1 - (6 * d2) / (n * (n * n - 1))
}
