import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addCluster } from '../../shared/board/cluster'
import { addNote, deleteNote, moveNote, setNoteText } from '../../shared/board/note'
import { listLanes } from '../../shared/board/lane'
import { listStages } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import { diffBoards } from '../../shared/continuous/diff'
import { setDone } from '../../shared/continuous/done'
import { addRoadmapItem, moveRoadmapItem, updateRoadmapItem } from '../../shared/deliver/roadmap'
import { setVote } from '../../shared/voting/vote'

/** A board, and a copy of it as a snapshot would hold it (its whole Yjs state). */
function boardAndSnapshot(build: (board: Y.Doc) => void) {
  const board = new Y.Doc()
  initBoard(board, { template: 'journey', title: 'March' })
  build(board)
  const snapshot = new Y.Doc()
  Y.applyUpdate(snapshot, Y.encodeStateAsUpdate(board))
  return { board, snapshot }
}

describe('diff between a snapshot and now', () => {
  it('finds notes added, removed, moved (with the cells named) and retyped', () => {
    let keep = ''
    let gone = ''
    let drift = ''
    const { board, snapshot } = boardAndSnapshot((b) => {
      const stages = listStages(b)
      const lanes = listLanes(b)
      keep = addNote(b, { text: 'Long wait on the phone', kind: 'pain', x: 10, y: 10, stageId: stages[4]!.id, laneId: lanes[4]!.id })
      gone = addNote(b, { text: 'Old idea', kind: 'idea', x: 0, y: 0 })
      drift = addNote(b, { text: 'Loose', x: 100, y: 100 })
    })
    const stages = listStages(board)
    const lanes = listLanes(board)
    const added = addNote(board, { text: 'Chatbot', kind: 'idea', x: 5, y: 5, stageId: stages[0]!.id, laneId: lanes[7]!.id })
    deleteNote(board, gone)
    moveNote(board, keep, { x: 10, y: 10, stageId: stages[3]!.id })
    setNoteText(board, keep, 'Very long wait on the phone')
    moveNote(board, drift, { x: 140, y: 100 })

    const diff = diffBoards(snapshot, board)
    expect(diff.empty).toBe(false)
    expect(diff.notes.added.map((n) => [n.id, n.text, n.place.stage, n.place.lane])).toEqual([[added, 'Chatbot', 'Orientation', 'Opportunities']])
    expect(diff.notes.removed.map((n) => [n.id, n.text])).toEqual([[gone, 'Old idea']])
    const moved = Object.fromEntries(diff.notes.moved.map((n) => [n.id, [n.from.stage, n.place.stage, n.from.x, n.place.x]]))
    expect(moved).toEqual({ [keep]: ['Service', 'Use', 10, 10], [drift]: [undefined, undefined, 100, 140] })
    expect(diff.notes.textChanged).toEqual([{ id: keep, before: 'Long wait on the phone', after: 'Very long wait on the phone' }])
  })

  it('counts votes per target, naming notes and clusters', () => {
    let pain = ''
    let cluster = ''
    const { board, snapshot } = boardAndSnapshot((b) => {
      pain = addNote(b, { text: 'Refund takes weeks', kind: 'pain', x: 0, y: 0 })
      cluster = addCluster(b, { title: 'Refunds', x: 0, y: 0 })
      setVote(b, 'r1', 'p1', pain, 2)
    })
    setVote(board, 'r1', 'p2', pain, 3)
    setVote(board, 'r2', 'p1', cluster, 1)
    const diff = diffBoards(snapshot, board)
    expect(diff.votes.before).toBe(2)
    expect(diff.votes.after).toBe(6)
    expect(diff.votes.changed).toEqual([
      { targetId: pain, label: 'Refund takes weeks', before: 2, after: 5 },
      { targetId: cluster, label: 'Refunds', before: 0, after: 1 },
    ])
  })

  it('follows roadmap items between columns, to done, renamed, added and removed', () => {
    let chat = ''
    let faq = ''
    let old = ''
    const { board, snapshot } = boardAndSnapshot((b) => {
      chat = addRoadmapItem(b, { title: 'Live chat', column: 'next' })
      faq = addRoadmapItem(b, { title: 'FAQ', column: 'now' })
      old = addRoadmapItem(b, { title: 'Fax line', column: 'later' })
    })
    moveRoadmapItem(board, chat, 'now', 0)
    setDone(board, faq, true)
    updateRoadmapItem(board, faq, { title: 'FAQ rewrite' })
    board.getMap('roadmap').delete(old)
    const added = addRoadmapItem(board, { title: 'Callback', column: 'later' })
    const diff = diffBoards(snapshot, board)
    expect(diff.roadmap.moved).toEqual([
      { id: chat, title: 'Live chat', from: 'next', to: 'now' },
      { id: faq, title: 'FAQ rewrite', from: 'now', to: 'done' },
    ])
    expect(diff.roadmap.renamed).toEqual([{ id: faq, title: 'FAQ rewrite', renamedFrom: 'FAQ' }])
    expect(diff.roadmap.added).toEqual([{ id: added, title: 'Callback', to: 'later' }])
    expect(diff.roadmap.removed).toEqual([{ id: old, title: 'Fax line', from: 'later' }])
  })

  it('says nothing changed for the same state', () => {
    const { board, snapshot } = boardAndSnapshot((b) => {
      addNote(b, { text: 'a', x: 0, y: 0 })
      addRoadmapItem(b, { title: 'x' })
    })
    const diff = diffBoards(snapshot, board)
    expect(diff.empty).toBe(true)
    expect(diff.notes).toEqual({ added: [], removed: [], moved: [], textChanged: [] })
  })
})
