/**
 * What can be wrong with an imported contact log. Every problem is a code with the facts a
 * person needs to fix the file (the row, the column, the value): the CLI prints `message`
 * (English), the import dialog translates the code with the same facts (client i18n,
 * `dataError_<code>`). Rows are numbered as a spreadsheet shows them: the header is row 1, the
 * first data row is row 2.
 */

export type DataErrorCode =
  | 'empty'
  | 'binary'
  | 'noHeader'
  | 'noRows'
  | 'duplicateHeader'
  | 'oneColumn'
  | 'notMapped'
  | 'missingColumn'
  | 'badCsv'
  | 'shortRow'
  | 'emptyValue'
  | 'badTime'
  | 'badScore'
  | 'outOfOrder'
  | 'tooManyValues'
  | 'stageNotMapped'

export interface DataErrorFacts {
  row?: number
  column?: string
  value?: string
  field?: string
  /** Extra detail: the file's columns, the allowed range, the parser's own words. */
  detail?: string
}

/** Values are shown in messages at most this long. */
const SHOWN = 40
export const shown = (value: string): string => (value.length > SHOWN ? `${value.slice(0, SHOWN)}…` : value)

function english(code: DataErrorCode, f: DataErrorFacts): string {
  const at = f.row !== undefined ? `row ${f.row}${f.column !== undefined ? `, column "${f.column}"` : ''}: ` : f.column !== undefined ? `column "${f.column}": ` : ''
  switch (code) {
    case 'empty':
      return 'the file is empty (0 bytes)'
    case 'binary':
      return 'this is not a CSV text file: it holds binary data'
    case 'noHeader':
      return 'the file has no header row'
    case 'noRows':
      return 'the file has a header row but no data rows'
    case 'duplicateHeader':
      return `${at}the header "${f.column}" appears more than once (columns ${f.detail}); give each column its own name`
    case 'oneColumn':
      return `the file was read as a single column ("${shown(f.column ?? '')}"): its columns are not separated by a comma, semicolon, tab or |`
    case 'notMapped':
      return `no column is mapped to ${f.field}; map one (the file's columns: ${f.detail})`
    case 'missingColumn':
      return `column "${f.column}" (mapped to ${f.field}) is not in the file; its columns are: ${f.detail}`
    case 'badCsv':
      return `${at}the CSV is malformed (${f.detail})`
    case 'shortRow':
      return `${at}the row ends before this column (${f.detail})`
    case 'emptyValue':
      return `${at}no value (${f.field} is required on every row)`
    case 'badTime':
      return `${at}"${shown(f.value ?? '')}" is not a date and time (use e.g. 2026-10-31 14:05 or 31-10-2026 14:05)`
    case 'badScore':
      return `${at}"${shown(f.value ?? '')}" is not a ${f.field} score (${f.detail})`
    case 'outOfOrder':
      return `${at}this contact is earlier than a contact in a row above of the same customer at the same touchpoint; the 7-day repeat rule needs each customer's contacts in time order: sort the file by time`
    case 'tooManyValues':
      return `${at}more than ${f.detail} different values for ${f.field}: is this the right column?`
    case 'stageNotMapped':
      return `the stage "${shown(f.value ?? '')}" (first in row ${f.row}) is not mapped to a stage of the journey`
  }
}

export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    readonly facts: DataErrorFacts = {},
  ) {
    super(english(code, facts))
    this.name = 'DataError'
  }
}

export const isDataError = (error: unknown): error is DataError => error instanceof DataError

/** A DataError as plain data (to post from a worker) and back. */
export interface DataErrorJson {
  code: DataErrorCode
  facts: DataErrorFacts
  message: string
}
export const dataErrorJson = (error: DataError): DataErrorJson => ({ code: error.code, facts: { ...error.facts }, message: error.message })
