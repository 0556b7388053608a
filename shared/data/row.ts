/**
 * One row of a contact log → one interaction: the values of the mapped columns, checked. Times
 * and scores are parsed here so that the browser worker and the CLI read a file the same way.
 */
import { DataError } from './errors'
import type { ColumnMapping, DataField } from './types'

/** One contact of one customer: all an aggregate needs of a row, nothing more. */
export interface Interaction {
  customer: string
  /** Milliseconds since the epoch (UTC). */
  time: number
  stage: string
  touchpoint: string
  /** 1 … 5, or null when the row has none. */
  csat: number | null
  /** 0 … 10, or null when the row has none. */
  nps: number | null
  segment: string | null
}

/** The fields every row must have; the others are optional. */
export const REQUIRED_FIELDS = ['customer', 'time', 'stage', 'touchpoint'] as const satisfies readonly DataField[]

/** The mapping resolved against a header: which cell each field is read from. */
export interface Columns {
  index: Partial<Record<DataField, number>>
  names: ColumnMapping
  /** How many columns the header has. */
  width: number
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i
const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
const EPOCH = /^\d{9,13}$/

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms)
  // 31-02 rolls over into March in Date.UTC: refuse it instead.
  return new Date(t).getUTCDate() === d ? t : null
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
/** The calendar day (ms) of the last `YYYY-MM-DD` read: exports hold many rows of one day. */
let lastDay = ''
let lastDayMs = 0

function digits(value: string, from: number, count: number): number {
  let n = 0
  for (let i = from; i < from + count; i++) {
    const d = value.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    n = n * 10 + d
  }
  return n
}

/**
 * The common shapes `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS` (or with a T), without a zone, read
 * without a regular expression: a million rows of them are most of an import's time otherwise.
 * undefined: not one of these shapes (the general rules below decide).
 */
function fastIso(value: string): number | null | undefined {
  const length = value.length
  if ((length !== 10 && length !== 19) || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined
  const day = length === 10 ? value : value.slice(0, 10)
  let dayMs = lastDay === day ? lastDayMs : NaN
  if (Number.isNaN(dayMs)) {
    const y = digits(value, 0, 4)
    const mo = digits(value, 5, 2)
    const d = digits(value, 8, 2)
    if (Number.isNaN(y + mo + d)) return undefined
    if (mo < 1 || mo > 12 || d < 1 || d > (DAYS_IN_MONTH[mo - 1] as number)) return null
    dayMs = Date.UTC(y, mo - 1, d)
    if (new Date(dayMs).getUTCDate() !== d) return null // 29 February of a common year
    lastDay = day
    lastDayMs = dayMs
  }
  if (length === 10) return dayMs
  const sep = value.charCodeAt(10)
  if ((sep !== 32 && sep !== 84 && sep !== 116) || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return undefined
  const h = digits(value, 11, 2)
  const mi = digits(value, 14, 2)
  const sec = digits(value, 17, 2)
  if (Number.isNaN(h + mi + sec)) return undefined
  if (h > 23 || mi > 59 || sec > 60) return null
  return dayMs + ((h * 60 + mi) * 60 + sec) * 1000
}

/**
 * A time as exports write them, or null:
 * - ISO 8601: `2026-10-31`, `2026-10-31 14:05`, `2026-10-31T14:05:09.123Z`, `…+01:00`;
 * - day first (European, as Dutch and most EU exports write it): `31-10-2026 14:05`,
 *   `31/10/2026`, `31.10.2026 14:05:09` — never month first, which would be ambiguous;
 * - Unix time: 10 digits are seconds, 13 milliseconds.
 * A time without a zone is read as UTC, so that the browser and the CLI agree whatever the
 * machine's zone; only differences between times matter to the aggregates.
 */
export function parseTime(text: string): number | null {
  const value = text.trim()
  const fast = fastIso(value)
  if (fast !== undefined) return fast
  let m = ISO.exec(value)
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m
    const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0
    const t = utc(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms)
    if (t === null || !zone || zone.toUpperCase() === 'Z') return t
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000
    return t - sign * offset
  }
  m = DAY_FIRST.exec(value)
  if (m) {
    const [, d, mo, y, h, mi, s] = m
    return utc(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), 0)
  }
  if (EPOCH.test(value)) return value.length > 10 ? Number(value) : Number(value) * 1000
  return null
}

/**
 * A score in [min, max], or null for an empty cell (the row has no score). A decimal comma is
 * read as a point (`4,5`). Anything else — text, out of range — is an error for the caller.
 */
export function parseScore(text: string, min: number, max: number): number | null | undefined {
  const value = text.trim()
  if (value === '') return null
  if (!/^-?\d+(?:[.,]\d+)?$/.test(value)) return undefined
  const n = Number(value.replace(',', '.'))
  return n >= min && n <= max ? n : undefined
}

function cell(cells: readonly string[], columns: Columns, field: DataField, row: number): string | undefined {
  const index = columns.index[field]
  if (index === undefined) return undefined
  const value = cells[index]
  if (value === undefined) {
    throw new DataError('shortRow', { row, column: columns.names[field] as string, detail: `it has ${cells.length} fields, the header ${columns.width}` })
  }
  return value
}

function required(cells: readonly string[], columns: Columns, field: DataField, row: number): string {
  const value = (cell(cells, columns, field, row) as string).trim()
  if (value === '') throw new DataError('emptyValue', { row, column: columns.names[field] as string, field })
  return value
}

function score(cells: readonly string[], columns: Columns, field: 'csat' | 'nps', row: number): number | null {
  const text = cell(cells, columns, field, row)
  if (text === undefined) return null
  const [min, max] = field === 'csat' ? [1, 5] : [0, 10]
  const value = parseScore(text, min, max)
  if (value === undefined) throw new DataError('badScore', { row, column: columns.names[field] as string, field, value: text, detail: `a number from ${min} to ${max}` })
  return value
}

/** The interaction in `cells` (row number `row`), or a DataError naming the row and column. */
export function readRow(cells: readonly string[], columns: Columns, row: number): Interaction {
  const customer = required(cells, columns, 'customer', row)
  const timeText = required(cells, columns, 'time', row)
  const time = parseTime(timeText)
  if (time === null) throw new DataError('badTime', { row, column: columns.names.time as string, value: timeText })
  const stage = required(cells, columns, 'stage', row)
  const touchpoint = required(cells, columns, 'touchpoint', row)
  const csat = score(cells, columns, 'csat', row)
  const nps = score(cells, columns, 'nps', row)
  // A row without a segment counts in a segment of its own, "(none)", rather than in none.
  const segment = cell(cells, columns, 'segment', row)?.trim()
  return { customer, time, stage, touchpoint, csat, nps, segment: segment === undefined ? null : segment === '' ? '(none)' : segment }
}
