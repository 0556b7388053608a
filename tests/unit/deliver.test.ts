import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { initControl } from '../../shared/facilitation/control'
import { closeRound, openRound } from '../../shared/voting/round'
import { draftStories, linkedPain, promote, promotionCandidates } from '../../shared/deliver/promote'
import { addCluster } from '../../shared/board/cluster'
import { addNote } from '../../shared/board/note'
import { listStages } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import { listRoadmap, updateRoadmapItem } from '../../shared/deliver/roadmap'
import { addStory, listStories, storyText, updateStory } from '../../shared/deliver/story'
import { setVote } from '../../shared/voting/vote'

function workshop() {
  const board = new Y.Doc()
  const control = new Y.Doc()
  initBoard(board, { template: 'journey', title: 'Q3', persona: 'first-time buyer' })
  initControl(control)
  const stage = (title: string) => listStages(board).find((s) => s.title === title)!.id
  return { board, control, purchase: stage('Purchase'), service: stage('Service') }
}

describe('promotion candidates', () => {
  it('ranks ideas by votes under the round limits, then HMW and clusters, and marks what is promoted', () => {
    const { board, control } = workshop()
    const chat = addNote(board, { text: 'Live chat', kind: 'idea', x: 0, y: 0 })
    const faq = addNote(board, { text: 'Better FAQ', kind: 'idea', x: 0, y: 0 })
    addNote(board, { text: '   ', kind: 'idea', x: 0, y: 0 })
    const hmw = addNote(board, { text: 'HMW make refunds fast?', kind: 'hmw', x: 0, y: 0 })
    const cluster = addCluster(board, { title: 'Refunds', x: 0, y: 0 })
    const round = openRound(control, { title: 'Ideas', targetKind: 'idea', votesPerPerson: 3, maxPerTarget: 2 })
    setVote(board, round, 'p1', faq, 2)
    setVote(board, round, 'p2', faq, 9) // over the limit: counts 2
    setVote(board, round, 'p2', chat, 1)
    closeRound(control, round)
    const candidates = promotionCandidates(board, control)
    expect(candidates.map((c) => [c.kind, c.label, c.votes, c.promoted])).toEqual([
      ['idea', 'Better FAQ', 4, false],
      ['idea', 'Live chat', 1, false],
      ['hmw', 'HMW make refunds fast?', 0, false],
      ['cluster', 'Refunds', 0, false],
    ])
    const item = promote(board, candidates[0]!, 'now')
    expect(listRoadmap(board)).toEqual([expect.objectContaining({ id: item, title: 'Better FAQ', column: 'now', sourceId: faq, mvp: false })])
    expect(promotionCandidates(board, control).find((c) => c.id === faq)?.promoted).toBe(true)
    expect([hmw, cluster]).toHaveLength(2)
  })
})

describe('draft stories', () => {
  it('drafts one story per MVP item without one: persona, the item, the linked pain; links kept', () => {
    const { board, control, purchase, service } = workshop()
    const fees = addNote(board, { text: 'Hidden fees', kind: 'pain', x: 0, y: 0, stageId: purchase })
    const slow = addNote(board, { text: 'Slow refunds', kind: 'pain', x: 0, y: 0, stageId: service })
    const minor = addNote(board, { text: 'Refund form is long', kind: 'pain', x: 0, y: 0, stageId: service })
    const painRound = openRound(control, { title: 'Pains', targetKind: 'pain' })
    setVote(board, painRound, 'p1', slow, 3)
    setVote(board, painRound, 'p2', minor, 1)
    const refundIdea = addNote(board, { text: 'Instant refunds', kind: 'idea', x: 0, y: 0, stageId: service })
    const priceIdea = addNote(board, { text: 'Show all costs upfront', kind: 'idea', x: 0, y: 0, stageId: purchase })
    const loose = addNote(board, { text: 'A mascot', kind: 'idea', x: 0, y: 0 })
    const a = promote(board, { id: refundIdea, label: 'Instant refunds' }, 'now')
    const b = promote(board, { id: priceIdea, label: 'Show all costs upfront' }, 'now')
    const c = promote(board, { id: loose, label: 'A mascot' }, 'later')
    const notMvp = promote(board, { id: fees, label: 'Fix fees' }, 'next')
    for (const id of [a, b, c]) updateRoadmapItem(board, id, { mvp: true })
    expect(linkedPain(board, control, refundIdea)?.id).toBe(slow) // most-voted pain of its stage
    expect(linkedPain(board, control, fees)?.id).toBe(fees)
    expect(linkedPain(board, control, loose)).toBeUndefined()

    const created = draftStories(board, control, (pain) => `"${pain}" is solved`)
    expect(created).toHaveLength(3)
    const stories = listStories(board)
    const byItem = new Map(stories.map((s) => [s.roadmapId, s]))
    expect(byItem.get(a)).toMatchObject({ asA: 'first-time buyer', iWant: 'Instant refunds', soThat: '"Slow refunds" is solved', priority: 'must', sourceIds: [refundIdea, slow] })
    expect(byItem.get(b)).toMatchObject({ iWant: 'Show all costs upfront', soThat: '"Hidden fees" is solved', sourceIds: [priceIdea, fees] })
    expect(byItem.get(c)).toMatchObject({ iWant: 'A mascot', soThat: '', sourceIds: [loose] })
    expect(byItem.has(notMvp)).toBe(false)
    // Drafting again adds nothing: every MVP item has its story.
    expect(draftStories(board, control, (pain) => pain)).toEqual([])
    expect(listStories(board)).toHaveLength(3)
  })

  it('links a cluster’s most-voted pain when the item came from the cluster or one of its notes', () => {
    const { board, control } = workshop()
    const small = addNote(board, { text: 'Small pain', kind: 'pain', x: 0, y: 0 })
    const big = addNote(board, { text: 'Big pain', kind: 'pain', x: 0, y: 0 })
    const idea = addNote(board, { text: 'Idea in the cluster', kind: 'idea', x: 0, y: 0 })
    const cluster = addCluster(board, { title: 'Billing', x: 0, y: 0, noteIds: [small, big, idea] })
    const round = openRound(control, { title: 'Pains', targetKind: 'pain' })
    setVote(board, round, 'p1', big, 2)
    expect(linkedPain(board, control, cluster)?.id).toBe(big)
    expect(linkedPain(board, control, idea)?.id).toBe(big)
  })
})

describe('stories merge', () => {
  it('keeps both people’s typing in the same field of the same story', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = addStory(a, { asA: 'customer', iWant: 'refunds', soThat: '' })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    updateStory(a, id, { iWant: 'fast refunds' })
    updateStory(b, id, { iWant: 'refunds by bank transfer' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const merged = listStories(a)[0]!.iWant
    expect(merged).toBe(listStories(b)[0]!.iWant)
    expect(merged).toContain('fast')
    expect(merged).toContain('by bank transfer')
    expect(storyText(a, id, 'iWant')?.toString()).toBe(merged)
  })
})
