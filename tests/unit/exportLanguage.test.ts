/**
 * The Markdown export in the workshop's language (meta.language): a Dutch workshop gets Dutch
 * headings, fixed texts and data section with nl-NL numbers; an English one stays as it was.
 * And the votes by department (issue #12) in the export model, the Markdown and the JSON,
 * without a participant id or name in the Markdown.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { setPerson, setPersonDepartment } from '../../shared/board/person'
import { addDataset, setKeyTouchpoint } from '../../shared/data/data-doc'
import { boardMaps } from '../../shared/board/board-doc'
import { setGuess } from '../../shared/data/guesses'
import { setDepartments } from '../../shared/facilitation/control'
import { workshopToMarkdown } from '../../shared/workshop-file/markdown'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { workshopFromJson } from '../../shared/workshop-file/from-json'
import { workshopReport } from '../../shared/workshop-file/report'
import { aggregates, dataset, touchpoint } from '../helpers/dataset'
import { richFixture } from '../helpers/fixture'

/** The rich fixture with departments, guesses, a dataset and a key touchpoint; `language` set or not. */
function dataFixture(language?: 'en' | 'nl') {
  const fixture = richFixture()
  const { board, control } = fixture
  if (language) board.getMap('meta').set('language', language)
  setDepartments(control, ['Sales', 'Service'])
  setPerson(board, 'p1', 'Pat')
  setPersonDepartment(board, 'p1', 'Pat', 'Service')
  setPerson(board, 'p2', 'Kim')
  setPersonDepartment(board, 'p2', 'Kim', 'Sales')
  setPerson(board, 'p3', 'Lou')
  setGuess(board, 'p1', ['Phone', 'Email', 'Chat'])
  setGuess(board, 'p2', ['Letter', 'Phone'])
  const data = new Y.Doc()
  addDataset(data, dataset('october', { aggregates: { ...dataset().aggregates, rows: 48_210, customers: 12_345 } }), { replace: false })
  setKeyTouchpoint(data, 'Phone', { owner: 'Service', metric: 'repeatRate', comparator: '<', value: 0.1 })
  setKeyTouchpoint(data, 'Email', { owner: 'Sales', metric: 'csat', comparator: '>=', value: 4.5 })
  return { ...fixture, json: workshopToJson(board, control, data) }
}

