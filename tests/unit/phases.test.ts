import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { initControl, readControl } from '../../shared/facilitation/control'
import { controlMaps } from '../../shared/facilitation/control-doc'
import { ROUND_TARGET_KINDS, listRounds, openRound, type RoundTargetKind } from '../../shared/voting/round'
import { addCluster, listClusters } from '../../shared/board/cluster'
import { readEmotions, setEmotion } from '../../shared/board/emotion'
import { LANE_KINDS, listLanes } from '../../shared/board/lane'
import { NOTE_KINDS, addNote, listNotes } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import { addRoadmapItem, listRoadmap } from '../../shared/deliver/roadmap'
import { addStory, listStories } from '../../shared/deliver/story'
import { PHASES, type Phase } from '../../shared/facilitation/phase-names'
import { setVote } from '../../shared/voting/vote'
import { isPhase } from '../../shared/facilitation/phase-names'
import {
  PHASE_INFO,
  PHASE_MESSAGE_KEYS,
  PHASE_TOOL_IDS,
  canMoveTo,
  defaultNoteKind,
  hasTool,
  nextPhase,
  noteKindsForRound,
  phaseTools,
  previousPhase,
  setPhaseChecked,
  votableKinds,
} from '../../shared/facilitation/phases'

// ---------------------------------------------------------------------------------------------
// Helpers

function newControl(): Y.Doc {
  const doc = new Y.Doc()
  initControl(doc)
  return doc
}

function countUpdates(doc: Y.Doc): () => number {
  let count = 0
  doc.on('update', () => count++)
  return () => count
}

const storedPhase = (doc: Y.Doc) => controlMaps(doc).control.get('phase')
const toolIds = (phase: Phase) => phaseTools(phase).map((tool) => tool.id)

// ---------------------------------------------------------------------------------------------

describe('PHASE_INFO', () => {
  it('has one entry per phase, in PHASES order', () => {
    expect(Object.keys(PHASE_INFO).sort()).toEqual([...PHASES].sort())
    PHASES.forEach((phase, i) => {
      expect(PHASE_INFO[phase].phase).toBe(phase)
      expect(PHASE_INFO[phase].order).toBe(i)
    })
  })

  it('names a title and an instruction key per phase, each listed once in PHASE_MESSAGE_KEYS', () => {
    const used = PHASES.flatMap((phase) => [PHASE_INFO[phase].titleKey, PHASE_INFO[phase].instructionKey])
    expect(new Set(used).size).toBe(used.length)
    expect([...used].sort()).toEqual([...PHASE_MESSAGE_KEYS].sort())
    expect(PHASE_INFO.discover.titleKey).toBe('phaseDiscover')
    expect(PHASE_INFO.discover.instructionKey).toBe('phaseDiscoverInstruction')
    expect(PHASE_INFO.deliver.instructionKey).toBe('phaseDeliverInstruction')
  })

  it('offers each phase its tools (README "Facilitating")', () => {
    expect(toolIds('discover')).toEqual(['notes', 'emotions', 'structure'])
    expect(toolIds('define')).toEqual(['notes', 'clusters', 'voting', 'hmw'])
    expect(toolIds('develop')).toEqual(['ideas', 'voting', 'impactEffort'])
    expect(toolIds('deliver')).toEqual(['roadmap', 'stories', 'export'])
  })

  it('every tool is a known id, listed once per phase; voting targets are round target kinds', () => {
    for (const phase of PHASES) {
      const ids = toolIds(phase)
      expect(new Set(ids).size).toBe(ids.length)
      for (const tool of phaseTools(phase)) {
        expect(PHASE_TOOL_IDS).toContain(tool.id)
        if (tool.id === 'voting') {
          expect(tool.targets.length).toBeGreaterThan(0)
          for (const target of tool.targets) expect(ROUND_TARGET_KINDS).toContain(target)
        }
      }
    }
    // Every tool is offered somewhere.
    const offered = new Set(PHASES.flatMap(toolIds))
    expect([...PHASE_TOOL_IDS].filter((id) => !offered.has(id))).toEqual([])
  })

  it('hasTool', () => {
    expect(hasTool('discover', 'emotions')).toBe(true)
    expect(hasTool('discover', 'voting')).toBe(false)
    expect(hasTool('define', 'voting')).toBe(true)
    expect(hasTool('deliver', 'export')).toBe(true)
    expect(hasTool('deliver', 'notes')).toBe(false)
  })
})

