/** Notes, clusters, emotions and vote keys (shared/board/, shared/voting/vote.ts). */
import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { boardMaps } from '../../shared/board/board-doc'
import { addCluster, deleteCluster, listClusters, updateCluster } from '../../shared/board/cluster'
import { clampEmotion, clearEmotion, readEmotions, setEmotion } from '../../shared/board/emotion'
import { listLanes } from '../../shared/board/lane'
import { readMeta } from '../../shared/board/meta'
import { addNote, deleteNote, listNotes, moveNote, noteText, readNote, setNoteText, updateNote } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import { LIMITS } from '../../shared/limits'
import { parseVoteKey, voteKey } from '../../shared/voting/vote'

function journeyDoc(): Y.Doc {
  const doc = new Y.Doc()
  initBoard(doc, { template: 'journey', title: 'Journey' })
  return doc
}

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
