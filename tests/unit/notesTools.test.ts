/**
 * Pure parts of working with notes: cluster outlines (frames around a cluster's own notes only)
 * and where copied notes are pasted, plus the clipboard formats.
 */
import { describe, expect, it } from 'vitest'
import { boardLayout, intersects, LAYOUT, noteWorldPosition, slotInCell } from '../../shared/board/layout'
import type { Lane } from '../../shared/board/lane'
import type { Stage } from '../../shared/board/stage'
import { clusterOutline, OUTLINE_PADDING } from '../../client/src/board/canvas/clusterOutline'
import { clipboardText, notesFromText, parseCopied, pastePlacements, type CopiedNote } from '../../client/src/board/notes/clipboard'

const box = (p: { x: number; y: number }) => ({ x: p.x, y: p.y, width: LAYOUT.noteWidth, height: LAYOUT.noteHeight })

describe('clusterOutline', () => {
  it('one frame around notes side by side, padded', () => {
    const frames = clusterOutline([{ x: 0, y: 0 }, { x: 146, y: 0 }], [])
    expect(frames).toEqual([{ x: -OUTLINE_PADDING, y: -OUTLINE_PADDING, width: 286 + 2 * OUTLINE_PADDING, height: LAYOUT.noteHeight + 2 * OUTLINE_PADDING }])
  })

  it('never takes in another note: a note between two members splits the frame', () => {
    const members = [{ x: 0, y: 0 }, { x: 292, y: 0 }]
    const other = { x: 146, y: 0 }
    const frames = clusterOutline(members, [other])
    expect(frames).toHaveLength(2)
    for (const frame of frames) expect(intersects(frame, box(other))).toBe(false)
  })

  it('parts far apart (other stages) get a frame each; padding shrinks next to a neighbour', () => {
    const frames = clusterOutline([{ x: 0, y: 0 }, { x: 900, y: 0 }], [{ x: 146, y: 0 }])
    expect(frames).toHaveLength(2)
    expect(frames[0]!.x + frames[0]!.width).toBeLessThanOrEqual(146)
  })

  it('no members, no frames', () => {
    expect(clusterOutline([], [{ x: 0, y: 0 }])).toEqual([])
  })
})

describe('paste placements', () => {
  const stages = ['s1', 's2'].map((id, i) => ({ id, title: id, order: i }) as Stage)
  const lanes = ['l1', 'l2'].map((id, i) => ({ id, title: id, kind: 'custom', order: i }) as Lane)
  const layout = boardLayout(stages, lanes)
  const copied = (stageId?: string, laneId?: string): CopiedNote => {
    const p = stageId && laneId ? noteWorldPosition(layout, { id: 'copied', ...slotInCell(0), stageId, laneId }) : { x: 5000, y: 5000 }
    return { text: 'a', kind: 'pain', color: 'pink', ...p, stageId, laneId }
  }

  it('beside the originals: the next free slots of their own cell', () => {
    const places = pastePlacements(layout, [copied('s1', 'l1'), copied('s1', 'l1')], undefined, () => 1)
    expect(places).toEqual([
      { ...slotInCell(1), stageId: 's1', laneId: 'l1' },
      { ...slotInCell(2), stageId: 's1', laneId: 'l1' },
    ])
  })

  it('into the cell under the pointer', () => {
    const column = layout.columnById.get('s2')!
    const row = layout.rowById.get('l2')!
    const places = pastePlacements(layout, [copied('s1', 'l1')], { x: column.x + 10, y: row.y + 10 }, () => 0)
    expect(places).toEqual([{ ...slotInCell(0), stageId: 's2', laneId: 'l2' }])
  })

  it('outside the cells: at the pointer, keeping the arrangement', () => {
    const a = { ...copied(), x: 5000, y: 5000 }
    const b = { ...copied(), x: 5200, y: 5050 }
    const places = pastePlacements(layout, [a, b], { x: 4000, y: 4000 }, () => 0)
    expect(places).toEqual([
      { x: 4000, y: 4000, stageId: null, laneId: null },
      { x: 4200, y: 4050, stageId: null, laneId: null },
    ])
  })
})

describe('clipboard formats', () => {
  it('text is one note a line; notes read back tolerantly', () => {
    expect(clipboardText([{ text: 'Slow\nrefunds' }, { text: 'Fees' }])).toBe('Slow refunds\nFees')
    expect(parseCopied('not json')).toEqual([])
    expect(parseCopied(JSON.stringify([{ text: 'x', x: 1, y: 2, kind: 'bogus', color: 'red' }, { nope: 1 }]))).toEqual([
      { text: 'x', x: 1, y: 2, kind: 'note', color: 'yellow', stageId: undefined, laneId: undefined },
    ])
    expect(notesFromText('a\n\n b \n', { x: 0, y: 0 }).map((n) => n.text)).toEqual(['a', 'b'])
  })
})
