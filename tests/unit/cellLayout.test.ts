import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { columnsFor, LAYOUT, layoutCells, SLOT_GAP } from '../../shared/board/cell-layout'
import { boardLayout, intersects, noteWorldPosition, type BoardLayout, type NoteRect } from '../../shared/board/layout'
import { listLanes } from '../../shared/board/lane'
import { addNote, listNotes, readNote, type Note } from '../../shared/board/note'
import { fitNoteText, NOTE_FONT, NOTE_HEIGHT } from '../../shared/board/note-fit'
import { listStages } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import { addNoteInCell, moveNotesBy } from '../../client/src/board/boardModel'
import { mulberry32 } from '../helpers/random'

function journey() {
  const doc = new Y.Doc()
  initBoard(doc, { template: 'journey', title: 'T' })
  return doc
}

const layoutOf = (doc: Y.Doc): BoardLayout => boardLayout(listStages(doc), listLanes(doc), listNotes(doc))

function expectNoOverlap(layout: BoardLayout) {
  const rects = [...layout.notes.entries()]
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const [a, ra] = rects[i]!
      const [b, rb] = rects[j]!
      if (intersects(ra, rb)) expect.fail(`${a} ${JSON.stringify(ra)} overlaps ${b} ${JSON.stringify(rb)}`)
    }
}

/** Every note of a cell is drawn inside its (grown) cell. */
function expectInsideCells(layout: BoardLayout, notes: readonly Note[]) {
  for (const note of notes) {
    const column = note.stageId === undefined ? undefined : layout.columnById.get(note.stageId)
    const row = note.laneId === undefined ? undefined : layout.rowById.get(note.laneId)
    if (!column || !row) continue
    const r = layout.notes.get(note.id) as NoteRect
    expect(r.x).toBeGreaterThanOrEqual(column.x)
    expect(r.x + r.width).toBeLessThanOrEqual(column.x + column.width)
    expect(r.y).toBeGreaterThanOrEqual(row.y)
    expect(r.y + r.height).toBeLessThanOrEqual(row.y + row.height)
  }
}

function randomBoard(seed: number, count: number) {
  const random = mulberry32(seed)
  const doc = journey()
  const stages = listStages(doc)
  const lanes = listLanes(doc)
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T
  const words = ['the', 'customer', 'could', 'not', 'find', 'what', 'they', 'needed', 'checkout', 'supercalifragilistic']
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const kind = random()
      // A few favourite spots (identical coordinates), random ones, and loose notes.
      const spot = random() < 0.5 ? { x: 6, y: 6 } : { x: Math.round(random() * 400 - 50), y: Math.round(random() * 300 - 50) }
      const text = Array.from({ length: Math.floor(random() * (random() < 0.1 ? 120 : 12)) }, () => pick(words)).join(' ')
      if (kind < 0.8) addNote(doc, { ...spot, text, stageId: pick(stages).id, laneId: pick(lanes.slice(0, 3)).id, createdAt: Math.floor(random() * 5) })
      else addNote(doc, { x: random() < 0.5 ? 300 : Math.round(random() * 2000), y: random() < 0.5 ? 400 : Math.round(random() * 2000), text, createdAt: 1 })
    }
  })
  return doc
}

