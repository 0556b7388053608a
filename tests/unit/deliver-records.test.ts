/** Roadmap items and user stories (shared/deliver/), including concurrent edits. */
import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { boardMaps } from '../../shared/board/board-doc'
import { addRoadmapItem, listRoadmap, moveRoadmapItem, removeRoadmapItem, updateRoadmapItem } from '../../shared/deliver/roadmap'
import { addAcceptance, addStory, editAcceptance, linkStorySource, listStories, moveStory, removeAcceptance, removeStory, sortStoriesByPriority, updateStory } from '../../shared/deliver/story'
import { LIMITS } from '../../shared/limits'


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
    expect(story(doc, empty)).toEqual({ id: empty, asA: '', iWant: '', soThat: '', acceptance: [], priority: 'should', sourceIds: [], order: 1 })
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
      order: 2,
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

  it('listStories keeps the manual order: a new story goes last, a priority change moves nothing', () => {
    const doc = new Y.Doc()
    const wont = addStory(doc, { priority: 'wont' })
    const could = addStory(doc, { priority: 'could' })
    const must1 = addStory(doc, { priority: 'must' })
    updateStory(doc, could, { priority: 'must' })
    expect(listStories(doc).map((s) => s.id)).toEqual([wont, could, must1])
    const last = addStory(doc, { priority: 'must' })
    expect(listStories(doc).at(-1)?.id).toBe(last)
  })

  it('moveStory and sortStoriesByPriority; stories without an order (older boards) come first by priority', () => {
    const doc = new Y.Doc()
    const a = addStory(doc, { priority: 'wont' })
    const b = addStory(doc, { priority: 'must' })
    const c = addStory(doc, { priority: 'should' })
    moveStory(doc, c, 0)
    expect(listStories(doc).map((s) => s.id)).toEqual([c, a, b])
    moveStory(doc, c, 2)
    expect(listStories(doc).map((s) => s.id)).toEqual([a, b, c])
    sortStoriesByPriority(doc)
    expect(listStories(doc).map((s) => s.id)).toEqual([b, c, a])
    // An older board: no order keys at all.
    const old = new Y.Doc()
    const x = addStory(old, { priority: 'could' })
    const y = addStory(old, { priority: 'must' })
    old.transact(() => old.getMap('stories').forEach((record) => (record as Y.Map<unknown>).delete('order')))
    expect(listStories(old).map((s) => s.id)).toEqual([y, x])
    const z = addStory(old, { priority: 'must' })
    expect(listStories(old).map((s) => s.id)).toEqual([y, x, z])
    moveStory(old, z, 0)
    expect(listStories(old).map((s) => s.id)).toEqual([z, y, x])
  })

  it('concurrent moves of different stories converge on every peer', () => {
    const a = new Y.Doc()
    const ids = [addStory(a), addStory(a), addStory(a), addStory(a)]
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    moveStory(a, ids[3]!, 0)
    moveStory(b, ids[0]!, 3)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(listStories(a).map((s) => s.id)).toEqual(listStories(b).map((s) => s.id))
    expect(new Set(listStories(a).map((s) => s.id)).size).toBe(4)
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
