/** Plurals in the client's catalogues: the form comes from Intl.PluralRules for the locale. */
import { describe, expect, it } from 'vitest'
import { plural, pluralCategory, translate, type Locale, type MessageKey, type Translate } from '../../client/src/i18n'

const tIn = (locale: Locale): Translate => Object.assign((key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params), { locale })

describe('plural', () => {
  it('uses the singular for one and the plural with the count otherwise, in English', () => {
    const t = tIn('en')
    expect(plural(t, 'votesCount', 0)).toBe('0 votes')
    expect(plural(t, 'votesCount', 1)).toBe('1 vote')
    expect(plural(t, 'votesCount', 2)).toBe('2 votes')
    expect(plural(t, 'votersCount', 1)).toBe('1 person has voted')
    expect(plural(t, 'votersCount', 12)).toBe('12 people have voted')
  })

  it('in Dutch', () => {
    const t = tIn('nl')
    expect(plural(t, 'votesLeft', 1)).toBe('nog 1 stem')
    expect(plural(t, 'votesLeft', 3)).toBe('nog 3 stemmen')
    expect(plural(t, 'votesCast', 0)).toBe('0 stemmen uitgebracht')
  })

  it('takes the category from Intl.PluralRules', () => {
    expect(pluralCategory('en', 1)).toBe('one')
    expect(pluralCategory('en', 0)).toBe('other')
    expect(pluralCategory('nl', 1)).toBe('one')
    expect(pluralCategory('nl', 5)).toBe('other')
  })
})
