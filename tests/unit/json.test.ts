import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { EXPORT_FORMAT } from '../../shared/workshop-file/format'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { boardMaps } from '../../shared/board/board-doc'
import { addCluster } from '../../shared/board/cluster'
import { setEmotion } from '../../shared/board/emotion'
import { listLanes } from '../../shared/board/lane'
import { addNote } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import { addRoadmapItem } from '../../shared/deliver/roadmap'
import { addStory } from '../../shared/deliver/story'
import { setVote } from '../../shared/voting/vote'
import { initControl, setFlag, setPhase } from '../../shared/facilitation/control'
import { closeRound, openRound } from '../../shared/voting/round'

interface Rich {
  board: Y.Doc
  control: Y.Doc
  ids: {
    stages: string[]
    lanes: string[]
    notes: { pain: string; idea: string; loose: string }
    cluster: string
    roadmap: { now: string; later: string }
    stories: { must: string; could: string }
    rounds: { closed: string; open: string }
  }
}

function richWorkshop(): Rich {
  const board = new Y.Doc()
  const control = new Y.Doc()
  initBoard(board, {
    template: 'journey',
    title: 'Insurance claims',
    persona: 'Small business owner',
    journeyStart: 'Damage happens',
    journeyEnd: 'Claim paid',
    goal: 'Halve the calls',
  })
  initControl(control)
  const stages = listStages(board).map((s) => s.id)
  const lanes = listLanes(board).map((l) => l.id)
  const pain = addNote(board, {
    text: 'Nobody tells me the status',
    kind: 'pain',
    x: 10,
    y: 20,
    stageId: stages[4]!,
    laneId: lanes[4]!,
    authorId: 'p1',
    createdAt: 1000,
  })
  const idea = addNote(board, { text: 'Status page', kind: 'idea', x: 30, y: 40, phase: 'develop', createdAt: 2000 })
  const loose = addNote(board, { text: 'Ünïcødé ✓ "quotes" \\ and\nnewline', x: -5, y: -6, createdAt: 3000, color: 'white' })
  const cluster = addCluster(board, { title: 'Status', x: 100, y: 100, noteIds: [pain, idea] })
  setEmotion(board, stages[0]!, 1)
  setEmotion(board, stages[4]!, -2)

  const closed = openRound(control, { title: 'Pains', targetKind: 'pain', votesPerPerson: 3, maxPerTarget: 2 }, 5000)
  setVote(board, closed, 'p1', pain, 2)
  setVote(board, closed, 'p2', pain, 1)
  setVote(board, closed, 'p2', idea, 1)
  closeRound(control, closed)
  const open = openRound(control, { title: 'Ideas', targetKind: 'idea' })
  setVote(board, open, 'p1', idea, 3)

  const now = addRoadmapItem(board, { title: 'Status page', column: 'now', sourceId: idea, owner: 'Service', metric: 'Calls per claim', mvp: true })
  const later = addRoadmapItem(board, { title: 'Chatbot' })
  const must = addStory(board, {
    asA: 'claimant',
    iWant: 'to see my claim status',
    soThat: 'I do not have to call',
    acceptance: ['Shows current step', 'Updates within 1 hour'],
    priority: 'must',
    roadmapId: now,
    sourceIds: [pain, idea],
  })
  const could = addStory(board, { asA: 'agent', iWant: 'fewer calls', priority: 'could' })

  setPhase(control, 'deliver')
  setFlag(control, 'anonymous', true)
  return {
    board,
    control,
    ids: {
      stages,
      lanes,
      notes: { pain, idea, loose },
      cluster,
      roadmap: { now, later },
      stories: { must, could },
      rounds: { closed, open },
    },
  }
}

