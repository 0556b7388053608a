/**
 * A rich workshop for the export tests: every kind of record, text with non-ASCII, commas,
 * quotes, pipes, newlines and Markdown, empty fields, a story without acceptance criteria, and
 * votes that break the round limits (the tally must cap them). Written through the mutations
 * of shared/, as the app writes them. Note ids are fixed, so the tally order is known.
 */
import * as Y from 'yjs'
import { initControl, setFlag, setPhase } from '../../shared/facilitation/control'
import { controlMaps } from '../../shared/facilitation/control-doc'
import { closeRound, openRound } from '../../shared/voting/round'
import { addCluster } from '../../shared/board/cluster'
import { setEmotion } from '../../shared/board/emotion'
import { addLane, listLanes } from '../../shared/board/lane'
import { addNote } from '../../shared/board/note'
import { listStages, renameStage } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import { addRoadmapItem } from '../../shared/deliver/roadmap'
import { addStory } from '../../shared/deliver/story'
import { setVote } from '../../shared/voting/vote'

export const UNICODE = 'Zoë’s café — 日本'

export interface Fixture {
  board: Y.Doc
  control: Y.Doc
  ids: {
    stages: string[]
    lanes: string[]
    customLane: string
    clusters: { checkout: string; empty: string }
    roadmap: { now: string; next: string; later: string }
    stories: { must: string; should: string; could: string; wont: string }
    rounds: { pains: string; pains2: string; ideas: string; clusters: string }
  }
}

/** Note ids (fixed, in target-id order where the tally needs one). */
export const NOTE = {
  painA: 'pain-a',
  painB: 'pain-b',
  painC: 'pain-c',
  painD: 'pain-d',
  searches: 'note-searches',
  reviews: 'note-reviews',
  hmw1: 'hmw-1',
  hmw2: 'hmw-2',
  ideaA: 'idea-a',
  ideaB: 'idea-b',
  empty: 'note-empty',
  loose: 'note-loose',
} as const

export const TEXT = {
  painA: 'Checkout asks for my address twice, "again"',
  painB: 'Line one\nline two | with pipe',
  painC: `${UNICODE} 😀`,
  painD: '# Not a heading <script>alert(1)</script> *bold* [link](http://x)',
  searches: 'Searches "coffee near me"',
  reviews: 'Reads reviews, compares prices',
  hmw1: 'How might we remember the address?',
  hmw2: 'HMW, with a comma',
  ideaA: 'Save the address, once',
  ideaB: 'One-click reorder\n(mobile)',
  loose: 'Loose remark',
} as const

