import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  boardLayout,
  cellAt,
  emotionAt,
  emotionY,
  fitViewport,
  LAYOUT,
  notesBounds,
  noteWorldPosition,
  placementForDrop,
  slotInCell,
  SLOTS_PER_CELL,
  zoomAt,
} from '../../shared/board/layout'
import { listLanes, removeLane } from '../../shared/board/lane'
import { listNotes, readNote } from '../../shared/board/note'
import { listStages, moveStage } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import { addNoteInCell, moveNotesBy, readingOrder } from '../../client/src/board/boardModel'

function journey() {
  const doc = new Y.Doc()
  initBoard(doc, { template: 'journey', title: 'T' })
  return doc
}

describe('board layout', () => {
  it('lays stages out as columns and lanes as rows below the emotion row', () => {
    const doc = journey()
    const layout = boardLayout(listStages(doc), listLanes(doc))
    expect(layout.columns).toHaveLength(6)
    expect(layout.rows).toHaveLength(8)
    expect(layout.columns[1]!.x - layout.columns[0]!.x).toBe(LAYOUT.columnWidth)
    expect(layout.rows[0]!.y).toBe(LAYOUT.stageHeaderHeight + LAYOUT.emotionHeight)
    expect(layout.width).toBe(LAYOUT.laneHeaderWidth + 6 * LAYOUT.columnWidth)
    expect(layout.height).toBe(layout.rows[7]!.y + LAYOUT.rowHeight)
    expect(cellAt(layout, layout.columns[2]!.x + 1, layout.rows[3]!.y + 1)).toEqual({
      stageId: layout.columns[2]!.id,
      laneId: layout.rows[3]!.id,
    })
    expect(cellAt(layout, 10, 10)).toBeUndefined()
  })

  it('stores a drop in a cell as an offset inside it, and a drop outside as board coordinates', () => {
    const doc = journey()
    const layout = boardLayout(listStages(doc), listLanes(doc))
    const column = layout.columns[1]!
    const row = layout.rows[2]!
    expect(placementForDrop(layout, column.x + 20, row.y + 30)).toEqual({ x: 20, y: 30, stageId: column.id, laneId: row.id })
    // A note hanging over the right edge is kept inside the cell its centre is in.
    const edge = placementForDrop(layout, column.x + column.width - 80, row.y + 10)
    expect(edge.stageId).toBe(column.id)
    expect(edge.x).toBe(column.width - LAYOUT.noteWidth)
    expect(placementForDrop(layout, -500, -400)).toEqual({ x: -500, y: -400, stageId: null, laneId: null })
  })

  it('moves a note with its cell when stages are reordered', () => {
    const doc = journey()
    const stages = listStages(doc)
    const lanes = listLanes(doc)
    const id = addNoteInCell(doc, doc, listNotes(doc), { stageId: stages[0]!.id, laneId: lanes[0]!.id }, 'me', 'discover', 'first stage')
    const before = noteWorldPosition(boardLayout(stages, lanes), readNote(doc, id)!)
    moveStage(doc, stages[0]!.id, 3)
    const after = noteWorldPosition(boardLayout(listStages(doc), lanes), readNote(doc, id)!)
    expect(after.x - before.x).toBe(3 * LAYOUT.columnWidth)
    expect(after.y).toBe(before.y)
  })

  it('keeps the stage axis of a note whose lane was removed', () => {
    const doc = journey()
    const stages = listStages(doc)
    const lanes = listLanes(doc)
    const id = addNoteInCell(doc, doc, listNotes(doc), { stageId: stages[2]!.id, laneId: lanes[1]!.id }, 'me', 'discover')
    removeLane(doc, lanes[1]!.id)
    const note = readNote(doc, id)!
    expect(note.laneId).toBeUndefined()
    const p = noteWorldPosition(boardLayout(listStages(doc), listLanes(doc)), note)
    expect(p.x).toBeGreaterThanOrEqual(boardLayout(stages, lanes).columns[2]!.x)
  })

  it('tiles new notes in a cell without overlap, inside the cell', () => {
    expect(SLOTS_PER_CELL).toBeGreaterThanOrEqual(4)
    const slots = Array.from({ length: SLOTS_PER_CELL }, (_, i) => slotInCell(i))
    for (const slot of slots) {
      expect(slot.x + LAYOUT.noteWidth).toBeLessThanOrEqual(LAYOUT.columnWidth)
      expect(slot.y + LAYOUT.noteHeight).toBeLessThanOrEqual(LAYOUT.rowHeight)
    }
    expect(slotInCell(SLOTS_PER_CELL)).not.toEqual(slotInCell(0))
    for (let i = 0; i < slots.length; i++)
      for (let j = i + 1; j < slots.length; j++) {
        const a = slots[i]!
        const b = slots[j]!
        const overlap = Math.abs(a.x - b.x) < LAYOUT.noteWidth && Math.abs(a.y - b.y) < LAYOUT.noteHeight
        expect(overlap, `slots ${i} and ${j}`).toBe(false)
      }
  })

  it('maps emotion values to heights and back', () => {
    const doc = journey()
    const layout = boardLayout(listStages(doc), listLanes(doc))
    for (const v of [-2, -1, 0, 1, 2]) expect(emotionAt(layout, emotionY(layout, v))).toBe(v)
    expect(emotionY(layout, 2)).toBeLessThan(emotionY(layout, -2))
    expect(emotionAt(layout, -1000)).toBe(2)
    expect(emotionAt(layout, 10_000)).toBe(-2)
  })

  it('zooms around a fixed screen point and fits content into view', () => {
    const view = { x: 100, y: 50, scale: 1 }
    const zoomed = zoomAt(view, 400, 300, 2)
    // The board point under (400, 300) stays under it.
    expect((400 - zoomed.x) / zoomed.scale).toBeCloseTo((400 - view.x) / view.scale)
    expect((300 - zoomed.y) / zoomed.scale).toBeCloseTo((300 - view.y) / view.scale)
    expect(zoomAt(view, 0, 0, 1000).scale).toBe(4)
    const fit = fitViewport({ x: 0, y: 0, width: 2000, height: 1000 }, 1048, 548, 24)
    expect(fit.scale).toBeCloseTo(0.5)
    expect(fit.x).toBeCloseTo(24)
  })
})

