import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { initControl } from '../../shared/facilitation/control'
import { controlMaps } from '../../shared/facilitation/control-doc'
import { readTimer, type TimerState } from '../../shared/facilitation/timer'
import {
  ADD_TIME_MS,
  DEFAULT_TIMER_MS,
  MAX_SAMPLE_RTT_MS,
  MAX_TIMER_MS,
  MIN_TIMER_MS,
  TIMER_PRESETS_MIN,
  addTime,
  clampDuration,
  effectiveDuration,
  estimateOffset,
  formatRemaining,
  pauseTimer,
  remainingMs,
  resetTimer,
  serverNow,
  setTimerDuration,
  startTimer,
  timerStatus,
  type ClockSample,
} from '../../shared/facilitation/timer'

// ---------------------------------------------------------------------------------------------
// Helpers

const T0 = 1_700_000_000_000
const MIN = 60_000

function newControl(): Y.Doc {
  const doc = new Y.Doc()
  initControl(doc)
  return doc
}

/** The stored timer map, as a misbehaving writer would see it. */
function rawTimer(doc: Y.Doc): Y.Map<unknown> {
  const timer = controlMaps(doc).control.get('timer')
  if (!(timer instanceof Y.Map)) throw new Error('no timer map')
  return timer as Y.Map<unknown>
}

/** Counts the updates (transactions that changed something) `doc` emits. */
function countUpdates(doc: Y.Doc): () => number {
  let count = 0
  doc.on('update', () => count++)
  return () => count
}

const view = (doc: Y.Doc, now: number) => {
  const state = readTimer(doc)
  return { status: timerStatus(state, now), remaining: remainingMs(state, now) }
}

// ---------------------------------------------------------------------------------------------

describe('constants', () => {
  it('presets are 3, 5, 10 and 15 minutes, all within the allowed range', () => {
    expect([...TIMER_PRESETS_MIN]).toEqual([3, 5, 10, 15])
    for (const min of TIMER_PRESETS_MIN) expect(clampDuration(min * MIN)).toBe(min * MIN)
  })

  it('the default matches what initControl writes', () => {
    expect(readTimer(newControl()).durationMs).toBe(DEFAULT_TIMER_MS)
  })
})

