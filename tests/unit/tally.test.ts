import { describe, it, expect } from 'vitest'
import * as Y from 'yjs'
import { countableVotes, tallyRound, votesByDepartment, type RoundLimits, type Tally } from '../../shared/voting/tally'
import { boardMaps } from '../../shared/board/board-doc'
import { addNote, deleteNote, listNotes } from '../../shared/board/note'
import { readVotes, setVote, voteKey } from '../../shared/voting/vote'
import { initControl, isLocked, readControl, setFlag, setPhase } from '../../shared/facilitation/control'
import { controlMaps } from '../../shared/facilitation/control-doc'
import { readTimer } from '../../shared/facilitation/timer'
import {
  DEFAULT_MAX_PER_TARGET,
  DEFAULT_VOTES_PER_PERSON,
  MAX_VOTES_PER_PERSON,
  closeRound,
  listRounds,
  openRound,
  readRound,
} from '../../shared/voting/round'

// ---------------------------------------------------------------------------------------------
// Helpers

const limits = (votesPerPerson: number, maxPerTarget: number, id = 'r1'): RoundLimits => ({ id, votesPerPerson, maxPerTarget })

/** Writes a participant's map as a misbehaving client would: any values at all. */
function writeRaw(doc: Y.Doc, key: string, entries: Record<string, unknown>): void {
  const map = new Y.Map<unknown>()
  for (const [target, value] of Object.entries(entries)) map.set(target, value)
  boardMaps(doc).votes.set(key, map)
}

const rawVotes = (doc: Y.Doc) => boardMaps(doc).votes as unknown as Y.Map<unknown>

const rankingOf = (tally: Tally) => tally.ranking.map((e) => [e.targetId, e.votes, e.voters])

// ---------------------------------------------------------------------------------------------