describe('client board model', () => {
  it('moves several notes by one offset in one transaction, re-homing them in cells', () => {
    const doc = journey()
    const stages = listStages(doc)
    const lanes = listLanes(doc)
    const layout = boardLayout(stages, lanes)
    const a = addNoteInCell(doc, doc, listNotes(doc), { stageId: stages[0]!.id, laneId: lanes[0]!.id }, 'me', 'discover', 'a')
    const b = addNoteInCell(doc, doc, listNotes(doc), { stageId: stages[0]!.id, laneId: lanes[0]!.id }, 'me', 'discover', 'b')
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    moveNotesBy(doc, layout, listNotes(doc), LAYOUT.columnWidth, LAYOUT.rowHeight)
    expect(transactions).toBe(1)
    for (const id of [a, b]) {
      const note = readNote(doc, id)!
      expect(note.stageId).toBe(stages[1]!.id)
      expect(note.laneId).toBe(lanes[1]!.id)
    }
  })

  it('lists notes in reading order: stage, lane, then position; loose notes last', () => {
    const doc = journey()
    const stages = listStages(doc)
    const lanes = listLanes(doc)
    const late = addNoteInCell(doc, doc, listNotes(doc), { stageId: stages[1]!.id, laneId: lanes[0]!.id }, 'me', 'discover', 'late')
    const early = addNoteInCell(doc, doc, listNotes(doc), { stageId: stages[0]!.id, laneId: lanes[5]!.id }, 'me', 'discover', 'early')
    moveStage(doc, stages[1]!.id, 0)
    const layout = boardLayout(listStages(doc), listLanes(doc))
    expect(readingOrder(listNotes(doc), layout).map((n) => n.id)).toEqual([late, early])
  })
})

describe('notesBounds', () => {
  it('frames the notes it has positions for, with padding; undefined when none', () => {
    const positions = new Map([
      ['a', { x: 10, y: 20 }],
      ['b', { x: 100, y: 5 }],
    ])
    expect(notesBounds([{ id: 'a' }, { id: 'b' }, { id: 'gone' }], positions, 4)).toEqual({
      x: 6,
      y: 1,
      width: 100 + LAYOUT.noteWidth - 10 + 8,
      height: 20 + LAYOUT.noteHeight - 5 + 8,
    })
    expect(notesBounds([], positions, 4)).toBeUndefined()
    expect(notesBounds([{ id: 'gone' }], positions, 4)).toBeUndefined()
  })
})