describe('timerStatus / remainingMs', () => {
  it('idle shows the duration, whatever the time', () => {
    const state: TimerState = { durationMs: 3 * MIN }
    for (const now of [0, T0, T0 + 10 * MIN]) {
      expect(timerStatus(state, now)).toBe('idle')
      expect(remainingMs(state, now)).toBe(3 * MIN)
    }
  })

  it('running counts down from startedAt and is done at zero, never negative', () => {
    const state: TimerState = { durationMs: 3 * MIN, startedAt: T0 }
    expect(timerStatus(state, T0)).toBe('running')
    expect(remainingMs(state, T0)).toBe(3 * MIN)
    expect(remainingMs(state, T0 + 1_500)).toBe(3 * MIN - 1_500)
    expect(timerStatus(state, T0 + 3 * MIN - 1)).toBe('running')
    expect(remainingMs(state, T0 + 3 * MIN - 1)).toBe(1)
    expect(timerStatus(state, T0 + 3 * MIN)).toBe('done')
    expect(remainingMs(state, T0 + 3 * MIN)).toBe(0)
    expect(timerStatus(state, T0 + 60 * MIN)).toBe('done')
    expect(remainingMs(state, T0 + 60 * MIN)).toBe(0)
  })

  it('a server clock slightly behind startedAt does not show more than the duration', () => {
    // startedAt was written with the facilitator's estimate of the server clock; another client's
    // estimate may be a little earlier. Remaining is then duration + a little: allowed, but capped.
    expect(remainingMs({ durationMs: 3 * MIN, startedAt: T0 }, T0 - 200)).toBe(3 * MIN + 200)
    expect(remainingMs({ durationMs: MAX_TIMER_MS, startedAt: T0 }, T0 - 200)).toBe(MAX_TIMER_MS)
  })

  it('paused holds its remaining time, and wins over a stray startedAt', () => {
    const state: TimerState = { durationMs: 3 * MIN, pausedRemainingMs: 42_000 }
    expect(timerStatus(state, T0)).toBe('paused')
    expect(remainingMs(state, T0)).toBe(42_000)
    expect(remainingMs(state, T0 + 10 * MIN)).toBe(42_000)
    const both: TimerState = { durationMs: 3 * MIN, startedAt: T0, pausedRemainingMs: 42_000 }
    expect(timerStatus(both, T0 + 10 * MIN)).toBe('paused')
    expect(remainingMs(both, T0 + 10 * MIN)).toBe(42_000)
  })

  it('a broken duration reads as the default or is clamped', () => {
    expect(effectiveDuration({ durationMs: 0 })).toBe(DEFAULT_TIMER_MS)
    expect(effectiveDuration({ durationMs: -5 })).toBe(DEFAULT_TIMER_MS)
    expect(effectiveDuration({ durationMs: Number.NaN })).toBe(DEFAULT_TIMER_MS)
    expect(effectiveDuration({ durationMs: Number.POSITIVE_INFINITY })).toBe(DEFAULT_TIMER_MS)
    expect(effectiveDuration({ durationMs: 500 })).toBe(MIN_TIMER_MS)
    expect(effectiveDuration({ durationMs: 1e12 })).toBe(MAX_TIMER_MS)
    expect(remainingMs({ durationMs: 1e12 }, T0)).toBe(MAX_TIMER_MS)
  })

  it('hand-built states with NaN / Infinity do not produce NaN', () => {
    const states: TimerState[] = [
      { durationMs: Number.NaN, startedAt: Number.NaN },
      { durationMs: 3 * MIN, startedAt: Number.POSITIVE_INFINITY },
      { durationMs: 3 * MIN, pausedRemainingMs: Number.NaN },
      { durationMs: 3 * MIN, pausedRemainingMs: Number.POSITIVE_INFINITY },
      { durationMs: 3 * MIN, pausedRemainingMs: -1 },
    ]
    for (const state of states) {
      const remaining = remainingMs(state, T0)
      expect(Number.isFinite(remaining)).toBe(true)
      expect(remaining).toBeGreaterThanOrEqual(0)
      expect(remaining).toBeLessThanOrEqual(MAX_TIMER_MS)
    }
    expect(timerStatus({ durationMs: 3 * MIN, pausedRemainingMs: Number.NaN }, T0)).toBe('idle')
    expect(remainingMs({ durationMs: 3 * MIN, pausedRemainingMs: -1 }, T0)).toBe(0)
  })

  it('a serverNow that is not finite counts as the start', () => {
    const state: TimerState = { durationMs: 3 * MIN, startedAt: T0 }
    expect(remainingMs(state, Number.NaN)).toBe(3 * MIN)
    expect(timerStatus(state, Number.NaN)).toBe('running')
  })
})

