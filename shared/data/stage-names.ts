/**
 * The aggregator counts a log's stages under the board stage each file value was mapped to
 * (its id, so that two file values mapped to one stage count a customer once). What enters the
 * `data` document names those stages by the board's titles instead: every reader — the metrics
 * lane, the comparison, Markdown, the report, a later workshop of the series — shows and matches
 * stages by name, as the CLI's output (the file's own stage names) does too.
 */
import type { AggregateTables, Aggregates } from './types'

function renameTables<T extends AggregateTables>(tables: T, name: (stage: string) => string): T {
  return {
    ...tables,
    stages: tables.stages.map((s) => ({ ...s, stage: name(s.stage) })),
    touchpoints: tables.touchpoints.map((t) => ({ ...t, stage: name(t.stage) })),
    transitions: tables.transitions.map((t) => ({ ...t, from: name(t.from), to: name(t.to) })),
  }
}

/** `aggregates` with each board stage id replaced by that stage's title (other values kept). */
export function withStageTitles(aggregates: Aggregates, stages: readonly { id: string; title: string }[]): Aggregates {
  const titles = new Map(stages.map((s) => [s.id, s.title]))
  const name = (stage: string) => titles.get(stage) ?? stage
  const renamed = renameTables(aggregates, name)
  return aggregates.segments ? { ...renamed, segments: aggregates.segments.map((s) => renameTables(s, name)) } : renamed
}

/**
 * Aggregates counted by a file's own stage values (the CLI, `npm run data -- attach`) named by
 * the board stages those values were mapped to (`stageMap`: value → stage id), as an import in
 * the browser names them. Values the map does not know stay as they are.
 */
export function fileStagesToTitles(aggregates: Aggregates, stageMap: Record<string, string>, stages: readonly { id: string; title: string }[]): Aggregates {
  const titles = new Map(stages.map((s) => [s.id, s.title]))
  const name = (value: string) => titles.get(stageMap[value] ?? '') ?? value
  const renamed = renameTables(aggregates, name)
  return aggregates.segments ? { ...renamed, segments: aggregates.segments.map((s) => renameTables(s, name)) } : renamed
}
