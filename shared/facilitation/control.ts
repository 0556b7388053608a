/**
 * Control document (facilitation state): the `control` map — phase, timer, active round,
 * switches — and the voting `rounds` (voting/round.ts). Only the facilitator's connection may
 * write it; the server enforces that. Readers validate like those of the board.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { defineRecord, type RecordOf } from '../record'
import { finiteSchema, flag, nested, number, oneOf, optionalNumber, reference } from '../record-fields'
import { PHASES, type Phase } from './phase-names'

export const DEFAULT_TIMER_DURATION_MS = 5 * 60_000

export function controlMaps(doc: Y.Doc) {
  return {
    control: doc.getMap<unknown>('control'),
    rounds: doc.getMap<Y.Map<unknown>>('rounds'),
  }
}

/**
 * The timer map `{ durationMs, startedAt?, pausedRemainingMs? }` (see timer.ts): a duration that
 * is missing or not positive reads as the default, a negative remaining time as 0.
 */
export const timerRecord = defineRecord({
  durationMs: number({
    schema: finiteSchema.positive(),
    fallback: DEFAULT_TIMER_DURATION_MS,
    normalise: (duration) => (duration > 0 ? duration : DEFAULT_TIMER_DURATION_MS),
  }),
  startedAt: optionalNumber(finiteSchema),
  pausedRemainingMs: optionalNumber(finiteSchema.nonnegative(), (paused) => Math.max(0, paused)),
})
export type TimerState = RecordOf<typeof timerRecord>

/** The `control` map. `followMe`: participants' views follow the facilitator's (until they move their own). */
export const controlRecord = defineRecord({
  phase: oneOf(PHASES, 'discover'),
  timer: nested(timerRecord),
  activeRoundId: reference(),
  privateMode: flag(z.boolean()),
  locked: flag(z.boolean()),
  anonymous: flag(z.boolean()),
  followMe: flag(z.boolean()),
})
export type ControlState = RecordOf<typeof controlRecord>

/** Written once when the workshop is created. */
export function initControl(doc: Y.Doc): void {
  const { control } = controlMaps(doc)
  doc.transact(() =>
    controlRecord.patch(control, {
      phase: 'discover',
      timer: { durationMs: DEFAULT_TIMER_DURATION_MS },
      privateMode: false,
      locked: false,
      anonymous: false,
    }),
  )
}

/** Writes a whole control state (an import). */
export function writeControl(doc: Y.Doc, state: ControlState): void {
  const { control } = controlMaps(doc)
  doc.transact(() => controlRecord.patch(control, state))
}

export function readTimer(doc: Y.Doc): TimerState {
  return controlRecord.fields.timer.read(controlMaps(doc).control.get('timer')) as TimerState
}

export function readControl(doc: Y.Doc): ControlState {
  return controlRecord.read(controlMaps(doc).control) as ControlState
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