describe('moving between phases', () => {
  it('nextPhase / previousPhase walk the order, undefined at the ends', () => {
    expect(nextPhase('discover')).toBe('define')
    expect(nextPhase('define')).toBe('develop')
    expect(nextPhase('develop')).toBe('deliver')
    expect(nextPhase('deliver')).toBeUndefined()
    expect(previousPhase('discover')).toBeUndefined()
    expect(previousPhase('define')).toBe('discover')
    expect(previousPhase('develop')).toBe('define')
    expect(previousPhase('deliver')).toBe('develop')
    for (const phase of PHASES) {
      const next = nextPhase(phase)
      if (next) expect(previousPhase(next)).toBe(phase)
    }
  })

  it('canMoveTo allows every move between phases: forward, back, jumps, staying', () => {
    for (const from of PHASES) for (const to of PHASES) expect(canMoveTo(from, to), `${from}→${to}`).toBe(true)
  })

  it('canMoveTo refuses what is not a phase', () => {
    expect(canMoveTo('discover', 'Define' as Phase)).toBe(false)
    expect(canMoveTo('nope' as Phase, 'define')).toBe(false)
  })

  it('isPhase', () => {
    for (const phase of PHASES) expect(isPhase(phase)).toBe(true)
    for (const bad of ['', 'Discover', 'discover ', 0, null, undefined, {}, ['define']]) expect(isPhase(bad)).toBe(false)
  })
})

describe('setPhaseChecked', () => {
  it('writes a valid phase, any direction', () => {
    const doc = newControl()
    for (const to of ['deliver', 'discover', 'develop', 'define'] as const) {
      expect(setPhaseChecked(doc, to)).toBe(true)
      expect(readControl(doc).phase).toBe(to)
    }
  })

  it('ignores garbage and writes nothing', () => {
    const doc = newControl()
    setPhaseChecked(doc, 'develop')
    const updates = countUpdates(doc)
    for (const bad of ['Define', 'deliver ', '', 'phase', 3, null, undefined, {}, ['define'], new Y.Map()]) {
      expect(setPhaseChecked(doc, bad)).toBe(false)
    }
    expect(updates()).toBe(0)
    expect(storedPhase(doc)).toBe('develop')
  })

  it('the same phase again writes nothing', () => {
    const doc = newControl()
    setPhaseChecked(doc, 'define')
    const updates = countUpdates(doc)
    expect(setPhaseChecked(doc, 'define')).toBe(true)
    expect(updates()).toBe(0)
  })

  it('works when the stored phase is garbage or missing', () => {
    const doc = newControl()
    controlMaps(doc).control.set('phase', 42)
    expect(setPhaseChecked(doc, 'develop')).toBe(true)
    expect(storedPhase(doc)).toBe('develop')
    const empty = new Y.Doc()
    expect(setPhaseChecked(empty, 'define')).toBe(true)
    expect(storedPhase(empty)).toBe('define')
  })

  it('writes one transaction', () => {
    const doc = newControl()
    const updates = countUpdates(doc)
    setPhaseChecked(doc, 'deliver')
    expect(updates()).toBe(1)
  })
})

describe('note kinds', () => {
  it('defaultNoteKind per phase', () => {
    expect(defaultNoteKind('discover')).toBe('note')
    expect(defaultNoteKind('define')).toBe('hmw')
    expect(defaultNoteKind('develop')).toBe('idea')
    expect(defaultNoteKind('deliver')).toBe('note')
  })

  it('a note in the Pain points lane is a pain in every phase; other lanes change nothing', () => {
    for (const phase of PHASES) {
      expect(defaultNoteKind(phase, 'pains')).toBe('pain')
      for (const lane of LANE_KINDS.filter((kind) => kind !== 'pains')) {
        expect(defaultNoteKind(phase, lane)).toBe(defaultNoteKind(phase))
      }
    }
  })

  it('votableKinds: define → pain, cluster; develop → idea, hmw; none elsewhere', () => {
    expect(votableKinds('discover')).toEqual([])
    expect(votableKinds('define')).toEqual(['pain', 'cluster'])
    expect(votableKinds('develop')).toEqual(['idea', 'hmw'])
    expect(votableKinds('deliver')).toEqual([])
    for (const phase of PHASES) expect(votableKinds(phase).length > 0).toBe(hasTool(phase, 'voting'))
  })

  it('noteKindsForRound maps a round target to the note kinds it draws from', () => {
    expect(noteKindsForRound('note')).toEqual([...NOTE_KINDS])
    expect(noteKindsForRound('pain')).toEqual(['pain'])
    expect(noteKindsForRound('hmw')).toEqual(['hmw'])
    expect(noteKindsForRound('idea')).toEqual(['idea'])
    expect(noteKindsForRound('cluster')).toEqual([])
    expect(noteKindsForRound('garbage' as RoundTargetKind)).toEqual([])
    for (const kind of ROUND_TARGET_KINDS) for (const n of noteKindsForRound(kind)) expect(NOTE_KINDS).toContain(n)
  })

  it('every kind a phase lets one vote on has notes or is a cluster', () => {
    for (const phase of PHASES) {
      for (const kind of votableKinds(phase)) expect(kind === 'cluster' || noteKindsForRound(kind).length > 0).toBe(true)
    }
  })
})