describe('cell layout', () => {
  it('never draws one note over another, for random notes, identical coordinates and loose notes included', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const doc = randomBoard(seed, 150)
      const layout = layoutOf(doc)
      expect(layout.notes.size).toBe(150)
      expectNoOverlap(layout)
      expectInsideCells(layout, listNotes(doc))
    }
  })

  it('draws ten notes written at the same spot of a cell in ten slots, in a grown lane', () => {
    const doc = journey()
    const stage = listStages(doc)[1]!
    const lane = listLanes(doc)[2]!
    const ids = Array.from({ length: 10 }, (_, i) => addNote(doc, { x: 20, y: 20, stageId: stage.id, laneId: lane.id, text: `same spot ${i}`, createdAt: 7 }))
    const layout = layoutOf(doc)
    expectNoOverlap(layout)
    expectInsideCells(layout, listNotes(doc))
    const column = layout.columnById.get(stage.id)!
    const row = layout.rowById.get(lane.id)!
    expect(column.width * row.height).toBeGreaterThan(LAYOUT.columnWidth * LAYOUT.rowHeight)
    // Same coordinates, same time: by id.
    const order = layout.cells.values().next().value!.order
    expect(order).toEqual([...ids].sort())
    // The other stages and lanes keep their least size; the stage's other cells and the lane's grow with it.
    expect(layout.columns[0]!.width).toBe(LAYOUT.columnWidth)
    expect(layout.rows[0]!.height).toBe(LAYOUT.rowHeight)
    expect(layout.columns[2]!.x).toBe(column.x + column.width)
  })

  it('grows a cell to fit 50 notes, about as wide as tall', () => {
    const notes = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, x: 0, y: 0, stageId: 's', laneId: 'l', text: `note ${i}` }))
    const cells = layoutCells([{ id: 's' }], [{ id: 'l' }], notes)
    expect(columnsFor(50)).toBe(6)
    expect(cells.stageWidth.get('s')).toBe(SLOT_GAP + 6 * (LAYOUT.noteWidth + SLOT_GAP))
    expect(cells.laneHeight.get('l')).toBe(SLOT_GAP + 9 * (NOTE_HEIGHT + SLOT_GAP))
  })

  it('keeps room under the notes of a lane of a kind (the data lane’s metrics, issue #12)', () => {
    const stages = [{ id: 's', title: 'S' }]
    const lanes = [
      { id: 'd', title: 'Data & metrics', kind: 'data' as const },
      { id: 'o', title: 'Other', kind: 'custom' as const },
    ]
    const notes = Array.from({ length: 9 }, (_, i) => ({ id: `n${i}`, x: 0, y: 0, stageId: 's', laneId: 'd', text: `note ${i}` }))
    const plain = boardLayout(stages, lanes, notes)
    const roomy = boardLayout(stages, lanes, notes, { data: 300 })
    const data = roomy.rows[0]!
    const notesBottom = Math.max(...notes.map((n) => roomy.notes.get(n.id)!.y + roomy.notes.get(n.id)!.height))
    // The notes where they were; the lane 300 longer than its notes, the next lane moved down.
    expect([...roomy.notes.entries()]).toEqual([...plain.notes.entries()])
    expect(data.y + data.height - notesBottom).toBeGreaterThanOrEqual(300)
    expect(data.height).toBe(plain.rows[0]!.height + 300)
    expect(roomy.rows[1]!.height).toBe(LAYOUT.rowHeight)
    // An empty lane of the kind is tall enough for the room alone.
    expect(boardLayout(stages, lanes, [], { data: 500 }).rows[0]!.height).toBe(SLOT_GAP + 500)
    expect(boardLayout(stages, lanes, [], { data: 50 }).rows[0]!.height).toBe(LAYOUT.rowHeight)
  })

  it('is deterministic: the same notes in any order give the same layout', () => {
    const doc = randomBoard(9, 120)
    const notes = listNotes(doc)
    const a = boardLayout(listStages(doc), listLanes(doc), notes)
    const shuffled = [...notes].sort(() => Math.random() - 0.5)
    const b = boardLayout(listStages(doc), listLanes(doc), shuffled)
    expect([...b.notes.entries()].sort()).toEqual([...a.notes.entries()].sort())
    expect(b.columns).toEqual(a.columns)
    expect(b.rows).toEqual(a.rows)
  })

  it('keeps notes where they are when a note is added to their cell (phone, toolbar)', () => {
    const doc = journey()
    const cell = { stageId: listStages(doc)[0]!.id, laneId: listLanes(doc)[0]!.id }
    // Six and seven notes take the same three slot columns (a cell reflows when it needs more columns).
    for (let i = 0; i < 6; i++) addNoteInCell(doc, doc, listNotes(doc), cell, 'me', 'discover', `n${i}`)
    const before = layoutOf(doc)
    addNoteInCell(doc, doc, listNotes(doc), cell, 'me', 'discover', 'the seventh')
    const after = layoutOf(doc)
    for (const [id, rect] of before.notes) expect(after.notes.get(id)).toEqual(rect)
    expectNoOverlap(after)
    // Even after a note that asks for a place far down: the new one still comes last.
    addNote(doc, { ...cell, x: 6, y: 900, text: 'far down' })
    const id = addNoteInCell(doc, doc, listNotes(doc), cell, 'me', 'discover', 'last')
    expect(layoutOf(doc).cells.values().next().value!.order.at(-1)).toBe(id)
  })

  it('fits long text: a smaller font down to the minimum, then a taller note', () => {
    expect(fitNoteText('Short').fontSize).toBe(NOTE_FONT.max)
    expect(fitNoteText('Short').height).toBe(NOTE_HEIGHT)
    const medium = fitNoteText('The customer could not find the opening hours on the website and called')
    expect(medium.height).toBe(NOTE_HEIGHT)
    const long = fitNoteText('word '.repeat(80))
    expect(long.fontSize).toBe(NOTE_FONT.min)
    expect(long.height).toBeGreaterThan(NOTE_HEIGHT)
    expect(fitNoteText('word '.repeat(160)).height).toBeGreaterThan(long.height)
    // A tall note makes its lane taller, and nothing overlaps.
    const doc = journey()
    const cell = { stageId: listStages(doc)[0]!.id, laneId: listLanes(doc)[0]!.id }
    addNoteInCell(doc, doc, listNotes(doc), cell, 'me', 'discover', 'word '.repeat(200))
    addNoteInCell(doc, doc, listNotes(doc), cell, 'me', 'discover', 'short')
    addNoteInCell(doc, doc, listNotes(doc), cell, 'me', 'discover', 'below')
    const layout = layoutOf(doc)
    expect(layout.rows[0]!.height).toBeGreaterThan(LAYOUT.rowHeight)
    expectNoOverlap(layout)
    expectInsideCells(layout, listNotes(doc))
  })

  it('nudges a loose note off the notes before it', () => {
    const doc = journey()
    const a = addNote(doc, { x: 2000, y: 100, text: 'a', createdAt: 1 })
    const b = addNote(doc, { x: 2000, y: 100, text: 'b', createdAt: 2 })
    const c = addNote(doc, { x: 2010, y: 110, text: 'c', createdAt: 3 })
    const layout = layoutOf(doc)
    expect(noteWorldPosition(layout, readNote(doc, a)!)).toEqual({ x: 2000, y: 100 })
    expectNoOverlap(layout)
    // Pushed by no more than a note's size and the gap.
    const pb = layout.notes.get(b)!
    expect(Math.max(pb.x - 2000, pb.y - 100)).toBeLessThanOrEqual(LAYOUT.noteWidth + SLOT_GAP)
    expect(layout.notes.get(c)).toBeDefined()
  })
})

