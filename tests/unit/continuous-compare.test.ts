import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, listNotes } from '../../shared/board/note'
import { addStage, listStages, renameStage } from '../../shared/board/stage'
import { listLanes } from '../../shared/board/lane'
import { initBoard } from '../../shared/board/template'
import { carryOver } from '../../shared/continuous/carry'
import { buildComparison, departmentSentences, type ComparisonResult } from '../../shared/continuous/compare'
import { setDone } from '../../shared/continuous/done'
import { comparisonMarkdown } from '../../shared/continuous/markdown'
import { readRun, type RunInput } from '../../shared/continuous/run'
import { addDataset, readKeyTouchpoints } from '../../shared/data/data-doc'
import { parseTarget, targetMet } from '../../shared/continuous/targets'
import { addRoadmapItem, listRoadmap } from '../../shared/deliver/roadmap'
import { addStory, listStories } from '../../shared/deliver/story'
import { initControl, readControl, readDepartments, setDepartments, setPhase } from '../../shared/facilitation/control'
import { listVotes, setVote } from '../../shared/voting/vote'
import { listRounds, openRound } from '../../shared/voting/round'
import { monthDataset, setKeyTouchpoints } from '../helpers/series'

describe('targets', () => {
  it('parses the ways people write them', () => {
    expect(parseTarget('repeat rate < 10 %')).toEqual({ metric: 'repeatRate', op: '<', value: 0.1 })
    expect(parseTarget('CSAT >= 4')).toEqual({ metric: 'csat', op: '>=', value: 4 })
    expect(parseTarget('drop-off ≤ 20%')).toEqual({ metric: 'dropOff', op: '<=', value: 0.2 })
    expect(parseTarget('repeat rate < 0.08')).toEqual({ metric: 'repeatRate', op: '<', value: 0.08 })
    expect(parseTarget('volume < 500')).toEqual({ metric: 'volume', op: '<', value: 500 })
    expect(parseTarget('NPS > 30')).toEqual({ metric: 'nps', op: '>', value: 30 })
    expect(parseTarget('csat 4,5 or better')).toBeNull()
    expect(parseTarget('happier customers')).toBeNull()
    expect(parseTarget('csat >= 40 %')).toBeNull()
    expect(parseTarget(undefined)).toBeNull()
  })
  it('checks a figure against one', () => {
    const target = parseTarget('repeat rate < 10 %')!
    expect(targetMet(target, 0.09)).toBe(true)
    expect(targetMet(target, 0.1)).toBe(false)
    expect(targetMet(target, null)).toBeNull()
    expect(targetMet(parseTarget('csat >= 4')!, 4)).toBe(true)
  })
})

/** A run as readRun gives it, built directly. */
function run(id: string, title: string, month: number, extra: Partial<RunInput> = {}): RunInput {
  return {
    workshopId: id,
    title,
    createdAt: Date.parse(`2026-${String(month).padStart(2, '0')}-15T09:00:00Z`),
    stages: ['Orientation', 'Onboarding', 'Service'].map((t) => ({ id: `s-${t}`, title: t })),
    keyTouchpoints: [
      { touchpoint: 'Phone', owner: 'Service', target: 'repeat rate < 10 %' },
      { touchpoint: 'Welcome mail', owner: 'Marketing', target: 'csat >= 4' },
      { touchpoint: 'App', owner: 'IT', target: 'make it nicer' },
    ],
    datasets: [],
    guesses: [],
    roadmap: [],
    ...extra,
  }
}

const march = monthDataset('d3', 'March contacts', '2026-03', {
  touchpoints: { Phone: ['Service', 400, 3.1, 0.2], 'Welcome mail': ['Onboarding', 200, 3.8, 0.02], Chat: ['Service', 100, 4.2, 0.05] },
  transitions: [['Onboarding', 'Service', 100, 0.6]],
})
const june = monthDataset('d6', 'June contacts', '2026-06', {
  touchpoints: { Phone: ['Service', 300, 3.6, 0.12], 'Welcome mail': ['Onboarding', 210, 4.1, 0.02], Chat: ['Service', 150, 4.3, 0.04] },
  transitions: [['Onboarding', 'Service', 120, 0.75]],
})
const july = monthDataset('d7', 'July contacts', '2026-07', {
  touchpoints: { Phone: ['Service', 250, 3.9, 0.08], 'Welcome mail': ['Onboarding', 190, 4.2, 0.01] },
})

