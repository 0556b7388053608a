/**
 * The server's clock as this browser sees it: a few round trips to GET /api/time on start
 * (and every five minutes), the offset from the shortest (shared/facilitation/timer.ts estimateOffset).
 * Every client then shows the same remaining time, whatever its own clock says.
 */
import { create } from 'zustand'
import { estimateOffset, serverNow, type ClockSample } from '../../../shared/facilitation/timer'

export const useClock = create<{ offsetMs: number }>(() => ({ offsetMs: 0 }))

let started = false

async function sample(): Promise<ClockSample | undefined> {
  // Offline, a request only fails (and the browser logs it); the last offset stays good.
  if (!navigator.onLine) return undefined
  const clientSent = Date.now()
  try {
    const response = await fetch('/api/time', { cache: 'no-store' })
    const { now } = (await response.json()) as { now: number }
    return { clientSent, serverTime: now, clientReceived: Date.now() }
  } catch {
    return undefined
  }
}

async function synchronise(): Promise<void> {
  const samples: ClockSample[] = []
  for (let i = 0; i < 4; i++) {
    const s = await sample()
    if (s) samples.push(s)
  }
  if (samples.length > 0) useClock.setState({ offsetMs: estimateOffset(samples) })
}

/** Starts keeping the offset up to date (once per page). */
export function startClock(): void {
  if (started) return
  started = true
  void synchronise()
  setInterval(() => void synchronise(), 5 * 60_000)
}

/** Now, on the server's clock. */
export function now(): number {
  return serverNow(Date.now(), useClock.getState().offsetMs)
}