describe('garbage written into the timer map', () => {
  const cases: { name: string; write: (doc: Y.Doc) => void; status: string; remaining: number }[] = [
    { name: 'timer is a string', write: (d) => controlMaps(d).control.set('timer', 'soon'), status: 'idle', remaining: DEFAULT_TIMER_MS },
    { name: 'timer is missing', write: (d) => controlMaps(d).control.delete('timer'), status: 'idle', remaining: DEFAULT_TIMER_MS },
    { name: 'durationMs is a string', write: (d) => rawTimer(d).set('durationMs', 'abc'), status: 'idle', remaining: DEFAULT_TIMER_MS },
    { name: 'durationMs is negative', write: (d) => rawTimer(d).set('durationMs', -500), status: 'idle', remaining: DEFAULT_TIMER_MS },
    { name: 'durationMs is huge', write: (d) => rawTimer(d).set('durationMs', 1e15), status: 'idle', remaining: MAX_TIMER_MS },
    { name: 'durationMs is null', write: (d) => rawTimer(d).set('durationMs', null), status: 'idle', remaining: DEFAULT_TIMER_MS },
    { name: 'startedAt is a numeric string', write: (d) => rawTimer(d).set('startedAt', String(T0)), status: 'idle', remaining: DEFAULT_TIMER_MS },
    { name: 'startedAt is NaN', write: (d) => rawTimer(d).set('startedAt', Number.NaN), status: 'idle', remaining: DEFAULT_TIMER_MS },
    { name: 'startedAt is a map', write: (d) => rawTimer(d).set('startedAt', new Y.Map()), status: 'idle', remaining: DEFAULT_TIMER_MS },
    { name: 'startedAt is far in the future', write: (d) => rawTimer(d).set('startedAt', T0 + 1e12), status: 'running', remaining: MAX_TIMER_MS },
    { name: 'startedAt is far in the past', write: (d) => rawTimer(d).set('startedAt', -1e15), status: 'done', remaining: 0 },
    { name: 'pausedRemainingMs is negative', write: (d) => rawTimer(d).set('pausedRemainingMs', -5), status: 'paused', remaining: 0 },
    { name: 'pausedRemainingMs is huge', write: (d) => rawTimer(d).set('pausedRemainingMs', 1e15), status: 'paused', remaining: MAX_TIMER_MS },
    { name: 'pausedRemainingMs is Infinity', write: (d) => rawTimer(d).set('pausedRemainingMs', Number.POSITIVE_INFINITY), status: 'idle', remaining: DEFAULT_TIMER_MS },
    { name: 'pausedRemainingMs is a boolean', write: (d) => rawTimer(d).set('pausedRemainingMs', true), status: 'idle', remaining: DEFAULT_TIMER_MS },
  ]

  for (const c of cases) {
    it(`${c.name}: readers do not throw`, () => {
      const doc = newControl()
      c.write(doc)
      expect(view(doc, T0)).toEqual({ status: c.status, remaining: c.remaining })
      expect(formatRemaining(c.remaining)).toMatch(/^\d+:\d\d(:\d\d)?$/)
    })
  }

  it('mutations repair a timer that is not a map', () => {
    const doc = newControl()
    controlMaps(doc).control.set('timer', 'soon')
    startTimer(doc, T0)
    expect(controlMaps(doc).control.get('timer')).toBeInstanceOf(Y.Map)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: DEFAULT_TIMER_MS, startedAt: T0 })
    expect(view(doc, T0 + 1_000)).toEqual({ status: 'running', remaining: DEFAULT_TIMER_MS - 1_000 })
  })

  it('mutations rewrite a broken duration with the one it read as', () => {
    const doc = newControl()
    rawTimer(doc).set('durationMs', 'abc')
    resetTimer(doc)
    expect(rawTimer(doc).get('durationMs')).toBe(DEFAULT_TIMER_MS)
  })

  it('start on a paused timer with nothing left starts from the full duration', () => {
    const doc = newControl()
    rawTimer(doc).set('pausedRemainingMs', -5)
    startTimer(doc, T0)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: DEFAULT_TIMER_MS, startedAt: T0 })
  })
})

