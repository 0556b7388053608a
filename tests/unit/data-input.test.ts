/** Reading a contact log: header guessing and checks, times, scores and bad-input messages. */
import { describe, expect, it } from 'vitest'
import { DataError } from '../../shared/data/errors'
import { guessMapping, looksBinary, resolveColumns } from '../../shared/data/mapping'
import { parseScore, parseTime, readRow } from '../../shared/data/row'

function error(fn: () => unknown): DataError {
  try {
    fn()
  } catch (e) {
    if (e instanceof DataError) return e
    throw e
  }
  throw new Error('no error')
}

describe('guessMapping', () => {
  it('maps the issue headers and their synonyms, case-insensitively', () => {
    expect(guessMapping(['customer_id', 'timestamp', 'stage', 'touchpoint', 'channel', 'department', 'csat', 'nps', 'segment'])).toEqual({
      customer: 'customer_id', time: 'timestamp', stage: 'stage', touchpoint: 'touchpoint', channel: 'channel', department: 'department', csat: 'csat', nps: 'nps', segment: 'segment',
    })
    expect(guessMapping(['\uFEFFKlant', 'Datum', 'Fase', 'Contactreden', 'Kanaal', 'Afdeling', 'Tevredenheid', 'Klanttype'])).toEqual({
      customer: '\uFEFFKlant', time: 'Datum', stage: 'Fase', touchpoint: 'Contactreden', channel: 'Kanaal', department: 'Afdeling', csat: 'Tevredenheid', segment: 'Klanttype',
    })
    expect(guessMapping(['Client ID', 'Created At', 'Journey Stage', 'Contact Reason', 'Medium', 'Team', 'Satisfaction', 'NPS score', 'Customer Type'])).toMatchObject({
      customer: 'Client ID', time: 'Created At', stage: 'Journey Stage', touchpoint: 'Contact Reason', channel: 'Medium', department: 'Team', csat: 'Satisfaction', nps: 'NPS score', segment: 'Customer Type',
    })
  })

  it('leaves fields without a likely column unmapped and uses a column once', () => {
    expect(guessMapping(['id', 'when', 'what'])).toEqual({})
    expect(guessMapping(['contact_id', 'customer'])).toEqual({ customer: 'customer' })
  })
})

describe('resolveColumns', () => {
  const headers = ['customer_id', 'timestamp', 'stage', 'touchpoint', 'csat']
  const mapping = guessMapping(headers)

  it('resolves each mapped field to its column', () => {
    expect(resolveColumns(headers, mapping).index).toEqual({ customer: 0, time: 1, stage: 2, touchpoint: 3, csat: 4 })
  })

  it('names a duplicate header and both its columns', () => {
    expect(error(() => resolveColumns(['a', 'stage', 'Stage', 'stage'], mapping)).message).toBe(
      'row 1, column "stage": the header "stage" appears more than once (columns 2 and 4); give each column its own name',
    )
  })

  it('says when a mapped column is missing, listing the columns', () => {
    expect(error(() => resolveColumns(['customer_id', 'timestamp', 'stage', 'touchpoint'], mapping)).message).toBe(
      'column "csat" (mapped to csat) is not in the file; its columns are: "customer_id", "timestamp", "stage", "touchpoint"',
    )
    expect(error(() => resolveColumns(['customer_id', 'timestamp', 'stage'], { customer: 'customer_id', time: 'timestamp', stage: 'stage' })).code).toBe('notMapped')
  })

  it('says when the file was read as one column (the wrong separator)', () => {
    const e = error(() => resolveColumns(['customer_id:timestamp:stage:touchpoint'], mapping))
    expect(e.code).toBe('oneColumn')
    expect(e.message).toMatch(/read as a single column \("customer_id:timestamp:stage:touchpoint"\)/)
  })

  it('refuses a header row with nothing in it', () => {
    expect(error(() => resolveColumns(['', ' '], mapping)).code).toBe('noHeader')
  })
})

describe('looksBinary', () => {
  it('tells a zip or an image from CSV text', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toBe(true)
    expect(looksBinary(new TextEncoder().encode('customer_id;timestamp\r\nk1;2026-10-01\tx\n'))).toBe(false)
    expect(looksBinary(new TextEncoder().encode('klant,tijdstip\nÅsa,31-10-2026 14:05\n'))).toBe(false)
  })
})

