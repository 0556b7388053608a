import { mulberry32 } from '../helpers/random'
import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { MIN_ORDER_GAP, compareOrdered, orderBetween, planMove, sortOrdered, type Ordered } from '../../shared/order'
import { boardMaps } from '../../shared/board/board-doc'
import { addLane, listLanes, moveLane, removeLane } from '../../shared/board/lane'
import { addStage, listStages, moveStage, removeStage } from '../../shared/board/stage'
import { initBoard } from '../../shared/board/template'
import {
  ROADMAP_COLUMNS,
  addRoadmapItem,
  listRoadmap,
  moveRoadmapItem,
  removeRoadmapItem,
  type RoadmapColumn,
} from '../../shared/deliver/roadmap'

// ---------------------------------------------------------------------------------------------
// Helpers

function pull(to: Y.Doc, from: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

function syncAll(docs: readonly Y.Doc[]): void {
  // Two passes are enough for everyone to have everything.
  for (const a of docs) for (const b of docs) if (a !== b) pull(b, a)
}

function docWithClient(clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  return doc
}

/** `n` docs sharing the same initial journey board (plus a few roadmap items). */
function journeyPeers(n: number, withRoadmap = true): Y.Doc[] {
  const origin = docWithClient(1000)
  initBoard(origin, { template: 'journey', title: 'Concurrent' })
  if (withRoadmap) {
    for (const column of ROADMAP_COLUMNS) {
      for (let i = 0; i < 3; i++) addRoadmapItem(origin, { title: `${column}-${i}`, column })
    }
  }
  const state = Y.encodeStateAsUpdate(origin)
  return Array.from({ length: n }, (_, i) => {
    const doc = docWithClient(i + 1)
    Y.applyUpdate(doc, state)
    return doc
  })
}

const stageIds = (doc: Y.Doc) => listStages(doc).map((s) => s.id)
const laneIds = (doc: Y.Doc) => listLanes(doc).map((l) => l.id)
const roadmapSeq = (doc: Y.Doc) => listRoadmap(doc).map((r) => `${r.column}:${r.id}`)

function expectUnique(ids: readonly string[], message?: string): void {
  expect(new Set(ids).size, message).toBe(ids.length)
}

/** The sequence is sorted by the documented rule (order, then id) with strictly consistent orders. */
function expectStrictlySorted(items: readonly Ordered[], message?: string): void {
  for (let i = 1; i < items.length; i++) {
    expect(compareOrdered(items[i - 1]!, items[i]!), message).toBe(-1)
  }
}

function expectConverged(docs: readonly Y.Doc[], message?: string): void {
  const [first, ...rest] = docs
  const stages = stageIds(first!)
  const lanes = laneIds(first!)
  const roadmap = roadmapSeq(first!)
  expectUnique(stages, message)
  expectUnique(lanes, message)
  expectUnique(listRoadmap(first!).map((r) => r.id), message)
  // Every id in the maps appears exactly once in the listing.
  expect([...stages].sort(), message).toEqual([...boardMaps(first!).stages.keys()].sort())
  expect([...lanes].sort(), message).toEqual([...boardMaps(first!).lanes.keys()].sort())
  for (const doc of rest) {
    expect(listStages(doc), message).toEqual(listStages(first!))
    expect(listLanes(doc), message).toEqual(listLanes(first!))
    expect(listRoadmap(doc), message).toEqual(listRoadmap(first!))
    expect(roadmapSeq(doc), message).toEqual(roadmap)
  }
}


// ---------------------------------------------------------------------------------------------

describe('compareOrdered / sortOrdered', () => {
  it('sorts by order, ties by id, without mutating the input', () => {
    const items: Ordered[] = [
      { id: 'c', order: 2 },
      { id: 'b', order: 1 },
      { id: 'a', order: 2 },
      { id: 'z', order: -1 },
      { id: 'm', order: 1.5 },
    ]
    const copy = items.map((i) => ({ ...i }))
    expect(sortOrdered(items).map((i) => i.id)).toEqual(['z', 'b', 'm', 'a', 'c'])
    expect(items).toEqual(copy)
    expect(compareOrdered({ id: 'a', order: 1 }, { id: 'a', order: 1 })).toBe(0)
    expect(compareOrdered({ id: 'b', order: 1 }, { id: 'a', order: 1 })).toBe(1)
    expect(compareOrdered({ id: 'a', order: 0 }, { id: 'b', order: 1 })).toBe(-1)
  })

  it('gives the same sequence whatever the input order', () => {
    const items: Ordered[] = [
      { id: 'x', order: 3 },
      { id: 'y', order: 3 },
      { id: 'w', order: 3 },
      { id: 'v', order: 0.5 },
    ]
    const expected = ['v', 'w', 'x', 'y']
    expect(sortOrdered(items).map((i) => i.id)).toEqual(expected)
    expect(sortOrdered([...items].reverse()).map((i) => i.id)).toEqual(expected)
    expect(sortOrdered(new Set(items)).map((i) => i.id)).toEqual(expected)
  })
})

describe('orderBetween', () => {
  it('handles the ends', () => {
    expect(orderBetween(undefined, undefined)).toBe(1)
    expect(orderBetween(undefined, 1)).toBe(0)
    expect(orderBetween(undefined, -3.5)).toBe(-4.5)
    expect(orderBetween(7, undefined)).toBe(8)
    expect(orderBetween(-2.25, undefined)).toBe(-1.25)
  })

  it('returns a number strictly between two orders', () => {
    expect(orderBetween(1, 2)).toBe(1.5)
    expect(orderBetween(-1, 1)).toBe(0)
    const between = orderBetween(1, 1 + 1e-6)!
    expect(between).toBeGreaterThan(1)
    expect(between).toBeLessThan(1 + 1e-6)
  })

  it('returns undefined when the gap is exhausted, equal or inverted', () => {
    expect(orderBetween(1, 1)).toBeUndefined()
    expect(orderBetween(2, 1)).toBeUndefined()
    expect(orderBetween(1, 1 + MIN_ORDER_GAP / 2)).toBeUndefined()
    expect(orderBetween(0, MIN_ORDER_GAP)).toBeUndefined()
    expect(orderBetween(5, 5 + MIN_ORDER_GAP / 4)).toBeUndefined()
    expect(orderBetween(0, Number.MIN_VALUE)).toBeUndefined()
  })

  it('never returns an endpoint when floating point cannot split the gap', () => {
    // At 2^53 adjacent doubles are 2 apart: the midpoint is not representable.
    const big = 2 ** 53
    const result = orderBetween(big, big + 2)
    if (result !== undefined) {
      expect(result).toBeGreaterThan(big)
      expect(result).toBeLessThan(big + 2)
    }
    expect(orderBetween(1e300, 1e300 * (1 + Number.EPSILON))).toBeUndefined()
  })

  it('halving repeatedly exhausts the gap after a bounded number of steps', () => {
    let after = 2
    let steps = 0
    for (;;) {
      const next = orderBetween(1, after)
      if (next === undefined) break
      expect(next).toBeGreaterThan(1)
      expect(next).toBeLessThan(after)
      after = next
      steps++
      expect(steps).toBeLessThan(100)
    }
    // log2(1 / 1e-9) ≈ 30
    expect(steps).toBeGreaterThanOrEqual(29)
    expect(steps).toBeLessThanOrEqual(31)
  })
})

describe('planMove', () => {
  const list: Ordered[] = [
    { id: 'a', order: 1 },
    { id: 'b', order: 2 },
    { id: 'c', order: 3 },
    { id: 'd', order: 4 },
  ]

  const apply = (items: readonly Ordered[], id: string, plan: ReturnType<typeof planMove>): Ordered[] => {
    const map = new Map(items.map((i) => [i.id, i.order]))
    if ('order' in plan) map.set(id, plan.order)
    else for (const [itemId, order] of plan.renumber) map.set(itemId, order)
    return sortOrdered([...map].map(([itemId, order]) => ({ id: itemId, order })))
  }
  const idsAfter = (id: string, index: number) => apply(list, id, planMove(list, id, index)).map((i) => i.id).join('')

  it('moves an existing item to each index', () => {
    expect(idsAfter('a', 0)).toBe('abcd')
    expect(idsAfter('a', 1)).toBe('bacd')
    expect(idsAfter('a', 2)).toBe('bcad')
    expect(idsAfter('a', 3)).toBe('bcda')
    expect(idsAfter('d', 0)).toBe('dabc')
    expect(idsAfter('c', 1)).toBe('acbd')
  })

  it('returns a single new order when there is room', () => {
    expect(planMove(list, 'a', 2)).toEqual({ order: 3.5 })
    expect(planMove(list, 'd', 0)).toEqual({ order: 0 })
    expect(planMove(list, 'b', 3)).toEqual({ order: 5 })
  })

  it('clamps and truncates the index', () => {
    expect(idsAfter('a', 99)).toBe('bcda')
    expect(idsAfter('d', -5)).toBe('dabc')
    expect(idsAfter('a', 1.9)).toBe('bacd')
    expect(idsAfter('a', Number.POSITIVE_INFINITY)).toBe('bcda')
    expect(idsAfter('d', Number.NEGATIVE_INFINITY)).toBe('dabc')
  })

  it('plans an insert for an id that is not yet in the list', () => {
    expect(planMove(list, 'new', 4)).toEqual({ order: 5 })
    expect(planMove(list, 'new', 0)).toEqual({ order: 0 })
    expect(planMove(list, 'new', 2)).toEqual({ order: 2.5 })
    expect(planMove([], 'new', 3)).toEqual({ order: 1 })
  })

  it('renumbers 1…n with the item at the index when the gap is exhausted', () => {
    const tight: Ordered[] = [
      { id: 'a', order: 1 },
      { id: 'b', order: 1 + 1e-10 },
      { id: 'c', order: 2 },
    ]
    const plan = planMove(tight, 'c', 1)
    expect('renumber' in plan).toBe(true)
    if (!('renumber' in plan)) return
    expect([...plan.renumber]).toEqual([
      ['a', 1],
      ['c', 2],
      ['b', 3],
    ])
  })

  it('renumbers when two items tie on the same order and something goes between them', () => {
    const tied: Ordered[] = [
      { id: 'a', order: 1 },
      { id: 'b', order: 1 },
      { id: 'x', order: 5 },
    ]
    const plan = planMove(tied, 'x', 1)
    expect(plan).toEqual({
      renumber: new Map([
        ['a', 1],
        ['x', 2],
        ['b', 3],
      ]),
    })
  })

  it('inserting at index 1 about 100 times stays strictly consistent (renumbering as needed)', () => {
    let items: Ordered[] = [
      { id: 'first', order: 1 },
      { id: 'last', order: 2 },
    ]
    let renumbers = 0
    for (let i = 0; i < 100; i++) {
      const id = `n${i}`
      const plan = planMove(items, id, 1)
      if ('renumber' in plan) {
        renumbers++
        expect(plan.renumber.size).toBe(items.length + 1)
      }
      items = apply(items, id, plan)
      expect(items.map((x) => x.id)[1]).toBe(id)
      expectStrictlySorted(items)
      // strictly increasing orders (no ties)
      for (let k = 1; k < items.length; k++) expect(items[k]!.order).toBeGreaterThan(items[k - 1]!.order)
    }
    expect(renumbers).toBeGreaterThan(0)
    expect(items).toHaveLength(102)
    expect(items[0]!.id).toBe('first')
    expect(items.at(-1)!.id).toBe('last')
    // Newest first after "first": n99, n98, …, n0
    expect(items.slice(1, -1).map((x) => x.id)).toEqual(Array.from({ length: 100 }, (_, i) => `n${99 - i}`))
  })
})

describe('ordered collections in a document', () => {
  it('addStage at index 1 about 100 times keeps every stage exactly once in the right place', () => {
    const doc = new Y.Doc()
    initBoard(doc, { template: 'journey', title: 'Dense' })
    const initial = listStages(doc).map((s) => s.id)
    const added: string[] = []
    for (let i = 0; i < 100; i++) {
      added.push(addStage(doc, `s${i}`, 1))
      const stages = listStages(doc)
      expect(stages[1]!.id).toBe(added.at(-1))
      for (let k = 1; k < stages.length; k++) expect(stages[k]!.order).toBeGreaterThan(stages[k - 1]!.order)
    }
    const ids = stageIds(doc)
    expect(ids).toHaveLength(106)
    expectUnique(ids)
    expect(ids).toEqual([initial[0], ...[...added].reverse(), ...initial.slice(1)])
  })

  it('moveStage back and forth into the same gap ~100 times stays consistent', () => {
    const doc = new Y.Doc()
    initBoard(doc, { template: 'journey', title: 'Dense' })
    const ids = stageIds(doc)
    for (let i = 0; i < 100; i++) {
      // Alternately move the last and the third-to-last stage into index 1.
      const current = stageIds(doc)
      const mover = i % 2 === 0 ? current.at(-1)! : current.at(-3)!
      moveStage(doc, mover, 1)
      const after = listStages(doc)
      expect(after[1]!.id).toBe(mover)
      expectStrictlySorted(after)
      for (let k = 1; k < after.length; k++) expect(after[k]!.order).toBeGreaterThan(after[k - 1]!.order)
    }
    expect([...stageIds(doc)].sort()).toEqual([...ids].sort())
  })

  it('addRoadmapItem / moveRoadmapItem at index 1 ~100 times keeps the column consistent', () => {
    const doc = new Y.Doc()
    const ids = [addRoadmapItem(doc, { title: 'a', column: 'now' }), addRoadmapItem(doc, { title: 'b', column: 'now' })]
    const other = addRoadmapItem(doc, { title: 'elsewhere', column: 'next' })
    for (let i = 0; i < 100; i++) {
      const id = addRoadmapItem(doc, { title: `n${i}`, column: 'now', index: 1 })
      ids.push(id)
      const now = listRoadmap(doc).filter((r) => r.column === 'now')
      expect(now[1]!.id).toBe(id)
      for (let k = 1; k < now.length; k++) expect(now[k]!.order).toBeGreaterThan(now[k - 1]!.order)
    }
    moveRoadmapItem(doc, other, 'now', 1)
    const now = listRoadmap(doc).filter((r) => r.column === 'now')
    expect(now[1]!.id).toBe(other)
    expect(now).toHaveLength(103)
    for (let k = 1; k < now.length; k++) expect(now[k]!.order).toBeGreaterThan(now[k - 1]!.order)
    expect(listRoadmap(doc).filter((r) => r.column === 'next')).toEqual([])
    expect(new Set(listRoadmap(doc).map((r) => r.id))).toEqual(new Set([...ids, other]))
  })
})

// ---------------------------------------------------------------------------------------------

describe('concurrent moves from two docs converge', () => {
  it('the same stage moved to different places ends up in one place on both docs', () => {
    const [a, b] = journeyPeers(2) as [Y.Doc, Y.Doc]
    const ids = stageIds(a)
    expect(stageIds(b)).toEqual(ids)
    moveStage(a, ids[0]!, 5)
    moveStage(b, ids[0]!, 2)
    syncAll([a, b])
    expectConverged([a, b])
    expect(stageIds(a)).toHaveLength(6)
    expect(stageIds(a).filter((id) => id === ids[0])).toHaveLength(1)
    // One of the two moves won.
    const position = stageIds(a).indexOf(ids[0]!)
    expect([2, 5]).toContain(position)
  })

  it('different stages moved into the same gap both land in that gap, in the same order on both docs', () => {
    const [a, b] = journeyPeers(2) as [Y.Doc, Y.Doc]
    const ids = stageIds(a)
    moveStage(a, ids[5]!, 1)
    moveStage(b, ids[4]!, 1)
    syncAll([a, b])
    expectConverged([a, b])
    const after = stageIds(a)
    expect(after[0]).toBe(ids[0])
    expect(new Set(after.slice(1, 3))).toEqual(new Set([ids[4], ids[5]]))
    expect(after.slice(3)).toEqual([ids[1], ids[2], ids[3]])
    // They got the same order number; the tie is broken by id.
    const stages = listStages(a)
    expect(stages[1]!.order).toBe(stages[2]!.order)
    expect(stages[1]!.id < stages[2]!.id).toBe(true)
  })

  it('concurrent inserts at the same index keep both stages', () => {
    const [a, b] = journeyPeers(2) as [Y.Doc, Y.Doc]
    const x = addStage(a, 'from A', 2)
    const y = addStage(b, 'from B', 2)
    syncAll([a, b])
    expectConverged([a, b])
    expect(stageIds(a)).toHaveLength(8)
    expect(new Set(stageIds(a).slice(2, 4))).toEqual(new Set([x, y]))
  })

  it('lanes: swaps, same-item and same-gap moves on both sides converge', () => {
    const [a, b] = journeyPeers(2) as [Y.Doc, Y.Doc]
    const ids = laneIds(a)
    moveLane(a, ids[0]!, 7)
    moveLane(b, ids[7]!, 0)
    moveLane(a, ids[3]!, 1)
    moveLane(b, ids[3]!, 6)
    moveLane(a, ids[5]!, 2)
    moveLane(b, ids[6]!, 2)
    syncAll([a, b])
    expectConverged([a, b])
    expect([...laneIds(a)].sort()).toEqual([...ids].sort())
  })

  it('a renumbering on one doc concurrent with moves on the other converges without duplicates', () => {
    const [a, b] = journeyPeers(2) as [Y.Doc, Y.Doc]
    const ids = stageIds(a)
    // Exhaust the gap after the first stage on A so that A renumbers every stage.
    for (let i = 0; i < 40; i++) addStage(a, `a${i}`, 1)
    // Meanwhile B moves things around.
    moveStage(b, ids[0]!, 5)
    moveStage(b, ids[3]!, 0)
    addStage(b, 'b0', 1)
    syncAll([a, b])
    expectConverged([a, b])
    expect(stageIds(a)).toHaveLength(6 + 40 + 1)
  })

  it('a stage removed on one doc while moved on the other is gone on both', () => {
    const [a, b] = journeyPeers(2) as [Y.Doc, Y.Doc]
    const ids = stageIds(a)
    removeStage(a, ids[2]!)
    moveStage(b, ids[2]!, 0)
    syncAll([a, b])
    expectConverged([a, b])
    expect(stageIds(a)).not.toContain(ids[2])
    expect(stageIds(a)).toHaveLength(5)
  })

  it('roadmap: the same item moved to different columns, and different items into the same gap', () => {
    const [a, b] = journeyPeers(2) as [Y.Doc, Y.Doc]
    const items = listRoadmap(a)
    const byTitle = (t: string) => items.find((i) => i.title === t)!.id
    // same item, different places
    moveRoadmapItem(a, byTitle('later-0'), 'now', 0)
    moveRoadmapItem(b, byTitle('later-0'), 'next', 2)
    // different items, same gap (between now-0 and now-1)
    moveRoadmapItem(a, byTitle('next-0'), 'now', 1)
    moveRoadmapItem(b, byTitle('later-2'), 'now', 1)
    // same item within its own column vs. another column
    moveRoadmapItem(a, byTitle('now-2'), 'now', 0)
    moveRoadmapItem(b, byTitle('now-2'), 'later', 0)
    syncAll([a, b])
    expectConverged([a, b])
    const after = listRoadmap(a)
    expect(after).toHaveLength(9)
    expect(new Set(after.map((i) => i.id))).toEqual(new Set(items.map((i) => i.id)))
    // Each item sits in exactly one column.
    const later0 = after.find((i) => i.title === 'later-0')!
    expect(['now', 'next']).toContain(later0.column)
    const next0 = after.find((i) => i.title === 'next-0')!
    const later2 = after.find((i) => i.title === 'later-2')!
    expect(next0.column).toBe('now')
    expect(later2.column).toBe('now')
  })

  it('roadmap: concurrent move and remove of the same item', () => {
    const [a, b] = journeyPeers(2) as [Y.Doc, Y.Doc]
    const target = listRoadmap(a)[0]!.id
    removeRoadmapItem(a, target)
    moveRoadmapItem(b, target, 'later', 1)
    syncAll([a, b])
    expectConverged([a, b])
    expect(listRoadmap(a).map((i) => i.id)).not.toContain(target)
  })
})

// ---------------------------------------------------------------------------------------------

describe('seeded fuzz: random concurrent edits on 3 docs converge', () => {
  const ITERATIONS = 200
  const DOCS = 3
  const STEPS = 30

  function runSeed(seed: number): { docs: Y.Doc[]; log: string[] } {
    const rand = mulberry32(seed)
    const int = (n: number) => Math.floor(rand() * n)
    const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[int(xs.length)] : undefined)
    const docs = journeyPeers(DOCS)
    const log: string[] = []
    for (let step = 0; step < STEPS; step++) {
      const d = int(DOCS)
      const doc = docs[d]!
      const roll = int(12)
      // Index may be out of range on purpose: moves must clamp.
      const index = int(12) - 2
      switch (roll) {
        case 0:
        case 1: {
          const id = pick(stageIds(doc))
          if (id) moveStage(doc, id, index)
          log.push(`d${d} moveStage ${id} ${index}`)
          break
        }
        case 2: {
          const id = pick(laneIds(doc))
          if (id) moveLane(doc, id, index)
          log.push(`d${d} moveLane ${id} ${index}`)
          break
        }
        case 3:
          log.push(`d${d} addStage ${addStage(doc, `s${step}`, index)} ${index}`)
          break
        case 4:
          log.push(`d${d} addLane ${addLane(doc, `l${step}`, 'custom', index)} ${index}`)
          break
        case 5: {
          const id = pick(stageIds(doc))
          if (id && stageIds(doc).length > 2) removeStage(doc, id)
          log.push(`d${d} removeStage ${id}`)
          break
        }
        case 6: {
          const id = pick(laneIds(doc))
          if (id && laneIds(doc).length > 2) removeLane(doc, id)
          log.push(`d${d} removeLane ${id}`)
          break
        }
        case 7:
        case 8: {
          const id = pick(listRoadmap(doc).map((r) => r.id))
          const column = pick(ROADMAP_COLUMNS) as RoadmapColumn
          if (id) moveRoadmapItem(doc, id, column, index)
          log.push(`d${d} moveRoadmap ${id} ${column} ${index}`)
          break
        }
        case 9: {
          const column = pick(ROADMAP_COLUMNS) as RoadmapColumn
          log.push(`d${d} addRoadmap ${addRoadmapItem(doc, { title: `r${step}`, column, index })} ${column} ${index}`)
          break
        }
        case 10: {
          const id = pick(listRoadmap(doc).map((r) => r.id))
          if (id) removeRoadmapItem(doc, id)
          log.push(`d${d} removeRoadmap ${id}`)
          break
        }
        default: {
          // A burst of inserts into one gap, to force renumbering now and then.
          const id = pick(stageIds(doc))
          for (let k = 0; k < 8; k++) addStage(doc, `burst${step}-${k}`, 1)
          if (id) moveStage(doc, id, 1)
          log.push(`d${d} burst+moveStage ${id}`)
        }
      }
      // Local invariant: each doc alone never lists an id twice.
      expectUnique(stageIds(doc), `seed ${seed} step ${step}`)
      // Random pairwise sync.
      if (rand() < 0.35) {
        const from = int(DOCS)
        const to = int(DOCS)
        if (from !== to) {
          pull(docs[to]!, docs[from]!)
          log.push(`sync d${from} -> d${to}`)
        }
      }
    }
    syncAll(docs)
    return { docs, log }
  }

  it(`${ITERATIONS} seeds: identical listStages / listLanes / listRoadmap on all docs`, () => {
    const base = 0x5eed
    for (let i = 0; i < ITERATIONS; i++) {
      const seed = base + i
      const { docs, log } = runSeed(seed)
      const message = `fuzz failed for seed ${seed}\n${log.join('\n')}`
      expectConverged(docs, message)
      // Ordering of each listing is strictly consistent (order, then id).
      expectStrictlySorted(listStages(docs[0]!), message)
      expectStrictlySorted(listLanes(docs[0]!), message)
      for (const column of ROADMAP_COLUMNS) {
        expectStrictlySorted(
          listRoadmap(docs[0]!).filter((r) => r.column === column),
          message,
        )
      }
    }
  })

  it('the PRNG is deterministic for a seed', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const xs = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs)
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
    }
    expect(mulberry32(43)()).not.toBe(xs[0])
  })
})

describe('planMove with a NaN index', () => {
  it('puts the item at the end rather than tying with the first', () => {
    const items: Ordered[] = [
      { id: 'a', order: 1 },
      { id: 'b', order: 2 },
    ]
    expect(planMove(items, 'new', Number.NaN)).toEqual({ order: 3 })
  })
})
