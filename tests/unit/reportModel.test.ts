/**
 * The report model (shared/workshop-file/report.ts) on the rich export fixture and on an empty
 * workshop: every section, the vote ranking, and agreement with the Markdown export, which
 * computes the same things today.
 */
import { describe, expect, it } from 'vitest'
import { cell, workshopToMarkdown } from '../../shared/workshop-file/markdown'
import type { WorkshopJson } from '../../shared/workshop-file/format'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { roundedEmotion, storyParts, storySentence, workshopReport, type NotePlace } from '../../shared/workshop-file/report'
import { emptyFixture, NOTE, richFixture, TEXT, UNICODE } from '../helpers/fixture'

function rich(): { json: WorkshopJson; ids: ReturnType<typeof richFixture>['ids'] } {
  const f = richFixture()
  return { json: workshopToJson(f.board, f.control), ids: f.ids }
}

const mdWhere = (where: NotePlace) => [where.stage, where.lane].filter((part) => part !== undefined).join(' / ')

describe('workshopReport', () => {
  it('has the title and the scope, blank fields as not set', () => {
    const { json } = rich()
    const report = workshopReport(json)
    expect(report.title).toBe(UNICODE)
    expect(report.scope).toEqual([
      { field: 'persona', value: 'Commuters, "early birds" & night owls' },
      { field: 'journeyStart', value: 'Search | compare' },
      { field: 'journeyEnd', value: 'Order\narrives' },
      { field: 'goal', value: undefined },
    ])
    expect(workshopReport({ ...json, meta: { ...json.meta, title: '  ' } }).title).toBeUndefined()
  })

  it('lays out the journey: stages with their emotion, lanes with their cells sorted top to bottom', () => {
    const { json, ids } = rich()
    const journey = workshopReport(json).journey
    expect(journey?.stages.map((s) => s.id)).toEqual(json.stages.map((s) => s.id))
    expect(journey?.stages[1]?.title).toBe('Buy | pay')
    expect(journey?.stages.slice(0, 3).map((s) => s.emotion)).toEqual([1, -2, 0.5])
    expect(journey?.stages[3]?.emotion).toBeUndefined()
    expect(journey?.lanes.map((l) => l.id)).toEqual(json.lanes.map((l) => l.id))
    const actions = journey?.lanes[0]
    expect(actions?.cells).toHaveLength(json.stages.length)
    // Two notes in one cell: the one higher up first, although written later.
    expect(actions?.cells[0]?.map((n) => n.id)).toEqual([NOTE.searches, NOTE.reviews])
    const pains = journey?.lanes.find((l) => l.id === ids.lanes[4])
    expect(pains?.cells.map((c) => c.map((n) => n.id))).toEqual([[], [NOTE.painA], [NOTE.painB], ...json.stages.slice(3).map(() => [])])
    // No stages or no lanes: no table.
    expect(workshopReport({ ...json, lanes: [] }).journey).toBeUndefined()
    expect(roundedEmotion(1.23456)).toBe(1.23)
  })

  it('ranks pains, HMW and ideas by votes over every round that counts, ties in board order', () => {
    const { json } = rich()
    const report = workshopReport(json)
    // Pain round 1 (capped): A 2+1+2, B 1+2+1; round 2: C 1 (a dot on a deleted note is dropped).
    expect(report.pains.entries.map((e) => [e.rank, e.note.id, e.votes])).toEqual([
      [1, NOTE.painA, 5],
      [2, NOTE.painB, 4],
      [3, NOTE.painC, 1],
      [4, NOTE.painD, 0],
    ])
    expect(report.pains.votesShown).toBe(true)
    expect(report.pains.entries[0]?.where).toEqual({ stage: 'Buy | pay', lane: json.lanes[4]?.title })
    expect(report.pains.entries[2]?.where).toEqual({ stage: undefined, lane: undefined })
    expect(report.hmw.entries.map((e) => [e.note.id, e.votes])).toEqual([
      [NOTE.hmw1, 0],
      [NOTE.hmw2, 0],
    ])
    // No round on HMW statements (or on all notes): their votes are not shown.
    expect(report.hmw.votesShown).toBe(false)
    expect(report.ideas.entries.map((e) => [e.note.id, e.votes])).toEqual([
      [NOTE.ideaA, 4],
      [NOTE.ideaB, 1],
    ])
    expect(report.ideas.placed).toBe(false)
  })

  it('says where ideas sit on the impact/effort matrix once any is placed', () => {
    const { json } = rich()
    const notes = json.notes.map((n) => (n.id === NOTE.ideaB ? { ...n, impact: 'high' as const, effort: 'low' as const } : n))
    const ideas = workshopReport({ ...json, notes }).ideas
    expect(ideas.placed).toBe(true)
    expect(ideas.entries.map((e) => e.quadrant)).toEqual([undefined, 'quickWin'])
  })

  it('ranks clusters with their notes', () => {
    const { json, ids } = rich()
    const clusters = workshopReport(json).clusters
    expect(clusters.votesShown).toBe(true)
    expect(clusters.entries.map((e) => [e.cluster.id, e.votes, e.members.map((n) => n.id)])).toEqual([
      [ids.clusters.checkout, 1, [NOTE.painA, NOTE.painB]],
      [ids.clusters.empty, 0, []],
    ])
  })

  it('has the MVP, the roadmap by column with each item’s source, and the stories', () => {
    const { json, ids } = rich()
    const report = workshopReport(json)
    expect(report.mvp.map((m) => [m.item.id, m.stories])).toEqual([[ids.roadmap.now, 1]])
    expect(report.roadmap.map((c) => [c.column, c.items.map((i) => [i.item.id, i.source])])).toEqual([
      ['now', [[ids.roadmap.now, { kind: 'note', text: TEXT.ideaA }]]],
      ['next', [[ids.roadmap.next, { kind: 'note', text: TEXT.ideaB }]]],
      ['later', [[ids.roadmap.later, undefined]]],
    ])
    // A promoted cluster goes by its name.
    const fromCluster = workshopReport({ ...json, roadmap: json.roadmap.map((item) => (item.id === ids.roadmap.later ? { ...item, sourceId: ids.clusters.checkout } : item)) })
    expect(fromCluster.roadmap[2]?.items[0]?.source).toEqual({ kind: 'cluster', text: 'Checkout, "friction"' })

    expect(report.stories.map((s) => [s.number, s.story.id, s.roadmapItem?.id])).toEqual([
      [1, ids.stories.must, ids.roadmap.now],
      [2, ids.stories.should, ids.roadmap.later],
      [3, ids.stories.could, ids.roadmap.next],
      [4, ids.stories.wont, undefined],
    ])
    expect(report.stories[0]?.sentence).toBe('As a returning customer, I want my address to be remembered, so that checkout takes one step.')
    expect(report.stories[0]?.criteria).toEqual(['Address is prefilled', 'Works with "quotes", commas, and\nnewlines', UNICODE])
    expect(report.stories[2]?.parts).toEqual({ asA: '', iWant: 'reorder in one click', soThat: '' })
    expect(report.stories[1]?.criteria).toEqual([])
  })

  it('lists the other notes: plain, outside the cells and clusters', () => {
    const { json } = rich()
    expect(workshopReport(json).otherNotes.map((n) => n.id)).toEqual([NOTE.empty, NOTE.loose])
  })

  it('gives an empty workshop empty sections', () => {
    const { board, control } = emptyFixture('Empty')
    const report = workshopReport(workshopToJson(board, control))
    expect(report.title).toBe('Empty')
    expect(report.journey).toBeUndefined()
    expect(report.pains.entries).toEqual([])
    expect(report.clusters.entries).toEqual([])
    expect(report.hmw.entries).toEqual([])
    expect(report.ideas).toEqual({ entries: [], votesShown: false, placed: false })
    expect(report.mvp).toEqual([])
    expect(report.roadmap.map((c) => c.items)).toEqual([[], [], []])
    expect(report.stories).toEqual([])
    expect(report.otherNotes).toEqual([])
  })

  it('agrees with the Markdown export on the ranked tables', () => {
    const { json } = rich()
    const report = workshopReport(json)
    const markdown = workshopToMarkdown(json)
    for (const entry of [...report.pains.entries, ...report.ideas.entries]) {
      expect(markdown).toContain(`| ${entry.rank} | ${cell(entry.note.text)} | ${cell(mdWhere(entry.where))} | ${entry.votes} |`)
    }
  })

  it('words a story sentence (the one the Markdown export, the report page and Jira use)', () => {
    const cases = [
      { asA: 'returning customer', iWant: 'x', soThat: 'y.' },
      { asA: 'an owner', iWant: '', soThat: '' },
      { asA: 'ops  manager\n', iWant: 'to see\ndrop-off', soThat: 'it shows!!' },
      { asA: '', iWant: '', soThat: '' },
      { asA: 'The team', iWant: 'a', soThat: 'b' },
    ]
    expect(cases.map((story) => storySentence(story))).toEqual([
      'As a returning customer, I want x, so that y.',
      'As an owner.',
      'As an ops manager, I want to see drop-off, so that it shows.',
      '',
      'As The team, I want a, so that b.',
    ])
    expect(storySentence(cases[0]!, { full: false })).toBe('As a returning customer, I want x')
    expect(storyParts(cases[2]!)).toEqual({ asA: 'ops manager', iWant: 'to see drop-off', soThat: 'it shows' })
  })
})