describe('parseTime', () => {
  const utc = (...a: [number, number, number, number?, number?, number?]) => Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0)
  it('reads ISO 8601, day-first dates and Unix time, without a zone as UTC', () => {
    expect(parseTime('2026-10-31')).toBe(utc(2026, 10, 31))
    expect(parseTime('2026-10-31 14:05')).toBe(utc(2026, 10, 31, 14, 5))
    expect(parseTime('2026-10-31T14:05:09.250Z')).toBe(utc(2026, 10, 31, 14, 5, 9) + 250)
    expect(parseTime('2026-10-31T14:05:00+01:00')).toBe(utc(2026, 10, 31, 13, 5))
    expect(parseTime('2026-10-31T14:05:00-0230')).toBe(utc(2026, 10, 31, 16, 35))
    expect(parseTime('31-10-2026 14:05')).toBe(utc(2026, 10, 31, 14, 5))
    expect(parseTime('1/2/2026')).toBe(utc(2026, 2, 1))
    expect(parseTime('31.10.2026 14:05:09')).toBe(utc(2026, 10, 31, 14, 5, 9))
    expect(parseTime('1793455500')).toBe(1793455500_000)
    expect(parseTime('1793455500123')).toBe(1793455500123)
  })
  it('refuses what is not a time, and dates that do not exist', () => {
    expect(parseTime('2028-02-29 23:59:59')).toBe(utc(2028, 2, 29, 23, 59, 59))
    expect(parseTime('2026-10-31T14:05:09')).toBe(utc(2026, 10, 31, 14, 5, 9))
    for (const bad of ['2026-02-29', '2026-02-29 10:00:00', '2026-10-31 24:00:00', '2026-10-31 12:60:00', '2026-1x-31', '2026-10-31 1a:00:00']) expect(parseTime(bad), bad).toBeNull()
    for (const bad of ['', 'yesterday', '2026-02-30', '31-02-2026', '2026-13-01', '10/31/2026', '2026-10-31 25:00', '12345']) expect(parseTime(bad), bad).toBeNull()
  })
})

describe('parseScore', () => {
  it('reads numbers in range (a decimal comma too), empty as no score, the rest as an error', () => {
    expect(parseScore('4', 1, 5)).toBe(4)
    expect(parseScore(' 4,5 ', 1, 5)).toBe(4.5)
    expect(parseScore('', 1, 5)).toBeNull()
    expect(parseScore('0', 1, 5)).toBeUndefined()
    expect(parseScore('6', 1, 5)).toBeUndefined()
    expect(parseScore('good', 1, 5)).toBeUndefined()
    expect(parseScore('10', 0, 10)).toBe(10)
  })
})

describe('readRow', () => {
  const headers = ['customer_id', 'timestamp', 'stage', 'touchpoint', 'csat', 'nps', 'segment']
  const columns = resolveColumns(headers, guessMapping(headers))

  it('reads an interaction', () => {
    expect(readRow(['k1', '2026-10-01 09:00', ' Purchase ', 'Checkout', '4', '', 'new'], columns, 2)).toEqual({
      customer: 'k1', time: Date.UTC(2026, 9, 1, 9), stage: 'Purchase', touchpoint: 'Checkout', csat: 4, nps: null, segment: 'new',
    })
  })

  it('names the row and column of a bad time, a bad score, an empty value and a short row', () => {
    expect(error(() => readRow(['k1', '31-02-2026', 'S', 'T', '4', '9', 'new'], columns, 7)).message).toBe(
      'row 7, column "timestamp": "31-02-2026" is not a date and time (use e.g. 2026-10-31 14:05 or 31-10-2026 14:05)',
    )
    expect(error(() => readRow(['k1', '2026-10-01', 'S', 'T', '9', '9', 'new'], columns, 8)).message).toBe('row 8, column "csat": "9" is not a csat score (a number from 1 to 5)')
    expect(error(() => readRow(['k1', '2026-10-01', 'S', 'T', '4', 'ten', 'new'], columns, 9)).message).toBe('row 9, column "nps": "ten" is not a nps score (a number from 0 to 10)')
    expect(error(() => readRow(['', '2026-10-01', 'S', 'T', '4', '9', 'new'], columns, 10)).message).toBe('row 10, column "customer_id": no value (customer is required on every row)')
    expect(error(() => readRow(['k1', '2026-10-01', 'S', 'T'], columns, 11)).message).toBe('row 11, column "csat": the row ends before this column (it has 4 fields, the header 7)')
  })
})