describe('workshopToJson', () => {
  it('contains everything of a rich workshop, with schemaVersion 1', () => {
    const { board, control, ids } = richWorkshop()
    const json = workshopToJson(board, control)

    expect(json.format).toBe(EXPORT_FORMAT)
    expect(json.format).toBe('horizon-workshop')
    expect(json.schemaVersion).toBe(1)
    expect(json.meta).toEqual({
      schemaVersion: 1,
      title: 'Insurance claims',
      persona: 'Small business owner',
      journeyStart: 'Damage happens',
      journeyEnd: 'Claim paid',
      goal: 'Halve the calls',
    })

    expect(json.stages.map((s) => s.title)).toEqual(['Orientation', 'Purchase', 'Onboarding', 'Use', 'Service', 'Share experience'])
    expect(json.stages.map((s) => s.id)).toEqual(ids.stages)
    expect(json.lanes).toHaveLength(8)
    expect(json.lanes.map((l) => l.kind)).toEqual([
      'actions',
      'touchpoints',
      'departments',
      'thoughts',
      'pains',
      'employee',
      'data',
      'opportunities',
    ])

    expect(json.notes.map((n) => n.id)).toEqual([ids.notes.pain, ids.notes.idea, ids.notes.loose])
    expect(json.notes[0]).toEqual({
      id: ids.notes.pain,
      text: 'Nobody tells me the status',
      kind: 'pain',
      color: 'pink',
      x: 10,
      y: 20,
      stageId: ids.stages[4],
      laneId: ids.lanes[4],
      clusterId: ids.cluster,
      authorId: 'p1',
      createdAt: 1000,
      phase: 'discover',
    })
    expect(json.notes[1]).toMatchObject({ kind: 'idea', phase: 'develop', clusterId: ids.cluster })
    expect(json.notes[2]!.text).toBe('Ünïcødé ✓ "quotes" \\ and\nnewline')
    expect(json.notes[2]!.clusterId).toBeUndefined()

    expect(json.clusters).toEqual([{ id: ids.cluster, title: 'Status', x: 100, y: 100 }])
    expect(json.emotions).toEqual({ [ids.stages[0]!]: 1, [ids.stages[4]!]: -2 })

    const expectedVotes = [
      { roundId: ids.rounds.closed, participantId: 'p1', targetId: ids.notes.pain, count: 2 },
      { roundId: ids.rounds.closed, participantId: 'p2', targetId: ids.notes.idea, count: 1 },
      { roundId: ids.rounds.closed, participantId: 'p2', targetId: ids.notes.pain, count: 1 },
      { roundId: ids.rounds.open, participantId: 'p1', targetId: ids.notes.idea, count: 3 },
    ]
    expect(json.votes).toHaveLength(4)
    expect(new Set(json.votes.map((v) => JSON.stringify(v)))).toEqual(new Set(expectedVotes.map((v) => JSON.stringify(v))))

    expect(json.roadmap).toEqual([
      {
        id: ids.roadmap.now,
        title: 'Status page',
        column: 'now',
        order: 1,
        sourceId: ids.notes.idea,
        owner: 'Service',
        metric: 'Calls per claim',
        mvp: true,
      },
      { id: ids.roadmap.later, title: 'Chatbot', column: 'later', order: 1, mvp: false },
    ])

    expect(json.stories).toEqual([
      {
        id: ids.stories.must,
        asA: 'claimant',
        iWant: 'to see my claim status',
        soThat: 'I do not have to call',
        acceptance: ['Shows current step', 'Updates within 1 hour'],
        priority: 'must',
        roadmapId: ids.roadmap.now,
        sourceIds: [ids.notes.pain, ids.notes.idea],
        order: 1,
      },
      { id: ids.stories.could, asA: 'agent', iWant: 'fewer calls', soThat: '', acceptance: [], priority: 'could', sourceIds: [], order: 2 },
    ])

    expect(json.control).toEqual({
      phase: 'deliver',
      timer: { durationMs: 300_000 },
      activeRoundId: ids.rounds.open,
      privateMode: false,
      locked: false,
      anonymous: true,
      followMe: false,
      departments: ['Marketing', 'Sales', 'Service', 'Finance', 'IT'],
      dataRevealed: false,
      guessesClosed: false,
    })
    expect(json.rounds).toHaveLength(2)
    const rounds = new Map(json.rounds.map((r) => [r.id, r]))
    expect(rounds.get(ids.rounds.closed)).toEqual({
      id: ids.rounds.closed,
      createdAt: 5000,
      title: 'Pains',
      targetKind: 'pain',
      votesPerPerson: 3,
      maxPerTarget: 2,
      status: 'closed',
    })
    expect(rounds.get(ids.rounds.open)).toMatchObject({ title: 'Ideas', targetKind: 'idea', status: 'open' })
  })

  it('sorts votes by round, participant, target', () => {
    const { board, control } = richWorkshop()
    const keys = workshopToJson(board, control).votes.map((v) => `${v.roundId}/${v.participantId}/${v.targetId}`)
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)))
  })

  it('is JSON-serialisable without loss (no Maps, no undefined, no Y types)', () => {
    const { board, control } = richWorkshop()
    const json = workshopToJson(board, control)
    const text = JSON.stringify(json)
    expect(JSON.parse(text)).toStrictEqual(json)
    const walk = (value: unknown): void => {
      expect(value).not.toBeUndefined()
      if (value === null || typeof value !== 'object') {
        if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true)
        return
      }
      expect(value instanceof Map || value instanceof Set || value instanceof Y.AbstractType).toBe(false)
      for (const child of Object.values(value)) walk(child)
    }
    walk(json)
  })

  it('is deterministic: two calls give equal values and identical JSON text', () => {
    const { board, control } = richWorkshop()
    const a = workshopToJson(board, control)
    const b = workshopToJson(board, control)
    expect(b).toStrictEqual(a)
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    expect(b).not.toBe(a)
    // The result is a copy: changing it does not change the next export.
    a.stages.length = 0
    a.meta.title = 'changed'
    expect(workshopToJson(board, control)).toStrictEqual(b)
  })

  it('gives the same value on a peer that received the documents', () => {
    const { board, control } = richWorkshop()
    const board2 = new Y.Doc()
    const control2 = new Y.Doc()
    Y.applyUpdate(board2, Y.encodeStateAsUpdate(board))
    Y.applyUpdate(control2, Y.encodeStateAsUpdate(control))
    expect(workshopToJson(board2, control2)).toStrictEqual(workshopToJson(board, control))
  })

  it('an empty pair of documents exports safe defaults', () => {
    const json = workshopToJson(new Y.Doc(), new Y.Doc())
    expect(json).toStrictEqual({
      format: 'horizon-workshop',
      schemaVersion: 1,
      meta: { schemaVersion: 1, title: '', persona: '', journeyStart: '', journeyEnd: '', goal: '' },
      stages: [],
      lanes: [],
      notes: [],
      clusters: [],
      emotions: {},
      votes: [],
      roadmap: [],
      stories: [],
      control: { phase: 'discover', timer: { durationMs: 5 * 60_000 }, privateMode: false, locked: false, anonymous: false, followMe: false, departments: ['Marketing', 'Sales', 'Service', 'Finance', 'IT'], dataRevealed: false, guessesClosed: false },
      rounds: [],
    })
  })

  it('skips garbage votes: bad keys, non-map values and invalid counts', () => {
    const board = new Y.Doc()
    const votes = boardMaps(board).votes as unknown as Y.Map<unknown>
    votes.set('noslash', new Y.Map())
    votes.set('r1/p-string', 'lots')
    votes.set('r1/p-null', null)
    votes.set('r1/p-object', { a: 2 })
    const bad = new Y.Map<unknown>()
    votes.set('r1/p1', bad)
    bad.set('neg', -1)
    bad.set('frac', 1.5)
    bad.set('str', '2')
    bad.set('zero', 0)
    bad.set('ok', 2)
    const json = workshopToJson(board, new Y.Doc())
    expect(json.votes).toStrictEqual([{ roundId: 'r1', participantId: 'p1', targetId: 'ok', count: 2 }])
  })

  // BUG (shared/voting/vote.ts, listVotes): a vote value is accepted when it merely has a
  // `forEach` method, so a plain array written by a misbehaving client (votes.set('r1/p1', [3, 5]))
  // is exported as votes with numeric targetIds 0 and 1 — breaking the declared
  // `targetId: string` type. tallyRound and readVotes correctly require a Y.Map.
  it('ignores an array written under a vote key, as the tally does', () => {
    const board = new Y.Doc()
    ;(boardMaps(board).votes as unknown as Y.Map<unknown>).set('r1/p1', [3, 5])
    const json = workshopToJson(board, new Y.Doc())
    expect(json.votes).toStrictEqual([])
  })
})