describe('setVote / readVotes', () => {
  it('round trip, 0 removes, non-integers truncate, negatives remove', () => {
    const doc = new Y.Doc()
    setVote(doc, 'r1', 'p1', 'n1', 2)
    setVote(doc, 'r1', 'p1', 'n2', 1)
    expect(Object.fromEntries(readVotes(doc, 'r1', 'p1'))).toEqual({ n1: 2, n2: 1 })
    setVote(doc, 'r1', 'p1', 'n1', 3.9)
    expect(readVotes(doc, 'r1', 'p1').get('n1')).toBe(3)
    setVote(doc, 'r1', 'p1', 'n2', 0)
    expect([...readVotes(doc, 'r1', 'p1').keys()]).toEqual(['n1'])
    setVote(doc, 'r1', 'p1', 'n1', -4)
    expect(readVotes(doc, 'r1', 'p1').size).toBe(0)
    expect(boardMaps(doc).votes.get(voteKey('r1', 'p1'))).toBeInstanceOf(Y.Map)
  })

  it('keeps rounds and participants apart', () => {
    const doc = new Y.Doc()
    setVote(doc, 'r1', 'p1', 'n1', 1)
    setVote(doc, 'r1', 'p2', 'n1', 2)
    setVote(doc, 'r2', 'p1', 'n1', 3)
    expect(readVotes(doc, 'r1', 'p1').get('n1')).toBe(1)
    expect(readVotes(doc, 'r1', 'p2').get('n1')).toBe(2)
    expect(readVotes(doc, 'r2', 'p1').get('n1')).toBe(3)
    expect(readVotes(doc, 'r3', 'p1').size).toBe(0)
    expect([...boardMaps(doc).votes.keys()].sort()).toEqual(['r1/p1', 'r1/p2', 'r2/p1'])
  })

  it('readVotes returns what was written, filtering garbage values, and tolerates a non-map value', () => {
    const doc = new Y.Doc()
    writeRaw(doc, 'r1/p1', { a: 2, b: -1, c: 1.5, d: '3', e: null, f: 0, g: 99 })
    expect(Object.fromEntries(readVotes(doc, 'r1', 'p1'))).toEqual({ a: 2, g: 99 })
    rawVotes(doc).set('r1/p2', 'lots')
    expect(readVotes(doc, 'r1', 'p2').size).toBe(0)
    // setVote replaces a non-map value with a fresh map
    setVote(doc, 'r1', 'p2', 'a', 1)
    expect(Object.fromEntries(readVotes(doc, 'r1', 'p2'))).toEqual({ a: 1 })
  })

  it('a vote written on one doc is read on another after sync', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    setVote(a, 'r1', 'p1', 'n1', 2)
    setVote(b, 'r1', 'p2', 'n1', 1)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    for (const doc of [a, b]) {
      expect(rankingOf(tallyRound(doc, limits(5, 3)))).toEqual([['n1', 3, 2]])
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('countableVotes', () => {
  it('applies maxPerTarget and votesPerPerson in target-id order', () => {
    const counted = countableVotes(
      [
        ['c', 3],
        ['a', 3],
        ['b', 3],
      ],
      limits(5, 2),
    )
    expect([...counted]).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 1],
    ])
  })

  it('drops non-positive, non-integer and non-number counts', () => {
    const counted = countableVotes(
      [
        ['a', 0],
        ['b', -3],
        ['c', 1.5],
        ['d', '2'],
        ['e', Number.NaN],
        ['f', Number.POSITIVE_INFINITY],
        ['g', true],
        ['h', null],
        ['i', 1],
      ],
      limits(10, 10),
    )
    expect([...counted]).toEqual([['i', 1]])
  })

  it('treats bad limits as zero and truncates fractional limits', () => {
    expect(countableVotes([['a', 3]], limits(0, 3)).size).toBe(0)
    expect(countableVotes([['a', 3]], limits(5, 0)).size).toBe(0)
    expect(countableVotes([['a', 3]], limits(-5, 3)).size).toBe(0)
    expect([...countableVotes([['a', 9]], limits(5.9, 2.9))]).toEqual([['a', 2]])
    expect([...countableVotes([['a', 1], ['b', 9]], limits(2.5, 9))]).toEqual([['a', 1], ['b', 1]])
  })
})

// ---------------------------------------------------------------------------------------------

describe('tallyRound', () => {
  it('counts honest votes: totals, voters, used dots', () => {
    const doc = new Y.Doc()
    setVote(doc, 'r1', 'p1', 'n1', 2)
    setVote(doc, 'r1', 'p1', 'n2', 1)
    setVote(doc, 'r1', 'p2', 'n1', 1)
    setVote(doc, 'r1', 'p2', 'n3', 3)
    const tally = tallyRound(doc, limits(5, 3))
    expect(rankingOf(tally)).toEqual([
      ['n1', 3, 2],
      ['n3', 3, 1],
      ['n2', 1, 1],
    ])
    expect(Object.fromEntries(tally.usedByParticipant)).toEqual({ p1: 3, p2: 4 })
  })

  it('enforces maxPerTarget whatever was written', () => {
    const doc = new Y.Doc()
    writeRaw(doc, 'r1/p1', { a: 1000 })
    writeRaw(doc, 'r1/p2', { a: 4, b: 2 })
    const tally = tallyRound(doc, limits(100, 3))
    expect(rankingOf(tally)).toEqual([
      ['a', 6, 2],
      ['b', 2, 1],
    ])
    expect(Object.fromEntries(tally.usedByParticipant)).toEqual({ p1: 3, p2: 5 })
  })

  it('enforces votesPerPerson whatever was written, truncating in target-id order', () => {
    const doc = new Y.Doc()
    // Written in reverse id order, to show insertion order does not matter.
    writeRaw(doc, 'r1/p1', { z: 3, m: 3, b: 3, a: 3 })
    const tally = tallyRound(doc, limits(5, 3))
    expect(rankingOf(tally)).toEqual([
      ['a', 3, 1],
      ['b', 2, 1],
    ])
    expect(tally.usedByParticipant.get('p1')).toBe(5)
    // Nobody's dots on m and z counted.
    expect(tally.ranking.find((e) => e.targetId === 'm' || e.targetId === 'z')).toBeUndefined()
  })

  it('is deterministic: the same votes written in different orders on different docs tally the same', () => {
    const entries: [string, number][] = [
      ['n5', 2],
      ['n1', 3],
      ['n3', 1],
      ['n2', 3],
      ['n4', 2],
    ]
    const a = new Y.Doc()
    const b = new Y.Doc()
    writeRaw(a, 'r1/p1', Object.fromEntries(entries))
    writeRaw(b, 'r1/p1', Object.fromEntries([...entries].reverse()))
    writeRaw(a, 'r1/p2', { n4: 3, n2: 1 })
    writeRaw(b, 'r1/p2', { n2: 1, n4: 3 })
    const ta = tallyRound(a, limits(6, 2))
    const tb = tallyRound(b, limits(6, 2))
    expect(ta).toEqual(tb)
    // p1: n1 2, n2 2, n3 1, n4 1 (budget exhausted), n5 0
    expect(rankingOf(ta)).toEqual([
      ['n2', 3, 2],
      ['n4', 3, 2],
      ['n1', 2, 1],
      ['n3', 1, 1],
    ])
    expect(Object.fromEntries(ta.usedByParticipant)).toEqual({ p1: 6, p2: 3 })
  })

  it('ignores negative, zero, non-integer, string, boolean, null, NaN, Infinity and nested-map counts', () => {
    const doc = new Y.Doc()
    writeRaw(doc, 'r1/p1', {
      neg: -3,
      zero: 0,
      frac: 2.5,
      str: '3',
      bool: true,
      nil: null,
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      arr: [1, 2],
      obj: { count: 2 },
      nested: new Y.Map(),
      ok: 1,
    })
    const tally = tallyRound(doc, limits(5, 3))
    expect(rankingOf(tally)).toEqual([['ok', 1, 1]])
    expect(tally.usedByParticipant.get('p1')).toBe(1)
  })

  it('ignores a non-map value under a vote key', () => {
    const doc = new Y.Doc()
    rawVotes(doc).set('r1/p1', 5)
    rawVotes(doc).set('r1/p2', 'n1')
    rawVotes(doc).set('r1/p3', { n1: 3 })
    rawVotes(doc).set('r1/p4', ['n1', 'n1'])
    rawVotes(doc).set('r1/p5', null)
    rawVotes(doc).set('r1/p6', new Y.Array())
    setVote(doc, 'r1', 'honest', 'n1', 1)
    const tally = tallyRound(doc, limits(5, 3))
    expect(rankingOf(tally)).toEqual([['n1', 1, 1]])
    expect([...tally.usedByParticipant.keys()]).toEqual(['honest'])
  })

  it('ignores keys without a slash, with an empty part, and keys of other rounds', () => {
    const doc = new Y.Doc()
    writeRaw(doc, 'r1p1', { a: 3 })
    writeRaw(doc, '/p1', { a: 3 })
    writeRaw(doc, 'r1/', { a: 3 })
    writeRaw(doc, 'r1', { a: 3 })
    writeRaw(doc, '', { a: 3 })
    writeRaw(doc, 'r2/p1', { a: 3 })
    writeRaw(doc, 'r10/p1', { a: 3 })
    writeRaw(doc, 'xr1/p1', { a: 3 })
    writeRaw(doc, 'r1/p1', { b: 1 })
    const tally = tallyRound(doc, limits(5, 3))
    expect(rankingOf(tally)).toEqual([['b', 1, 1]])
    expect(Object.fromEntries(tally.usedByParticipant)).toEqual({ p1: 1 })
    // The other round tallies its own key only.
    expect(rankingOf(tallyRound(doc, limits(5, 3, 'r2')))).toEqual([['a', 3, 1]])
  })

  it('a key with several slashes belongs to the round before the first slash', () => {
    const doc = new Y.Doc()
    writeRaw(doc, 'r1/p/x', { a: 2 })
    const tally = tallyRound(doc, limits(5, 3))
    expect(rankingOf(tally)).toEqual([['a', 2, 1]])
    expect([...tally.usedByParticipant.keys()]).toEqual(['p/x'])
  })

  it('ranks by votes descending, then target id ascending', () => {
    const doc = new Y.Doc()
    writeRaw(doc, 'r1/p1', { d: 2, c: 2, b: 1, e: 3 })
    writeRaw(doc, 'r1/p2', { a: 2, f: 1 })
    const tally = tallyRound(doc, limits(10, 3))
    expect(tally.ranking.map((e) => e.targetId)).toEqual(['e', 'a', 'c', 'd', 'b', 'f'])
    for (let i = 1; i < tally.ranking.length; i++) {
      const prev = tally.ranking[i - 1]!
      const cur = tally.ranking[i]!
      expect(prev.votes > cur.votes || (prev.votes === cur.votes && prev.targetId < cur.targetId)).toBe(true)
    }
  })

  it('counts a participant with no valid dots as having used 0', () => {
    const doc = new Y.Doc()
    writeRaw(doc, 'r1/p1', { a: -1 })
    writeRaw(doc, 'r1/p2', {})
    const tally = tallyRound(doc, limits(5, 3))
    expect(tally.ranking).toEqual([])
    expect(Object.fromEntries(tally.usedByParticipant)).toEqual({ p1: 0, p2: 0 })
  })

  it('an empty document tallies to nothing', () => {
    const tally = tallyRound(new Y.Doc(), limits(5, 3))
    expect(tally.ranking).toEqual([])
    expect(tally.usedByParticipant.size).toBe(0)
  })

  it('the targets filter excludes deleted targets (their dots neither count nor use the budget)', () => {
    const doc = new Y.Doc()
    const n1 = addNote(doc, { x: 0, y: 0, text: 'one' })
    const n2 = addNote(doc, { x: 0, y: 0, text: 'two' })
    const [first, second] = [n1, n2].sort() as [string, string]
    setVote(doc, 'r1', 'p1', first, 3)
    setVote(doc, 'r1', 'p1', second, 3)
    setVote(doc, 'r1', 'p2', first, 1)
    const round = limits(5, 3)

    const before = tallyRound(doc, round, new Set(listNotes(doc).map((n) => n.id)))
    expect(rankingOf(before)).toEqual([
      [first, 4, 2],
      [second, 2, 1],
    ])

    deleteNote(doc, first)
    const after = tallyRound(doc, round, new Set(listNotes(doc).map((n) => n.id)))
    expect(rankingOf(after)).toEqual([[second, 3, 1]])
    expect(after.ranking.some((e) => e.targetId === first)).toBe(false)
    expect(Object.fromEntries(after.usedByParticipant)).toEqual({ p1: 3, p2: 0 })

    // An empty filter counts nothing; no filter counts everything written.
    expect(tallyRound(doc, round, new Set()).ranking).toEqual([])
    expect(tallyRound(doc, round).ranking.map((e) => e.targetId).sort()).toEqual([first, second].sort())
  })

  it('uses the limits of a round opened in the control doc', () => {
    const board = new Y.Doc()
    const control = new Y.Doc()
    initControl(control)
    const roundId = openRound(control, { targetKind: 'note', votesPerPerson: 3, maxPerTarget: 2 })
    const round = readRound(control, roundId)!
    writeRaw(board, voteKey(roundId, 'p1'), { a: 5, b: 5, c: 5 })
    const tally = tallyRound(board, round)
    expect(rankingOf(tally)).toEqual([
      ['a', 2, 1],
      ['b', 1, 1],
    ])
  })
})

// ---------------------------------------------------------------------------------------------

describe('votesByDepartment', () => {
  it('splits the dots that count by the voter’s department; they add up to the tally', () => {
    const doc = new Y.Doc()
    setVote(doc, 'r1', 'ann', 'n1', 3)
    setVote(doc, 'r1', 'cas', 'n1', 2)
    setVote(doc, 'r1', 'bob', 'n1', 2)
    setVote(doc, 'r1', 'dee', 'n2', 1)
    writeRaw(doc, 'r1/eve', { n1: 50 }) // too many: only maxPerTarget counts
    setVote(doc, 'r2', 'ann', 'n2', 3) // another round
    const departmentOf = new Map([
      ['ann', 'Service'],
      ['cas', 'Service'],
      ['bob', 'Sales'],
      ['eve', 'Sales'],
    ])
    const split = votesByDepartment(doc, limits(5, 3), departmentOf)
    expect(Object.fromEntries([...split].map(([target, counts]) => [target, Object.fromEntries(counts)]))).toEqual({
      n1: { Service: 5, Sales: 5 },
      n2: { '': 1 },
    })
    for (const entry of tallyRound(doc, limits(5, 3)).ranking) {
      expect([...(split.get(entry.targetId)?.values() ?? [])].reduce((a, b) => a + b, 0)).toBe(entry.votes)
    }
    // A deleted target's dots are left out, as in the tally.
    expect([...votesByDepartment(doc, limits(5, 3), departmentOf, new Set(['n2'])).keys()]).toEqual(['n2'])
  })
})

describe('control: rounds', () => {
  it('openRound stores defaults, makes the round active, and readRound reads it back', () => {
    const doc = new Y.Doc()
    initControl(doc)
    const id = openRound(doc, { title: 'Top pains', targetKind: 'pain' }, 1234)
    expect(readRound(doc, id)).toEqual({
      id,
      createdAt: 1234,
      title: 'Top pains',
      targetKind: 'pain',
      votesPerPerson: DEFAULT_VOTES_PER_PERSON,
      maxPerTarget: DEFAULT_MAX_PER_TARGET,
      status: 'open',
    })
    expect(readControl(doc).activeRoundId).toBe(id)
  })

  it('openRound clamps votesPerPerson to 1…MAX and maxPerTarget to 1…votesPerPerson', () => {
    const doc = new Y.Doc()
    const read = (input: { votesPerPerson?: number; maxPerTarget?: number }) => {
      const r = readRound(doc, openRound(doc, { targetKind: 'note', ...input }))!
      return [r.votesPerPerson, r.maxPerTarget]
    }
    expect(read({ votesPerPerson: 1000 })).toEqual([MAX_VOTES_PER_PERSON, DEFAULT_MAX_PER_TARGET])
    expect(read({ votesPerPerson: 0 })).toEqual([1, 1])
    expect(read({ votesPerPerson: -5, maxPerTarget: -5 })).toEqual([1, 1])
    expect(read({ votesPerPerson: Number.NaN })).toEqual([1, 1])
    expect(read({ votesPerPerson: Number.POSITIVE_INFINITY })).toEqual([1, 1])
    expect(read({ votesPerPerson: 7.9, maxPerTarget: 2.9 })).toEqual([7, 2])
    expect(read({ votesPerPerson: 4, maxPerTarget: 10 })).toEqual([4, 4])
    expect(read({ votesPerPerson: 4, maxPerTarget: 0 })).toEqual([4, 1])
    expect(read({ votesPerPerson: 2 })).toEqual([2, 2])
    // Stored values are clamped too, not just the read.
    const id = openRound(doc, { targetKind: 'note', votesPerPerson: 500, maxPerTarget: 500 })
    const stored = controlMaps(doc).rounds.get(id)!
    expect(stored.get('votesPerPerson')).toBe(MAX_VOTES_PER_PERSON)
    expect(stored.get('maxPerTarget')).toBe(MAX_VOTES_PER_PERSON)
  })

  it('openRound clips the title to the title limit', () => {
    const doc = new Y.Doc()
    const id = openRound(doc, { targetKind: 'cluster', title: 't'.repeat(1000) })
    expect(readRound(doc, id)!.title).toBe('t'.repeat(200))
    expect(readRound(doc, id)!.targetKind).toBe('cluster')
  })

  it('opening a second round makes it the active one', () => {
    const doc = new Y.Doc()
    const first = openRound(doc, { targetKind: 'note' }, 2000)
    const second = openRound(doc, { targetKind: 'idea' }, 1000)
    expect(first).not.toBe(second)
    expect(readControl(doc).activeRoundId).toBe(second)
    // Oldest first, by when they were opened.
    expect(listRounds(doc).map((r) => r.id)).toEqual([second, first])
    expect(() => openRound(doc, { targetKind: 'everything' as 'note' })).toThrow(/no such round target kind/)
  })

  it('closeRound closes the round and clears activeRoundId', () => {
    const doc = new Y.Doc()
    initControl(doc)
    const id = openRound(doc, { targetKind: 'note' })
    closeRound(doc, id)
    expect(readRound(doc, id)!.status).toBe('closed')
    expect(readControl(doc).activeRoundId).toBeUndefined()
    expect(controlMaps(doc).control.has('activeRoundId')).toBe(false)
  })

  it('closing a round that is not active leaves the active one alone; unknown ids are no-ops', () => {
    const doc = new Y.Doc()
    const old = openRound(doc, { targetKind: 'note' })
    const active = openRound(doc, { targetKind: 'note' })
    closeRound(doc, old)
    expect(readRound(doc, old)!.status).toBe('closed')
    expect(readRound(doc, active)!.status).toBe('open')
    expect(readControl(doc).activeRoundId).toBe(active)
    closeRound(doc, 'ghost')
    expect(controlMaps(doc).rounds.has('ghost')).toBe(false)
    expect(readControl(doc).activeRoundId).toBe(active)
  })

  it('readRound on garbage: non-map is undefined; wrong field types read as safe, clamped values', () => {
    const doc = new Y.Doc()
    const rounds = controlMaps(doc).rounds as unknown as Y.Map<unknown>
    rounds.set('str', 'not a round')
    rounds.set('num', 5)
    const bad = new Y.Map<unknown>()
    bad.set('title', 42)
    bad.set('targetKind', 'everything')
    bad.set('votesPerPerson', 'lots')
    bad.set('maxPerTarget', Number.NaN)
    bad.set('status', 'ajar')
    rounds.set('bad', bad)
    const huge = new Y.Map<unknown>()
    huge.set('votesPerPerson', 1e9)
    huge.set('maxPerTarget', 1e9)
    huge.set('status', 'open')
    huge.set('targetKind', 'hmw')
    rounds.set('huge', huge)
    const negative = new Y.Map<unknown>()
    negative.set('votesPerPerson', -3)
    negative.set('maxPerTarget', 2)
    negative.set('targetKind', 'pain')
    rounds.set('negative', negative)
    const inverted = new Y.Map<unknown>()
    inverted.set('votesPerPerson', 2)
    inverted.set('maxPerTarget', 9)
    inverted.set('targetKind', 'pain')
    rounds.set('inverted', inverted)

    expect(readRound(doc, 'str')).toBeUndefined()
    expect(readRound(doc, 'num')).toBeUndefined()
    expect(readRound(doc, 'missing')).toBeUndefined()
    // A round without a valid target kind is no round: voting on "everything" never opens.
    expect(readRound(doc, 'bad')).toBeUndefined()
    expect(readRound(doc, 'huge')).toMatchObject({ votesPerPerson: MAX_VOTES_PER_PERSON, maxPerTarget: MAX_VOTES_PER_PERSON, status: 'open', targetKind: 'hmw' })
    expect(readRound(doc, 'negative')).toMatchObject({ votesPerPerson: 0, maxPerTarget: 0 })
    expect(readRound(doc, 'inverted')).toMatchObject({ votesPerPerson: 2, maxPerTarget: 2 })
    expect(listRounds(doc).map((r) => r.id)).toEqual(['huge', 'inverted', 'negative'])

    // A garbage round tallies safely: the clamped limits apply.
    const board = new Y.Doc()
    writeRaw(board, 'huge/p1', { a: 1000 })
    expect(rankingOf(tallyRound(board, readRound(doc, 'huge')!))).toEqual([['a', MAX_VOTES_PER_PERSON, 1]])
    writeRaw(board, 'negative/p1', { a: 1 })
    expect(tallyRound(board, readRound(doc, 'negative')!).ranking).toEqual([])
  })
})

describe('control: state', () => {
  it('initControl writes the defaults; readControl reads them', () => {
    const doc = new Y.Doc()
    initControl(doc)
    expect(readControl(doc)).toEqual({
      phase: 'discover',
      timer: { durationMs: 5 * 60_000 },
      privateMode: false,
      locked: false,
      anonymous: false,
      followMe: false,
      departments: ['Marketing', 'Sales', 'Service', 'Finance', 'IT'],
      dataRevealed: false,
      guessesClosed: false,
    })
    expect(isLocked(doc)).toBe(false)
  })

  it('setPhase and setFlag', () => {
    const doc = new Y.Doc()
    initControl(doc)
    setPhase(doc, 'deliver')
    setFlag(doc, 'locked', true)
    setFlag(doc, 'anonymous', true)
    expect(readControl(doc)).toMatchObject({ phase: 'deliver', locked: true, anonymous: true, privateMode: false })
    expect(isLocked(doc)).toBe(true)
    setFlag(doc, 'locked', false)
    expect(isLocked(doc)).toBe(false)
  })

  it('readControl on garbage falls back to safe values', () => {
    const doc = new Y.Doc()
    const { control } = controlMaps(doc)
    control.set('phase', 'party')
    control.set('timer', 'soon')
    control.set('locked', 'true')
    control.set('privateMode', 1)
    control.set('anonymous', null)
    control.set('activeRoundId', 17)
    expect(readControl(doc)).toEqual({
      phase: 'discover',
      timer: { durationMs: 5 * 60_000 },
      privateMode: false,
      locked: false,
      anonymous: false,
      followMe: false,
      departments: ['Marketing', 'Sales', 'Service', 'Finance', 'IT'],
      dataRevealed: false,
      guessesClosed: false,
    })
    expect(isLocked(doc)).toBe(false)
    control.set('activeRoundId', '')
    expect(readControl(doc).activeRoundId).toBeUndefined()
  })

  it('readTimer validates its fields', () => {
    const doc = new Y.Doc()
    const timer = new Y.Map<unknown>()
    timer.set('durationMs', -500)
    timer.set('startedAt', Number.NaN)
    timer.set('pausedRemainingMs', -10)
    controlMaps(doc).control.set('timer', timer)
    expect(readTimer(doc)).toEqual({ durationMs: 5 * 60_000, pausedRemainingMs: 0 })
    timer.set('durationMs', 60_000)
    timer.set('startedAt', 1_700_000_000_000)
    timer.set('pausedRemainingMs', 'x')
    expect(readTimer(doc)).toEqual({ durationMs: 60_000, startedAt: 1_700_000_000_000 })
  })
})