export function richFixture(): Fixture {
  const board = new Y.Doc()
  const control = new Y.Doc()
  initBoard(board, {
    template: 'journey',
    title: UNICODE,
    persona: 'Commuters, "early birds" & night owls',
    journeyStart: 'Search | compare',
    journeyEnd: 'Order\narrives',
    goal: '',
  })
  initControl(control)
  const stages = listStages(board).map((s) => s.id)
  renameStage(board, stages[1]!, 'Buy | pay')
  const customLane = addLane(board, 'Ops, backstage')
  const lanes = listLanes(board).map((l) => l.id)
  const [orientation, purchase, onboarding] = stages as [string, string, string]
  const actionsLane = lanes[0]!
  const painLane = lanes[4]!

  addNote(board, { id: NOTE.painA, text: TEXT.painA, kind: 'pain', x: 10, y: 10, stageId: purchase, laneId: painLane, authorId: 'p1', createdAt: 1000 })
  addNote(board, { id: NOTE.painB, text: TEXT.painB, kind: 'pain', x: 20, y: 20, stageId: onboarding, laneId: painLane, createdAt: 1001 })
  addNote(board, { id: NOTE.painC, text: TEXT.painC, kind: 'pain', x: 2000, y: 30, createdAt: 1002 })
  addNote(board, { id: NOTE.painD, text: TEXT.painD, kind: 'pain', x: 2000, y: 40, createdAt: 1003 })
  // Two notes in one cell: the second one written first, but higher up (y) on the board.
  addNote(board, { id: NOTE.reviews, text: TEXT.reviews, x: 5, y: 90, stageId: orientation, laneId: actionsLane, createdAt: 1004 })
  addNote(board, { id: NOTE.searches, text: TEXT.searches, x: 5, y: 50, stageId: orientation, laneId: actionsLane, createdAt: 1005 })
  addNote(board, { id: NOTE.hmw1, text: TEXT.hmw1, kind: 'hmw', x: 3000, y: 0, phase: 'define', createdAt: 1006 })
  addNote(board, { id: NOTE.hmw2, text: TEXT.hmw2, kind: 'hmw', x: 3000, y: 100, phase: 'define', createdAt: 1007 })
  addNote(board, { id: NOTE.ideaA, text: TEXT.ideaA, kind: 'idea', x: 4000, y: 0, phase: 'develop', createdAt: 1008 })
  addNote(board, { id: NOTE.ideaB, text: TEXT.ideaB, kind: 'idea', x: 4000, y: 100, phase: 'develop', color: 'orange', createdAt: 1009 })
  addNote(board, { id: NOTE.empty, text: '', x: 5000, y: 0, createdAt: 1010 })
  addNote(board, { id: NOTE.loose, text: TEXT.loose, x: 5000, y: 100, createdAt: 1011 })

  const checkout = addCluster(board, { title: 'Checkout, "friction"', x: 100, y: 100, noteIds: [NOTE.painA, NOTE.painB] })
  const empty = addCluster(board, { title: '', x: 200, y: 200 })

  setEmotion(board, orientation, 1)
  setEmotion(board, purchase, -2)
  setEmotion(board, onboarding, 0.5)

  // Pains, closed: 3 votes a person, at most 2 on one note.
  const pains = openRound(control, { title: 'Worst pains', targetKind: 'pain', votesPerPerson: 3, maxPerTarget: 2 }, 10_000)
  setVote(board, pains, 'p1', NOTE.painA, 2)
  setVote(board, pains, 'p1', NOTE.painB, 1)
  setVote(board, pains, 'p2', NOTE.painA, 1)
  setVote(board, pains, 'p2', NOTE.painB, 2)
  // p3 cheats: 5 + 5 dots; counted in target-id order: pain-a 2 (cap), pain-b 1 (budget).
  setVote(board, pains, 'p3', NOTE.painA, 5)
  setVote(board, pains, 'p3', NOTE.painB, 5)
  // A dot on an idea in a pain round does not count for anything.
  setVote(board, pains, 'p2', NOTE.ideaA, 1)
  closeRound(control, pains)
  // A second pain round: summed with the first; dots on a deleted note do not count.
  const pains2 = openRound(control, { title: 'Second look', targetKind: 'pain', votesPerPerson: 5, maxPerTarget: 3 }, 11_000)
  setVote(board, pains2, 'p1', NOTE.painC, 1)
  setVote(board, pains2, 'p1', 'deleted-note', 3)
  closeRound(control, pains2)
  const ideas = openRound(control, { title: 'Ideas', targetKind: 'idea', votesPerPerson: 5, maxPerTarget: 3 }, 12_000)
  setVote(board, ideas, 'p1', NOTE.ideaA, 3)
  setVote(board, ideas, 'p2', NOTE.ideaA, 1)
  setVote(board, ideas, 'p2', NOTE.ideaB, 1)
  closeRound(control, ideas)
  const clusters = openRound(control, { title: 'Clusters', targetKind: 'cluster', votesPerPerson: 2, maxPerTarget: 2 }, 13_000)
  setVote(board, clusters, 'p1', checkout, 1)

  const now = addRoadmapItem(board, {
    title: 'Remember address',
    column: 'now',
    sourceId: NOTE.ideaA,
    owner: 'Web team, checkout',
    metric: 'Drop-off −20 %',
    mvp: true,
  })
  const next = addRoadmapItem(board, { title: 'Reorder | one click', column: 'next', sourceId: NOTE.ideaB })
  const later = addRoadmapItem(board, { title: 'Loyalty "café" card', column: 'later', metric: 'NPS +5' })

  const must = addStory(board, {
    asA: 'returning customer',
    iWant: 'my address to be remembered',
    soThat: 'checkout takes one step',
    acceptance: ['Address is prefilled', 'Works with "quotes", commas, and\nnewlines', UNICODE],
    priority: 'must',
    roadmapId: now,
    sourceIds: [NOTE.painA, NOTE.ideaA],
  })
  const should = addStory(board, { asA: 'ops manager', iWant: 'to see drop-off per step', priority: 'should', roadmapId: later })
  const could = addStory(board, { iWant: 'reorder in one click', priority: 'could', roadmapId: next })
  const wont = addStory(board, { asA: 'owner', iWant: 'a loyalty card', soThat: 'people come back', acceptance: ['Card | stamps'], priority: 'wont' })

  setPhase(control, 'deliver')
  setFlag(control, 'anonymous', true)
  // A paused timer, so that the timer's optional fields travel too.
  const timer = controlMaps(control).control.get('timer') as Y.Map<unknown>
  control.transact(() => {
    timer.set('durationMs', 600_000)
    timer.set('startedAt', 20_000)
    timer.set('pausedRemainingMs', 123_456)
  })

  return {
    board,
    control,
    ids: {
      stages,
      lanes,
      customLane,
      clusters: { checkout, empty },
      roadmap: { now, next, later },
      stories: { must, should, could, wont },
      rounds: { pains, pains2, ideas, clusters },
    },
  }
}

/** A workshop as POST /api/workshops makes it with the blank template: a title, nothing else. */
export function emptyFixture(title = 'Empty'): { board: Y.Doc; control: Y.Doc } {
  const board = new Y.Doc()
  const control = new Y.Doc()
  initBoard(board, { template: 'blank', title })
  initControl(control)
  return { board, control }
}
