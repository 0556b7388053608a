/**
 * Control document (facilitation state). Only the facilitator's connection may write it;
 * the server enforces that. Readers here validate like those of the board.
 */
import * as Y from 'yjs'
import { newId } from './ids'
import { clip, LIMITS, NOTE_KINDS, PHASES, readNumber, readOneOf, readString, type Phase } from './schema'

export const ROUND_TARGET_KINDS = [...NOTE_KINDS, 'cluster'] as const
export type RoundTargetKind = (typeof ROUND_TARGET_KINDS)[number]
export const ROUND_STATUSES = ['open', 'closed'] as const
export type RoundStatus = (typeof ROUND_STATUSES)[number]

export const DEFAULT_TIMER_DURATION_MS = 5 * 60_000
export const DEFAULT_VOTES_PER_PERSON = 5
export const DEFAULT_MAX_PER_TARGET = 3
export const MAX_VOTES_PER_PERSON = 100

export interface Round {
  id: string
  /** When it was opened (ms); rounds list oldest first. */
  createdAt: number
  title: string
  targetKind: RoundTargetKind
  votesPerPerson: number
  maxPerTarget: number
  status: RoundStatus
}

export interface TimerState {
  durationMs: number
  startedAt?: number
  pausedRemainingMs?: number
}

export interface ControlState {
  phase: Phase
  timer: TimerState
  activeRoundId?: string
  privateMode: boolean
  locked: boolean
  anonymous: boolean
  /** Participants' views follow the facilitator's (until they move their own). */
  followMe: boolean
}

export function controlMaps(doc: Y.Doc) {
  return {
    control: doc.getMap<unknown>('control'),
    rounds: doc.getMap<Y.Map<unknown>>('rounds'),
  }
}

/** Written once when the workshop is created. */
export function initControl(doc: Y.Doc): void {
  const { control } = controlMaps(doc)
  doc.transact(() => {
    control.set('phase', 'discover')
    const timer = new Y.Map<unknown>()
    timer.set('durationMs', DEFAULT_TIMER_DURATION_MS)
    control.set('timer', timer)
    control.set('privateMode', false)
    control.set('locked', false)
    control.set('anonymous', false)
  })
}

export function readTimer(doc: Y.Doc): TimerState {
  const timer = controlMaps(doc).control.get('timer')
  if (!(timer instanceof Y.Map)) return { durationMs: DEFAULT_TIMER_DURATION_MS }
  const duration = readNumber(timer, 'durationMs', DEFAULT_TIMER_DURATION_MS)
  const state: TimerState = { durationMs: duration > 0 ? duration : DEFAULT_TIMER_DURATION_MS }
  const startedAt = timer.get('startedAt')
  const paused = timer.get('pausedRemainingMs')
  if (typeof startedAt === 'number' && Number.isFinite(startedAt)) state.startedAt = startedAt
  if (typeof paused === 'number' && Number.isFinite(paused)) state.pausedRemainingMs = Math.max(0, paused)
  return state
}

export function readControl(doc: Y.Doc): ControlState {
  const { control } = controlMaps(doc)
  const state: ControlState = {
    phase: readOneOf(control, 'phase', PHASES, 'discover'),
    timer: readTimer(doc),
    privateMode: control.get('privateMode') === true,
    locked: control.get('locked') === true,
    anonymous: control.get('anonymous') === true,
    followMe: control.get('followMe') === true,
  }
  const active = control.get('activeRoundId')
  if (typeof active === 'string' && active !== '') state.activeRoundId = active
  return state
}

/** Whether the board is locked: the server reads this for every participant's board update. */
export function isLocked(doc: Y.Doc): boolean {
  return controlMaps(doc).control.get('locked') === true
}

/** Writes only a real change: every write of a map key leaves a tombstone behind. */
export function setPhase(doc: Y.Doc, phase: Phase): void {
  const { control } = controlMaps(doc)
  if (!(PHASES as readonly string[]).includes(phase) || control.get('phase') === phase) return
  doc.transact(() => control.set('phase', phase))
}

export function setFlag(doc: Y.Doc, flag: 'privateMode' | 'locked' | 'anonymous' | 'followMe', value: boolean): void {
  const { control } = controlMaps(doc)
  if (control.get(flag) === value) return
  doc.transact(() => control.set(flag, value))
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min
  return Math.max(min, Math.min(max, Math.trunc(value)))
}

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
    const round = new Y.Map<unknown>()
    round.set('title', clip(input.title ?? '', LIMITS.title))
    round.set('createdAt', now)
    round.set('targetKind', input.targetKind)
    round.set('votesPerPerson', votesPerPerson)
    round.set('maxPerTarget', maxPerTarget)
    round.set('status', 'open')
    rounds.set(id, round)
    control.set('activeRoundId', id)
  })
  return id
}

export function closeRound(doc: Y.Doc, roundId: string): void {
  const { control, rounds } = controlMaps(doc)
  const round = rounds.get(roundId)
  if (!(round instanceof Y.Map)) return
  doc.transact(() => {
    round.set('status', 'closed')
    if (control.get('activeRoundId') === roundId) control.delete('activeRoundId')
  })
}

/** A round as written; `undefined` for one that is not a map or has no valid target kind. */
export function readRound(doc: Y.Doc, roundId: string): Round | undefined {
  const round = controlMaps(doc).rounds.get(roundId)
  if (!(round instanceof Y.Map)) return undefined
  const targetKind = round.get('targetKind')
  if (typeof targetKind !== 'string' || !(ROUND_TARGET_KINDS as readonly string[]).includes(targetKind)) return undefined
  const votesPerPerson = clampInt(readNumber(round, 'votesPerPerson', DEFAULT_VOTES_PER_PERSON), 0, MAX_VOTES_PER_PERSON)
  return {
    id: roundId,
    createdAt: readNumber(round, 'createdAt'),
    title: readString(round, 'title'),
    targetKind: targetKind as RoundTargetKind,
    votesPerPerson,
    maxPerTarget: clampInt(readNumber(round, 'maxPerTarget', DEFAULT_MAX_PER_TARGET), 0, votesPerPerson),
    status: readOneOf(round, 'status', ROUND_STATUSES, 'closed'),
  }
}

export function listRounds(doc: Y.Doc): Round[] {
  const rounds: Round[] = []
  controlMaps(doc).rounds.forEach((_value, id) => {
    const round = readRound(doc, id)
    if (round) rounds.push(round)
  })
  return rounds.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
