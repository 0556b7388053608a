/**
 * Voting rounds, in the control document's `rounds` map: what is voted on, the limits, open or
 * closed. Opening one makes it the control's `activeRoundId`.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { newId } from '../ids'
import { LIMITS } from '../limits'
import { compareIds } from '../order'
import { asRecord, defineRecord, readAll, type RecordOf } from '../record'
import { key, number, oneOf, text } from '../record-fields'
import { NOTE_KINDS } from '../board/note'
import { controlMaps } from '../facilitation/control-doc'

export const ROUND_TARGET_KINDS = [...NOTE_KINDS, 'cluster'] as const
export type RoundTargetKind = (typeof ROUND_TARGET_KINDS)[number]
export const ROUND_STATUSES = ['open', 'closed'] as const
export type RoundStatus = (typeof ROUND_STATUSES)[number]

export const DEFAULT_VOTES_PER_PERSON = 5
export const DEFAULT_MAX_PER_TARGET = 3
export const MAX_VOTES_PER_PERSON = 100

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min
  return Math.max(min, Math.min(max, Math.trunc(value)))
}

const voteLimit = z.int().min(0).max(MAX_VOTES_PER_PERSON)

/**
 * A round. One without a valid target kind is not a round (it reads as none); the limits read
 * as whole numbers within 0 … MAX_VOTES_PER_PERSON, `maxPerTarget` at most `votesPerPerson`.
 * `createdAt`: when it was opened (ms); rounds list oldest first.
 */
export const roundRecord = defineRecord(
  {
    id: key(),
    createdAt: number(),
    title: text(LIMITS.title),
    targetKind: {
      ...oneOf(ROUND_TARGET_KINDS, 'note'),
      read: (raw: unknown) => ((ROUND_TARGET_KINDS as readonly unknown[]).includes(raw) ? (raw as RoundTargetKind) : undefined),
    },
    votesPerPerson: number({
      schema: voteLimit,
      fallback: DEFAULT_VOTES_PER_PERSON,
      normalise: (votes) => clampInt(votes, 0, MAX_VOTES_PER_PERSON),
    }),
    maxPerTarget: number({
      schema: voteLimit,
      fallback: DEFAULT_MAX_PER_TARGET,
      normalise: (max, round) => clampInt(max, 0, round.votesPerPerson as number),
    }),
    status: oneOf(ROUND_STATUSES, 'closed'),
  },
  (schema) => schema.refine((round) => round.maxPerTarget <= round.votesPerPerson, { error: 'must not exceed votesPerPerson', path: ['maxPerTarget'] }),
)
export type Round = RecordOf<typeof roundRecord>

export interface NewRound {
  title?: string
  targetKind: RoundTargetKind
  votesPerPerson?: number
  maxPerTarget?: number
}

/** Opens a voting round and makes it the active one. */
export function openRound(doc: Y.Doc, input: NewRound, now = Date.now()): string {
  if (!(ROUND_TARGET_KINDS as readonly string[]).includes(input.targetKind)) throw new Error(`no such round target kind: ${String(input.targetKind)}`)
  const id = newId()
  const votesPerPerson = clampInt(input.votesPerPerson ?? DEFAULT_VOTES_PER_PERSON, 1, MAX_VOTES_PER_PERSON)
  const maxPerTarget = clampInt(input.maxPerTarget ?? DEFAULT_MAX_PER_TARGET, 1, votesPerPerson)
  const { control, rounds } = controlMaps(doc)
  doc.transact(() => {
    rounds.set(id, roundRecord.create({ title: input.title ?? '', createdAt: now, targetKind: input.targetKind, votesPerPerson, maxPerTarget, status: 'open' }))
    control.set('activeRoundId', id)
  })
  return id
}

/** Writes a round with its id and everything as given (an import). */
export function putRound(doc: Y.Doc, round: Round): void {
  doc.transact(() => controlMaps(doc).rounds.set(round.id, roundRecord.create(round)))
}

export function closeRound(doc: Y.Doc, roundId: string): void {
  const { control, rounds } = controlMaps(doc)
  const round = asRecord(rounds.get(roundId))
  if (!round) return
  doc.transact(() => {
    round.set('status', 'closed')
    if (control.get('activeRoundId') === roundId) control.delete('activeRoundId')
  })
}

/** A round as written; `undefined` for one that is not a map or has no valid target kind. */
export function readRound(doc: Y.Doc, roundId: string): Round | undefined {
  const round = asRecord(controlMaps(doc).rounds.get(roundId))
  return round && roundRecord.read(round, roundId)
}

export function listRounds(doc: Y.Doc): Round[] {
  return readAll(controlMaps(doc).rounds, roundRecord).sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id))
}