describe('startTimer / pauseTimer', () => {
  it('idle → running from now', () => {
    const doc = newControl()
    startTimer(doc, T0)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 5 * MIN, startedAt: T0 })
    expect(view(doc, T0 + 1_000)).toEqual({ status: 'running', remaining: 5 * MIN - 1_000 })
  })

  it('start while running changes nothing (a double click does not restart)', () => {
    const doc = newControl()
    startTimer(doc, T0)
    const updates = countUpdates(doc)
    startTimer(doc, T0 + 30_000)
    expect(updates()).toBe(0)
    expect(rawTimer(doc).get('startedAt')).toBe(T0)
  })

  it('running → paused keeps what is left, and it stays put', () => {
    const doc = newControl()
    startTimer(doc, T0)
    const updates = countUpdates(doc)
    pauseTimer(doc, T0 + 20_000)
    expect(updates()).toBe(1)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 5 * MIN, pausedRemainingMs: 5 * MIN - 20_000 })
    expect(view(doc, T0 + 20_000)).toEqual({ status: 'paused', remaining: 5 * MIN - 20_000 })
    expect(view(doc, T0 + 60 * MIN)).toEqual({ status: 'paused', remaining: 5 * MIN - 20_000 })
  })

  it('paused → resumes with what was left: startedAt = now − (duration − pausedRemaining)', () => {
    const doc = newControl()
    startTimer(doc, T0)
    pauseTimer(doc, T0 + 20_000)
    const resumeAt = T0 + 10 * MIN
    startTimer(doc, resumeAt)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 5 * MIN, startedAt: resumeAt - 20_000 })
    expect(view(doc, resumeAt)).toEqual({ status: 'running', remaining: 5 * MIN - 20_000 })
    expect(view(doc, resumeAt + 5 * MIN - 20_000)).toEqual({ status: 'done', remaining: 0 })
  })

  it('several pauses: only running time counts', () => {
    const doc = newControl()
    let now = T0
    startTimer(doc, now)
    now += 10_000
    pauseTimer(doc, now)
    now += MIN
    startTimer(doc, now)
    now += 5_000
    pauseTimer(doc, now)
    now += 3 * MIN
    startTimer(doc, now)
    now += 2_500
    expect(view(doc, now)).toEqual({ status: 'running', remaining: 5 * MIN - 17_500 })
  })

  it('pause does nothing when idle, paused or done', () => {
    const idle = newControl()
    const idleUpdates = countUpdates(idle)
    pauseTimer(idle, T0)
    expect(idleUpdates()).toBe(0)
    expect(view(idle, T0).status).toBe('idle')

    const paused = newControl()
    startTimer(paused, T0)
    pauseTimer(paused, T0 + 1_000)
    const pausedUpdates = countUpdates(paused)
    pauseTimer(paused, T0 + 9_000)
    expect(pausedUpdates()).toBe(0)
    expect(view(paused, T0 + 9_000).remaining).toBe(5 * MIN - 1_000)

    const done = newControl()
    startTimer(done, T0)
    const doneUpdates = countUpdates(done)
    pauseTimer(done, T0 + 5 * MIN)
    expect(doneUpdates()).toBe(0)
    expect(view(done, T0 + 5 * MIN).status).toBe('done')
  })

  it('done → start again from the full duration', () => {
    const doc = newControl()
    startTimer(doc, T0)
    const later = T0 + 7 * MIN
    expect(view(doc, later).status).toBe('done')
    startTimer(doc, later)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 5 * MIN, startedAt: later })
    expect(view(doc, later)).toEqual({ status: 'running', remaining: 5 * MIN })
  })

  it('a fractional server time is stored in whole ms', () => {
    const doc = newControl()
    startTimer(doc, T0 + 0.6)
    expect(rawTimer(doc).get('startedAt')).toBe(T0 + 1)
  })

  it('a server time that is not finite is ignored', () => {
    const doc = newControl()
    startTimer(doc, T0)
    const updates = countUpdates(doc)
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      pauseTimer(doc, bad)
      addTime(doc, MIN, bad)
      setTimerDuration(doc, 3 * MIN, bad)
    }
    const idle = newControl()
    startTimer(idle, Number.NaN)
    expect(updates()).toBe(0)
    expect(view(idle, T0).status).toBe('idle')
  })
})

describe('setTimerDuration', () => {
  it('idle: sets the duration, stays idle', () => {
    const doc = newControl()
    setTimerDuration(doc, 10 * MIN, T0)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 10 * MIN })
    expect(view(doc, T0)).toEqual({ status: 'idle', remaining: 10 * MIN })
  })

  it('clamps to 1 s … 4 h and stores whole ms', () => {
    const doc = newControl()
    const cases: [number, number][] = [
      [0, MIN_TIMER_MS],
      [-5 * MIN, MIN_TIMER_MS],
      [999, MIN_TIMER_MS],
      [1_000, 1_000],
      [1_500.4, 1_500],
      [4 * 60 * MIN, MAX_TIMER_MS],
      [5 * 60 * MIN, MAX_TIMER_MS],
      [Number.MAX_SAFE_INTEGER, MAX_TIMER_MS],
    ]
    for (const [input, stored] of cases) {
      setTimerDuration(doc, input, T0)
      expect(rawTimer(doc).get('durationMs'), String(input)).toBe(stored)
    }
  })

  it('NaN and ±Infinity are ignored', () => {
    const doc = newControl()
    const updates = countUpdates(doc)
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) setTimerDuration(doc, bad, T0)
    expect(updates()).toBe(0)
    expect(rawTimer(doc).get('durationMs')).toBe(DEFAULT_TIMER_MS)
  })

  it('a preset while running replaces the running timer: new duration, started now', () => {
    const doc = newControl()
    startTimer(doc, T0)
    const updates = countUpdates(doc)
    setTimerDuration(doc, 3 * MIN, T0 + 2 * MIN)
    expect(updates()).toBe(1)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 3 * MIN, startedAt: T0 + 2 * MIN })
    expect(view(doc, T0 + 2 * MIN)).toEqual({ status: 'running', remaining: 3 * MIN })
  })

  it('a preset while paused or done leaves an idle timer with the new duration', () => {
    const paused = newControl()
    startTimer(paused, T0)
    pauseTimer(paused, T0 + 1_000)
    setTimerDuration(paused, 15 * MIN, T0 + 2_000)
    expect(rawTimer(paused).toJSON()).toEqual({ durationMs: 15 * MIN })
    expect(view(paused, T0 + 2_000)).toEqual({ status: 'idle', remaining: 15 * MIN })

    const done = newControl()
    startTimer(done, T0)
    setTimerDuration(done, 15 * MIN, T0 + 6 * MIN)
    expect(rawTimer(done).toJSON()).toEqual({ durationMs: 15 * MIN })
    expect(view(done, T0 + 6 * MIN)).toEqual({ status: 'idle', remaining: 15 * MIN })
  })

  it('setting the same duration again writes nothing', () => {
    const doc = newControl()
    const updates = countUpdates(doc)
    setTimerDuration(doc, DEFAULT_TIMER_MS, T0)
    expect(updates()).toBe(0)
  })
})

