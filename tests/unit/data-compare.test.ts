/** The guess-vs-data model (issue #12): rank functions, Borda count, comparison, match suggestions. */
import { describe, expect, it } from 'vitest'
import { bordaCount, compare, dataRanking } from '../../shared/data/compare'
import { found, spearman } from '../../shared/data/rank'
import { normaliseLabel, similarity, suggestMatch } from '../../shared/data/match'
import { aggregates, touchpoint, TOUCHPOINT_NAMES } from '../helpers/dataset'

describe('spearman and found', () => {
  it('is 1 for the same order, −1 for the reverse, over the common items only', () => {
    expect(spearman(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toBe(1)
    expect(spearman(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'])).toBe(-1)
    // Partial match: x and y are not in the data; a, c, d are re-ranked 1..3 in both.
    expect(spearman(['a', 'b', 'c', 'd'], ['x', 'c', 'a', 'y', 'd'])).toBeCloseTo(1 - (6 * (1 + 1 + 0)) / (3 * 8))
    expect(spearman(['a', 'b'], ['a', 'z'])).toBeNull()
    expect(spearman([], [])).toBeNull()
  })
  it('counts each of the data’s top found once', () => {
    expect(found(['a', 'b', 'c'], ['c', 'x', 'a', 'a'])).toBe(2)
    expect(found(['a'], [])).toBe(0)
  })
})

describe('data ranking', () => {
  it('sums a touchpoint over its stages and breaks ties by name', () => {
    const ranked = dataRanking(
      aggregates([touchpoint('Phone', 100, { stage: 'Purchase' }), touchpoint('Phone', 50, { stage: 'Service' }), touchpoint('Chat', 150), touchpoint('Box', 150)]),
      'interactions',
    )
    expect(ranked).toEqual([
      { touchpoint: 'Box', value: 150 },
      { touchpoint: 'Chat', value: 150 },
      { touchpoint: 'Phone', value: 150 },
    ])
  })
  it('ranks by repeats (interactions × repeat rate)', () => {
    const ranked = dataRanking(aggregates([touchpoint('A', 1000, { repeatRate: 0.01 }), touchpoint('B', 100, { repeatRate: 0.5 })]), 'repeats')
    expect(ranked.map((r) => [r.touchpoint, r.value])).toEqual([
      ['B', 50],
      ['A', 10],
    ])
  })
})

describe('Borda count', () => {
  it('gives place 1 ten points … place 10 one point, whatever the list’s length', () => {
    const result = bordaCount([['a', 'b'], ['b'], ['c', 'a']])
    expect(result.map((r) => [r.label, r.points, r.voters])).toEqual([
      ['a', 19, 2],
      ['b', 19, 2],
      ['c', 10, 1],
    ])
    // a and b tie on points, voters and best place (each named first once): by name.
  })
  it('breaks ties by voters, then best place, then name', () => {
    expect(bordaCount([['x', 'y'], ['y', 'x']]).map((r) => r.label)).toEqual(['x', 'y'])
    expect(bordaCount([['b'], ['a']]).map((r) => r.label)).toEqual(['a', 'b'])
    // Same points (10): one person at place 1 vs two people lower down (6 + 4) → two voters win.
    const many = bordaCount([['p', 'q', 'r', 's', 'm'], ['p2', 'q2', 'r2', 's2', 't2', 'u2', 'm'], ['solo']])
    expect(many.find((r) => r.label === 'm')?.points).toBe(6 + 4)
    expect(many.findIndex((r) => r.label === 'm')).toBeLessThan(many.findIndex((r) => r.label === 'solo'))
  })
  it('adds up labels matched to the same touchpoint, and counts a person once per item', () => {
    const resolve = (label: string) => (['phone', 'calling in'].includes(label) ? 'Phone' : undefined)
    const result = bordaCount([['phone', 'calling in'], ['calling in']], resolve)
    expect(result).toEqual([{ label: 'Phone', touchpoint: 'Phone', points: 20, voters: 2 }])
  })
})

describe('compare', () => {
  const data = aggregates()
  it('reads N of 10 and ρ per department, with partial matches', () => {
    const comparison = compare({
      aggregates: data,
      measure: 'interactions',
      guesses: new Map([
        ['ann', ['Phone', 'e-mail', 'Chat', 'Our newsletter']],
        ['bob', ['Letter', 'Chat', 'Phone']],
        ['cy', ['Website']],
      ]),
      departmentOf: new Map([
        ['ann', 'Service'],
        ['bob', 'Sales'],
      ]),
      departments: ['Marketing', 'Sales', 'Service'],
      matches: new Map([[normaliseLabel('e-mail'), 'Email']]),
    })
    expect(comparison.data.map((d) => d.touchpoint)).toEqual(TOUCHPOINT_NAMES.slice(0, 10))
    expect(comparison.departments.map((d) => d.name)).toEqual(['Sales', 'Service'])
    const service = comparison.departments[1]
    expect(service).toMatchObject({ people: 1, found: 3, matched: 3, rho: 1 })
    expect(service?.top.map((t) => [t.label, t.inDataTop])).toEqual([
      ['Phone', true],
      ['Email', true],
      ['Chat', true],
      ['Our newsletter', false],
    ])
    const sales = comparison.departments[0]
    // Letter (rank 12 in the data) is matched but not in the top 10; Letter, Chat, Phone is the
    // data's Phone, Chat, Letter reversed: ρ = −1.
    expect(sales).toMatchObject({ people: 1, found: 2, matched: 3, rho: -1 })
    expect(comparison.group).toMatchObject({ people: 3, found: 4 }) // Phone, Email, Chat, Website
    expect(comparison.unassigned).toBe(1)
  })
  it('has no ρ and finds 0 when nothing is matched', () => {
    const comparison = compare({ aggregates: data, measure: 'interactions', guesses: new Map([['a', ['Something else']]]), departmentOf: new Map(), departments: [], matches: new Map() })
    expect(comparison.group).toMatchObject({ found: 0, rho: null, matched: 0 })
  })
})

describe('match suggestions', () => {
  it('normalises case, accents and punctuation', () => {
    expect(normaliseLabel('  Café – Bélgica!! ')).toBe('cafe belgica')
    expect(similarity('E-mail', 'email')).toBeGreaterThan(0.7)
  })
  it('suggests the closest touchpoint above the threshold, nothing for unrelated text', () => {
    const touchpoints = ['Phone', 'Email', 'Call centre', 'Invoice', 'Website']
    expect(suggestMatch('phone call', touchpoints)?.touchpoint).toBe('Phone')
    expect(suggestMatch('the call centre (inbound)', touchpoints)?.touchpoint).toBe('Call centre')
    expect(suggestMatch('Invoices', touchpoints)?.touchpoint).toBe('Invoice')
    expect(suggestMatch('web site', touchpoints)?.touchpoint).toBe('Website')
    expect(suggestMatch('Loyalty programme', touchpoints)).toBeUndefined()
  })
})
