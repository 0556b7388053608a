/** Guess against data: "found N of 10" and Spearman's ρ over matched items (shared/data/rank.ts). */
import { describe, expect, it } from 'vitest'
import { found, spearman } from '../../shared/data/rank'

const DATA = ['Invoice', 'Delivery', 'Login', 'Returns', 'Payment', 'Address', 'Contract', 'Password', 'Refund', 'Moving', 'Eleventh']

describe('found', () => {
  it('counts the guess items in the first 10 of the data, case- and space-insensitively, each once', () => {
    expect(found(DATA, ['invoice', ' LOGIN ', 'Invoice', 'Unknown', 'Eleventh'])).toBe(2)
    expect(found(DATA, [])).toBe(0)
    expect(found(DATA, DATA)).toBe(10)
  })
})

describe('spearman', () => {
  it('is 1 for the same order and −1 for the reverse', () => {
    expect(spearman(DATA, DATA.slice(0, 5))).toBe(1)
    expect(spearman(DATA, DATA.slice(0, 5).reverse())).toBe(-1)
  })

  it('uses only the matched items, ranked among themselves', () => {
    // Matched: Login (data 3rd), Invoice (1st), Returns (4th); guess order Login, Invoice, Returns.
    // Data ranks among them: Invoice 1, Login 2, Returns 3 → guess ranks 2, 1, 3.
    // d = (1, −1, 0) → ρ = 1 − 6·2 / (3·8) = 0.5
    expect(spearman(DATA, ['Login', 'Made up', 'Invoice', 'Returns'])).toBe(0.5)
  })

  it('is null with fewer than two matched items', () => {
    expect(spearman(DATA, ['Invoice', 'Nothing'])).toBeNull()
    expect(spearman(DATA, [])).toBeNull()
  })

  it('gives tied data values their average rank', () => {
    // Data: A 10, B 10, C 5. Guess C, A, B: guess ranks C 1, A 2, B 3; data ranks A 1.5, B 1.5, C 3.
    // Pearson of (1.5, 1.5, 3) and (2, 3, 1) = −0.866
    expect(spearman(['A', 'B', 'C'], ['C', 'A', 'B'], [10, 10, 5])).toBe(-0.866)
    // All tied in the data: no order to agree with.
    expect(spearman(['A', 'B'], ['B', 'A'], [3, 3])).toBeNull()
  })

  it('counts a label the guess repeats once, at its first place', () => {
    expect(spearman(DATA, ['Invoice', 'invoice', 'Delivery'])).toBe(1)
  })
})
