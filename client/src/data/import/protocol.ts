/**
 * The messages between the import dialog and its worker (parse.worker.ts). Rows stay in the
 * worker; out come the header and the first rows (the facilitator's own preview), progress,
 * the stage values found, and at last the aggregates.
 */
import type { StageValue } from '../../../../shared/data/aggregate'
import type { DataErrorJson } from '../../../../shared/data/errors'
import type { Aggregates, ColumnMapping } from '../../../../shared/data/types'

/** Rows shown in the mapping step. */
export const PREVIEW_ROWS = 5

export type ToWorker =
  | { type: 'preview'; file: File }
  | { type: 'parse'; file: File; mapping: ColumnMapping }
  | { type: 'finish'; stageMap: Record<string, string>; order: string[] }

export type FromWorker =
  | { type: 'preview'; headers: string[]; rows: string[][]; delimiter: string; mapping: ColumnMapping }
  | { type: 'progress'; bytes: number; total: number; rows: number }
  | { type: 'parsed'; rows: number; stageValues: StageValue[] }
  | { type: 'done'; aggregates: Aggregates }
  | { type: 'error'; error: DataErrorJson }
