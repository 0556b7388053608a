/**
 * Facilitation timer: arithmetic over the control document's `timer` map
 * `{ durationMs, startedAt?, pausedRemainingMs? }` (`timerRecord` below; README "Facilitating",
 * Timer).
 *
 * States, as stored:
 * - idle    — neither `startedAt` nor `pausedRemainingMs`: shows `durationMs`;
 * - running — `startedAt` (a server-clock timestamp in ms), no `pausedRemainingMs`;
 * - paused  — `pausedRemainingMs` set (it wins over a stray `startedAt`);
 * - done    — running with nothing left. Not stored: it is `running` seen at a later instant.
 *
 * `durationMs` is always the configured length (what a preset set, what reset goes back to).
 * Added time never changes it: it moves `startedAt` later, or raises `pausedRemainingMs`, so
 * that the remaining time of a running timer is `durationMs − (serverNow − startedAt)`, which
 * may exceed `durationMs`.
 *
 * Every timestamp is on the server's clock. A client reads `serverNow(Date.now(), offsetMs)`
 * with `offsetMs` from `estimateOffset`, so that people whose laptop clocks disagree see the
 * same countdown.
 *
 * Readers never throw: a stored duration that is missing or not positive reads as
 * DEFAULT_TIMER_MS, one out of range is clamped, and remaining time is kept within
 * 0 … MAX_TIMER_MS. Mutations are one transaction each on the control document; only the
 * facilitator's connection may write that document (the server enforces it).
 */
import * as Y from 'yjs'
import { defineRecord, type RecordOf } from '../record'
import { finiteSchema, number, optionalNumber } from '../record-fields'
import { controlMaps } from './control-doc'

export type TimerStatus = 'idle' | 'running' | 'paused' | 'done'

export const MIN_TIMER_MS = 1_000
export const MAX_TIMER_MS = 4 * 60 * 60_000
/** What `initControl` writes, and what a missing or broken duration reads as. */
export const DEFAULT_TIMER_MS = 5 * 60_000
/** The facilitator's quick picks, in minutes. */
export const TIMER_PRESETS_MIN = [3, 5, 10, 15] as const
/** What the "+1 min" button adds. */
export const ADD_TIME_MS = 60_000

/**
 * The timer map `{ durationMs, startedAt?, pausedRemainingMs? }` (states: see above): a duration that
 * is missing or not positive reads as the default, a negative remaining time as 0.
 */
export const timerRecord = defineRecord({
  durationMs: number({
    schema: finiteSchema.positive(),
    fallback: DEFAULT_TIMER_MS,
    normalise: (duration) => (duration > 0 ? duration : DEFAULT_TIMER_MS),
  }),
  startedAt: optionalNumber(finiteSchema),
  pausedRemainingMs: optionalNumber(finiteSchema.nonnegative(), (paused) => Math.max(0, paused)),
})
export type TimerState = RecordOf<typeof timerRecord>

/** The control's timer; a missing one, or one that is not a map, reads as idle with the default. */
export function readTimer(doc: Y.Doc): TimerState {
  const timer = controlMaps(doc).control.get('timer')
  return timerRecord.read(timer instanceof Y.Map ? (timer as Y.Map<unknown>) : undefined) as TimerState
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value))
const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** Clamps a requested duration to 1 s … 4 h, in whole ms; `undefined` for NaN or ±Infinity. */
export function clampDuration(ms: number): number | undefined {
  return finite(ms) ? Math.round(clamp(ms, MIN_TIMER_MS, MAX_TIMER_MS)) : undefined
}

/** The duration a stored state stands for: missing or ≤ 0 → the default, otherwise clamped. */
export function effectiveDuration(state: TimerState): number {
  const raw = state.durationMs
  if (!finite(raw) || raw <= 0) return DEFAULT_TIMER_MS
  return clamp(raw, MIN_TIMER_MS, MAX_TIMER_MS)
}