describe('addTime', () => {
  it('idle: lengthens the duration, up to 4 h', () => {
    const doc = newControl()
    addTime(doc, ADD_TIME_MS, T0)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 6 * MIN })
    setTimerDuration(doc, MAX_TIMER_MS - 30_000, T0)
    addTime(doc, ADD_TIME_MS, T0)
    expect(rawTimer(doc).get('durationMs')).toBe(MAX_TIMER_MS)
  })

  it('running: one more minute left, the duration stays (reset restores it)', () => {
    const doc = newControl()
    startTimer(doc, T0)
    addTime(doc, ADD_TIME_MS, T0 + 2 * MIN)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 5 * MIN, startedAt: T0 + MIN })
    expect(view(doc, T0 + 2 * MIN)).toEqual({ status: 'running', remaining: 4 * MIN })
    // More than the duration may be left.
    addTime(doc, 3 * MIN, T0 + 2 * MIN)
    expect(view(doc, T0 + 2 * MIN)).toEqual({ status: 'running', remaining: 7 * MIN })
    resetTimer(doc)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 5 * MIN })
  })

  it('paused: one more minute left, still paused; resuming keeps it', () => {
    const doc = newControl()
    startTimer(doc, T0)
    pauseTimer(doc, T0 + 4 * MIN + 30_000)
    addTime(doc, ADD_TIME_MS, T0 + 5 * MIN)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 5 * MIN, pausedRemainingMs: 90_000 })
    addTime(doc, 5 * MIN, T0 + 5 * MIN)
    expect(view(doc, T0 + 9 * MIN)).toEqual({ status: 'paused', remaining: 6 * MIN + 30_000 })
    startTimer(doc, T0 + 10 * MIN)
    // startedAt lies in the future: more than the duration is left.
    expect(rawTimer(doc).get('startedAt')).toBe(T0 + 10 * MIN + 90_000)
    expect(view(doc, T0 + 10 * MIN)).toEqual({ status: 'running', remaining: 6 * MIN + 30_000 })
  })

  it('done: restarts with exactly the added time left, however long ago it ran out', () => {
    const doc = newControl()
    startTimer(doc, T0)
    const later = T0 + 45 * MIN
    expect(view(doc, later).status).toBe('done')
    addTime(doc, ADD_TIME_MS, later)
    expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 5 * MIN, startedAt: later - 4 * MIN })
    expect(view(doc, later)).toEqual({ status: 'running', remaining: MIN })
    expect(view(doc, later + MIN)).toEqual({ status: 'done', remaining: 0 })
  })

  it('never leaves more than 4 h', () => {
    const running = newControl()
    setTimerDuration(running, MAX_TIMER_MS, T0)
    startTimer(running, T0)
    addTime(running, ADD_TIME_MS, T0 + 10_000)
    expect(view(running, T0 + 10_000).remaining).toBe(MAX_TIMER_MS)

    const paused = newControl()
    startTimer(paused, T0)
    pauseTimer(paused, T0 + 1_000)
    addTime(paused, 10 * MAX_TIMER_MS, T0 + 2_000)
    expect(rawTimer(paused).get('pausedRemainingMs')).toBe(MAX_TIMER_MS)

    const done = newControl()
    startTimer(done, T0)
    addTime(done, 10 * MAX_TIMER_MS, T0 + 6 * MIN)
    expect(view(done, T0 + 6 * MIN)).toEqual({ status: 'running', remaining: MAX_TIMER_MS })
  })

  it('zero, negative and non-finite amounts are ignored', () => {
    const doc = newControl()
    startTimer(doc, T0)
    const updates = countUpdates(doc)
    for (const bad of [0, -MIN, Number.NaN, Number.POSITIVE_INFINITY]) addTime(doc, bad, T0 + 1_000)
    expect(updates()).toBe(0)
  })
})

