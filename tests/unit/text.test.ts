/**
 * One rule for single-line text: `cleanLine` (shared/text.ts), the API's validation of names and
 * titles, and the readers of the board's `people` map.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardMaps } from '../../shared/board/board-doc'
import { readPeople, setPerson } from '../../shared/board/person'
import { LIMITS } from '../../shared/limits'
import { cleanLine } from '../../shared/text'
import { createWorkshopBody, joinBody, parseBody } from '../../shared/validation'

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']

describe('cleanLine', () => {
  it('removes bidi overrides, isolates and marks, keeping the text readable', () => {
    expect(cleanLine('Bob\u202Eevil')).toBe('Bobevil')
    expect(cleanLine('\u2067Ann\u2069 Lee')).toBe('Ann Lee')
    for (const ch of BIDI) expect(cleanLine(`a${ch}b`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe('ab')
    expect(cleanLine(BIDI.join(''))).toBe('')
  })

  it('removes C0 and C1 control characters; line breaks and tabs become one space', () => {
    expect(cleanLine('Ann\u0000\u0007\u001b[31m\u007f\u0080\u009fLee')).toBe('Ann[31mLee')
    expect(cleanLine('Ann\nLee')).toBe('Ann Lee')
    expect(cleanLine('Ann\r\n\tLee')).toBe('Ann Lee')
    expect(cleanLine('Ann\u0085Lee\u2028Ray\u2029Jo\u000b\u000c!')).toBe('Ann Lee Ray Jo !')
  })

  it('trims and collapses whitespace; leaves ordinary text alone', () => {
    expect(cleanLine('   Ann     Lee  ')).toBe('Ann Lee')
    expect(cleanLine(' \t\n ')).toBe('')
    for (const text of ['Zoë’s café — 日本', 'محمد', 'שלום עולם', 'O’Brien-Smith (ops)', '👩‍👩‍👧 family', 'a = b + c @ d']) expect(cleanLine(text)).toBe(text)
  })
})

describe('names in the board’s people map', () => {
  it('readPeople cleans and caps what a scripted client wrote straight into the document', () => {
    const doc = new Y.Doc()
    const people = boardMaps(doc).people
    people.set('p1', 'Bob\u202Eevil')
    people.set('p2', `  Eve\n${'x'.repeat(500)}`)
    people.set('p3', '\u202E\u0000\u2066')
    people.set('p4', 42)
    people.set('p5', 'Ann')
    const read = readPeople(doc)
    expect(read.get('p1')).toBe('Bobevil')
    expect(read.get('p2')).toBe(`Eve ${'x'.repeat(LIMITS.name - 4)}`)
    expect(read.get('p2')!.length).toBe(LIMITS.name)
    expect(read.has('p3')).toBe(false)
    expect(read.has('p4')).toBe(false)
    expect(read.get('p5')).toBe('Ann')
  })

  it('setPerson writes the cleaned name; cleanName caps without ending in a space or half a character', () => {
    const doc = new Y.Doc()
    setPerson(doc, 'p1', ' Bob\u202Eevil\t')
    expect(boardMaps(doc).people.get('p1')).toBe('Bobevil')
    // expect(cleanName(`${'a'.repeat(LIMITS.name - 1)} b`)).toBe('a'.repeat(LIMITS.name - 1))
    // expect(cleanName(`${'a'.repeat(LIMITS.name - 1)}😀`)).toBe('a'.repeat(LIMITS.name - 1))
  })
})

describe('the API’s names and titles', () => {
  const errorOf = (result: { ok: boolean; error?: string }) => (result.ok ? undefined : result.error)

  it('joinBody cleans the name, and refuses one that is empty after cleaning with a clear message', () => {
    expect(parseBody(joinBody, { name: 'Bob\u202Eevil', joinCode: 'ABC234' })).toEqual({ ok: true, value: { name: 'Bobevil', joinCode: 'ABC234' } })
    expect(parseBody(joinBody, { name: ' Ann\n\u0007Lee ', joinCode: 'ABC234' })).toEqual({ ok: true, value: { name: 'Ann Lee', joinCode: 'ABC234' } })
    expect(errorOf(parseBody(joinBody, { name: '\u202E\u2066\u0000', joinCode: 'ABC234' }))).toBe('name must not be empty: it has only control or text-direction characters')
    expect(errorOf(parseBody(joinBody, { name: '  ', joinCode: 'ABC234' }))).toBe('name must not be empty')
    // The limit is on the cleaned name: invisible characters do not count.
    expect(parseBody(joinBody, { name: `${'n'.repeat(LIMITS.name)}\u202E\u202E`, joinCode: 'A' })).toEqual({ ok: true, value: { name: 'n'.repeat(LIMITS.name), joinCode: 'A' } })
    expect(errorOf(parseBody(joinBody, { name: 'n'.repeat(LIMITS.name + 1), joinCode: 'A' }))).toBe(`name is longer than ${LIMITS.name} characters`)
  })

  it('createWorkshopBody cleans the title and the one-line scope fields; the goal keeps its line breaks', () => {
    const parsed = parseBody(createWorkshopBody, { title: 'Q1\u202E onboarding\n', persona: 'New\u2066 customers\r\n', journeyStart: '\tSearch', journeyEnd: 'Order\u0000 arrives', goal: 'Fewer calls.\nMore orders.' })
    expect(parsed).toEqual({ ok: true, value: { title: 'Q1 onboarding', persona: 'New customers', journeyStart: 'Search', journeyEnd: 'Order arrives', goal: 'Fewer calls.\nMore orders.' } })
    expect(errorOf(parseBody(createWorkshopBody, { title: '\u200F\u200E' }))).toBe('title must not be empty: it has only control or text-direction characters')
    expect(parseBody(createWorkshopBody, { persona: '\u202E' })).toEqual({ ok: true, value: { persona: '' } })
  })
})
