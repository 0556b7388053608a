/** What every benchmark is given and what it gives back (bench/run.ts runs them). */

export interface BenchResult {
  name: string
  value: number
  unit: string
  goal?: string
  /** Whether the goal was met; absent when there is no goal. */
  met?: boolean
  note?: string
}

export interface BenchContext {
  smoke: boolean
  log(message: string): void
}
