import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { boardMaps } from '../../shared/board/board-doc'
import { addCluster, deleteCluster, listClusters, updateCluster } from '../../shared/board/cluster'
import { clampEmotion, clearEmotion, readEmotions, setEmotion } from '../../shared/board/emotion'
import { addLane, listLanes, moveLane, removeLane, renameLane } from '../../shared/board/lane'
import { SCHEMA_VERSION, readMeta, setMeta } from '../../shared/board/meta'
import { addNote, deleteNote, listNotes, moveNote, noteText, readNote, setNoteText, updateNote } from '../../shared/board/note'
import { addStage, listStages, moveStage, removeStage, renameStage } from '../../shared/board/stage'
import { DEFAULT_LANES, DEFAULT_STAGES, initBoard } from '../../shared/board/template'
import { addRoadmapItem, listRoadmap, moveRoadmapItem, removeRoadmapItem, updateRoadmapItem } from '../../shared/deliver/roadmap'
import {
  addAcceptance,
  addStory,
  editAcceptance,
  linkStorySource,
  listStories,
  removeAcceptance,
  removeStory,
  updateStory,
} from '../../shared/deliver/story'
import { LIMITS } from '../../shared/limits'
import { parseVoteKey, voteKey } from '../../shared/voting/vote'

// ---------------------------------------------------------------------------------------------
// Helpers

function journeyDoc(): Y.Doc {
  const doc = new Y.Doc()
  initBoard(doc, { template: 'journey', title: 'Journey' })
  return doc
}

