/**
 * Dot-vote tally. Clients write their own dots; a misbehaving client may write anything. The
 * tally therefore enforces the round's limits itself: at most `maxPerTarget` dots per target
 * and `votesPerPerson` in all per participant. When a participant wrote too many, the dots
 * that count are taken in target-id order — deterministic, so every peer computes the same
 * result from the same document.
 */
import * as Y from 'yjs'
import { boardMaps, parseVoteKey } from './schema'

export interface RoundLimits {
  id: string
  votesPerPerson: number
  maxPerTarget: number
}

export interface TallyEntry {
  targetId: string
  votes: number
  voters: number
}

export interface Tally {
  /** Ranked: most votes first, ties by target id. */
  ranking: TallyEntry[]
  /** Dots that count, per participant. */
  usedByParticipant: Map<string, number>
}

/** The dots of one participant that count under the limits. */
export function countableVotes(written: Iterable<[string, unknown]>, limits: RoundLimits): Map<string, number> {
  const perTarget = Math.max(0, Math.trunc(limits.maxPerTarget))
  let budget = Math.max(0, Math.trunc(limits.votesPerPerson))
  const entries = [...written]
    .filter((entry): entry is [string, number] => {
      const count = entry[1]
      return typeof count === 'number' && Number.isInteger(count) && count > 0
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const counted = new Map<string, number>()
  for (const [targetId, count] of entries) {
    if (budget === 0) break
    const take = Math.min(count, perTarget, budget)
    if (take > 0) {
      counted.set(targetId, take)
      budget -= take
    }
  }
  return counted
}

/**
 * Tallies a round. `targets`, when given, restricts the result to ids that still exist (a
 * deleted note's dots do not count, and do not come back).
 */
export function tallyRound(doc: Y.Doc, limits: RoundLimits, targets?: ReadonlySet<string>): Tally {
  const totals = new Map<string, { votes: number; voters: number }>()
  const usedByParticipant = new Map<string, number>()
  boardMaps(doc).votes.forEach((value, key) => {
    const parsed = parseVoteKey(key)
    if (!parsed || parsed.roundId !== limits.id || !(value instanceof Y.Map)) return
    const written = [...(value as Y.Map<unknown>).entries()].filter(([targetId]) => !targets || targets.has(targetId))
    const counted = countableVotes(written, limits)
    let used = 0
    for (const [targetId, votes] of counted) {
      const total = totals.get(targetId) ?? { votes: 0, voters: 0 }
      total.votes += votes
      total.voters += 1
      totals.set(targetId, total)
      used += votes
    }
    usedByParticipant.set(parsed.participantId, used)
  })
  const ranking = [...totals.entries()]
    .map(([targetId, t]) => ({ targetId, votes: t.votes, voters: t.voters }))
    .sort((a, b) => b.votes - a.votes || (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0))
  return { ranking, usedByParticipant }
}