describe('resetTimer', () => {
  it('back to idle with the same duration from running, paused and done', () => {
    for (const setup of [
      (d: Y.Doc) => startTimer(d, T0),
      (d: Y.Doc) => {
        startTimer(d, T0)
        pauseTimer(d, T0 + 1_000)
      },
      (d: Y.Doc) => startTimer(d, T0 - 60 * MIN),
    ]) {
      const doc = newControl()
      setTimerDuration(doc, 10 * MIN, T0 - 60 * MIN)
      setup(doc)
      resetTimer(doc)
      expect(rawTimer(doc).toJSON()).toEqual({ durationMs: 10 * MIN })
      expect(view(doc, T0 + 5_000)).toEqual({ status: 'idle', remaining: 10 * MIN })
    }
  })

  it('a second reset writes nothing', () => {
    const doc = newControl()
    startTimer(doc, T0)
    resetTimer(doc)
    const updates = countUpdates(doc)
    resetTimer(doc)
    expect(updates()).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------

describe('clock skew', () => {
  it('estimateOffset: server time minus the midpoint of the round trip', () => {
    expect(estimateOffset([{ clientSent: 1_000, serverTime: 6_050, clientReceived: 1_100 }])).toBe(5_000)
    expect(estimateOffset([{ clientSent: 1_000, serverTime: 1_001, clientReceived: 1_001 }])).toBe(0.5)
  })

  it('estimateOffset picks the sample with the shortest round trip', () => {
    const samples: ClockSample[] = [
      { clientSent: 0, serverTime: 5_350, clientReceived: 400 }, // rtt 400, offset 5150
      { clientSent: 1_000, serverTime: 6_020, clientReceived: 1_040 }, // rtt 40, offset 5000
      { clientSent: 2_000, serverTime: 7_100, clientReceived: 2_120 }, // rtt 120, offset 5040
    ]
    expect(estimateOffset(samples)).toBe(5_000)
    expect(estimateOffset([...samples].reverse())).toBe(5_000)
  })

  it('estimateOffset ignores negative, absurd and non-finite round trips', () => {
    const good: ClockSample = { clientSent: 1_000, serverTime: 8_100, clientReceived: 1_200 } // offset 7000
    const bad: ClockSample[] = [
      { clientSent: 1_000, serverTime: 99_999, clientReceived: 990 }, // negative
      { clientSent: 0, serverTime: 1e9, clientReceived: MAX_SAMPLE_RTT_MS + 1 }, // too long
      { clientSent: Number.NaN, serverTime: 0, clientReceived: 0 },
      { clientSent: 0, serverTime: Number.POSITIVE_INFINITY, clientReceived: 0 },
      { clientSent: 0, serverTime: 0, clientReceived: Number.NaN },
    ]
    expect(estimateOffset([...bad, good])).toBe(7_000)
    expect(estimateOffset(bad)).toBe(0)
    expect(estimateOffset([])).toBe(0)
  })

  it('estimateOffset: of equally short round trips the later sample wins', () => {
    expect(
      estimateOffset([
        { clientSent: 0, serverTime: 1_050, clientReceived: 100 },
        { clientSent: 500, serverTime: 1_570, clientReceived: 600 },
      ]),
    ).toBe(1_020)
  })

  it('serverNow adds the offset; a broken offset counts as 0', () => {
    expect(serverNow(T0, -5_000)).toBe(T0 - 5_000)
    expect(serverNow(T0, 7_000)).toBe(T0 + 7_000)
    expect(serverNow(T0, Number.NaN)).toBe(T0)
  })

  it('two clients whose clocks are 5 s behind and 7 s ahead show the same remaining time', () => {
    // The server clock is the true time. A client with offset o (server − client) reads
    // true − o on its own clock.
    const clientClock = (offset: number) => (trueTime: number) => trueTime - offset
    /** One ping from a client: `up` ms to the server, `down` ms back. */
    const ping = (clock: (t: number) => number, at: number, up: number, down: number): ClockSample => ({
      clientSent: clock(at),
      serverTime: at + up,
      clientReceived: clock(at + up + down),
    })
    const pings = (clock: (t: number) => number): ClockSample[] => [
      ping(clock, T0 - 9_000, 300, 40), // asymmetric and slow: would be off by 130 ms
      ping(clock, T0 - 6_000, 25, 25), // the fastest, symmetric: exact
      ping(clock, T0 - 3_000, 40, 400),
    ]
    const facilitatorClock = clientClock(1_234)
    const behindClock = clientClock(-5_000) // offset −5 s
    const aheadClock = clientClock(7_000) // offset +7 s
    const facilitatorOffset = estimateOffset(pings(facilitatorClock))
    const behindOffset = estimateOffset(pings(behindClock))
    const aheadOffset = estimateOffset(pings(aheadClock))
    expect([facilitatorOffset, behindOffset, aheadOffset]).toEqual([1_234, -5_000, 7_000])

    // The facilitator starts a 5-minute timer at true time T0; the update reaches both clients.
    const facilitator = newControl()
    startTimer(facilitator, serverNow(facilitatorClock(T0), facilitatorOffset))
    const update = Y.encodeStateAsUpdate(facilitator)
    const behind = new Y.Doc()
    const ahead = new Y.Doc()
    Y.applyUpdate(behind, update)
    Y.applyUpdate(ahead, update)

    for (const elapsed of [0, 42_500, 4 * MIN + 59_001, 5 * MIN, 6 * MIN]) {
      const instant = T0 + elapsed
      const expected = Math.max(0, 5 * MIN - elapsed)
      const a = view(behind, serverNow(behindClock(instant), behindOffset))
      const b = view(ahead, serverNow(aheadClock(instant), aheadOffset))
      expect(a.remaining).toBe(expected)
      expect(b).toEqual(a)
      expect(formatRemaining(a.remaining)).toBe(formatRemaining(b.remaining))
    }
    // Without the offset they would disagree by 12 s.
    const naiveBehind = remainingMs(readTimer(behind), behindClock(T0 + MIN))
    const naiveAhead = remainingMs(readTimer(ahead), aheadClock(T0 + MIN))
    expect(naiveAhead - naiveBehind).toBe(12_000)
  })
})

// ---------------------------------------------------------------------------------------------

describe('formatRemaining', () => {
  it('m:ss below an hour, h:mm:ss from an hour on, rounding up', () => {
    const cases: [number, string][] = [
      [0, '0:00'],
      [1, '0:01'],
      [999, '0:01'],
      [1_000, '0:01'],
      [1_001, '0:02'],
      [9_000, '0:09'],
      [59_999, '1:00'],
      [60_000, '1:00'],
      [61_000, '1:01'],
      [599_000, '9:59'],
      [600_000, '10:00'],
      [3_599_000, '59:59'],
      [3_599_001, '1:00:00'],
      [3_600_000, '1:00:00'],
      [3_661_000, '1:01:01'],
      [36_000_000, '10:00:00'],
      [MAX_TIMER_MS, '4:00:00'],
    ]
    for (const [ms, text] of cases) expect(formatRemaining(ms), String(ms)).toBe(text)
  })

  it('negative and non-finite show 0:00', () => {
    for (const ms of [-1, -60_000, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(formatRemaining(ms)).toBe('0:00')
    }
  })

  it('never shows 0:00 while time is left', () => {
    for (let ms = 0.5; ms < 3_000; ms += 7.25) expect(formatRemaining(ms)).not.toBe('0:00')
  })
})
