/**
 * Votes: the board's `votes` map holds one Y.Map per round and participant, under the key
 * `<roundId>/<participantId>`, of target id → dots; only that participant writes it (the server
 * refuses others), and the tally (tally.ts) applies the round's limits to whatever was written.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { idSchema } from '../record-fields'
import { LIMITS } from '../limits'
import { boardMaps } from '../board/board-doc'

/** One participant's dots on one target in one round, as exported. */
export const voteSchema = z.object({
  roundId: idSchema,
  participantId: idSchema,
  targetId: idSchema,
  count: z.int({ error: 'must be a whole number' }).min(1),
  /**
   * Exports only (issue #12): the voter's department when the vote was exported, so that the
   * report can split the votes by department; the document's votes never hold it (a vote's
   * department is its voter's `people` entry).
   */
  department: z.string().max(LIMITS.name).optional(),
})
export type Vote = z.output<typeof voteSchema>

/** A number of dots as written that counts at all: a whole number above 0. */
export function isVoteCount(count: unknown): count is number {
  return typeof count === 'number' && Number.isInteger(count) && count > 0
}

export function voteKey(roundId: string, participantId: string): string {
  return `${roundId}/${participantId}`
}

/** Splits a votes key at its first slash; `undefined` for a key that is not of that form. */
export function parseVoteKey(key: string): { roundId: string; participantId: string } | undefined {
  const slash = key.indexOf('/')
  if (slash <= 0 || slash === key.length - 1) return undefined
  return { roundId: key.slice(0, slash), participantId: key.slice(slash + 1) }
}

/** The dots this participant has placed in the round, as written (the tally applies the limits). */
export function readVotes(doc: Y.Doc, roundId: string, participantId: string): Map<string, number> {
  const result = new Map<string, number>()
  const mine = boardMaps(doc).votes.get(voteKey(roundId, participantId))
  if (!(mine instanceof Y.Map)) return result
  mine.forEach((count, targetId) => {
    if (isVoteCount(count)) result.set(targetId, count)
  })
  return result
}

/** Every vote as written (dots that count at all), sorted by round, participant and target. */
export function listVotes(doc: Y.Doc): Vote[] {
  const votes: Vote[] = []
  boardMaps(doc).votes.forEach((value, key) => {
    const parsed = parseVoteKey(key)
    if (!parsed || !(value instanceof Y.Map)) return
    ;(value as Y.Map<unknown>).forEach((count, targetId) => {
      if (isVoteCount(count)) votes.push({ ...parsed, targetId, count })
    })
  })
  return votes.sort((a, b) => `${a.roundId}/${a.participantId}/${a.targetId}`.localeCompare(`${b.roundId}/${b.participantId}/${b.targetId}`))
}

/** Sets this participant's dots on one target (0 removes them). */
export function setVote(doc: Y.Doc, roundId: string, participantId: string, targetId: string, count: number): void {
  const { votes } = boardMaps(doc)
  const key = voteKey(roundId, participantId)
  doc.transact(() => {
    let mine = votes.get(key)
    if (!(mine instanceof Y.Map)) {
      mine = new Y.Map<unknown>()
      votes.set(key, mine)
    }
    const n = Math.max(0, Math.trunc(count))
    if (n === 0) mine.delete(targetId)
    else mine.set(targetId, n)
  })
}