/** Brings `to` up to date with `from`. */
function pull(to: Y.Doc, from: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

function syncBoth(a: Y.Doc, b: Y.Doc): void {
  pull(b, a)
  pull(a, b)
}

function clone(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

const stageTitles = (doc: Y.Doc) => listStages(doc).map((s) => s.title)
const laneTitles = (doc: Y.Doc) => listLanes(doc).map((l) => l.title)

/** Untyped view of a top-level map, to write what a misbehaving client could write. */
const raw = (map: Y.Map<unknown> | Y.Map<Y.Map<unknown>>) => map as unknown as Y.Map<unknown>

function rawRecord(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) map.set(key, value)
  return map
}

// ---------------------------------------------------------------------------------------------

describe('initBoard and meta', () => {
  it('journey template creates the 6 default stages in order (DEFAULT_STAGES)', () => {
    const doc = journeyDoc()
    const stages = listStages(doc)
    expect(stages.map((s) => s.title)).toEqual([
      'Orientation',
      'Purchase',
      'Onboarding',
      'Use',
      'Service',
      'Share experience',
    ])
    expect(stages.map((s) => s.title)).toEqual([...DEFAULT_STAGES])
    // strictly increasing orders, unique ids
    for (let i = 1; i < stages.length; i++) expect(stages[i]!.order).toBeGreaterThan(stages[i - 1]!.order)
    expect(new Set(stages.map((s) => s.id)).size).toBe(6)
    expect(boardMaps(doc).stages.size).toBe(6)
  })

  it('journey template creates the 8 default lanes in order (DEFAULT_LANES) with their kinds', () => {
    const doc = journeyDoc()
    const lanes = listLanes(doc)
    expect(lanes.map((l) => [l.title, l.kind])).toEqual([
      ['Customer actions', 'actions'],
      ['Touchpoints & channels', 'touchpoints'],
      ['Department / owner', 'departments'],
      ['Thoughts & feelings', 'thoughts'],
      ['Pain points', 'pains'],
      ['Employee voice', 'employee'],
      ['Data & metrics', 'data'],
      ['Opportunities', 'opportunities'],
    ])
    expect(lanes.map((l) => ({ title: l.title, kind: l.kind }))).toEqual(DEFAULT_LANES.map((l) => ({ ...l })))
    expect(new Set(lanes.map((l) => l.id)).size).toBe(8)
  })

  it('blank template creates no stages and no lanes, but writes meta', () => {
    const doc = new Y.Doc()
    initBoard(doc, { template: 'blank', title: 'Empty' })
    expect(listStages(doc)).toEqual([])
    expect(listLanes(doc)).toEqual([])
    expect(listNotes(doc)).toEqual([])
    expect(readMeta(doc)).toEqual({
      schemaVersion: 1,
      title: 'Empty',
      persona: '',
      journeyStart: '',
      journeyEnd: '',
      goal: '',
    })
  })

  it('stores meta fields and schemaVersion 1', () => {
    const doc = new Y.Doc()
    initBoard(doc, {
      template: 'blank',
      title: 'Claims journey',
      persona: 'Small business owner',
      journeyStart: 'First quote',
      journeyEnd: 'Renewal',
      goal: 'Fewer calls',
    })
    expect(SCHEMA_VERSION).toBe(1)
    expect(boardMaps(doc).meta.get('schemaVersion')).toBe(1)
    expect(readMeta(doc)).toEqual({
      schemaVersion: 1,
      title: 'Claims journey',
      persona: 'Small business owner',
      journeyStart: 'First quote',
      journeyEnd: 'Renewal',
      goal: 'Fewer calls',
    })
  })

  it('clips meta fields to LIMITS', () => {
    const doc = new Y.Doc()
    initBoard(doc, {
      template: 'blank',
      title: 't'.repeat(LIMITS.title + 50),
      persona: 'p'.repeat(LIMITS.scopeField + 1),
      journeyStart: 's'.repeat(5000),
      journeyEnd: 'e'.repeat(LIMITS.scopeField),
      goal: 'g'.repeat(LIMITS.scopeField * 3),
    })
    const meta = readMeta(doc)
    expect(meta.title).toBe('t'.repeat(LIMITS.title))
    expect(meta.persona).toBe('p'.repeat(LIMITS.scopeField))
    expect(meta.journeyStart.length).toBe(LIMITS.scopeField)
    expect(meta.journeyEnd.length).toBe(LIMITS.scopeField)
    expect(meta.goal.length).toBe(LIMITS.scopeField)
  })

  it('setMeta updates only the given fields and clips them', () => {
    const doc = journeyDoc()
    setMeta(doc, { persona: 'Renter', title: 'x'.repeat(LIMITS.title + 10) })
    const meta = readMeta(doc)
    expect(meta.persona).toBe('Renter')
    expect(meta.title).toBe('x'.repeat(LIMITS.title))
    expect(meta.goal).toBe('')
    setMeta(doc, { goal: 'g'.repeat(LIMITS.scopeField + 10) })
    expect(readMeta(doc).goal.length).toBe(LIMITS.scopeField)
    expect(readMeta(doc).persona).toBe('Renter')
  })

  it('setMeta ignores non-string values (as an untyped caller might pass)', () => {
    const doc = journeyDoc()
    setMeta(doc, { title: 42 } as unknown as { title: string })
    expect(readMeta(doc).title).toBe('Journey')
  })

  it('initBoard writes everything in one transaction (one update)', () => {
    const doc = new Y.Doc()
    let updates = 0
    doc.on('update', () => updates++)
    initBoard(doc, { template: 'journey', title: 'One' })
    expect(updates).toBe(1)
  })
})

// ---------------------------------------------------------------------------------------------

describe('stages', () => {
  it('addStage appends at the end by default and inserts at an index', () => {
    const doc = journeyDoc()
    const end = addStage(doc, 'Churn')
    expect(stageTitles(doc).at(-1)).toBe('Churn')
    expect(listStages(doc).at(-1)!.id).toBe(end)
    addStage(doc, 'Awareness', 0)
    expect(stageTitles(doc)[0]).toBe('Awareness')
    addStage(doc, 'Compare', 2)
    expect(stageTitles(doc)).toEqual([
      'Awareness',
      'Orientation',
      'Compare',
      'Purchase',
      'Onboarding',
      'Use',
      'Service',
      'Share experience',
      'Churn',
    ])
  })

  it('addStage on an empty board starts at order 1', () => {
    const doc = new Y.Doc()
    initBoard(doc, { template: 'blank', title: 'b' })
    const id = addStage(doc, 'Only')
    expect(listStages(doc)).toEqual([{ id, title: 'Only', order: 1 }])
  })

  it('addStage clips the title', () => {
    const doc = new Y.Doc()
    addStage(doc, 'x'.repeat(LIMITS.title * 2))
    expect(listStages(doc)[0]!.title.length).toBe(LIMITS.title)
  })

  it('renameStage changes the title, clips it, and ignores unknown ids', () => {
    const doc = journeyDoc()
    const [first] = listStages(doc)
    renameStage(doc, first!.id, 'Discovery')
    expect(stageTitles(doc)[0]).toBe('Discovery')
    renameStage(doc, first!.id, 'y'.repeat(500))
    expect(stageTitles(doc)[0]).toBe('y'.repeat(LIMITS.title))
    const before = listStages(doc)
    renameStage(doc, 'nope', 'Ghost')
    expect(listStages(doc)).toEqual(before)
    expect(boardMaps(doc).stages.has('nope')).toBe(false)
  })

  it('moveStage to an index gives the right sorted order', () => {
    const doc = journeyDoc()
    const ids = listStages(doc).map((s) => s.id)
    // Move the first to the end.
    moveStage(doc, ids[0]!, 5)
    expect(stageTitles(doc)).toEqual(['Purchase', 'Onboarding', 'Use', 'Service', 'Share experience', 'Orientation'])
    // Move the last (Orientation) back to index 2.
    moveStage(doc, ids[0]!, 2)
    expect(stageTitles(doc)).toEqual(['Purchase', 'Onboarding', 'Orientation', 'Use', 'Service', 'Share experience'])
    // Move Share experience to the front.
    moveStage(doc, ids[5]!, 0)
    expect(stageTitles(doc)).toEqual(['Share experience', 'Purchase', 'Onboarding', 'Orientation', 'Use', 'Service'])
    // Move to its own index: no change in sequence.
    moveStage(doc, ids[3]!, 4)
    expect(stageTitles(doc)).toEqual(['Share experience', 'Purchase', 'Onboarding', 'Orientation', 'Use', 'Service'])
  })

  it('moveStage clamps out-of-range indexes and writes only the moved stage', () => {
    const doc = journeyDoc()
    const ids = listStages(doc).map((s) => s.id)
    const ordersBefore = new Map(listStages(doc).map((s) => [s.id, s.order]))
    moveStage(doc, ids[1]!, 99)
    expect(listStages(doc).at(-1)!.id).toBe(ids[1])
    moveStage(doc, ids[4]!, -7)
    expect(listStages(doc)[0]!.id).toBe(ids[4])
    for (const s of listStages(doc)) {
      if (s.id !== ids[1] && s.id !== ids[4]) expect(s.order).toBe(ordersBefore.get(s.id))
    }
  })

  it('moveStage of an unknown id does nothing', () => {
    const doc = journeyDoc()
    const before = listStages(doc)
    moveStage(doc, 'missing', 0)
    expect(listStages(doc)).toEqual(before)
  })

  it('removeStage clears stageId on its notes, keeps other notes, and removes its emotion', () => {
    const doc = journeyDoc()
    const [s1, s2] = listStages(doc)
    const [lane] = listLanes(doc)
    const inS1 = addNote(doc, { x: 1, y: 2, text: 'in s1', stageId: s1!.id, laneId: lane!.id })
    const inS2 = addNote(doc, { x: 3, y: 4, text: 'in s2', stageId: s2!.id })
    setEmotion(doc, s1!.id, -1)
    setEmotion(doc, s2!.id, 2)

    removeStage(doc, s1!.id)

    expect(listStages(doc).map((s) => s.id)).not.toContain(s1!.id)
    expect(listStages(doc)).toHaveLength(5)
    const n1 = readNote(doc, inS1)!
    expect(n1.stageId).toBeUndefined()
    expect('stageId' in n1).toBe(false)
    expect(n1.laneId).toBe(lane!.id) // lane untouched
    expect(n1.text).toBe('in s1') // note survives
    expect(boardMaps(doc).notes.get(inS1)!.has('stageId')).toBe(false)
    expect(readNote(doc, inS2)!.stageId).toBe(s2!.id)
    expect(readEmotions(doc).has(s1!.id)).toBe(false)
    expect(readEmotions(doc).get(s2!.id)).toBe(2)
  })

  it('removeStage of an unknown id is harmless', () => {
    const doc = journeyDoc()
    removeStage(doc, 'nope')
    expect(listStages(doc)).toHaveLength(6)
  })
})

// ---------------------------------------------------------------------------------------------

describe('lanes', () => {
  it('addLane defaults to kind custom at the end, and honours kind and index', () => {
    const doc = journeyDoc()
    const custom = addLane(doc, 'Legal')
    const last = listLanes(doc).at(-1)!
    expect(last).toMatchObject({ id: custom, title: 'Legal', kind: 'custom' })
    const pains = addLane(doc, 'More pains', 'pains', 0)
    expect(listLanes(doc)[0]).toMatchObject({ id: pains, title: 'More pains', kind: 'pains' })
    addLane(doc, 'Middle', 'data', 3)
    expect(laneTitles(doc)[3]).toBe('Middle')
    expect(listLanes(doc)).toHaveLength(11)
  })

  it('renameLane renames and clips, keeps the kind', () => {
    const doc = journeyDoc()
    const lane = listLanes(doc)[4]!
    renameLane(doc, lane.id, 'Frictions')
    expect(listLanes(doc)[4]).toMatchObject({ id: lane.id, title: 'Frictions', kind: 'pains' })
    renameLane(doc, lane.id, 'z'.repeat(LIMITS.title + 1))
    expect(listLanes(doc)[4]!.title).toBe('z'.repeat(LIMITS.title))
  })

  it('moveLane to an index gives the right sorted order', () => {
    const doc = journeyDoc()
    const ids = listLanes(doc).map((l) => l.id)
    moveLane(doc, ids[7]!, 0)
    expect(laneTitles(doc).slice(0, 3)).toEqual(['Opportunities', 'Customer actions', 'Touchpoints & channels'])
    moveLane(doc, ids[0]!, 7)
    expect(laneTitles(doc)).toEqual([
      'Opportunities',
      'Touchpoints & channels',
      'Department / owner',
      'Thoughts & feelings',
      'Pain points',
      'Employee voice',
      'Data & metrics',
      'Customer actions',
    ])
    moveLane(doc, ids[3]!, 1)
    expect(laneTitles(doc).slice(0, 3)).toEqual(['Opportunities', 'Thoughts & feelings', 'Touchpoints & channels'])
  })

  it('removeLane clears laneId on its notes only', () => {
    const doc = journeyDoc()
    const [l1, l2] = listLanes(doc)
    const [stage] = listStages(doc)
    const a = addNote(doc, { x: 0, y: 0, laneId: l1!.id, stageId: stage!.id })
    const b = addNote(doc, { x: 0, y: 0, laneId: l2!.id })
    removeLane(doc, l1!.id)
    expect(listLanes(doc).map((l) => l.id)).not.toContain(l1!.id)
    expect(readNote(doc, a)!.laneId).toBeUndefined()
    expect(readNote(doc, a)!.stageId).toBe(stage!.id)
    expect(readNote(doc, b)!.laneId).toBe(l2!.id)
  })
})

// ---------------------------------------------------------------------------------------------

describe('notes', () => {
  it('addNote / readNote round trip with all fields', () => {
    const doc = journeyDoc()
    const [stage] = listStages(doc)
    const [lane] = listLanes(doc)
    const id = addNote(doc, {
      text: 'Cannot find the price',
      kind: 'pain',
      x: 120.5,
      y: -40,
      stageId: stage!.id,
      laneId: lane!.id,
      authorId: 'p1',
      phase: 'define',
      createdAt: 1234,
    })
    expect(readNote(doc, id)).toEqual({
      id,
      text: 'Cannot find the price',
      kind: 'pain',
      color: 'pink',
      x: 120.5,
      y: -40,
      stageId: stage!.id,
      laneId: lane!.id,
      authorId: 'p1',
      createdAt: 1234,
      phase: 'define',
    })
    expect(noteText(doc, id)).toBeInstanceOf(Y.Text)
  })

  it('addNote defaults: kind note, colour by kind, phase discover, createdAt now, no optional keys', () => {
    const doc = new Y.Doc()
    const before = Date.now()
    const id = addNote(doc, { x: 0, y: 0 })
    const after = Date.now()
    const note = readNote(doc, id)!
    expect(note.kind).toBe('note')
    expect(note.color).toBe('yellow')
    expect(note.phase).toBe('discover')
    expect(note.text).toBe('')
    expect(note.createdAt).toBeGreaterThanOrEqual(before)
    expect(note.createdAt).toBeLessThanOrEqual(after)
    expect(Object.keys(note).sort()).toEqual(['color', 'createdAt', 'id', 'kind', 'phase', 'text', 'x', 'y'])
    const record = boardMaps(doc).notes.get(id)!
    expect(record.has('stageId')).toBe(false)
    expect(record.has('authorId')).toBe(false)

    expect(readNote(doc, addNote(doc, { x: 0, y: 0, kind: 'hmw' }))!.color).toBe('blue')
    expect(readNote(doc, addNote(doc, { x: 0, y: 0, kind: 'idea' }))!.color).toBe('green')
    expect(readNote(doc, addNote(doc, { x: 0, y: 0, kind: 'idea', color: 'purple' }))!.color).toBe('purple')
  })

  it('addNote clamps coordinates and clips text', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { x: 5e9, y: -5e9, text: 'a'.repeat(LIMITS.noteText + 100) })
    const note = readNote(doc, id)!
    expect(note.x).toBe(LIMITS.coordinate)
    expect(note.y).toBe(-LIMITS.coordinate)
    expect(note.text.length).toBe(LIMITS.noteText)
    const nan = readNote(doc, addNote(doc, { x: Number.NaN, y: Number.POSITIVE_INFINITY }))!
    expect(nan.x).toBe(0)
    expect(nan.y).toBe(0)
  })

  it('readNote of an unknown id is undefined', () => {
    expect(readNote(journeyDoc(), 'nope')).toBeUndefined()
  })

  it('listNotes sorts oldest first, ties by id', () => {
    const doc = new Y.Doc()
    const late = addNote(doc, { x: 0, y: 0, createdAt: 300, text: 'late' })
    const a = addNote(doc, { x: 0, y: 0, createdAt: 100, text: 'a' })
    const b = addNote(doc, { x: 0, y: 0, createdAt: 100, text: 'b' })
    const early = addNote(doc, { x: 0, y: 0, createdAt: 50, text: 'early' })
    const tied = [a, b].sort()
    expect(listNotes(doc).map((n) => n.id)).toEqual([early, tied[0], tied[1], late])
  })

  it('updateNote patches fields, clamps coordinates, null clears stageId/laneId/clusterId, undefined keeps', () => {
    const doc = journeyDoc()
    const [s1, s2] = listStages(doc)
    const [lane] = listLanes(doc)
    const cluster = addCluster(doc, { title: 'C', x: 0, y: 0 })
    const id = addNote(doc, { x: 1, y: 1, stageId: s1!.id, laneId: lane!.id, clusterId: cluster })

    updateNote(doc, id, { x: 2e7, color: 'orange', phase: 'develop' })
    let note = readNote(doc, id)!
    expect(note).toMatchObject({ x: LIMITS.coordinate, y: 1, kind: 'note', color: 'orange', phase: 'develop' })
    expect(note.stageId).toBe(s1!.id)
    expect(note.laneId).toBe(lane!.id)
    expect(note.clusterId).toBe(cluster)

    updateNote(doc, id, { stageId: s2!.id })
    expect(readNote(doc, id)!.stageId).toBe(s2!.id)

    updateNote(doc, id, { stageId: null, clusterId: null })
    note = readNote(doc, id)!
    expect(note.stageId).toBeUndefined()
    expect(note.clusterId).toBeUndefined()
    expect(note.laneId).toBe(lane!.id)
    expect(boardMaps(doc).notes.get(id)!.has('stageId')).toBe(false)

    updateNote(doc, id, { laneId: null })
    expect(readNote(doc, id)!.laneId).toBeUndefined()
  })

  it('updateNote of an unknown id creates nothing', () => {
    const doc = new Y.Doc()
    updateNote(doc, 'ghost', { x: 1 })
    expect(boardMaps(doc).notes.size).toBe(0)
  })

  it('moveNote writes the drop position and cell in one update', () => {
    const doc = journeyDoc()
    const [s1] = listStages(doc)
    const [, l2] = listLanes(doc)
    const id = addNote(doc, { x: 0, y: 0 })
    let updates = 0
    doc.on('update', () => updates++)
    moveNote(doc, id, { x: 300, y: 400, stageId: s1!.id, laneId: l2!.id })
    expect(updates).toBe(1)
    expect(readNote(doc, id)).toMatchObject({ x: 300, y: 400, stageId: s1!.id, laneId: l2!.id })
    moveNote(doc, id, { x: -1e12, y: 5, stageId: null })
    const note = readNote(doc, id)!
    expect(note).toMatchObject({ x: -LIMITS.coordinate, y: 5, laneId: l2!.id })
    expect(note.stageId).toBeUndefined()
  })

  it('deleteNote removes the note', () => {
    const doc = new Y.Doc()
    const a = addNote(doc, { x: 0, y: 0, text: 'a' })
    const b = addNote(doc, { x: 0, y: 0, text: 'b' })
    deleteNote(doc, a)
    expect(readNote(doc, a)).toBeUndefined()
    expect(listNotes(doc).map((n) => n.id)).toEqual([b])
    deleteNote(doc, 'nope')
    expect(listNotes(doc)).toHaveLength(1)
  })

  it('setNoteText edits only the changed middle (observed delta)', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { x: 0, y: 0, text: 'The quick fox' })
    const deltas: unknown[] = []
    noteText(doc, id)!.observe((event) => deltas.push(event.delta))
    setNoteText(doc, id, 'The quick brown fox')
    expect(deltas).toEqual([[{ retain: 10 }, { insert: 'brown ' }]])
    setNoteText(doc, id, 'The slow brown fox')
    expect(deltas[1]).toEqual([{ retain: 4 }, { delete: 5 }, { insert: 'slow' }])
    expect(readNote(doc, id)!.text).toBe('The slow brown fox')
    // Same text: no change at all.
    setNoteText(doc, id, 'The slow brown fox')
    expect(deltas).toHaveLength(2)
  })

  it('setNoteText handles repeated characters at the edit boundary', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { x: 0, y: 0, text: 'aaaa' })
    setNoteText(doc, id, 'aaaaaa')
    expect(readNote(doc, id)!.text).toBe('aaaaaa')
    setNoteText(doc, id, 'aa')
    expect(readNote(doc, id)!.text).toBe('aa')
    setNoteText(doc, id, '')
    expect(readNote(doc, id)!.text).toBe('')
    setNoteText(doc, id, 'abcabc')
    setNoteText(doc, id, 'abc')
    expect(readNote(doc, id)!.text).toBe('abc')
    setNoteText(doc, id, 'x'.repeat(LIMITS.noteText + 3))
    expect(readNote(doc, id)!.text.length).toBe(LIMITS.noteText)
  })

  it('setNoteText on an unknown note does nothing', () => {
    const doc = new Y.Doc()
    setNoteText(doc, 'ghost', 'hello')
    expect(boardMaps(doc).notes.size).toBe(0)
  })

  it('concurrent setNoteText from two docs at different positions merges both edits', () => {
    const a = new Y.Doc()
    const id = addNote(a, { x: 0, y: 0, text: 'The quick fox jumps' })
    const b = clone(a)
    expect(readNote(b, id)!.text).toBe('The quick fox jumps')

    setNoteText(a, id, 'The very quick fox jumps') // edit near the start
    setNoteText(b, id, 'The quick fox jumps high') // edit at the end

    syncBoth(a, b)
    expect(readNote(a, id)!.text).toBe('The very quick fox jumps high')
    expect(readNote(b, id)!.text).toBe('The very quick fox jumps high')
  })

  it('concurrent deletion and insertion in different words of a note merge', () => {
    const a = new Y.Doc()
    const id = addNote(a, { x: 0, y: 0, text: 'alpha beta gamma delta' })
    const b = clone(a)
    setNoteText(a, id, 'alpha gamma delta') // delete "beta "
    setNoteText(b, id, 'alpha beta gamma DELTA!') // replace the end
    syncBoth(a, b)
    expect(readNote(a, id)!.text).toBe('alpha gamma DELTA!')
    expect(readNote(b, id)!.text).toBe(readNote(a, id)!.text)
  })

  // BUG (shared/replace-text.ts, replaceText): the common prefix/suffix is computed on UTF-16 code
  // units, so replacing one emoji by another that shares its high surrogate (😀 → 😃) splits
  // a surrogate pair inside Y.Text, which Yjs replaces with U+FFFD: the note reads "a\uFFFD\uDE03b".
  it('setNoteText replacing an emoji by one sharing its high surrogate keeps the text intact', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { x: 0, y: 0, text: 'a😀b' })
    setNoteText(doc, id, 'a😃b')
    expect(readNote(doc, id)!.text).toBe('a😃b')
  })

  // BUG (shared/text.ts, clip): clipping at a limit can cut a surrogate pair in half. The
  // local doc keeps the lone high surrogate, but Yjs encodes it as U+FFFD, so peers that
  // receive the update hold a different title than the writer: the documents diverge.
  it('clipping a title at its limit does not make peers diverge (surrogate pair at the boundary)', () => {
    const a = new Y.Doc()
    initBoard(a, { template: 'blank', title: 'x'.repeat(LIMITS.title - 1) + '😀' })
    const b = clone(a)
    expect(readMeta(b).title).toBe(readMeta(a).title)
  })

  it('clipping note text at its limit does not make peers diverge (surrogate pair at the boundary)', () => {
    const a = new Y.Doc()
    const id = addNote(a, { x: 0, y: 0, text: 'x'.repeat(LIMITS.noteText - 1) + '😀' })
    const b = clone(a)
    expect(readNote(b, id)!.text).toBe(readNote(a, id)!.text)
  })
})