/** Stored phase, before looking at the clock (so without `done`). */
function storedPhase(state: TimerState): 'idle' | 'running' | 'paused' {
  if (finite(state.pausedRemainingMs)) return 'paused'
  if (finite(state.startedAt)) return 'running'
  return 'idle'
}

/** Time left, in ms, within 0 … MAX_TIMER_MS. A `serverNow` that is not finite counts as the start. */
export function remainingMs(state: TimerState, serverNow: number): number {
  const duration = effectiveDuration(state)
  switch (storedPhase(state)) {
    case 'paused':
      return clamp(state.pausedRemainingMs ?? 0, 0, MAX_TIMER_MS)
    case 'running': {
      const startedAt = state.startedAt ?? 0
      const elapsed = finite(serverNow) ? serverNow - startedAt : 0
      return clamp(duration - elapsed, 0, MAX_TIMER_MS)
    }
    case 'idle':
      return duration
  }
}

export function timerStatus(state: TimerState, serverNow: number): TimerStatus {
  const phase = storedPhase(state)
  if (phase === 'running' && remainingMs(state, serverNow) === 0) return 'done'
  return phase
}

// ---------------------------------------------------------------------------------------------
// Clock skew.

/** One round trip to the server: client clock when sent and received, server clock in between. */
export interface ClockSample {
  clientSent: number
  serverTime: number
  clientReceived: number
}

/** A round trip longer than this tells us nothing useful (the error bound is half of it). */
export const MAX_SAMPLE_RTT_MS = 10_000

/**
 * NTP-style offset (server clock − client clock) from the sample with the shortest round
 * trip, assuming the server answered halfway: `serverTime − (clientSent + clientReceived) / 2`.
 * Samples with a negative, non-finite or longer than MAX_SAMPLE_RTT_MS round trip are ignored;
 * of equally short ones the later in the list wins (fresher, less drift). 0 when none is usable.
 */
export function estimateOffset(samples: readonly ClockSample[]): number {
  let best: { rtt: number; offset: number } | undefined
  for (const sample of samples) {
    const { clientSent, serverTime, clientReceived } = sample
    if (!finite(clientSent) || !finite(serverTime) || !finite(clientReceived)) continue
    const rtt = clientReceived - clientSent
    if (rtt < 0 || rtt > MAX_SAMPLE_RTT_MS) continue
    if (best === undefined || rtt <= best.rtt) best = { rtt, offset: serverTime - (clientSent + clientReceived) / 2 }
  }
  return best?.offset ?? 0
}

/** The server's clock as this client sees it. An offset that is not finite counts as 0. */
export function serverNow(clientNow: number, offsetMs: number): number {
  return clientNow + (finite(offsetMs) ? offsetMs : 0)
}

// ---------------------------------------------------------------------------------------------
// Display.

/**
 * "m:ss", or "h:mm:ss" from one hour on. Rounds up to whole seconds, so that the display only
 * reaches 0:00 when the time is up (999 ms → "0:01"). Negative or not finite → "0:00".
 */
export function formatRemaining(ms: number): string {
  const total = finite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 0
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
  return `${minutes}:${seconds}`
}

// ---------------------------------------------------------------------------------------------
// Mutations (facilitator only). Each is one transaction and writes only keys that change, so
// that clicking a button twice leaves no extra tombstones.

/** Writes `next` to the timer map, creating the map if it is missing or not a map. */
function writeTimer(doc: Y.Doc, next: TimerState): void {
  const { control } = controlMaps(doc)
  doc.transact(() => {
    let timer = control.get('timer')
    if (!(timer instanceof Y.Map)) {
      timer = new Y.Map<unknown>()
      control.set('timer', timer)
    }
    const map = timer as Y.Map<unknown>
    const put = (key: keyof TimerState, value: number | undefined) => {
      if (value === undefined) {
        if (map.has(key)) map.delete(key)
        return
      }
      const rounded = Math.round(value)
      if (map.get(key) !== rounded) map.set(key, rounded)
    }
    put('durationMs', next.durationMs)
    put('startedAt', next.startedAt)
    put('pausedRemainingMs', next.pausedRemainingMs)
  })
}

