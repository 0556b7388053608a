/**
 * From a CSV's header to a ColumnMapping: guessed from the column names (English and Dutch
 * exports, common CRM names), checked against the header before a single row is read.
 */
import { DataError } from './errors'
import { REQUIRED_FIELDS, type Columns } from './row'
import { DATA_FIELDS, type ColumnMapping, type DataField } from './types'

/**
 * Header names per field, normalised (`normalizeHeader`), best first. A header is compared
 * whole; then, for the few fields with unmistakable words, by a word it contains.
 */
export const SYNONYMS: Record<DataField, readonly string[]> = {
  customer: ['customer_id', 'customer', 'customerid', 'customer_number', 'customer_no', 'client_id', 'client', 'contact_id', 'account_id', 'account', 'user_id', 'person_id', 'klant', 'klant_id', 'klantnummer', 'klantnr', 'relatie', 'relatienummer'],
  time: ['timestamp', 'time', 'datetime', 'date_time', 'date', 'created_at', 'created', 'created_on', 'occurred_at', 'event_time', 'contact_time', 'contact_date', 'start_time', 'tijdstip', 'datum', 'tijd', 'datum_tijd'],
  stage: ['stage', 'journey_stage', 'phase', 'journey_phase', 'step', 'journey_step', 'lifecycle_stage', 'fase', 'klantreisfase', 'stap'],
  touchpoint: ['touchpoint', 'touch_point', 'reason', 'contact_reason', 'topic', 'subject', 'category', 'intent', 'call_reason', 'reden', 'contactreden', 'onderwerp', 'categorie'],
  channel: ['channel', 'medium', 'contact_channel', 'source', 'kanaal', 'bron'],
  department: ['department', 'team', 'owner', 'dept', 'business_unit', 'queue', 'afdeling', 'eigenaar'],
  csat: ['csat', 'satisfaction', 'csat_score', 'customer_satisfaction', 'satisfaction_score', 'tevredenheid', 'klanttevredenheid'],
  nps: ['nps', 'nps_score', 'recommend', 'likelihood_to_recommend', 'net_promoter_score', 'aanbeveling'],
  segment: ['segment', 'customer_type', 'customer_segment', 'type', 'klanttype', 'doelgroep', 'klantsegment'],
}

/** `Customer ID`, `customer-id`, `\uFEFFcustomer_id` → `customer_id`. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/** The fields each header most likely holds; a header serves one field at most. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const normalised = headers.map(normalizeHeader)
  const used = new Set<number>()
  const mapping: ColumnMapping = {}
  for (const field of DATA_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const index = normalised.findIndex((h, i) => h === synonym && !used.has(i))
      if (index >= 0) {
        used.add(index)
        mapping[field] = headers[index] as string
        break
      }
    }
  }
  // Second chance: a header containing the field's own name ("contact_reason_level1", "CSAT (1-5)").
  for (const field of DATA_FIELDS) {
    if (mapping[field] !== undefined) continue
    const index = normalised.findIndex((h, i) => !used.has(i) && h.split('_').includes(field))
    if (index >= 0) {
      used.add(index)
      mapping[field] = headers[index] as string
    }
  }
  return mapping
}

/**
 * Checks a header row on its own: not empty, no name twice (a mapping could not say which
 * column it means). Returns each name's column index.
 */
export function checkHeaders(headers: readonly string[]): Map<string, number> {
  if (headers.length === 0 || headers.every((h) => h.trim() === '')) throw new DataError('noHeader')
  const seen = new Map<string, number>()
  headers.forEach((header, i) => {
    const key = header.replace(/^\uFEFF/, '').trim()
    if (key === '') return
    const first = seen.get(key)
    if (first !== undefined) throw new DataError('duplicateHeader', { row: 1, column: key, detail: `${first + 1} and ${i + 1}` })
    seen.set(key, i)
  })
  return seen
}

/** Separators a single-column header gives away: then the file was split on the wrong one. */
const SEPARATOR_HINT = /[;,\t|:]/

/**
 * Checks `headers` (as the parser read them) and `mapping` and resolves each mapped field to
 * its column index. Throws a DataError for duplicate headers, a file read as one column, a
 * required field left unmapped and a mapped column the file does not have.
 */
export function resolveColumns(headers: readonly string[], mapping: ColumnMapping): Columns {
  const seen = checkHeaders(headers)
  const list = headers.map((h) => `"${h.replace(/^\uFEFF/, '').trim()}"`).join(', ')
  const index: Partial<Record<DataField, number>> = {}
  const names: ColumnMapping = {}
  for (const field of DATA_FIELDS) {
    const column = mapping[field]?.trim()
    if (!column) continue
    const at = seen.get(column)
    if (at === undefined) {
      if (headers.length === 1 && SEPARATOR_HINT.test(headers[0] as string)) throw new DataError('oneColumn', { column: headers[0] as string })
      throw new DataError('missingColumn', { field, column, detail: list })
    }
    index[field] = at
    names[field] = column
  }
  for (const field of REQUIRED_FIELDS) {
    if (index[field] !== undefined) continue
    if (headers.length === 1 && SEPARATOR_HINT.test(headers[0] as string)) throw new DataError('oneColumn', { column: headers[0] as string })
    throw new DataError('notMapped', { field, detail: list })
  }
  return { index, names, width: headers.length }
}

/**
 * Whether the first bytes of a file are binary rather than text: a NUL byte (no CSV has one;
 * UTF-16 text has many, and we read UTF-8), or many control bytes besides tab and line ends.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  let control = 0
  for (const byte of bytes) {
    if (byte === 0) return true
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++
  }
  return bytes.length > 0 && control / bytes.length > 0.05
}