// ---------------------------------------------------------------------------------------------

describe('clusters', () => {
  it('addCluster stores title/position, groups the given notes, ignores unknown note ids', () => {
    const doc = new Y.Doc()
    const n1 = addNote(doc, { x: 0, y: 0 })
    const n2 = addNote(doc, { x: 0, y: 0 })
    const n3 = addNote(doc, { x: 0, y: 0 })
    const c = addCluster(doc, { title: 'Billing', x: 10, y: 20, noteIds: [n1, n2, 'ghost'] })
    expect(listClusters(doc)).toEqual([{ id: c, title: 'Billing', x: 10, y: 20 }])
    expect(readNote(doc, n1)!.clusterId).toBe(c)
    expect(readNote(doc, n2)!.clusterId).toBe(c)
    expect(readNote(doc, n3)!.clusterId).toBeUndefined()
    expect(boardMaps(doc).notes.has('ghost')).toBe(false)
  })

  it('addCluster / updateCluster clip the title and clamp coordinates', () => {
    const doc = new Y.Doc()
    const c = addCluster(doc, { title: 'q'.repeat(LIMITS.title + 1), x: 9e9, y: Number.NaN })
    expect(listClusters(doc)[0]).toEqual({ id: c, title: 'q'.repeat(LIMITS.title), x: LIMITS.coordinate, y: 0 })
    updateCluster(doc, c, { title: 'Renamed' })
    expect(listClusters(doc)[0]).toEqual({ id: c, title: 'Renamed', x: LIMITS.coordinate, y: 0 })
    updateCluster(doc, c, { x: -5, y: -9e9 })
    expect(listClusters(doc)[0]).toEqual({ id: c, title: 'Renamed', x: -5, y: -LIMITS.coordinate })
    updateCluster(doc, 'ghost', { title: 'x' })
    expect(listClusters(doc)).toHaveLength(1)
  })

  it('listClusters is sorted by id', () => {
    const doc = new Y.Doc()
    const ids = Array.from({ length: 6 }, (_, i) => addCluster(doc, { title: `c${i}`, x: 0, y: 0 }))
    expect(listClusters(doc).map((c) => c.id)).toEqual([...ids].sort())
  })

  it('deleteCluster removes it and clears clusterId on its notes only', () => {
    const doc = new Y.Doc()
    const n1 = addNote(doc, { x: 0, y: 0 })
    const n2 = addNote(doc, { x: 0, y: 0 })
    const c1 = addCluster(doc, { title: 'one', x: 0, y: 0, noteIds: [n1] })
    const c2 = addCluster(doc, { title: 'two', x: 0, y: 0, noteIds: [n2] })
    deleteCluster(doc, c1)
    expect(listClusters(doc).map((c) => c.id)).toEqual([c2])
    expect(readNote(doc, n1)!.clusterId).toBeUndefined()
    expect(boardMaps(doc).notes.get(n1)!.has('clusterId')).toBe(false)
    expect(readNote(doc, n2)!.clusterId).toBe(c2)
    expect(listNotes(doc)).toHaveLength(2)
  })
})

