/**
 * The exporters (Markdown report, Jira CSV) and the JSON import, on a rich fixture workshop and
 * on an empty one. The CSV is parsed back with csv-parse and compared field by field; the
 * Markdown tables are split back into cells.
 */
import { storySentence } from '../../shared/workshop-file/report'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { listRounds } from '../../shared/voting/round'
import { JIRA_HEADER, JIRA_SUMMARY_MAX, workshopToJiraCsv } from '../../shared/workshop-file/jira'
import { inline, workshopToMarkdown } from '../../shared/workshop-file/markdown'
import { voteTotals } from '../../shared/voting/tally'
import type { WorkshopJson } from '../../shared/workshop-file/format'
import { parseWorkshopJson, workshopFromJson } from '../../shared/workshop-file/from-json'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { addNote, listNotes } from '../../shared/board/note'
import { addStory, STORY_TEXT_FIELDS, storyText } from '../../shared/deliver/story'
import { LIMITS } from '../../shared/limits'
import { tallyRound } from '../../shared/voting/tally'
import { emptyFixture, NOTE, richFixture, TEXT, UNICODE } from '../helpers/fixture'

const rich = () => {
  const fixture = richFixture()
  return { ...fixture, json: workshopToJson(fixture.board, fixture.control) }
}

/** The lines of one `## heading` section of a Markdown text (up to the next `## `). */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n')
  const start = lines.indexOf(`## ${heading}`)
  if (start < 0) throw new Error(`no section "## ${heading}"`)
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '))
  return lines.slice(start + 1, end < 0 ? undefined : end)
}

/** The rows of the first table in `lines`, each split into cells at unescaped pipes. */
function tableRows(lines: string[]): string[][] {
  return lines
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    )
}

describe('voteTotals (the tally over an exported workshop)', () => {
  it('sums the rounds of one target kind with each round’s limits, as tallyRound does', () => {
    const { board, control, json, ids } = rich()
    const pains = new Set(json.notes.filter((n) => n.kind === 'pain').map((n) => n.id))
    const totals = voteTotals(json, 'pain', pains)
    // p3 wrote 5 + 5 dots in a round of 3 (2 per note): only 2 + 1 count.
    expect(Object.fromEntries(totals)).toEqual({ [NOTE.painA]: 5, [NOTE.painB]: 4, [NOTE.painC]: 1 })

    // The same numbers from the live documents, round by round.
    const live = new Map<string, number>()
    for (const round of listRounds(control).filter((r) => r.targetKind === 'pain')) {
      for (const entry of tallyRound(board, round, pains).ranking) live.set(entry.targetId, (live.get(entry.targetId) ?? 0) + entry.votes)
    }
    expect(totals).toEqual(live)

    expect(Object.fromEntries(voteTotals(json, 'idea', new Set([NOTE.ideaA, NOTE.ideaB])))).toEqual({ [NOTE.ideaA]: 4, [NOTE.ideaB]: 1 })
    expect(Object.fromEntries(voteTotals(json, 'cluster'))).toEqual({ [ids.clusters.checkout]: 1 })
    expect(voteTotals(json, 'hmw').size).toBe(0)
  })

  it('counts a round on all notes for every kind of note, with its limits over all the notes', () => {
    const { json } = rich()
    const all = { ...json.rounds.find((r) => r.targetKind === 'pain')!, id: 'all-notes', title: 'Everything', targetKind: 'note' as const, votesPerPerson: 3, maxPerTarget: 2 }
    // p8: 2 on an idea and 2 on a pain in a round of 3 per person: the first 3 dots count.
    const withAll = { ...json, rounds: [...json.rounds, all], votes: [...json.votes, { roundId: 'all-notes', participantId: 'p8', targetId: NOTE.ideaA, count: 2 }, { roundId: 'all-notes', participantId: 'p8', targetId: NOTE.painA, count: 2 }] }
    const noteIds = new Set(json.notes.map((n) => n.id))
    const ideas = new Set([NOTE.ideaA, NOTE.ideaB])
    const pains = new Set(json.notes.filter((n) => n.kind === 'pain').map((n) => n.id))
    const before = { idea: voteTotals(json, 'idea', ideas, noteIds).get(NOTE.ideaA)!, pain: voteTotals(json, 'pain', pains, noteIds).get(NOTE.painA)! }
    const after = { idea: voteTotals(withAll, 'idea', ideas, noteIds).get(NOTE.ideaA)!, pain: voteTotals(withAll, 'pain', pains, noteIds).get(NOTE.painA)! }
    expect(after.idea + after.pain - before.idea - before.pain).toBe(3)
    expect(after.idea - before.idea).toBeGreaterThanOrEqual(1)
    expect(after.pain - before.pain).toBeGreaterThanOrEqual(1)
    // Dots on ideas are not counted as pains, nor the other way round.
    expect([...voteTotals(withAll, 'pain', pains, noteIds).keys()].every((id) => pains.has(id))).toBe(true)
    // Clusters are not notes.
    expect(voteTotals(withAll, 'cluster')).toEqual(voteTotals(json, 'cluster'))
    // And the Markdown shows the new totals.
    expect(workshopToMarkdown(withAll)).not.toBe(workshopToMarkdown(json))
    expect(workshopToMarkdown(withAll)).toMatch(new RegExp(`\\| ${after.idea} \\|`))
  })

  it('without a target set, dots on anything count (a deleted note too)', () => {
    const { json } = rich()
    expect(voteTotals(json, 'pain').get('deleted-note')).toBe(3)
  })
})

