/**
 * A contact log read row by row, whatever parses the CSV (papaparse in the browser worker and
 * in the CLI): the first row is the header, checked against the mapping; every other row is
 * read (row.ts) and fed to the aggregator. Rows are numbered from the header (row 1), blank
 * rows included, so a message's row number is the one a spreadsheet shows (a value with a line
 * break inside quotes is one row).
 */
import { Aggregator, type FinishOptions, type StageValue } from './aggregate'
import { DataError } from './errors'
import { resolveColumns } from './mapping'
import { readRow, type Columns } from './row'
import type { Aggregates, ColumnMapping } from './types'

export class LogReader {
  private columns: Columns | undefined
  private aggregator: Aggregator | undefined
  private row = 0
  private data = 0

  constructor(private readonly mapping: ColumnMapping) {}

  /** Rows read so far (the header not counted, blank rows not counted). */
  get rows(): number {
    return this.data
  }

  /** Reads the next row's cells; throws a DataError naming the row and column. */
  add(cells: readonly string[]): void {
    this.row++
    if (cells.length === 0 || (cells.length === 1 && (cells[0] as string).trim() === '')) return
    if (!this.columns) {
      this.columns = resolveColumns(cells, this.mapping)
      this.aggregator = new Aggregator(this.columns.names)
      return
    }
    ;(this.aggregator as Aggregator).add(readRow(cells, this.columns, this.row), this.row)
    this.data++
  }

  /** The number the next row will have (for the parser's own errors). */
  get nextRow(): number {
    return this.row + 1
  }

  private ready(): Aggregator {
    if (!this.aggregator) throw new DataError('noHeader')
    if (this.data === 0) throw new DataError('noRows')
    return this.aggregator
  }

  /** The stage values of the whole file (after the last row). */
  stageValues(): StageValue[] {
    return this.ready().stageValues()
  }

  finish(options: FinishOptions = {}): Aggregates {
    return this.ready().finish(options)
  }
}