// ---------------------------------------------------------------------------------------------

describe('emotions', () => {
  it('setEmotion stores values clamped to −2…+2', () => {
    const doc = journeyDoc()
    const [s1, s2, s3, s4] = listStages(doc)
    setEmotion(doc, s1!.id, 7)
    setEmotion(doc, s2!.id, -3.5)
    setEmotion(doc, s3!.id, 1.5)
    setEmotion(doc, s4!.id, -2)
    const emotions = readEmotions(doc)
    expect(emotions.get(s1!.id)).toBe(2)
    expect(emotions.get(s2!.id)).toBe(-2)
    expect(emotions.get(s3!.id)).toBe(1.5)
    expect(emotions.get(s4!.id)).toBe(-2)
    expect(boardMaps(doc).emotions.get(s1!.id)).toBe(2) // clamped on write, not just on read
    expect(emotions.size).toBe(4)
  })

  it('non-finite emotions become 0', () => {
    const doc = journeyDoc()
    const [s1, s2, s3] = listStages(doc)
    setEmotion(doc, s1!.id, Number.NaN)
    setEmotion(doc, s2!.id, Number.POSITIVE_INFINITY)
    setEmotion(doc, s3!.id, Number.NEGATIVE_INFINITY)
    const emotions = readEmotions(doc)
    expect(emotions.get(s1!.id)).toBe(0)
    expect(emotions.get(s2!.id)).toBe(0)
    expect(emotions.get(s3!.id)).toBe(0)
    expect(clampEmotion(Number.NaN)).toBe(0)
    expect(clampEmotion(0.25)).toBe(0.25)
  })

  it('clearEmotion removes the value; stages without a value are absent', () => {
    const doc = journeyDoc()
    const [s1, s2] = listStages(doc)
    setEmotion(doc, s1!.id, 1)
    setEmotion(doc, s2!.id, -1)
    clearEmotion(doc, s1!.id)
    expect([...readEmotions(doc).entries()]).toEqual([[s2!.id, -1]])
  })
})

