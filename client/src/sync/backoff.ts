/**
 * Reconnecting with jittered exponential backoff. y-websocket waits 100 ms · 2^failures (at most
 * `maxBackoffTime`) and, after a connection that had opened, only 100 ms: when a server restarts
 * or a network blip drops a room of 300, all 300 come back within the same 100 ms, and keep
 * coming back in lockstep while the server is busy. Each of our providers instead waits a random
 * time up to a cap that doubles with every connection that did not last ("full jitter"), so a
 * crowd spreads itself out; a connection that stayed up for a while starts the count again.
 * No DOM: also used by the Node tests' providers (tests/reliability/storm.test.ts).
 */
import type { WebsocketProvider } from 'y-websocket'

export interface BackoffOptions {
  /** Cap of the first wait (ms). */
  baseMs: number
  /** Largest cap (ms). */
  maxMs: number
  /** A connection that was open at least this long resets the count (ms). */
  stableMs: number
  random: () => number
  now: () => number
}

export const BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 8000, stableMs: 10_000, random: Math.random, now: Date.now }

/** The wait before reconnect attempt `attempt` (0 for the first after a drop): uniform in [0, cap). */
export function backoffDelay(attempt: number, options: Pick<BackoffOptions, 'baseMs' | 'maxMs' | 'random'> = BACKOFF): number {
  const cap = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30))
  return Math.floor(options.random() * cap)
}

/** y-websocket's own failure count: a public field its type declaration leaves out. */
type WithFailureCount = WebsocketProvider & { wsUnsuccessfulReconnects: number }

/**
 * Makes `provider` wait `backoffDelay(attempt)` before each reconnect. y-websocket waits
 * min(100 ms · 2^failures, maxBackoffTime) after it emits 'connection-close': setting its
 * failure count high and maxBackoffTime to our delay there makes that wait exactly ours.
 */
export function applyJitteredBackoff(provider: WebsocketProvider, options: BackoffOptions = BACKOFF): void {
  let attempt = 0
  let openedAt: number | undefined
  provider.on('status', ({ status }) => {
    if (status === 'connected') openedAt = options.now()
  })
  provider.on('connection-close', () => {
    if (openedAt !== undefined && options.now() - openedAt >= options.stableMs) attempt = 0
    openedAt = undefined
    provider.maxBackoffTime = backoffDelay(attempt, options)
    ;(provider as WithFailureCount).wsUnsuccessfulReconnects = 30
    attempt++
  })
}