describe('Markdown export in the workshop’s language', () => {
  it('scores a guess out of the data’s top list, which has fewer than 10 items when the data has fewer touchpoints', () => {
    const { board, control } = richFixture()
    setPerson(board, 'p1', 'Pat')
    setGuess(board, 'p1', ['Phone', 'Email'])
    const data = new Y.Doc()
    const few = aggregates(['Phone', 'Email', 'Chat', 'Letter'].map((name, i) => touchpoint(name, (5 - i) * 100)))
    addDataset(data, dataset('october', { aggregates: few }), { replace: false })
    const md = workshopToMarkdown(workshopToJson(board, control, data))
    expect(md).toContain('| The group | 1 | 2 of 4 |')
    expect(md).not.toContain('of 10')
  })

  it('a Dutch workshop gets Dutch headings, fixed texts, data section and nl-NL numbers', () => {
    const md = workshopToMarkdown(dataFixture('nl').json)
    const headings = md.split('\n').filter((line) => /^##? /.test(line))
    expect(headings.slice(1)).toEqual([
      '## Afbakening',
      '## Journey',
      '## Grootste pijnpunten',
      '## Clusters',
      '## Hoe kunnen we …',
      '## Ideeën',
      '## MVP',
      '## Roadmap',
      '## User stories',
      '## Overige notities',
      '## Data en de inschatting van de groep',
    ])
    expect(md).toContain('- **Doel:** _niet ingevuld_')
    expect(md).toContain('| Baan | Orientation |')
    expect(md).toContain('| **Emotie** | +1 | -2 | +0,5 |')
    expect(md).toContain('| # | Pijnpunt | Waar | Stemmen |')
    expect(md).toContain('### Cluster zonder naam (0 stemmen)')
    expect(md).toContain('### Verhaal 4 — Won’t have (nu niet)')
    expect(md).toContain('Roadmap: Remember address (Nu, MVP)')
    expect(md).toContain('**Acceptatiecriteria**')
    // The data section: words and numbers (48.210, 4,1, ρ 0,40) as nl-NL writes them.
    expect(md).toContain('**Contact log October** (contacts-october.csv): 48.210 rijen, 12.345 klanten, 2026-10-01 – 2026-10-31.')
    expect(md).toContain('| Etappe | Contacten | Klanten | CSAT | Herhaalpercentage |')
    expect(md).toContain('| Purchase | 3.120 | 300 | 4,1 | 5 % |')
    expect(md).toContain('| Phone | Service | 1.200 | 600 | 3,5 | 10 % |')
    expect(md).toContain('### De inschatting tegenover de data')
    expect(md).toContain('Gerangschikt op contacten;')
    expect(md).toContain('| De groep | 2 | 3 van 10 | 0,40 |')
    expect(md).toContain('### Sleuteltouchpoints')
    expect(md).toContain('| Phone | Service | herhaalpercentage \\< 10 % |')
    expect(md).toContain('| Email | Sales | CSAT \\>= 4,5 |')
    for (const english of ['Top pains', 'Votes', 'Where', 'Acceptance criteria', 'rows', 'Interactions', 'Repeat rate', 'The group', 'Key touchpoints', 'Owner', 'not set']) expect(md).not.toContain(english)
  })

  it('an English workshop, and one without a language, keep the English text and plain numbers', () => {
    const en = workshopToMarkdown(dataFixture('en').json)
    expect(workshopToMarkdown(dataFixture().json)).toBe(en)
    expect(en).toContain('## Top pains')
    expect(en).toContain('## Data and the room’s guess')
    expect(en).toContain('**Contact log October** (contacts-october.csv): 48210 rows, 12345 customers, 2026-10-01 – 2026-10-31.')
    expect(en).toContain('| Purchase | 3120 | 300 | 4.1 | 5 % |')
    expect(en).toContain('| The group | 2 | 3 of 10 | 0.40 |')
    expect(en).toContain('| Phone | Service | repeatRate \\< 10 % |')
  })
})

describe('votes by department in the exports', () => {
  it('the JSON carries a department per vote, never a name; the model and the Markdown split the votes', () => {
    const { json } = dataFixture()
    // p1 is in Service, p2 in Sales, p3 chose none: its votes carry no department.
    expect(json.votes.filter((v) => v.participantId === 'p1').every((v) => v.department === 'Service')).toBe(true)
    expect(json.votes.filter((v) => v.participantId === 'p3').every((v) => v.department === undefined)).toBe(true)
    expect(JSON.stringify(json)).not.toMatch(/Pat|Kim|Lou/)
    const report = workshopReport(json)
    const top = report.pains.entries[0]!
    expect(top.votes).toBe(5)
    expect(top.byDepartment).toEqual([
      { department: 'Service', votes: 2 },
      { department: 'Sales', votes: 1 },
      { department: '', votes: 2 },
    ])
    expect(top.byDepartment.reduce((sum, d) => sum + d.votes, 0)).toBe(top.votes)
    expect(report.pains.entries.at(-1)!.byDepartment).toEqual([])
    const md = workshopToMarkdown(json)
    expect(md).toContain('| 5 (by department: Service 2, Sales 1, No department 2) |')
    expect(md).toContain('### Checkout, "friction" (1 vote) (by department: Service 1)')
    expect(md).not.toMatch(/\bp[123]\b|Pat|Kim|Lou/)
    expect(workshopToMarkdown(dataFixture('nl').json)).toContain('| 5 (per afdeling: Service 2, Sales 1, Geen afdeling 2) |')
  })

  it('without departments nothing is added; an import brings the departments back', () => {
    const plain = richFixture()
    const md = workshopToMarkdown(workshopToJson(plain.board, plain.control))
    expect(md).not.toContain('by department')
    const { json } = dataFixture()
    const board = new Y.Doc()
    const control = new Y.Doc()
    workshopFromJson(json, board, control)
    const again = workshopToJson(board, control)
    expect(again.votes).toEqual(json.votes)
    // The voter comes back nameless: the export had no name to bring.
    expect((boardMaps(board).people.get('p1') as Y.Map<unknown>).toJSON()).toEqual({ name: '', department: 'Service' })
  })
})