/** Running with `remaining` left, measured from `now`, for a timer of `duration`. */
const runningWith = (duration: number, remaining: number, now: number): TimerState => ({
  durationMs: duration,
  startedAt: Math.round(now - (duration - remaining)),
})

/**
 * Sets the configured duration, clamped to 1 s … 4 h (NaN / Infinity, or a `serverNow` that is
 * not finite: ignored).
 * - running (time left): the preset replaces the running timer — new duration, started now;
 * - idle, paused or done: back to idle with the new duration (a finished or paused timer does
 *   not start by itself; the facilitator presses start).
 */
export function setTimerDuration(doc: Y.Doc, ms: number, serverNow: number): void {
  const duration = clampDuration(ms)
  if (duration === undefined || !finite(serverNow)) return
  const state = readTimer(doc)
  if (timerStatus(state, serverNow) === 'running') {
    writeTimer(doc, { durationMs: duration, startedAt: serverNow })
  } else {
    writeTimer(doc, { durationMs: duration })
  }
}

/**
 * idle → running from now; paused → resumes with what was left
 * (`startedAt = now − (duration − pausedRemaining)`); done, or paused with nothing left →
 * starts again from the full duration; running → unchanged (a second click does not restart).
 */
export function startTimer(doc: Y.Doc, serverNow: number): void {
  if (!finite(serverNow)) return
  const state = readTimer(doc)
  const duration = effectiveDuration(state)
  const status = timerStatus(state, serverNow)
  if (status === 'running') return
  const left = status === 'paused' ? remainingMs(state, serverNow) : 0
  writeTimer(doc, left > 0 ? runningWith(duration, left, serverNow) : { durationMs: duration, startedAt: serverNow })
}

/**
 * running → paused with what is left now; any other state: unchanged (nothing to pause in
 * done). Every mutation that takes `serverNow` ignores one that is not finite.
 */
export function pauseTimer(doc: Y.Doc, serverNow: number): void {
  if (!finite(serverNow)) return
  const state = readTimer(doc)
  if (timerStatus(state, serverNow) !== 'running') return
  writeTimer(doc, { durationMs: effectiveDuration(state), pausedRemainingMs: remainingMs(state, serverNow) })
}

/**
 * Adds `ms` (> 0; anything else is ignored) of time in every state, never above MAX_TIMER_MS:
 * - idle: to the configured duration;
 * - running: to what is left (`startedAt` moves later; the duration stays, so reset restores it);
 * - paused: to `pausedRemainingMs`;
 * - done: restarts running with exactly `ms` left (not `ms` minus the overrun).
 */
export function addTime(doc: Y.Doc, ms: number, serverNow: number): void {
  if (!finite(ms) || ms <= 0 || !finite(serverNow)) return
  const state = readTimer(doc)
  const duration = effectiveDuration(state)
  const status = timerStatus(state, serverNow)
  const left = remainingMs(state, serverNow)
  switch (status) {
    case 'idle':
      writeTimer(doc, { durationMs: clamp(Math.round(duration + ms), MIN_TIMER_MS, MAX_TIMER_MS) })
      return
    case 'paused':
      writeTimer(doc, { durationMs: duration, pausedRemainingMs: Math.min(MAX_TIMER_MS, left + ms) })
      return
    case 'running':
    case 'done':
      writeTimer(doc, runningWith(duration, Math.min(MAX_TIMER_MS, left + ms), serverNow))
  }
}

/** Back to idle with the configured duration (which added time did not change). */
export function resetTimer(doc: Y.Doc): void {
  writeTimer(doc, { durationMs: effectiveDuration(readTimer(doc)) })
}
