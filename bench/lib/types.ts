/** What a benchmark is given and what it returns; bench/run.ts runs them and prints the table. */

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

/** One benchmark: its figures, each with its goal when it has one. */
export type Bench = (ctx: BenchContext) => Promise<BenchResult[]>
