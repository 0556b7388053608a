/**
 * Dot-vote tally. Clients write their own dots; a misbehaving client may write anything. The
 * tally therefore enforces the round's limits itself: at most `maxPerTarget` dots per target
 * and `votesPerPerson` in all per participant. When a participant wrote too many, the dots
 * that count are taken in target-id order — deterministic, so every peer computes the same
 * result from the same document.
 */
import * as Y from 'yjs'
import { compareIds } from '../order'
import { boardMaps } from '../board/board-doc'
import type { Round, RoundTargetKind } from './round'
import { isVoteCount, parseVoteKey, type Vote } from './vote'

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
    .filter((entry): entry is [string, number] => isVoteCount(entry[1]))
    .sort(([a], [b]) => compareIds(a, b))
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
    .sort((a, b) => b.votes - a.votes || compareIds(a.targetId, b.targetId))
  return { ranking, usedByParticipant }
}

/**
 * A round's dots that count, per target and per voter's department (issue #12: votes carry their
 * author's department). A vote stores only its participant id (its key); the department is the
 * voter's `people` entry now, as `departmentOf` maps it; a voter without one counts under ''.
 * The dots are exactly those of `tallyRound`, so each target's departments add up to its votes.
 */
export function votesByDepartment(doc: Y.Doc, limits: RoundLimits, departmentOf: ReadonlyMap<string, string>, targets?: ReadonlySet<string>): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>()
  boardMaps(doc).votes.forEach((value, key) => {
    const parsed = parseVoteKey(key)
    if (!parsed || parsed.roundId !== limits.id || !(value instanceof Y.Map)) return
    const written = [...(value as Y.Map<unknown>).entries()].filter(([targetId]) => !targets || targets.has(targetId))
    const department = departmentOf.get(parsed.participantId) ?? ''
    for (const [targetId, votes] of countableVotes(written, limits)) {
      let byDepartment = result.get(targetId)
      if (!byDepartment) result.set(targetId, (byDepartment = new Map()))
      byDepartment.set(department, (byDepartment.get(department) ?? 0) + votes)
    }
  })
  return result
}

// ---------------------------------------------------------------------------------------------
// Vote totals over an exported workshop (what the Markdown export ranks by).

/**
 * Rounds whose dots count for `targetKind`: its own rounds, and for a kind of note also the
 * rounds on all notes (targetKind "note" covers every note, as `noteKindsForRound` says).
 */
export function roundCountsFor(roundKind: RoundTargetKind, targetKind: RoundTargetKind): boolean {
  return roundKind === targetKind || (targetKind !== 'cluster' && roundKind === 'note')
}

/**
 * Dots that count per target, summed over every round that counts for `targetKind` (see
 * roundCountsFor and forEachCountedVote).
 */
export function voteTotals(
  json: { votes: readonly Vote[]; rounds: readonly Round[] },
  targetKind: RoundTargetKind,
  targets?: ReadonlySet<string>,
  allNotes?: ReadonlySet<string>,
): Map<string, number> {
  const totals = new Map<string, number>()
  forEachCountedVote(json, targetKind, targets, allNotes, (targetId, votes) => totals.set(targetId, (totals.get(targetId) ?? 0) + votes))
  return totals
}

/**
 * The dots of `voteTotals`, per target and per voter's department (an exported vote's
 * `department`; '' for a voter without one). Each target's departments add up to its total.
 */
export function voteTotalsByDepartment(
  json: { votes: readonly Vote[]; rounds: readonly Round[] },
  targetKind: RoundTargetKind,
  targets?: ReadonlySet<string>,
  allNotes?: ReadonlySet<string>,
): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>()
  forEachCountedVote(json, targetKind, targets, allNotes, (targetId, votes, department) => {
    let byDepartment = result.get(targetId)
    if (!byDepartment) result.set(targetId, (byDepartment = new Map()))
    byDepartment.set(department, (byDepartment.get(department) ?? 0) + votes)
  })
  return result
}

/**
 * Calls `counted` with each participant's dots that count, per round that counts for
 * `targetKind` (see roundCountsFor), and the participant's department as its votes carry it.
 * Each participant's dots in a round go through `countableVotes` with that round's limits,
 * exactly as `tallyRound` does on a live document; `targets`, when given, drops dots on ids that
 * no longer exist first. In a round on all notes the dots on every note count towards the limits
 * (as they do live): pass the ids of all notes as `allNotes`.
 */
function forEachCountedVote(
  json: { votes: readonly Vote[]; rounds: readonly Round[] },
  targetKind: RoundTargetKind,
  targets: ReadonlySet<string> | undefined,
  allNotes: ReadonlySet<string> | undefined,
  counted: (targetId: string, votes: number, department: string) => void,
): void {
  const rounds = new Map(json.rounds.filter((round) => roundCountsFor(round.targetKind, targetKind)).map((round) => [round.id, round]))
  const eligible = (roundId: string) => (rounds.get(roundId)?.targetKind === targetKind ? targets : (allNotes ?? targets))
  // round → participant → the dots as written, and the participant's department
  const written = new Map<string, Map<string, { entries: [string, number][]; department: string }>>()
  for (const vote of json.votes) {
    if (!rounds.has(vote.roundId)) continue
    const allowed = eligible(vote.roundId)
    if (allowed && !allowed.has(vote.targetId)) continue
    let byParticipant = written.get(vote.roundId)
    if (!byParticipant) written.set(vote.roundId, (byParticipant = new Map()))
    let mine = byParticipant.get(vote.participantId)
    if (!mine) byParticipant.set(vote.participantId, (mine = { entries: [], department: '' }))
    mine.entries.push([vote.targetId, vote.count])
    if (vote.department !== undefined) mine.department = vote.department
  }
  for (const [roundId, byParticipant] of written) {
    const round = rounds.get(roundId)
    if (!round) continue
    for (const { entries, department } of byParticipant.values()) {
      for (const [targetId, votes] of countableVotes(entries, round)) {
        // Dots of a round on all notes, on notes of another kind, are not this kind's.
        if (targets && !targets.has(targetId)) continue
        counted(targetId, votes, department)
      }
    }
  }
}
