/** The tolerant readers (shared/record.ts and each record file) on garbage a misbehaving client writes straight into the maps. */
import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { boardMaps } from '../../shared/board/board-doc'
import { addCluster, deleteCluster, listClusters } from '../../shared/board/cluster'
import { readEmotions } from '../../shared/board/emotion'
import { addLane, listLanes, moveLane, removeLane } from '../../shared/board/lane'
import { SCHEMA_VERSION, readMeta } from '../../shared/board/meta'
import { addNote, listNotes, noteText, readNote, setNoteText, updateNote } from '../../shared/board/note'
import { addStage, listStages, moveStage, removeStage, renameStage } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import { addRoadmapItem, listRoadmap, moveRoadmapItem, removeRoadmapItem, updateRoadmapItem } from '../../shared/deliver/roadmap'
import { addAcceptance, editAcceptance, linkStorySource, listStories, removeAcceptance, updateStory } from '../../shared/deliver/story'
import { LIMITS } from '../../shared/limits'

function journeyDoc(): Y.Doc {
  const doc = new Y.Doc()
  initBoard(doc, { template: 'journey', title: 'Journey' })
  return doc
}

const raw = (map: Y.Map<unknown> | Y.Map<Y.Map<unknown>>) => map as unknown as Y.Map<unknown>

function rawRecord(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(fields)) map.set(key, value)
  return map
}

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