function ok(result: ComparisonResult) {
  if (!result.ok) throw new Error(result.error)
  return result.value
}

describe('the comparison table', () => {
  it('puts the months side by side with change, trend and targets; attached data is a month of its own', () => {
    const cmp = ok(buildComparison([run('w6', 'June', 6, { datasets: [june, { ...july, attached: true }] }), run('w3', 'March', 3, { datasets: [march] })]))
    expect(cmp.columns.map((c) => [c.label, c.period, c.attached, c.workshopTitle])).toEqual([
      ['March contacts', '2026-03', false, 'March'],
      ['June contacts', '2026-06', false, 'June'],
      ['July contacts', '2026-07', true, 'June'],
    ])
    const phone = cmp.touchpoints.find((t) => t.touchpoint === 'Phone')!
    expect(phone.owner).toBe('Service')
    const repeat = phone.metrics.find((m) => m.metric === 'repeatRate')!
    expect(repeat.values).toEqual([0.2, 0.12, 0.08])
    expect(repeat.change).toBeCloseTo(-0.04)
    expect(repeat.better).toBe(true)
    expect(phone.met).toEqual([false, false, true])
    const volume = phone.metrics.find((m) => m.metric === 'volume')!
    expect(volume.values).toEqual([400, 300, 250])
    // The touchpoint's drop-off is its stage's: Service is last, so none.
    expect(phone.metrics.find((m) => m.metric === 'dropOff')!.values).toEqual([null, null, null])
    const mail = cmp.touchpoints.find((t) => t.touchpoint === 'Welcome mail')!
    expect(mail.met).toEqual([false, true, true])
    expect(mail.metrics.find((m) => m.metric === 'dropOff')!.values.map((v) => v && Number(v.toFixed(2)))).toEqual([0.4, 0.25, null])
    const app = cmp.touchpoints.find((t) => t.touchpoint === 'App')!
    expect(app.parsed).toBeNull()
    expect(app.met).toEqual([null, null, null])
    const service = cmp.stages.find((s) => s.title === 'Service')!
    expect(service.metrics.find((m) => m.metric === 'volume')!.values).toEqual([500, 450, 250])
    expect(cmp.stages.find((s) => s.title === 'Orientation')!.metrics[0]!.values).toEqual([null, null, null])
  })

  it('marks only the months attached from the command line, not a second import in the room', () => {
    const cmp = ok(buildComparison([run('w6', 'June', 6, { datasets: [june, july] }), run('w3', 'March', 3, { datasets: [{ ...march, attached: true }] })]))
    expect(cmp.columns.map((c) => [c.label, c.attached])).toEqual([
      ['March contacts', true],
      ['June contacts', false],
      ['July contacts', false],
    ])
  })

  it('scores the guesses per workshop and per department', () => {
    const guesses3 = [
      { participantId: 'a', department: 'Service', ranking: ['Phone', 'Fax', 'Letter'] },
      { participantId: 'b', department: 'Marketing', ranking: ['Welcome mail', 'Chat', 'Phone'] },
    ]
    const guesses6 = [
      { participantId: 'a', department: 'Service', ranking: ['Phone', 'Chat', 'Welcome mail'] },
      { participantId: 'c', ranking: ['Letter'] },
    ]
    const cmp = ok(buildComparison([run('w3', 'March', 3, { datasets: [march], guesses: guesses3 }), run('w6', 'June', 6, { datasets: [june], guesses: guesses6 })]))
    expect(cmp.guesses.map((g) => [g.workshopTitle, g.team, g.departments])).toEqual([
      ['March', { found: 3, of: 3, people: 2 }, [{ department: 'Marketing', found: 3, of: 3, people: 1 }, { department: 'Service', found: 1, of: 3, people: 1 }]],
      // Borda: Phone 3, Letter 3, Chat 2 — the stranger's Letter pushes Welcome mail out.
      ['June', { found: 2, of: 3, people: 2 }, [{ department: 'Service', found: 3, of: 3, people: 1 }]],
    ])
    expect(departmentSentences(cmp)).toEqual(['Marketing found 3 of 3 in 2026-03', 'Service found 1 of 3 in 2026-03, 3 of 3 in 2026-06'])
  })

  it('lists roadmap items that moved from Next to Now or to done', () => {
    const cmp = ok(
      buildComparison([
        run('w3', 'March', 3, {
          roadmap: [
            { id: 'r1', title: 'Live chat', column: 'next', done: false, owner: 'Service' },
            { id: 'r2', title: 'FAQ', column: 'now', done: false },
            { id: 'r3', title: 'Fax', column: 'later', done: true },
            { id: 'r4', title: 'Stays', column: 'later', done: false },
          ],
        }),
        run('w6', 'June', 6, {
          roadmap: [
            { id: 'r1', title: 'Live chat', column: 'now', done: false, owner: 'Service' },
            { id: 'r2', title: 'FAQ', column: 'now', done: true },
            { id: 'r4', title: 'Stays', column: 'later', done: false },
          ],
        }),
      ]),
    )
    expect(cmp.roadmap).toHaveLength(1)
    // r3 was done during the first workshop: reported in the first step.
    expect(cmp.roadmap[0]!.moves).toEqual([
      { id: 'r1', title: 'Live chat', owner: 'Service', from: 'next', to: 'now' },
      { id: 'r2', title: 'FAQ', from: 'now', to: 'done' },
      { id: 'r3', title: 'Fax', from: 'later', to: 'done' },
    ])
  })

  it('reports an item done once, in the step that led to it', () => {
    const items = (done: boolean) => [{ id: 'r1', title: 'FAQ', column: 'now' as const, done }]
    const cmp = ok(buildComparison([run('a', 'March', 3, { roadmap: items(false) }), run('b', 'June', 6, { roadmap: items(true) }), run('c', 'September', 9, { roadmap: [] })]))
    expect(cmp.roadmap.map((step) => step.moves.map((m) => `${m.title}: ${m.from} → ${m.to}`))).toEqual([['FAQ: now → done'], []])
  })

  it('refuses workshops of different stage sets, naming what differs', () => {
    const other = run('w6', 'June', 6)
    other.stages = [...other.stages.slice(0, 2), { id: 'x', title: 'Aftercare' }]
    const result = buildComparison([run('w3', 'March', 3), other])
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toBe(
      '"March" and "June" have different stages (only in "March": Service; only in "June": Aftercare); rename or add stages so that both have the same ones to compare them',
    )
    expect(comparisonMarkdown('Onboarding', result)).toContain('cannot be compared')
  })

  it('exports Markdown with every section, people\'s text escaped', () => {
    const cmp = buildComparison([run('w3', 'March | Q1', 3, { datasets: [march] }), run('w6', 'June', 6, { datasets: [june] })])
    const md = comparisonMarkdown('Onboarding', cmp)
    expect(md).toContain('# Onboarding: comparison of runs')
    expect(md).toContain('### Phone — owner: Service')
    expect(md).toContain('| Repeat rate | 20.0 % | 12.0 % | −8.0 pt (better) |')
    expect(md).toContain('| Target met | no | no |   |')
    expect(md).toContain('Target: make it nicer (not measurable).')
    expect(md).toContain('March \\| Q1')
    expect(md).toContain('## Roadmap moves')
  })
})

