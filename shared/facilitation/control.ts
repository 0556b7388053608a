/**
 * Control document (facilitation state): the `control` map — phase, timer (timer.ts), active
 * round, switches; the voting `rounds` are in shared/voting/round.ts. Only the facilitator's
 * connection may write it; the server enforces that. Readers validate like those of the board.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { departmentsField, DEFAULT_DEPARTMENTS } from '../data/departments'
import { defineRecord, type RecordOf } from '../record'
import { flag, nested, oneOf, reference } from '../record-fields'
import { controlMaps } from './control-doc'
import { PHASES, type Phase } from './phase-names'
import { DEFAULT_TIMER_MS, timerRecord } from './timer'

/** The `control` map. `followMe`: participants' views follow the facilitator's (until they move their own). */
export const controlRecord = defineRecord({
  phase: oneOf(PHASES, 'discover'),
  timer: nested(timerRecord),
  activeRoundId: reference(),
  privateMode: flag(z.boolean()),
  locked: flag(z.boolean()),
  anonymous: flag(z.boolean()),
  followMe: flag(z.boolean()),
  // Issue #12: the departments taking part, and whether the data is shown to everyone. Both
  // default on import, so that an export made before them still imports.
  departments: departmentsField,
  dataRevealed: flag(z.boolean().default(false)),
  // Set with the first reveal and never cleared: the room's guess is what the data was compared
  // with, and everyone has seen the data, so hiding it again does not reopen the guessing.
  guessesClosed: flag(z.boolean().default(false)),
})
export type ControlState = RecordOf<typeof controlRecord>

/** Written once when the workshop is created. */
export function initControl(doc: Y.Doc): void {
  const { control } = controlMaps(doc)
  doc.transact(() =>
    controlRecord.patch(control, {
      phase: 'discover',
      timer: { durationMs: DEFAULT_TIMER_MS },
      privateMode: false,
      locked: false,
      anonymous: false,
      departments: [...DEFAULT_DEPARTMENTS],
      dataRevealed: false,
    }),
  )
}

/** Writes a whole control state (an import). */
export function writeControl(doc: Y.Doc, state: ControlState): void {
  const { control } = controlMaps(doc)
  doc.transact(() => controlRecord.patch(control, state))
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

export function setFlag(doc: Y.Doc, flag: 'privateMode' | 'locked' | 'anonymous' | 'followMe' | 'dataRevealed', value: boolean): void {
  const { control } = controlMaps(doc)
  if (control.get(flag) === value) return
  doc.transact(() => control.set(flag, value))
}

/**
 * Shows the data to everyone or hides it again (issue #12). Showing it closes the guesses for
 * good, in the same transaction; hiding it only takes the data away again.
 */
export function setDataRevealed(doc: Y.Doc, shown: boolean): void {
  const { control } = controlMaps(doc)
  if (control.get('dataRevealed') === shown && (!shown || control.get('guessesClosed') === true)) return
  doc.transact(() => {
    control.set('dataRevealed', shown)
    if (shown && control.get('guessesClosed') !== true) control.set('guessesClosed', true)
  })
}

/** Closes the guesses for good (the server does this when a reveal came without it). */
export function closeGuesses(doc: Y.Doc): void {
  const { control } = controlMaps(doc)
  if (control.get('guessesClosed') !== true) doc.transact(() => control.set('guessesClosed', true))
}

/**
 * Whether guesses are closed: the data is revealed now or was once (the server refuses guesses
 * then). `once`: only the lasting mark, `guessesClosed`, counts.
 */
export function areGuessesClosed(doc: Y.Doc, { once = false } = {}): boolean {
  const { control } = controlMaps(doc)
  return (!once && control.get('dataRevealed') === true) || control.get('guessesClosed') === true
}

/** Whether the facilitator has revealed the data: the server reads this for every `data` connection. */
export function isDataRevealed(doc: Y.Doc): boolean {
  return controlMaps(doc).control.get('dataRevealed') === true
}

/** The departments taking part (the defaults until the facilitator changes them). */
export function readDepartments(doc: Y.Doc): string[] {
  return departmentsField.read(controlMaps(doc).control.get('departments'))
}

/** Replaces the list of departments (add, rename, remove and reorder all go through this). */
export function setDepartments(doc: Y.Doc, departments: readonly string[]): void {
  const { control } = controlMaps(doc)
  const next = departmentsField.clean(departments)
  if (JSON.stringify(readDepartments(doc)) === JSON.stringify(next)) return
  doc.transact(() => {
    const current = control.get('departments')
    if (current instanceof Y.Array) {
      current.delete(0, current.length)
      current.push(next)
    } else control.set('departments', Y.Array.from(next))
  })
}