describe('changing phase deletes nothing', () => {
  it('back and forth on a full board: the board document stays byte-identical', () => {
    const board = new Y.Doc()
    initBoard(board, { template: 'journey', title: 'Onboarding' })
    const stage = listStages(board)[0]
    const lane = listLanes(board).find((l) => l.kind === 'pains')
    if (!stage || !lane) throw new Error('template missing')
    const pain = addNote(board, { text: 'Waiting on hold', kind: 'pain', x: 10, y: 20, stageId: stage.id, laneId: lane.id, createdAt: 1 })
    const pain2 = addNote(board, { text: 'Lost password', kind: 'pain', x: 30, y: 20, createdAt: 2 })
    const hmw = addNote(board, { text: 'How might we…', kind: 'hmw', x: 0, y: 0, phase: 'define', createdAt: 3 })
    const idea = addNote(board, { text: 'Call back', kind: 'idea', x: 0, y: 0, phase: 'develop', createdAt: 4 })
    const cluster = addCluster(board, { title: 'Waiting', x: 0, y: 0, noteIds: [pain, pain2] })
    setEmotion(board, stage.id, -2)
    const control = newControl()
    const round = openRound(control, { targetKind: 'pain' })
    setVote(board, round, 'p1', pain, 2)
    setVote(board, round, 'p2', cluster, 1)
    setVote(board, 'r-idea', 'p1', idea, 3)
    const item = addRoadmapItem(board, { title: 'Call-back service', column: 'now', sourceId: idea, mvp: true })
    addStory(board, { asA: 'caller', iWant: 'a call back', soThat: 'I do not wait', roadmapId: item, sourceIds: [hmw] })

    const listAll = (d: Y.Doc) => ({
      notes: listNotes(d),
      clusters: listClusters(d),
      emotions: [...readEmotions(d)],
      roadmap: listRoadmap(d),
      stories: listStories(d),
      votes: d.getMap('votes').toJSON(),
    })
    const bytesBefore = Y.encodeStateAsUpdate(board)
    const vectorBefore = Y.encodeStateVector(board)
    const contentBefore = listAll(board)
    const controlBefore = readControl(control)
    const roundsBefore = listRounds(control)
    const boardUpdates = countUpdates(board)
    const controlUpdates = countUpdates(control)

    const visited: Phase[] = []
    const go = (to: unknown) => {
      setPhaseChecked(control, to)
      const now = readControl(control).phase
      visited.push(now)
      // What a client does on a phase change: read the rules, look at the board.
      defaultNoteKind(now)
      votableKinds(now)
      listAll(board)
    }
    for (let p: Phase | undefined = 'discover'; p; p = nextPhase(p)) go(p)
    for (let p: Phase | undefined = 'deliver'; p; p = previousPhase(p)) go(p)
    for (const to of ['deliver', 'define', 'garbage', 'develop', 7, 'discover', 'deliver']) go(to)

    expect(visited).toEqual([
      'discover', 'define', 'develop', 'deliver',
      'deliver', 'develop', 'define', 'discover',
      'deliver', 'define', 'define', 'develop', 'develop', 'discover', 'deliver',
    ])
    // The control document did change (one transaction per actual move)…
    expect(controlUpdates()).toBe(11)
    expect({ ...readControl(control), phase: 'discover' }).toEqual(controlBefore)
    expect(listRounds(control)).toEqual(roundsBefore)
    // …the board not at all.
    expect(boardUpdates()).toBe(0)
    expect(Y.encodeStateVector(board)).toEqual(vectorBefore)
    expect(Y.encodeStateAsUpdate(board)).toEqual(bytesBefore)
    expect(listAll(board)).toEqual(contentBefore)
    expect(listAll(board).notes).toHaveLength(4)
  })
})
