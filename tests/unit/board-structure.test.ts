/** Board structure records: the template, meta, stages and lanes (shared/board/). */
import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { boardMaps } from '../../shared/board/board-doc'
import { readEmotions, setEmotion } from '../../shared/board/emotion'
import { addLane, listLanes, moveLane, removeLane, renameLane } from '../../shared/board/lane'
import { SCHEMA_VERSION, readMeta, setMeta } from '../../shared/board/meta'
import { addNote, listNotes, readNote } from '../../shared/board/note'
import { addStage, listStages, moveStage, removeStage, renameStage } from '../../shared/board/stage'
import { DEFAULT_LANES, DEFAULT_STAGES, initBoard } from '../../shared/board/template'
import { LIMITS } from '../../shared/limits'

function journeyDoc(): Y.Doc {
  const doc = new Y.Doc()
  initBoard(doc, { template: 'journey', title: 'Journey' })
  return doc
}

const stageTitles = (doc: Y.Doc) => listStages(doc).map((s) => s.title)

const laneTitles = (doc: Y.Doc) => listLanes(doc).map((l) => l.title)

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