describe('Markdown export', () => {
  it('starts with the title and the scope, escaped, with empty fields marked', () => {
    const md = workshopToMarkdown(rich().json)
    expect(md.startsWith(`# ${UNICODE}\n\n## Scope\n`)).toBe(true)
    expect(section(md, 'Scope').filter(Boolean)).toEqual([
      '- **Persona:** Commuters, "early birds" & night owls',
      '- **Journey starts:** Search \\| compare',
      '- **Journey ends:** Order<br>arrives',
      '- **Goal:** _not set_',
    ])
    expect(md.endsWith('\n')).toBe(true)
  })

  it('draws the journey as stages × lanes with notes in their cells and the emotion per stage', () => {
    const { json } = rich()
    const rows = tableRows(section(workshopToMarkdown(json), 'Journey'))
    // Every row has as many cells as the header: no pipe in a title or note broke a row.
    expect(rows[0]).toEqual(['Lane', 'Orientation', 'Buy \\| pay', 'Onboarding', 'Use', 'Service', 'Share experience'])
    for (const row of rows) expect(row).toHaveLength(json.stages.length + 1)
    expect(rows[1]!.every((c) => c === '---')).toBe(true)
    expect(rows[2]).toEqual(['**Emotion**', '+1', '-2', '+0.5', '', '', ''])
    const lane = (title: string) => rows.find((row) => row[0] === `**${title}**`)
    expect(lane('Customer actions')).toEqual([
      '**Customer actions**',
      // Both notes of the cell, top one (smaller y) first.
      `• ${TEXT.searches}<br>• ${TEXT.reviews}`,
      '',
      '',
      '',
      '',
      '',
    ])
    expect(lane('Pain points')).toEqual(['**Pain points**', '', TEXT.painA, 'Line one<br>line two \\| with pipe', '', '', ''])
    expect(lane('Ops, backstage')).toEqual(['**Ops, backstage**', '', '', '', '', '', ''])
    expect(rows).toHaveLength(2 + 1 + json.lanes.length)
  })

  it('ranks the pains by the tallied votes, capped by the round limits', () => {
    const rows = tableRows(section(workshopToMarkdown(rich().json), 'Top pains'))
    expect(rows.slice(2)).toEqual([
      ['1', TEXT.painA, 'Buy \\| pay / Pain points', '5'],
      ['2', 'Line one<br>line two \\| with pipe', 'Onboarding / Pain points', '4'],
      ['3', `${UNICODE} 😀`, '', '1'],
      ['4', '\\# Not a heading \\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](http://x)', '', '0'],
    ])
  })

  it('lists clusters with their notes and votes, HMW and ranked ideas', () => {
    const md = workshopToMarkdown(rich().json)
    expect(section(md, 'Clusters').filter(Boolean)).toEqual([
      '### Checkout, "friction" (1 vote)',
      `- ${TEXT.painA}`,
      '- Line one<br>line two \\| with pipe',
      '### Untitled cluster (0 votes)',
      '_No notes._',
    ])
    // No HMW round was held: no vote counts.
    expect(section(md, 'How might we …').filter(Boolean)).toEqual([`- ${TEXT.hmw1}`, `- ${TEXT.hmw2}`])
    expect(tableRows(section(md, 'Ideas')).slice(2)).toEqual([
      ['1', TEXT.ideaA, '', '4'],
      ['2', 'One-click reorder<br>(mobile)', '', '1'],
    ])
  })

  it('shows the MVP, the roadmap by column with owner, metric, MVP mark and source', () => {
    const md = workshopToMarkdown(rich().json)
    expect(tableRows(section(md, 'MVP'))).toEqual([
      ['Item', 'When', 'Owner', 'Metric', 'Stories'],
      ['---', '---', '---', '---', '---'],
      ['Remember address', 'Now', 'Web team, checkout', 'Drop-off −20 %', '1'],
    ])
    const roadmap = section(md, 'Roadmap')
    const column = (name: string) => {
      const start = roadmap.indexOf(`### ${name}`)
      const end = roadmap.findIndex((line, i) => i > start && line.startsWith('### '))
      return tableRows(roadmap.slice(start, end < 0 ? undefined : end)).slice(2)
    }
    expect(column('Now')).toEqual([['Remember address', 'Web team, checkout', 'Drop-off −20 %', '✓ MVP', TEXT.ideaA]])
    expect(column('Next')).toEqual([['Reorder \\| one click', '', '', '', 'One-click reorder<br>(mobile)']])
    expect(column('Later')).toEqual([['Loyalty "café" card', '', 'NPS +5', '', '']])
    // A promoted cluster is named by its title.
    const { json, ids } = rich()
    const fromCluster = { ...json, roadmap: json.roadmap.map((item, i) => (i === 0 ? { ...item, sourceId: ids.clusters.checkout } : item)) }
    const title = json.clusters.find((c) => c.id === ids.clusters.checkout)!.title
    expect(workshopToMarkdown(fromCluster)).toContain(`| ${title} |`)
  })

  it('writes the stories with their acceptance criteria (or says there are none)', () => {
    const stories = section(workshopToMarkdown(rich().json), 'User stories').filter(Boolean)
    expect(stories).toEqual([
      '### Story 1 — Must have',
      'As a returning customer, I want my address to be remembered, so that checkout takes one step.',
      'Roadmap: Remember address (Now, MVP)',
      '**Acceptance criteria**',
      '- [ ] Address is prefilled',
      '- [ ] Works with "quotes", commas, and<br>newlines',
      `- [ ] ${UNICODE}`,
      '### Story 2 — Should have',
      'As an ops manager, I want to see drop-off per step.',
      'Roadmap: Loyalty "café" card (Later)',
      '**Acceptance criteria**',
      '_None yet._',
      '### Story 3 — Could have',
      'I want reorder in one click.',
      'Roadmap: Reorder \\| one click (Next)',
      '**Acceptance criteria**',
      '_None yet._',
      '### Story 4 — Won’t have (this time)',
      'As an owner, I want a loyalty card, so that people come back.',
      '**Acceptance criteria**',
      '- [ ] Card \\| stamps',
    ])
  })

  it('lets no note open a heading, a list, a link or raw HTML', () => {
    const md = workshopToMarkdown(rich().json)
    const lines = md.split('\n')
    expect(lines.filter((line) => line.startsWith('#')).every((line) => /^#{1,3} /.test(line) && !line.includes('Not a heading'))).toBe(true)
    expect(md).not.toContain('<script>')
    expect(md).not.toMatch(/(?<!\\)\]\(http/)
    // Every note's text is in the report somewhere.
    for (const note of rich().json.notes) if (note.text) expect(md, note.id).toContain(inline(note.text))
    expect(section(md, 'Other notes').filter(Boolean)).toEqual(['- _(empty note)_', `- ${TEXT.loose}`])
  })

  it('escapes inline Markdown and block starts', () => {
    expect(inline('a | b')).toBe('a \\| b')
    expect(inline('# title')).toBe('\\# title')
    expect(inline('- item')).toBe('\\- item')
    expect(inline('1. first')).toBe('1\\. first')
    expect(inline('x\r\ny\nz')).toBe('x<br>y<br>z')
    expect(inline('`code` *em* _em_ [a](b) <b> ~s~ \\')).toBe('\\`code\\` \\*em\\* \\_em\\_ \\[a\\](b) \\<b\\> \\~s\\~ \\\\')
    expect(inline('AT&amp;T & co')).toBe('AT\\&amp;T & co')
    expect(inline(UNICODE)).toBe(UNICODE)
  })

  it('an empty workshop gives a complete report of empty sections', () => {
    const { board, control } = emptyFixture('Empty')
    expect(workshopToMarkdown(workshopToJson(board, control))).toBe(
      [
        '# Empty',
        '',
        '## Scope',
        '',
        '- **Persona:** _not set_',
        '- **Journey starts:** _not set_',
        '- **Journey ends:** _not set_',
        '- **Goal:** _not set_',
        '',
        '## Journey',
        '',
        '_No stages and lanes yet._',
        '',
        '## Top pains',
        '',
        '_No pain points yet._',
        '',
        '## Clusters',
        '',
        '_No clusters yet._',
        '',
        '## How might we …',
        '',
        '_No problem statements yet._',
        '',
        '## Ideas',
        '',
        '_No ideas yet._',
        '',
        '## MVP',
        '',
        '_No roadmap item is marked as MVP yet._',
        '',
        '## Roadmap',
        '',
        '### Now',
        '',
        '_Nothing here yet._',
        '',
        '### Next',
        '',
        '_Nothing here yet._',
        '',
        '### Later',
        '',
        '_Nothing here yet._',
        '',
        '## User stories',
        '',
        '_No user stories yet._',
        '',
      ].join('\n'),
    )
    // Two documents nobody ever wrote to: still a report.
    expect(workshopToMarkdown(workshopToJson(new Y.Doc(), new Y.Doc()))).toMatch(/^# Untitled workshop\n/)
  })
})

describe('storySentence', () => {
  it('leaves out empty parts and picks the article', () => {
    expect(storySentence({ asA: 'user', iWant: 'x', soThat: 'y.' })).toBe('As a user, I want x, so that y.')
    expect(storySentence({ asA: 'editor', iWant: 'x', soThat: '' })).toBe('As an editor, I want x.')
    expect(storySentence({ asA: 'a tired parent', iWant: 'x', soThat: '' })).toBe('As a tired parent, I want x.')
    expect(storySentence({ asA: '', iWant: '', soThat: '' })).toBe('')
    expect(storySentence({ asA: ' multi\nline ', iWant: 'x', soThat: 'y' }, { full: false })).toBe('As a multi line, I want x')
  })
})

describe('Jira CSV export', () => {
  const parseCsv = (csv: string) => parse(csv, { relax_column_count: false, bom: true }) as string[][]

  it('has an epic per roadmap item, then one row per story linked to its epic by Parent, field by field', () => {
    const csv = workshopToJiraCsv(rich().json)
    const [header, ...rows] = parseCsv(csv)
    expect(header).toEqual(['Summary', 'Description', 'Issue Type', 'Priority', 'Issue ID', 'Parent', 'Labels', 'Labels', 'Labels', 'Labels'])
    expect(header).toEqual(JIRA_HEADER)
    expect(rows).toEqual([
      ['Remember address', 'Roadmap: Now (MVP)\nOwner: Web team, checkout\nMetric: Drop-off −20 %', 'Epic', '', '1', '', 'horizon', 'roadmap-now', 'mvp', ''],
      ['Reorder | one click', 'Roadmap: Next', 'Epic', '', '2', '', 'horizon', 'roadmap-next', '', ''],
      ['Loyalty "café" card', 'Roadmap: Later\nMetric: NPS +5', 'Epic', '', '3', '', 'horizon', 'roadmap-later', '', ''],
      [
        'As a returning customer, I want my address to be remembered',
        'As a returning customer, I want my address to be remembered, so that checkout takes one step.\n\n' +
          'Acceptance criteria:\n* Address is prefilled\n* Works with "quotes", commas, and newlines\n* Zoë’s café — 日本',
        'Story',
        'Highest',
        '4',
        '1',
        'horizon',
        'moscow-must',
        'roadmap-now',
        'mvp',
      ],
      ['As an ops manager, I want to see drop-off per step', 'As an ops manager, I want to see drop-off per step.', 'Story', 'High', '5', '3', 'horizon', 'moscow-should', 'roadmap-later', ''],
      ['I want reorder in one click', 'I want reorder in one click.', 'Story', 'Medium', '6', '2', 'horizon', 'moscow-could', 'roadmap-next', ''],
      [
        'As an owner, I want a loyalty card',
        'As an owner, I want a loyalty card, so that people come back.\n\nAcceptance criteria:\n* Card | stamps',
        'Story',
        'Low',
        '7',
        '',
        'horizon',
        'moscow-wont',
        '',
        '',
      ],
    ])
    for (const row of rows) for (const label of row.slice(6)) expect(label).not.toMatch(/\s/)
  })

  it('starts with a UTF-8 byte-order mark, quotes per RFC 4180 and ends every record with CRLF', () => {
    const csv = workshopToJiraCsv(rich().json)
    expect(csv.startsWith('\uFEFFSummary,Description,Issue Type,Priority,Issue ID,Parent,Labels,Labels,Labels,Labels\r\n')).toBe(true)
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
    expect(csv.endsWith('\r\n')).toBe(true)
    // Line breaks inside fields are bare \n; every \r\n is a record end (header + 3 epics + 4 stories).
    expect(csv.split('\r\n')).toHaveLength(9)
    expect(csv).toContain('"As a returning customer, I want my address to be remembered, so that checkout takes one step.\n\nAcceptance criteria:\n* Address is prefilled\n* Works with ""quotes""')
  })

  it('words story sentences in the workshop’s language: Dutch without the article', () => {
    const board = new Y.Doc()
    board.getMap('meta').set('language', 'nl')
    addStory(board, { asA: 'een klant', iWant: 'mijn status zien', soThat: 'ik niet hoef te bellen', acceptance: ['Stap zichtbaar'], priority: 'must' })
    addStory(board, { iWant: 'minder telefoontjes', priority: 'could' })
    addStory(board, { priority: 'wont' })
    const [, one, two, three] = parseCsv(workshopToJiraCsv(workshopToJson(board, new Y.Doc())))
    expect(one!.slice(0, 2)).toEqual(['Als klant wil ik mijn status zien', 'Als klant wil ik mijn status zien, zodat ik niet hoef te bellen.\n\nAcceptatiecriteria:\n* Stap zichtbaar'])
    expect(two![0]).toBe('Ik wil minder telefoontjes')
    expect(three![0]).toBe('Naamloze user story')
  })

  it('keeps commas, quotes, newlines and non-ASCII of any field', () => {
    const board = new Y.Doc()
    const tricky = `${UNICODE}, "quoted", =SUM(A1)\nsecond line; tab\there`
    addStory(board, { asA: tricky, iWant: 'x', soThat: '', acceptance: [tricky, ''], priority: 'should' })
    const [, row] = parseCsv(workshopToJiraCsv(workshopToJson(board, new Y.Doc())))
    const flat = `${UNICODE}, "quoted", =SUM(A1) second line; tab here`
    expect(row![0]).toBe(`As a ${flat}, I want x`)
    expect(row![1]).toBe(`As a ${flat}, I want x.\n\nAcceptance criteria:\n* ${UNICODE}, "quoted", =SUM(A1) second line; tab\there`)
  })

  it('keeps the summary within Jira’s 255 characters, and names an empty story', () => {
    const board = new Y.Doc()
    addStory(board, { asA: 'user', iWant: '日本'.repeat(400), priority: 'must' })
    addStory(board, { priority: 'could' })
    const [, long, empty] = parseCsv(workshopToJiraCsv(workshopToJson(board, new Y.Doc())))
    expect(long![0]!.length).toBeLessThanOrEqual(JIRA_SUMMARY_MAX)
    expect(long![0]!.endsWith('…')).toBe(true)
    expect(long![1]).toBe(`As a user, I want ${'日本'.repeat(400)}.`)
    expect(empty!.slice(0, 4)).toEqual(['Untitled story', '', 'Story', 'Medium'])
  })

  it('an empty workshop gives the header row alone', () => {
    const { board, control } = emptyFixture()
    const csv = workshopToJiraCsv(workshopToJson(board, control))
    expect(csv).toBe('\uFEFFSummary,Description,Issue Type,Priority,Issue ID,Parent,Labels,Labels,Labels,Labels\r\n')
    expect(parseCsv(csv)).toEqual([JIRA_HEADER])
  })
})

/** What a file goes through: text and back. */
const viaText = (json: WorkshopJson): unknown => JSON.parse(JSON.stringify(json, null, 2))

function importJson(input: unknown): { board: Y.Doc; control: Y.Doc; json: WorkshopJson } {
  const parsed = parseWorkshopJson(input)
  if (!parsed.ok) throw new Error(parsed.error)
  const board = new Y.Doc()
  const control = new Y.Doc()
  workshopFromJson(parsed.value, board, control)
  return { board, control, json: workshopToJson(board, control) }
}

describe('JSON import', () => {
  it('export → import → export gives the same value and the same text, ids kept', () => {
    const { json } = rich()
    const again = importJson(viaText(json))
    expect(again.json).toStrictEqual(json)
    expect(JSON.stringify(again.json, null, 2)).toBe(JSON.stringify(json, null, 2))
    // And once more, from the imported copy.
    expect(importJson(viaText(again.json)).json).toStrictEqual(json)
    // The copy is a working board: its notes' texts are Y.Text and edits go on as usual.
    addNote(again.board, { text: 'after import', x: 0, y: 0 })
    expect(listNotes(again.board).map((n) => n.text)).toContain('after import')
    // The reports of the copy are the reports of the original.
    expect(workshopToMarkdown(again.json)).toBe(workshopToMarkdown(json))
    expect(workshopToJiraCsv(again.json)).toBe(workshopToJiraCsv(json))
  })

  it('imports stories whose sentences are Y.Text: editable, and two people typing merge', () => {
    const { json } = rich()
    expect(json.stories.length).toBeGreaterThan(0)
    const copy = importJson(viaText(json))
    const story = json.stories[0]!
    for (const field of STORY_TEXT_FIELDS) expect(storyText(copy.board, story.id, field)?.toString()).toBe(story[field])
    // Two replicas of the imported board type into the same sentence at once.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(copy.board))
    const base = story.iWant
    storyText(copy.board, story.id, 'iWant')!.insert(0, 'A ')
    storyText(other, story.id, 'iWant')!.insert(base.length, ' B')
    Y.applyUpdate(copy.board, Y.encodeStateAsUpdate(other))
    Y.applyUpdate(other, Y.encodeStateAsUpdate(copy.board))
    expect(storyText(copy.board, story.id, 'iWant')!.toString()).toBe(`A ${base} B`)
    expect(storyText(other, story.id, 'iWant')!.toString()).toBe(`A ${base} B`)
  })

  it('round-trips an empty workshop and two empty documents', () => {
    const { board, control } = emptyFixture()
    const json = workshopToJson(board, control)
    expect(importJson(viaText(json)).json).toStrictEqual(json)
    const bare = workshopToJson(new Y.Doc(), new Y.Doc())
    expect(importJson(viaText(bare)).json).toStrictEqual(bare)
  })

  it('drops unknown keys (a later version may add some) and clips texts to the schema limits', () => {
    const { json } = rich()
    const input = viaText(json) as Record<string, unknown> & { notes: Record<string, unknown>[]; meta: Record<string, unknown> }
    input.extra = { anything: true }
    input.notes[0]!.futureField = 42
    input.notes[0]!.text = 'x'.repeat(LIMITS.noteText + 100)
    input.meta.title = 't'.repeat(LIMITS.title + 5)
    const imported = importJson(input).json
    expect(imported.notes[0]!.text).toHaveLength(LIMITS.noteText)
    expect(imported.meta.title).toHaveLength(LIMITS.title)
    expect(imported.notes[0]).not.toHaveProperty('futureField')
    expect(imported.stories).toStrictEqual(json.stories)
  })

  it('refuses what is not a Horizon export, with a message that says why', () => {
    const { json } = rich()
    // The cases write ill-typed values on purpose, which is what a precise type would forbid.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the line above
    type Breakable = Record<string, any>
    const broken = (change: (input: Breakable) => void) => {
      const input = viaText(json) as Breakable
      change(input)
      return parseWorkshopJson(input)
    }
    const cases: [string, unknown, RegExp][] = [
      ['array', parseWorkshopJson([1, 2]), /must be a JSON object/],
      ['null', parseWorkshopJson(null), /must be a JSON object/],
      ['other JSON', parseWorkshopJson({ title: 'x' }), /not a Horizon workshop export: "format" must be "horizon-workshop"/],
      ['future version', broken((i) => (i.schemaVersion = 2)), /newer version of Horizon \(schema 2; this server knows up to 1\)/],
      ['future meta version', broken((i) => (i.meta.schemaVersion = 7)), /schema 7/],
      ['version zero', broken((i) => (i.schemaVersion = 0)), /schemaVersion must be a whole number/],
      ['version text', broken((i) => (i.schemaVersion = '1')), /schemaVersion must be a whole number/],
      ['missing notes', broken((i) => delete i.notes), /notes must be an array/],
      ['bad note kind', broken((i) => (i.notes[2].kind = 'sticky')), /notes\.2\.kind must be one of note, pain, hmw, idea/],
      ['bad id', broken((i) => (i.stages[0].id = '../etc')), /stages\.0\.id must be an id/],
      ['duplicate id', broken((i) => i.notes.push(i.notes[0])), /notes has "pain-a" twice/],
      ['negative count', broken((i) => (i.votes[0].count = -1)), /votes\.0\.count/],
      ['NaN-ish coordinate', broken((i) => (i.notes[0].x = 'far')), /notes\.0\.x must be a finite number/],
      ['round limits', broken((i) => (i.rounds[0].maxPerTarget = 50)), /rounds\.0\.maxPerTarget must not exceed votesPerPerson/],
      ['text instead of list', broken((i) => (i.stories[0].acceptance = 'all good')), /stories\.0\.acceptance must be an array/],
    ]
    for (const [name, result, message] of cases) {
      expect(result, name).toMatchObject({ ok: false })
      expect((result as { error: string }).error, name).toMatch(message)
    }
  })

  it('reports at most five problems and counts the rest', () => {
    const input = viaText(rich().json) as { notes: Record<string, unknown>[] }
    for (const note of input.notes) note.kind = 'bad'
    const result = parseWorkshopJson(input)
    expect(result.ok).toBe(false)
    expect((result as { error: string }).error).toMatch(/; and 7 more problems$/)
  })

  it('writes only into fresh documents', () => {
    const parsed = parseWorkshopJson(viaText(rich().json))
    if (!parsed.ok) throw new Error(parsed.error)
    const { board } = emptyFixture()
    expect(() => workshopFromJson(parsed.value, board, new Y.Doc())).toThrow(/fresh documents/)
  })
})
