/**
 * Answers that cost the server a lot per request — the whole document for sync step 1, every
 * presence state for a query — go to one connection at most once per interval. A request within
 * the interval waits for its turn; only the latest waiting request of a kind is answered (the
 * ones in between are dropped, as they ask for the same thing). An honest client asks once when
 * it connects; one that asks in a loop gets one answer per interval (what a loop cost before:
 * README "Security").
 */
interface Turn {
  last: number
  waiting?: (() => void) | undefined
  timer?: NodeJS.Timeout | undefined
}

export class Pacer<Key extends object> {
  private readonly turns = new WeakMap<Key, Map<string, Turn>>()

  constructor(private readonly intervalMs: number) {}

  /** Runs `answer` now if `key` has had no `kind` answer within the interval, else at its turn. */
  run(key: Key, kind: string, answer: () => void): void {
    let kinds = this.turns.get(key)
    if (!kinds) this.turns.set(key, (kinds = new Map()))
    const now = performance.now()
    const turn = kinds.get(kind)
    if (turn === undefined || (turn.timer === undefined && now - turn.last >= this.intervalMs)) {
      kinds.set(kind, { last: now })
      answer()
      return
    }
    turn.waiting = answer
    turn.timer ??= setTimeout(() => {
      turn.timer = undefined
      const waiting = turn.waiting
      turn.waiting = undefined
      turn.last = performance.now()
      waiting?.()
    }, turn.last + this.intervalMs - now)
  }

  /** Drops what `key` has waiting (its connection closed). */
  forget(key: Key): void {
    for (const turn of this.turns.get(key)?.values() ?? []) clearTimeout(turn.timer)
    this.turns.delete(key)
  }
}