// ---------------------------------------------------------------------------------------------

describe('roadmap', () => {
  const titles = (doc: Y.Doc) => listRoadmap(doc).map((i) => `${i.column}:${i.title}`)

  it('addRoadmapItem defaults to later, mvp false, no optional keys; lists now, next, later', () => {
    const doc = new Y.Doc()
    const id = addRoadmapItem(doc, { title: 'Chatbot' })
    expect(listRoadmap(doc)).toEqual([{ id, title: 'Chatbot', column: 'later', order: 1, mvp: false }])
    addRoadmapItem(doc, { title: 'Price page', column: 'now', mvp: true, owner: 'Marketing', metric: 'NPS', sourceId: 'n1' })
    addRoadmapItem(doc, { title: 'Onboarding mail', column: 'next' })
    addRoadmapItem(doc, { title: 'FAQ', column: 'now' })
    addRoadmapItem(doc, { title: 'First', column: 'now', index: 0 })
    expect(titles(doc)).toEqual(['now:First', 'now:Price page', 'now:FAQ', 'next:Onboarding mail', 'later:Chatbot'])
    expect(listRoadmap(doc)[1]).toMatchObject({ mvp: true, owner: 'Marketing', metric: 'NPS', sourceId: 'n1' })
  })

  it('addRoadmapItem clips title, owner and metric', () => {
    const doc = new Y.Doc()
    addRoadmapItem(doc, { title: 't'.repeat(999), owner: 'o'.repeat(999), metric: 'm'.repeat(999) })
    const [item] = listRoadmap(doc)
    expect(item!.title.length).toBe(LIMITS.title)
    expect(item!.owner!.length).toBe(LIMITS.title)
    expect(item!.metric!.length).toBe(LIMITS.title)
  })

  it('moveRoadmapItem moves within a column and between columns', () => {
    const doc = new Y.Doc()
    const a = addRoadmapItem(doc, { title: 'A', column: 'now' })
    addRoadmapItem(doc, { title: 'B', column: 'now' })
    addRoadmapItem(doc, { title: 'C', column: 'now' })
    const x = addRoadmapItem(doc, { title: 'X', column: 'later' })
    addRoadmapItem(doc, { title: 'Y', column: 'later' })

    moveRoadmapItem(doc, a, 'now', 2)
    expect(titles(doc)).toEqual(['now:B', 'now:C', 'now:A', 'later:X', 'later:Y'])

    moveRoadmapItem(doc, x, 'now', 1)
    expect(titles(doc)).toEqual(['now:B', 'now:X', 'now:C', 'now:A', 'later:Y'])

    moveRoadmapItem(doc, a, 'next', 0)
    expect(titles(doc)).toEqual(['now:B', 'now:X', 'now:C', 'next:A', 'later:Y'])

    moveRoadmapItem(doc, x, 'later', 99)
    expect(titles(doc)).toEqual(['now:B', 'now:C', 'next:A', 'later:Y', 'later:X'])

    moveRoadmapItem(doc, 'ghost', 'now', 0)
    expect(listRoadmap(doc)).toHaveLength(5)
  })

  it('updateRoadmapItem patches and null clears owner/metric/sourceId', () => {
    const doc = new Y.Doc()
    const id = addRoadmapItem(doc, { title: 'A', owner: 'Sales', metric: 'CSAT', sourceId: 's1' })
    updateRoadmapItem(doc, id, { title: 'A2', mvp: true, owner: 'Service' })
    expect(listRoadmap(doc)[0]).toMatchObject({ title: 'A2', mvp: true, owner: 'Service', metric: 'CSAT', sourceId: 's1' })
    updateRoadmapItem(doc, id, { owner: null, metric: null, sourceId: null, mvp: false })
    const item = listRoadmap(doc)[0]!
    expect(item).toEqual({ id, title: 'A2', column: 'later', order: 1, mvp: false })
    updateRoadmapItem(doc, id, { metric: 'k'.repeat(LIMITS.title + 9) })
    expect(listRoadmap(doc)[0]!.metric!.length).toBe(LIMITS.title)
  })

  it('removeRoadmapItem removes it and clears roadmapId on its stories only', () => {
    const doc = new Y.Doc()
    const r1 = addRoadmapItem(doc, { title: 'R1' })
    const r2 = addRoadmapItem(doc, { title: 'R2' })
    const s1 = addStory(doc, { asA: 'user', roadmapId: r1 })
    const s2 = addStory(doc, { asA: 'admin', roadmapId: r2 })
    removeRoadmapItem(doc, r1)
    expect(listRoadmap(doc).map((i) => i.id)).toEqual([r2])
    const stories = new Map(listStories(doc).map((s) => [s.id, s]))
    expect(stories.get(s1)!.roadmapId).toBeUndefined()
    expect(boardMaps(doc).stories.get(s1)!.has('roadmapId')).toBe(false)
    expect(stories.get(s2)!.roadmapId).toBe(r2)
  })
})

