/**
 * Every CSV file Horizon writes goes through `toCsv`: RFC 4180 quoting (csv-stringify), CRLF
 * between records, and each cell defused against formula injection as OWASP recommends — a
 * cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
 * apostrophe, so that a spreadsheet shows it as text instead of running it
 * (`=HYPERLINK("http://evil","x")` becomes `'=HYPERLINK("http://evil","x")`).
 *
 * Uses csv-stringify's self-contained ESM build (`browser/esm/sync`): the Node build reaches for
 * the global `Buffer`, which a browser does not have, and shared/ runs in both.
 */
import { stringify } from 'csv-stringify/browser/esm/sync'

/** First characters a spreadsheet may read as the start of a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/

/** The cell's text as a spreadsheet must show it: a leading apostrophe before a formula start. */
export function defuseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** Rows (the header first) as CSV text, every cell defused. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(defuseCell)),
    // A line break inside a cell is quoted whatever it is (csv-stringify quotes only the record delimiter, CRLF, by itself).
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  )
}
