/** The data document's and the guesses' records (issue #12): writing, reading, limits, bad values. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  activeDataset,
  addDataset,
  dataMaps,
  readDataSection,
  readDatasets,
  readKeyTouchpoints,
  readMatches,
  resolveLabel,
  setKeyTouchpoint,
  setMatch,
  targetMet,
  writeDataSection,
} from '../../shared/data/data-doc'
import { addGuess, guessesMap, moveGuess, readGuess, readGuesses, removeGuess, setGuess } from '../../shared/data/guesses'
import { readDepartments, setDepartments } from '../../shared/facilitation/control'
import { renamedDepartment, withDepartment, withoutDepartment } from '../../shared/data/departments'
import { readPeople, readPersonDepartments, setPerson, setPersonDepartment } from '../../shared/board/person'
import { boardMaps } from '../../shared/board/board-doc'
import { aggregates, dataset, touchpoint } from '../helpers/dataset'

describe('datasets', () => {
  it('adds, keeps earlier ones unless replacing, and makes the new one active', () => {
    const doc = new Y.Doc()
    addDataset(doc, dataset('a'), { replace: false })
    addDataset(doc, dataset('b', { importedAt: 1_790_000_000_001 }), { replace: false })
    expect(readDatasets(doc).map((d) => d.id)).toEqual(['a', 'b'])
    expect(activeDataset(doc)?.id).toBe('b')
    addDataset(doc, dataset('c', { importedAt: 1_790_000_000_002 }), { replace: true })
    expect(readDatasets(doc).map((d) => d.id)).toEqual(['c'])
    expect(readDatasets(doc)[0]).toEqual(dataset('c', { importedAt: 1_790_000_000_002 }))
  })
  it('refuses an invalid dataset before writing anything', () => {
    const doc = new Y.Doc()
    const bad = dataset('a', { aggregates: { ...aggregates(), rows: -1 } })
    expect(() => addDataset(doc, bad, { replace: true })).toThrow(/rows/)
    expect(dataMaps(doc).datasets.size).toBe(0)
  })
  it('skips a stored dataset that does not validate (written by a scripted client)', () => {
    const doc = new Y.Doc()
    addDataset(doc, dataset('a'), { replace: false })
    const broken = new Y.Map<unknown>()
    broken.set('name', 'x')
    broken.set('aggregates', { rows: 'many' })
    dataMaps(doc).datasets.set('b', broken)
    expect(readDatasets(doc).map((d) => d.id)).toEqual(['a'])
  })
})

describe('matches and key touchpoints', () => {
  it('matches by normalised label; a label equal to a touchpoint needs no match', () => {
    const doc = new Y.Doc()
    setMatch(doc, 'Calling IN!', 'Phone')
    expect(readMatches(doc)).toEqual(new Map([['calling in', 'Phone']]))
    expect(resolveLabel('calling in', readMatches(doc), ['Phone', 'Email'])).toBe('Phone')
    expect(resolveLabel('E-MAIL', readMatches(doc), ['Phone', 'E-mail'])).toBe('E-mail')
    expect(resolveLabel('Fax', readMatches(doc), ['Phone'])).toBeUndefined()
    setMatch(doc, 'calling in', null)
    expect(readMatches(doc).size).toBe(0)
  })
  it('keeps an owner and a target, structured targets computable against the data', () => {
    const doc = new Y.Doc()
    setKeyTouchpoint(doc, 'Phone', { owner: 'Service', target: 'repeat rate < 10 %', metric: 'repeatRate', comparator: '<', value: 0.1 })
    setKeyTouchpoint(doc, 'Email', { owner: 'Marketing' })
    expect(readKeyTouchpoints(doc)).toEqual([
      { touchpoint: 'Email', owner: 'Marketing' },
      { touchpoint: 'Phone', owner: 'Service', target: 'repeat rate < 10 %', metric: 'repeatRate', comparator: '<', value: 0.1 },
    ])
    const data = aggregates([touchpoint('Phone', 100, { repeatRate: 0.2 }), touchpoint('Phone', 300, { repeatRate: 0.05, stage: 'Use' })])
    // Weighted: (0.2·100 + 0.05·300) / 400 = 0.0875 < 0.1
    expect(targetMet(readKeyTouchpoints(doc)[1]!, data)).toBe(true)
    expect(targetMet(readKeyTouchpoints(doc)[0]!, data)).toBeUndefined()
    setKeyTouchpoint(doc, 'Phone', { target: null, owner: 'IT' })
    expect(readKeyTouchpoints(doc)[1]).toMatchObject({ owner: 'IT' })
    expect(readKeyTouchpoints(doc)[1]?.target).toBeUndefined()
  })
  it('round-trips the whole section', () => {
    const doc = new Y.Doc()
    addDataset(doc, dataset('a'), { replace: false })
    setMatch(doc, 'telephone', 'Phone')
    setKeyTouchpoint(doc, 'Phone', { owner: 'Service', target: 'CSAT ≥ 4' })
    const section = readDataSection(doc)
    const copy = new Y.Doc()
    writeDataSection(copy, JSON.parse(JSON.stringify(section)))
    expect(readDataSection(copy)).toEqual(section)
  })
})

describe('guesses', () => {
  it('adds, moves and removes, at most 10, no repeats, cleaned', () => {
    const doc = new Y.Doc()
    for (let i = 0; i < 12; i++) addGuess(doc, 'p', `Item ${i}`)
    expect(readGuess(doc, 'p')).toHaveLength(10)
    expect(addGuess(doc, 'q', ' phone\n')).toBe(true)
    expect(addGuess(doc, 'q', 'PHONE')).toBe(false)
    addGuess(doc, 'q', 'Email')
    addGuess(doc, 'q', 'Chat')
    moveGuess(doc, 'q', 2, 0)
    expect(readGuess(doc, 'q')).toEqual(['Chat', 'phone', 'Email'])
    removeGuess(doc, 'q', 1)
    expect(readGuess(doc, 'q')).toEqual(['Chat', 'Email'])
    setGuess(doc, 'q', [])
    expect(readGuesses(doc).has('q')).toBe(false)
  })
  it('reads what a client wrote within the limits (non-strings, repeats and the 11th dropped)', () => {
    const doc = new Y.Doc()
    guessesMap(doc).set('p', Y.Array.from<string | number>(['A', 3, 'a', ...Array.from({ length: 12 }, (_, i) => `x${i}`)]))
    guessesMap(doc).set('q', 'not a list')
    expect(readGuesses(doc).get('p')).toHaveLength(10)
    expect(readGuesses(doc).get('p')?.slice(0, 2)).toEqual(['A', 'x0'])
    expect(readGuesses(doc).has('q')).toBe(false)
  })
})

describe('departments and people', () => {
  it('defaults, edits and cleans the list', () => {
    const control = new Y.Doc()
    expect(readDepartments(control)).toEqual(['Marketing', 'Sales', 'Service', 'Finance', 'IT'])
    let list = withDepartment(readDepartments(control), ' HR ')
    list = renamedDepartment(list, 'Service', 'Customer service')
    list = withoutDepartment(list, 'IT')
    setDepartments(control, [...list, 'hr', ''])
    expect(readDepartments(control)).toEqual(['Marketing', 'Sales', 'Customer service', 'Finance', 'HR'])
  })
  it('reads both forms of a people entry; a department outside the list is ignored', () => {
    const board = new Y.Doc()
    setPerson(board, 'p1', 'Ann')
    setPerson(board, 'p2', 'Bob')
    setPersonDepartment(board, 'p1', 'Ann', 'Sales')
    setPersonDepartment(board, 'p2', 'Bob', 'Pirates')
    expect(boardMaps(board).people.get('p1')).toBeInstanceOf(Y.Map)
    expect(readPeople(board)).toEqual(new Map([['p1', 'Ann'], ['p2', 'Bob']]))
    expect(readPersonDepartments(board, ['Sales', 'IT'])).toEqual(new Map([['p1', 'Sales']]))
    setPerson(board, 'p1', 'Ann B.')
    expect(readPeople(board).get('p1')).toBe('Ann B.')
    expect(readPersonDepartments(board, ['Sales']).get('p1')).toBe('Sales')
  })
})