// ---------------------------------------------------------------------------------------------

describe('stories', () => {
  const story = (doc: Y.Doc, id: string) => listStories(doc).find((s) => s.id === id)!

  it('addStory defaults and round trip', () => {
    const doc = new Y.Doc()
    const empty = addStory(doc)
    expect(story(doc, empty)).toEqual({ id: empty, asA: '', iWant: '', soThat: '', acceptance: [], priority: 'should', sourceIds: [] })
    const full = addStory(doc, {
      asA: 'customer',
      iWant: 'to see the price',
      soThat: 'I can decide',
      acceptance: ['Price shown', 'VAT included'],
      priority: 'must',
      roadmapId: 'r1',
      sourceIds: ['n1', 'n2'],
    })
    expect(story(doc, full)).toEqual({
      id: full,
      asA: 'customer',
      iWant: 'to see the price',
      soThat: 'I can decide',
      acceptance: ['Price shown', 'VAT included'],
      priority: 'must',
      roadmapId: 'r1',
      sourceIds: ['n1', 'n2'],
    })
  })

  it('addStory clips fields and the number of acceptance criteria', () => {
    const doc = new Y.Doc()
    const id = addStory(doc, {
      asA: 'a'.repeat(LIMITS.storyField + 1),
      acceptance: Array.from({ length: LIMITS.acceptanceItems + 10 }, (_, i) => (i === 0 ? 'c'.repeat(9999) : `c${i}`)),
    })
    const s = story(doc, id)
    expect(s.asA.length).toBe(LIMITS.storyField)
    expect(s.acceptance).toHaveLength(LIMITS.acceptanceItems)
    expect(s.acceptance[0]!.length).toBe(LIMITS.storyField)
    expect(s.acceptance.at(-1)).toBe(`c${LIMITS.acceptanceItems - 1}`)
  })

  it('listStories sorts by priority (must, should, could, wont), then id', () => {
    const doc = new Y.Doc()
    const wont = addStory(doc, { priority: 'wont' })
    const could = addStory(doc, { priority: 'could' })
    const must1 = addStory(doc, { priority: 'must' })
    const should = addStory(doc, { priority: 'should' })
    const must2 = addStory(doc, { priority: 'must' })
    expect(listStories(doc).map((s) => s.id)).toEqual([...[must1, must2].sort(), should, could, wont])
  })

  it('acceptance criteria: add at end / at index, edit, remove, out-of-range no-ops', () => {
    const doc = new Y.Doc()
    const id = addStory(doc, { acceptance: ['one'] })
    addAcceptance(doc, id, 'three')
    addAcceptance(doc, id, 'two', 1)
    addAcceptance(doc, id, 'zero', -5)
    expect(story(doc, id).acceptance).toEqual(['zero', 'one', 'two', 'three'])
    editAcceptance(doc, id, 2, 'TWO')
    expect(story(doc, id).acceptance).toEqual(['zero', 'one', 'TWO', 'three'])
    editAcceptance(doc, id, 4, 'nope')
    editAcceptance(doc, id, -1, 'nope')
    expect(story(doc, id).acceptance).toEqual(['zero', 'one', 'TWO', 'three'])
    removeAcceptance(doc, id, 0)
    expect(story(doc, id).acceptance).toEqual(['one', 'TWO', 'three'])
    removeAcceptance(doc, id, 3)
    removeAcceptance(doc, id, -1)
    expect(story(doc, id).acceptance).toEqual(['one', 'TWO', 'three'])
    editAcceptance(doc, id, 0, 'e'.repeat(LIMITS.storyField + 5))
    expect(story(doc, id).acceptance[0]!.length).toBe(LIMITS.storyField)
    addAcceptance(doc, 'ghost', 'x')
    expect(boardMaps(doc).stories.has('ghost')).toBe(false)
  })

  it('addAcceptance stops at LIMITS.acceptanceItems', () => {
    const doc = new Y.Doc()
    const id = addStory(doc)
    for (let i = 0; i < LIMITS.acceptanceItems + 5; i++) addAcceptance(doc, id, `c${i}`)
    expect(story(doc, id).acceptance).toHaveLength(LIMITS.acceptanceItems)
    expect(story(doc, id).acceptance.at(-1)).toBe(`c${LIMITS.acceptanceItems - 1}`)
  })

  it('updateStory patches fields and null clears roadmapId', () => {
    const doc = new Y.Doc()
    const id = addStory(doc, { asA: 'a', roadmapId: 'r1' })
    updateStory(doc, id, { iWant: 'want', priority: 'could' })
    expect(story(doc, id)).toMatchObject({ asA: 'a', iWant: 'want', priority: 'could', roadmapId: 'r1' })
    updateStory(doc, id, { roadmapId: null, soThat: 's'.repeat(LIMITS.storyField + 1) })
    const s = story(doc, id)
    expect(s.roadmapId).toBeUndefined()
    expect(s.soThat.length).toBe(LIMITS.storyField)
    updateStory(doc, id, { roadmapId: 'r2' })
    expect(story(doc, id).roadmapId).toBe('r2')
  })

  it('linkStorySource appends without duplicates', () => {
    const doc = new Y.Doc()
    const id = addStory(doc, { sourceIds: ['n1'] })
    linkStorySource(doc, id, 'n2')
    linkStorySource(doc, id, 'n1')
    linkStorySource(doc, id, 'n2')
    linkStorySource(doc, id, 'n3')
    expect(story(doc, id).sourceIds).toEqual(['n1', 'n2', 'n3'])
    linkStorySource(doc, 'ghost', 'n1')
    expect(listStories(doc)).toHaveLength(1)
  })

  it('removeStory removes only that story', () => {
    const doc = new Y.Doc()
    const a = addStory(doc, { asA: 'a' })
    const b = addStory(doc, { asA: 'b' })
    removeStory(doc, a)
    expect(listStories(doc).map((s) => s.id)).toEqual([b])
  })
})