describe('drops in cells', () => {
  function cellWith(count: number) {
    const doc = journey()
    const cell = { stageId: listStages(doc)[1]!.id, laneId: listLanes(doc)[1]!.id }
    const ids = Array.from({ length: count }, (_, i) => addNoteInCell(doc, doc, listNotes(doc), cell, 'me', 'discover', `n${i}`))
    return { doc, cell, ids }
  }
  const order = (doc: Y.Doc) => layoutOf(doc).cells.values().next().value!.order

  it('a note dropped in a cell takes the slot nearest the drop; the others make room', () => {
    const { doc, ids } = cellWith(4)
    const layout = layoutOf(doc)
    const first = layout.notes.get(ids[0]!)!
    const last = layout.notes.get(ids[3]!)!
    // Drag the first note onto the last one's slot.
    moveNotesBy(doc, layout, [readNote(doc, ids[0]!)!], last.x - first.x + 10, last.y - first.y + 5)
    expect(order(doc)).toEqual([ids[1], ids[2], ids[3], ids[0]])
    expectNoOverlap(layoutOf(doc))
  })

  it('dropping onto another note places it beside, coming from another cell', () => {
    const { doc, cell, ids } = cellWith(3)
    const lanes = listLanes(doc)
    const stranger = addNoteInCell(doc, doc, listNotes(doc), { ...cell, laneId: lanes[4]!.id }, 'me', 'discover', 'stranger')
    const layout = layoutOf(doc)
    const from = layout.notes.get(stranger)!
    const onto = layout.notes.get(ids[1]!)!
    moveNotesBy(doc, layout, [readNote(doc, stranger)!], onto.x - from.x, onto.y - from.y)
    expect(readNote(doc, stranger)!.laneId).toBe(cell.laneId)
    expect(order(doc)).toEqual([ids[0], stranger, ids[1], ids[2]])
    const after = layoutOf(doc)
    expectNoOverlap(after)
    // Beside: the same slot row or the next, next to where it was dropped.
    expect(Math.abs(after.notes.get(stranger)!.x - onto.x) + Math.abs(after.notes.get(stranger)!.y - onto.y)).toBeLessThan(LAYOUT.noteWidth + LAYOUT.noteHeight)
  })

  it('a small step inside its own slot keeps the order; the next such step is stuck there (the keyboard then crosses cells)', () => {
    const { doc, ids } = cellWith(3)
    moveNotesBy(doc, layoutOf(doc), [readNote(doc, ids[0]!)!], 0, 50)
    expect(order(doc)).toEqual(ids)
    const stored = readNote(doc, ids[0]!)!
    moveNotesBy(doc, layoutOf(doc), [readNote(doc, ids[0]!)!], 0, 50)
    expect(readNote(doc, ids[0]!)).toEqual(stored)
  })
})