describe('carrying a workshop into the next one', () => {
  it('takes stages, lanes, departments, key touchpoints, open roadmap and open stories; not notes, votes, done work or the phase', () => {
    const board = new Y.Doc()
    const control = new Y.Doc()
    const data = new Y.Doc()
    initBoard(board, { template: 'journey', title: 'March', persona: 'new customer' })
    initControl(control)
    setPhase(control, 'deliver')
    renameStage(board, listStages(board)[0]!.id, 'Awareness')
    addStage(board, 'Renewal')
    setDepartments(control, ['Service', 'Marketing'])
    setKeyTouchpoints(data, [{ touchpoint: 'Phone', owner: 'Service', target: 'repeat rate < 10 %' }])
    addDataset(data, march, { replace: false })
    const note = addNote(board, { text: 'Hold music', kind: 'pain', x: 0, y: 0 })
    const round = openRound(control, { targetKind: 'pain' })
    setVote(board, round, 'p1', note, 2)
    const open = addRoadmapItem(board, { title: 'Live chat', column: 'next', owner: 'Service', sourceId: note })
    const done = addRoadmapItem(board, { title: 'FAQ', column: 'now' })
    setDone(board, done, true)
    const openStory = addStory(board, { asA: 'customer', iWant: 'chat', soThat: 'no wait', roadmapId: open, sourceIds: [note] })
    addStory(board, { asA: 'customer', iWant: 'FAQ', soThat: 'self-help', roadmapId: done })
    const doneStory = addStory(board, { asA: 'agent', iWant: 'scripts', soThat: 'speed' })
    setDone(board, doneStory, true, 'story')

    const next = { board: new Y.Doc(), control: new Y.Doc(), data: new Y.Doc() }
    const counts = carryOver({ board, control, data }, next, 'June')
    expect(counts).toMatchObject({ stages: 7, lanes: 8, departments: 2, keyTouchpoints: 1, roadmap: 1, stories: 1, notes: 0, votes: 0 })
    expect(listStages(next.board)).toEqual(listStages(board))
    expect(listLanes(next.board)).toEqual(listLanes(board))
    expect(next.board.getMap('meta').get('title')).toBe('June')
    expect(next.board.getMap('meta').get('persona')).toBe('new customer')
    expect(readDepartments(next.control)).toEqual(['Service', 'Marketing'])
    expect(readKeyTouchpoints(next.data)).toEqual([{ touchpoint: 'Phone', owner: 'Service', target: 'repeat rate < 10 %' }])
    expect(next.data.getMap('datasets').size).toBe(0)
    expect(listRoadmap(next.board).map((i) => [i.id, i.title, i.column, i.owner, i.sourceId])).toEqual([[open, 'Live chat', 'next', 'Service', undefined]])
    const stories = listStories(next.board)
    expect(stories.map((s) => [s.id, s.roadmapId, s.sourceIds])).toEqual([[openStory, open, []]])
    expect(listNotes(next.board)).toEqual([])
    expect(listVotes(next.board)).toEqual([])
    expect(readControl(next.control).phase).toBe('discover')

    const withNotes = { board: new Y.Doc(), control: new Y.Doc(), data: new Y.Doc() }
    expect(carryOver({ board, control, data }, withNotes, 'June', { notes: true, votes: true })).toMatchObject({ notes: 1, votes: 1 })
    expect(listNotes(withNotes.board).map((n) => n.text)).toEqual(['Hold music'])
    expect(listVotes(withNotes.board)).toEqual(listVotes(board))
    expect(listRounds(withNotes.control).map((r) => r.status)).toEqual(['closed'])
    expect(listStories(withNotes.board)[0]!.sourceIds).toEqual([note])
    expect(listRoadmap(withNotes.board)[0]!.sourceId).toBe(note)
  })

  it('reads a run from the documents, people as names or as maps with a department of the workshop', () => {
    const board = new Y.Doc()
    const control = new Y.Doc()
    const data = new Y.Doc()
    initBoard(board, { template: 'journey', title: 'March' })
    initControl(control)
    setDepartments(control, ['Service', 'Sales'])
    board.getMap('people').set('a', 'Ann')
    const bob = new Y.Map<unknown>()
    bob.set('name', 'Bob')
    bob.set('department', 'Service')
    board.getMap('people').set('b', bob)
    const guess = new Y.Array<string>()
    guess.push(['Phone', 'Chat'])
    board.getMap('guesses').set('b', guess)
    const guessA = new Y.Array<string>()
    guessA.push(['Mail'])
    board.getMap('guesses').set('a', guessA)
    // A department the workshop does not list (a scripted client's, or one removed since) counts as none.
    const cy = new Y.Map<unknown>()
    cy.set('name', 'Cy')
    cy.set('department', 'Legal')
    board.getMap('people').set('c', cy)
    const guessC = new Y.Array<string>()
    guessC.push(['Fax'])
    board.getMap('guesses').set('c', guessC)
    addDataset(data, march, { replace: false })
    const result = readRun({ id: 'w', title: 'March', createdAt: 1 }, { board, control, data })
    expect(result.guesses).toEqual([
      { participantId: 'b', department: 'Service', ranking: ['Phone', 'Chat'] },
      { participantId: 'a', ranking: ['Mail'] },
      { participantId: 'c', ranking: ['Fax'] },
    ])
    expect(result.datasets.map((d) => d.id)).toEqual(['d3'])
    expect(result.stages.map((s) => s.title)).toEqual(listStages(board).map((s) => s.title))
    expect(listLanes(board)).toHaveLength(8)
  })
})