// ---------------------------------------------------------------------------------------------

describe('vote keys', () => {
  it('voteKey / parseVoteKey round trip and reject malformed keys', () => {
    expect(voteKey('r1', 'p1')).toBe('r1/p1')
    expect(parseVoteKey('r1/p1')).toEqual({ roundId: 'r1', participantId: 'p1' })
    expect(parseVoteKey('r1/p/x')).toEqual({ roundId: 'r1', participantId: 'p/x' })
    expect(parseVoteKey('r1p1')).toBeUndefined()
    expect(parseVoteKey('/p1')).toBeUndefined()
    expect(parseVoteKey('r1/')).toBeUndefined()
    expect(parseVoteKey('')).toBeUndefined()
  })
})

// ---------------------------------------------------------------------------------------------

describe('defensive readers on garbage written directly into the maps', () => {
  it('a note record with wrong types reads as safe defaults', () => {
    const doc = new Y.Doc()
    const { notes } = boardMaps(doc)
    notes.set(
      'bad',
      rawRecord({
        text: 123,
        kind: 'bogus',
        color: 'chartreuse',
        x: 'abc',
        y: Number.NaN,
        stageId: 42,
        laneId: '',
        clusterId: null,
        authorId: { evil: true },
        createdAt: 'yesterday',
        phase: 'party',
      }),
    )
    expect(() => readNote(doc, 'bad')).not.toThrow()
    expect(readNote(doc, 'bad')).toEqual({
      id: 'bad',
      text: '',
      kind: 'note',
      color: 'yellow',
      x: 0,
      y: 0,
      createdAt: 0,
      phase: 'discover',
    })
  })

  it('a valid kind with an invalid colour falls back to that kind’s colour; huge stored coordinates are clamped', () => {
    const doc = new Y.Doc()
    boardMaps(doc).notes.set('n', rawRecord({ kind: 'pain', color: 'neon', x: 1e30, y: -1e30, text: 'plain string' }))
    expect(readNote(doc, 'n')).toMatchObject({ kind: 'pain', color: 'pink', x: LIMITS.coordinate, y: -LIMITS.coordinate, text: 'plain string' })
  })

  it('an empty note map reads with defaults', () => {
    const doc = new Y.Doc()
    boardMaps(doc).notes.set('empty', new Y.Map())
    expect(readNote(doc, 'empty')).toEqual({ id: 'empty', text: '', kind: 'note', color: 'yellow', x: 0, y: 0, createdAt: 0, phase: 'discover' })
  })

  it('non-map values in every collection are skipped by the list readers', () => {
    const doc = journeyDoc()
    const maps = boardMaps(doc)
    raw(maps.stages).set('junk-stage', 'not a map')
    raw(maps.lanes).set('junk-lane', 17)
    raw(maps.notes).set('junk-note', ['array'])
    raw(maps.clusters).set('junk-cluster', null)
    raw(maps.roadmap).set('junk-road', { title: 'plain object' })
    raw(maps.stories).set('junk-story', new Y.Text('text'))
    const good = addNote(doc, { x: 0, y: 0, text: 'ok' })

    expect(listStages(doc)).toHaveLength(6)
    expect(listStages(doc).map((s) => s.id)).not.toContain('junk-stage')
    expect(listLanes(doc)).toHaveLength(8)
    expect(listNotes(doc).map((n) => n.id)).toEqual([good])
    expect(readNote(doc, 'junk-note')).toBeUndefined()
    expect(noteText(doc, 'junk-note')).toBeUndefined()
    expect(listClusters(doc)).toEqual([])
    expect(listRoadmap(doc)).toEqual([])
    expect(listStories(doc)).toEqual([])
  })

  it('mutations tolerate garbage neighbours and garbage targets', () => {
    const doc = journeyDoc()
    const maps = boardMaps(doc)
    raw(maps.stages).set('junk-stage', 'not a map')
    raw(maps.lanes).set('junk-lane', 17)
    raw(maps.notes).set('junk-note', 'string note')
    raw(maps.stories).set('junk-story', 5)
    raw(maps.roadmap).set('junk-road', true)
    const stageId = listStages(doc)[0]!.id
    const laneId = listLanes(doc)[0]!.id

    expect(() => {
      moveStage(doc, stageId, 3)
      moveStage(doc, 'junk-stage', 0)
      renameStage(doc, 'junk-stage', 'x')
      addStage(doc, 'New', 1)
      moveLane(doc, laneId, 5)
      moveLane(doc, 'junk-lane', 0)
      addLane(doc, 'New lane', 'custom', 0)
      removeStage(doc, stageId)
      removeLane(doc, laneId)
      updateNote(doc, 'junk-note', { x: 1 })
      setNoteText(doc, 'junk-note', 'x')
      deleteCluster(doc, 'nope')
      addCluster(doc, { title: 'c', x: 0, y: 0, noteIds: ['junk-note'] })
      updateStory(doc, 'junk-story', { asA: 'x' })
      addAcceptance(doc, 'junk-story', 'x')
      linkStorySource(doc, 'junk-story', 'x')
      removeRoadmapItem(doc, 'junk-road')
      moveRoadmapItem(doc, 'junk-road', 'now', 0)
      updateRoadmapItem(doc, 'junk-road', { title: 'x' })
      addRoadmapItem(doc, { title: 'r', column: 'now' })
    }).not.toThrow()

    expect(raw(maps.stages).get('junk-stage')).toBe('not a map')
    expect(raw(maps.notes).get('junk-note')).toBe('string note')
    expect(listStages(doc).map((s) => s.title)).toEqual(['Purchase', 'New', 'Onboarding', 'Use', 'Service', 'Share experience'])
    expect(listLanes(doc)[0]!.title).toBe('New lane')
    expect(listRoadmap(doc)).toHaveLength(1)
  })

  it('stage and lane records with wrong field types read with defaults and stable sorting', () => {
    const doc = new Y.Doc()
    const maps = boardMaps(doc)
    maps.stages.set('s-b', rawRecord({ title: 5, order: 'first' }))
    maps.stages.set('s-a', rawRecord({ title: 'A', order: Number.POSITIVE_INFINITY }))
    maps.stages.set('s-c', rawRecord({ title: 'C', order: -1 }))
    maps.lanes.set('l', rawRecord({ title: ['x'], kind: 'bogus', order: null }))
    maps.lanes.set('l2', rawRecord({ title: 'ok', kind: 'pains', order: 2 }))
    expect(listStages(doc)).toEqual([
      { id: 's-c', title: 'C', order: -1 },
      { id: 's-a', title: 'A', order: 0 },
      { id: 's-b', title: '', order: 0 },
    ])
    expect(listLanes(doc)).toEqual([
      { id: 'l', title: '', kind: 'custom', order: 0 },
      { id: 'l2', title: 'ok', kind: 'pains', order: 2 },
    ])
    // and moves still work on top of them
    moveStage(doc, 's-c', 2)
    expect(listStages(doc).map((s) => s.id)).toEqual(['s-a', 's-b', 's-c'])
  })

  it('emotions: non-numbers and non-finite values are absent, out-of-range values clamped on read', () => {
    const doc = new Y.Doc()
    const { emotions } = boardMaps(doc)
    emotions.set('a', 'very happy')
    emotions.set('b', Number.NaN)
    emotions.set('c', Number.POSITIVE_INFINITY)
    emotions.set('d', 9)
    emotions.set('e', -40)
    emotions.set('f', 0.5)
    emotions.set('g', new Y.Map())
    emotions.set('h', null)
    expect(Object.fromEntries(readEmotions(doc))).toEqual({ d: 2, e: -2, f: 0.5 })
  })

  it('meta with wrong types reads with defaults', () => {
    const doc = new Y.Doc()
    const { meta } = boardMaps(doc)
    meta.set('schemaVersion', 'one')
    meta.set('title', 99)
    meta.set('persona', new Y.Text('typed persona'))
    meta.set('goal', null)
    expect(readMeta(doc)).toEqual({
      schemaVersion: SCHEMA_VERSION,
      title: '',
      persona: 'typed persona',
      journeyStart: '',
      journeyEnd: '',
      goal: '',
    })
  })

  it('cluster, roadmap and story records with wrong types read with defaults', () => {
    const doc = new Y.Doc()
    const maps = boardMaps(doc)
    maps.clusters.set('c', rawRecord({ title: false, x: 'left', y: Number.NaN }))
    maps.roadmap.set('r', rawRecord({ title: 1, column: 'soon', order: 'x', mvp: 'yes', owner: 5, metric: '', sourceId: [] }))
    const acceptance = new Y.Array<unknown>()
    acceptance.push([1, 'ok', null, { a: 1 }, 'fine'])
    maps.stories.set('s', rawRecord({ asA: 3, iWant: null, priority: 'urgent', acceptance, sourceIds: 'n1', roadmapId: 7 }))

    expect(listClusters(doc)).toEqual([{ id: 'c', title: '', x: 0, y: 0 }])
    expect(listRoadmap(doc)).toEqual([{ id: 'r', title: '', column: 'later', order: 0, mvp: false }])
    expect(listStories(doc)).toEqual([
      { id: 's', asA: '', iWant: '', soThat: '', acceptance: ['ok', 'fine'], priority: 'should', sourceIds: [] },
    ])
    // Array mutations on a story whose acceptance is not a Y.Array are no-ops.
    maps.stories.set('s2', rawRecord({ acceptance: 'not an array', sourceIds: 42 }))
    expect(() => {
      addAcceptance(doc, 's2', 'x')
      editAcceptance(doc, 's2', 0, 'x')
      removeAcceptance(doc, 's2', 0)
      linkStorySource(doc, 's2', 'n1')
    }).not.toThrow()
    expect(listStories(doc).find((s) => s.id === 's2')).toMatchObject({ acceptance: [], sourceIds: [] })
  })

  it('a note whose text is a plain string reads, but setNoteText leaves it alone', () => {
    const doc = new Y.Doc()
    boardMaps(doc).notes.set('n', rawRecord({ text: 'plain' }))
    expect(readNote(doc, 'n')!.text).toBe('plain')
    setNoteText(doc, 'n', 'changed')
    expect(readNote(doc, 'n')!.text).toBe('plain')
  })
})

describe('story sources linked concurrently', () => {
  it('lists a source once when two peers link it at the same time', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = addStory(a, { iWant: 'one source' })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    linkStorySource(a, id, 'n1')
    linkStorySource(b, id, 'n1')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(listStories(a)[0]?.sourceIds).toEqual(['n1'])
    expect(listStories(b)).toEqual(listStories(a))
    expect(listStories(a)[0]?.sourceIds).toEqual([...new Set(listStories(a)[0]?.sourceIds)])
    expect(addStory(a, { sourceIds: ['x', 'x'] }) && listStories(a).find((s) => s.iWant === '')?.sourceIds).toEqual(['x'])
  })
})
