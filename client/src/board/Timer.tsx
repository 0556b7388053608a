/**
 * The workshop timer everyone sees alike (on the shared clock, ../sync/clock.ts): the
 * facilitator starts, pauses, resets and adds time; at zero it beeps and shows it.
 */
import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { ControlState } from '../../../shared/facilitation/control'
import {
  addTime,
  ADD_TIME_MS,
  formatRemaining,
  pauseTimer,
  remainingMs,
  resetTimer,
  setTimerDuration,
  startTimer,
  timerStatus,
  TIMER_PRESETS_MIN,
} from '../../../shared/facilitation/timer'
import { useT } from '../i18n'
import { now, startClock, useClock } from '../sync/clock'


/**
 * The audio for the cue at zero. Browsers only let a page make sound after the person has
 * interacted with it, so the context is created (or resumed) on the first click or key press
 * and kept; by the time the timer ends it may play.
 */
let audio: AudioContext | undefined

function unlockAudio(): void {
  try {
    audio ??= new window.AudioContext()
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined)
  } catch {
    // no Web Audio here: the visible cue remains
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', unlockAudio, { capture: true })
  window.addEventListener('keydown', unlockAudio, { capture: true })
}

/** A short beep (Web Audio), for the end of the timer. */
function beep(): void {
  try {
    unlockAudio()
    if (!audio) return
    const oscillator = audio.createOscillator()
    const gain = audio.createGain()
    oscillator.frequency.value = 880
    gain.gain.setValueAtTime(0.2, audio.currentTime)
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.8)
    oscillator.connect(gain).connect(audio.destination)
    oscillator.start()
    oscillator.stop(audio.currentTime + 0.8)
  } catch {
    // no audio here: the visible cue remains
  }
}

export function Timer({ control, state, facilitator, big = false }: { control: Y.Doc; state: ControlState; facilitator: boolean; big?: boolean }) {
  const t = useT()
  useClock((s) => s.offsetMs)
  const [, tick] = useState(0)
  useEffect(() => {
    startClock()
    const timer = setInterval(() => tick((n) => n + 1), 250)
    return () => clearInterval(timer)
  }, [])
  const at = now()
  const status = timerStatus(state.timer, at)
  const left = remainingMs(state.timer, at)
  // The cue sounds once per finish, on every client that sees it happen.
  const lastStatus = useRef(status)
  useEffect(() => {
    if (status === 'done' && lastStatus.current === 'running') beep()
    lastStatus.current = status
  }, [status])
  const [custom, setCustom] = useState('')
  // An idle timer (never started, or reset) is no news for the room: participants and the
  // projector see nothing; the facilitator sees the preset it would start with.
  if (status === 'idle' && (!facilitator || big)) return null
  return (
    <div className={`timer timer-${status}${big ? ' timer-big' : ''}`} role="group" aria-label={t('timer')}>
      <span className="time" role="timer" aria-label={t('timeLeft', { time: formatRemaining(left) })}>
        {formatRemaining(left)}
      </span>
      {status === 'done' && (
        <span role="alert" className="times-up">
          {t('timesUp')}
        </span>
      )}
      {facilitator && !big && (
        <>
          <select aria-label={t('timerPreset')} value="" onChange={(e) => e.currentTarget.value && setTimerDuration(control, Number(e.currentTarget.value) * 60_000, now())}>
            <option value="">{t('timerPreset')}</option>
            {TIMER_PRESETS_MIN.map((m) => (
              <option key={m} value={m}>
                {t('minutes', { count: m })}
              </option>
            ))}
          </select>
          <form
            className="custom-time"
            onSubmit={(e) => {
              e.preventDefault()
              const minutes = Number(custom.replace(',', '.'))
              if (Number.isFinite(minutes) && minutes > 0) setTimerDuration(control, minutes * 60_000, now())
              setCustom('')
            }}
          >
            <input aria-label={t('customMinutes')} inputMode="decimal" value={custom} onChange={(e) => setCustom(e.currentTarget.value)} size={4} />
          </form>
          {status === 'running' ? (
            <button type="button" onClick={() => pauseTimer(control, now())}>
              {t('pauseTimer')}
            </button>
          ) : (
            <button type="button" onClick={() => startTimer(control, now())}>
              {t('startTimer')}
            </button>
          )}
          <button type="button" onClick={() => addTime(control, ADD_TIME_MS, now())}>
            {t('addMinute')}
          </button>
          <button type="button" onClick={() => resetTimer(control)}>
            {t('resetTimer')}
          </button>
        </>
      )}
    </div>
  )
}
