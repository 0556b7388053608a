/** The workshop's language: the template's words and the story sentences (issue #16). */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { listLanes } from '../../shared/board/lane'
import { readMeta } from '../../shared/board/meta'
import { listStages } from '../../shared/board/stage'
import { DEFAULT_LANES, DEFAULT_LANES_NL, initBoard } from '../../shared/board/template'
import { storySentence } from '../../shared/workshop-file/report'
import { createWorkshopBody } from '../../shared/validation'

describe('the workshop language', () => {
  it('a Dutch workshop gets the Dutch template (same kinds, same order) and keeps its language in meta', () => {
    const doc = new Y.Doc()
    initBoard(doc, { template: 'journey', title: 'Klantreis', language: 'nl' })
    expect(listStages(doc).map((s) => s.title)).toEqual(['Oriëntatie', 'Aankoop', 'Start', 'Gebruik', 'Service', 'Ervaring delen'])
    expect(listLanes(doc).map((l) => l.kind)).toEqual(DEFAULT_LANES.map((l) => l.kind))
    expect(listLanes(doc).map((l) => l.title)).toEqual(DEFAULT_LANES_NL.map((l) => l.title))
    expect(readMeta(doc).language).toBe('nl')
    const english = new Y.Doc()
    initBoard(english, { template: 'journey', title: 'Journey' })
    expect(readMeta(english).language).toBeUndefined()
    expect(listStages(english)[0]?.title).toBe('Orientation')
  })

  it('the create request takes en or nl, and refuses anything else readably', () => {
    expect(createWorkshopBody.safeParse({ language: 'nl' }).success).toBe(true)
    const bad = createWorkshopBody.safeParse({ language: 'fr' })
    expect(bad.success).toBe(false)
    expect(JSON.stringify(bad.error?.issues)).toContain('language must be one of en, nl')
  })

  it('Dutch story sentences: verb second, no indefinite article, parts left out when empty', () => {
    const nl = { language: 'nl' as const }
    expect(storySentence({ asA: 'klant', iWant: 'mijn status zien', soThat: 'ik niet hoef te bellen.' }, nl)).toBe('Als klant wil ik mijn status zien, zodat ik niet hoef te bellen.')
    expect(storySentence({ asA: 'een klant', iWant: 'x', soThat: '' }, nl)).toBe('Als klant wil ik x.')
    expect(storySentence({ asA: 'an agent', iWant: 'x', soThat: '' }, nl)).toBe('Als agent wil ik x.')
    expect(storySentence({ asA: 'de beheerder', iWant: 'x', soThat: '' }, nl)).toBe('Als de beheerder wil ik x.')
    expect(storySentence({ asA: '', iWant: 'minder wachten', soThat: 'ik tijd heb' }, nl)).toBe('Ik wil minder wachten, zodat ik tijd heb.')
    expect(storySentence({ asA: 'klant', iWant: '', soThat: '' }, nl)).toBe('Als klant.')
    expect(storySentence({ asA: '', iWant: '', soThat: 'het sneller gaat' }, nl)).toBe('Zodat het sneller gaat.')
    expect(storySentence({ asA: 'klant', iWant: 'x', soThat: 'y' }, { ...nl, full: false })).toBe('Als klant wil ik x')
    // English stays as it was.
    expect(storySentence({ asA: 'agent', iWant: 'x', soThat: 'y' })).toBe('As an agent, I want x, so that y.')
  })
})
