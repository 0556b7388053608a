/**
 * Content rules a connection cannot express: a participant may write the board, but in the
 * `votes` map only under its own keys ("<roundId>/<participantId>"). An update is inspected
 * before it is applied: every new item and every deletion is traced to the top-level key of
 * `votes` it lives under, if any. Items without parent information in the update (Yjs omits
 * it when an item has an origin) are traced through their origin — in the update itself or in
 * the server's document.
 */
import * as Y from 'yjs'
import type { DecodedUpdate } from './protocol'
import { LIMITS } from '../../shared/limits'
import { parseVoteKey } from '../../shared/voting/vote'

type Struct = Y.Item | Y.GC | Y.Skip
type Decoded = DecodedUpdate

/** Where an item lives: under a root type (by name) or inside another item's type (by id). */
type Place = { root: string; key: string | null } | { inside: Y.ID; key: string | null }

const MAX_DEPTH = 64
const GC_PLACE = '\u0000gc'

/**
 * Top-level maps whose keys belong to one participant each: `votes` ("<roundId>/<participantId>")
 * and `people` (the participant id itself).
 */
const OWNED_ROOTS: Record<string, (key: string) => string | undefined> = {
  votes: (key) => parseVoteKey(key)?.participantId,
  people: (key) => key,
  // Issue #12: each participant's ranked guess (content rules: dataGuards.ts).
  guesses: (key) => key,
}

/** The update's structs by client id, in the order the update lists them. */
function byClientId<T extends Struct>(structs: readonly T[]): Map<number, T[]> {
  const byClient = new Map<number, T[]>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? []
    list.push(struct)
    byClient.set(struct.id.client, list)
  }
  return byClient
}

/**
 * Why a participant may not write an owned key of the update or its deletions: `foreign` for a
 * key of an owned map (`votes`, `people`) that is not `participantId`'s (`key` is
 * "(unresolvable)" when it cannot be traced), `closed` for its own vote key in a round that
 * `closedRound` says is closed (its results are kept as they were).
 */
export interface OwnedKeyRefusal {
  key: string
  reason: 'foreign' | 'closed'
}

/**
 * Finds where the update's items and the document's items live (see `Place`). One tracer serves
 * every check of an update (`foreignOwnedKey`, `forgedValue`): build it once.
 */
export function tracer(doc: Y.Doc, decoded: Decoded) {
  const byClient = byClientId(decoded.structs.filter((struct): struct is Y.Item => struct instanceof Y.Item))
  const inUpdate = (id: Y.ID): Y.Item | undefined =>
    byClient.get(id.client)?.find((item) => item.id.clock <= id.clock && id.clock < item.id.clock + item.length)
  const structInDoc = (id: Y.ID): Y.Item | Y.GC | undefined => {
    if (id.clock >= Y.getState(doc.store, id.client)) return undefined
    try {
      const struct = Y.getItem(doc.store, id) as unknown
      return struct instanceof Y.Item || struct instanceof Y.GC ? struct : undefined
    } catch {
      return undefined
    }
  }
  const inDoc = (id: Y.ID): Y.Item | undefined => {
    const struct = structInDoc(id)
    return struct instanceof Y.Item ? struct : undefined
  }

  /** Where an item of the update or of the document lives. */
  const placeOf = (item: Y.Item, depth = 0): Place | undefined => {
    if (depth > MAX_DEPTH) return undefined
    const parent = item.parent as unknown
    if (typeof parent === 'string') return { root: parent, key: item.parentSub }
    if (parent instanceof Y.ID) return { inside: parent, key: item.parentSub }
    if (parent instanceof Y.AbstractType) {
      const owner = parent._item
      return owner ? { inside: owner.id, key: item.parentSub } : { root: Y.findRootTypeKey(parent), key: item.parentSub }
    }
    // No parent in the update: it is the parent of its origin (left, else right).
    const neighbour = item.origin ?? item.rightOrigin
    if (!neighbour) return undefined
    const next = inUpdate(neighbour) ?? structInDoc(neighbour)
    // Next to garbage-collected content (its type was deleted) an item is discarded on arrival.
    if (next instanceof Y.GC) return { root: GC_PLACE, key: null }
    return next ? placeOf(next, depth + 1) : undefined
  }

  /** The item whose type holds `place`, for a place inside another item. */
  const container = (place: Place): Y.Item | undefined => ('inside' in place ? (inUpdate(place.inside) ?? inDoc(place.inside)) : undefined)

  /** The owned key ("root/key") an item is (transitively) under; null when it is under none. */
  const ownedKeyOf = (item: Y.Item): string | null | undefined => {
    let current: Y.Item | undefined = item
    for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
      const place = placeOf(current)
      if (!place) return undefined
      if ('root' in place) return Object.hasOwn(OWNED_ROOTS, place.root) ? (place.key === null ? undefined : `${place.root}/${place.key}`) : null
      current = container(place)
    }
    return undefined
  }

  /** The update's items that the document does not hold yet. */
  const newItems = function* (): Generator<Y.Item> {
    for (const list of byClient.values()) {
      for (const item of list) if (item.id.clock + item.length > Y.getState(doc.store, item.id.client)) yield item
    }
  }

  /**
   * The items the update's delete set removes that are not deleted yet, found in the document
   * or in the update itself (a run of the delete set ends at the first clock neither holds).
   */
  const deletedItems = function* (): Generator<Y.Item> {
    for (const [client, ranges] of decoded.ds.clients) {
      for (const range of ranges) {
        for (let clock = range.clock; clock < range.clock + range.len; ) {
          const id = Y.createID(client, clock)
          const struct = structInDoc(id) ?? inUpdate(id)
          if (!struct) break
          clock = struct.id.clock + struct.length
          if (struct instanceof Y.Item && !struct.deleted) yield struct
        }
      }
    }
  }

  return { byClient, inUpdate, structInDoc, placeOf, container, ownedKeyOf, newItems, deletedItems }
}

export type Tracer = ReturnType<typeof tracer>

/** The first owned key the update may not write (see OwnedKeyRefusal), if any. */
export function foreignOwnedKey(
  doc: Y.Doc,
  decoded: Decoded,
  participantId: string,
  closedRound: (roundId: string) => boolean = () => false,
  trace: Tracer = tracer(doc, decoded),
): OwnedKeyRefusal | undefined {
  const { ownedKeyOf, newItems, deletedItems } = trace
  /** Why `key` (from ownedKeyOf) may not be written; undefined when it may. */
  const refusal = (key: string | null | undefined): OwnedKeyRefusal | undefined => {
    if (key === null) return undefined
    if (key === undefined) return { key: '(unresolvable)', reason: 'foreign' }
    const slash = key.indexOf('/')
    const root = key.slice(0, slash)
    const owner = Object.hasOwn(OWNED_ROOTS, root) ? OWNED_ROOTS[root] : undefined
    if (owner === undefined || owner(key.slice(slash + 1)) !== participantId) return { key, reason: 'foreign' }
    const vote = root === 'votes' ? parseVoteKey(key.slice(slash + 1)) : undefined
    return vote !== undefined && closedRound(vote.roundId) ? { key, reason: 'closed' } : undefined
  }

  // Items the server already has change nothing.
  for (const item of newItems()) {
    const refused = refusal(ownedKeyOf(item))
    if (refused) return refused
  }
  for (const item of deletedItems()) {
    const refused = refusal(ownedKeyOf(item))
    if (refused) return refused
  }
  return undefined
}

/**
 * Whether the update deletes anything that neither the document nor the update itself holds.
 * Yjs keeps such deletions pending and applies them when the items arrive — a way to delete
 * what someone else writes later (their next vote, a note written after the lock) that no
 * check of the update as it stands could see. An honest client only deletes what it has, and
 * everything it has came through the server or is in the update.
 */
export function deletesUnknown(doc: Y.Doc, decoded: Decoded): boolean {
  const byClient = byClientId(decoded.structs)
  for (const [client, ranges] of decoded.ds.clients) {
    // What exists of this client: the document's items, then the update's that follow on.
    let known = Y.getState(doc.store, client)
    for (const struct of (byClient.get(client) ?? []).sort((a, b) => a.id.clock - b.id.clock)) {
      if (struct.id.clock > known) break
      known = Math.max(known, struct.id.clock + struct.length)
    }
    for (const range of ranges) if (range.clock + range.len > known) return true
  }
  return false
}

/**
 * Why `decoded` cannot be integrated completely into `doc`, if it cannot: a struct that does
 * not follow on from what the server and the update itself hold of its client (a clock gap),
 * a reference (origin, right origin, parent) to an item that neither holds, or a deletion of
 * something that does not exist. Yjs would keep such structs pending and integrate them later,
 * when someone else's change fills the gap: a way to stage a write that passes every check
 * now and lands after a lock, after a round closed, or under another person's clocks. Our
 * clients never produce such updates: everything they have came from the server or from them.
 */
export function integrationGap(doc: Y.Doc, decoded: Decoded): string | undefined {
  const known = new Map<number, number>()
  for (const [client, structs] of byClientId(decoded.structs)) {
    let state = Y.getState(doc.store, client)
    for (const struct of structs.sort((a, b) => a.id.clock - b.id.clock)) {
      // A skip holds nothing: whatever follows it must still follow on from what exists.
      if (struct instanceof Y.Skip) continue
      if (struct.id.clock > state) return 'the update depends on changes the server does not have (a clock gap)'
      state = Math.max(state, struct.id.clock + struct.length)
    }
    known.set(client, state)
  }
  const exists = (id: Y.ID) => id.clock < (known.get(id.client) ?? Y.getState(doc.store, id.client))
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue
    const parent = struct.parent as unknown
    if ((struct.origin && !exists(struct.origin)) || (struct.rightOrigin && !exists(struct.rightOrigin)) || (parent instanceof Y.ID && !exists(parent))) {
      return 'the update refers to an item the server does not have'
    }
  }
  if (deletesUnknown(doc, decoded)) return 'an update may only delete what exists'
  return undefined
}

/** Yjs client ids under which the update writes something the document does not hold yet. */
export function writingClientIds(doc: Y.Doc, decoded: Decoded): number[] {
  const ids = new Set<number>()
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) ids.add(struct.id.client)
  }
  return [...ids]
}

/**
 * Why a participant's update may not write these values, if it may not (the facilitator may
 * write any):
 * - a note's `authorId` is set once, when the note is created, to the writer's own id. A note
 *   created again under an existing key — undoing its deletion — keeps whatever author it had
 *   (the server cannot see the deleted note's author any more, so that is taken on trust). An
 *   existing note's author is not changed or removed by anyone but the facilitator;
 * - a `people` entry is a name within the join form's limit. (Whose key it is, foreignOwnedKey
 *   checks.)
 */
export function forgedValue(doc: Y.Doc, decoded: Decoded, participantId: string, trace: Tracer = tracer(doc, decoded)): string | undefined {
  const { placeOf, container, newItems, deletedItems } = trace
  /** A note's own map item, when `place` is a key inside it. */
  const noteOf = (place: Place): Y.Item | undefined => {
    const note = container(place)
    const notePlace = note ? placeOf(note) : undefined
    return notePlace && 'root' in notePlace && notePlace.root === 'notes' ? note : undefined
  }
  const isNew = (item: Y.Item) => item.id.clock >= Y.getState(doc.store, item.id.client)
  for (const item of newItems()) {
    if (item.content instanceof Y.ContentDeleted) continue
    const place = placeOf(item)
    if (!place) continue
    const value = item.content instanceof Y.ContentAny ? (item.content.getContent() as unknown[]) : undefined
    if ('root' in place) {
      // A Y.Map{name, department?} (issue #12) is checked key by key in dataGuards.ts.
      if (place.root === 'people' && place.key !== null && !(item.content instanceof Y.ContentType && item.content.type instanceof Y.Map)) {
        const name = value?.[0]
        if (value?.length !== 1 || typeof name !== 'string' || name.length > LIMITS.name) return `a name must be text of at most ${LIMITS.name} characters`
      }
      continue
    }
    if (place.key !== 'authorId') continue
    const note = noteOf(place)
    if (!note) continue
    if (!isNew(note)) return 'only the facilitator may change a note\'s author'
    const restored = note.origin !== null
    if (!restored && (value?.length !== 1 || value[0] !== participantId)) return 'a note\'s author may only be its writer'
  }
  // Removing an existing note's author (not the note) is changing it.
  for (const struct of deletedItems()) {
    if (!isInDoc(doc, struct)) continue
    const place = placeOf(struct)
    if (!place || 'root' in place || place.key !== 'authorId') continue
    const note = noteOf(place)
    if (note && !note.deleted && !deletes(decoded, note.id)) return 'only the facilitator may change a note\'s author'
  }
  return undefined
}

const isInDoc = (doc: Y.Doc, item: Y.Item) => item.id.clock < Y.getState(doc.store, item.id.client)

/** Whether the update's delete set covers `id`. */
function deletes(decoded: Decoded, id: Y.ID): boolean {
  return (decoded.ds.clients.get(id.client) ?? []).some((range) => range.clock <= id.clock && id.clock < range.clock + range.len)
}

/**
 * Whether applying `decoded` to `doc` would change nothing: every struct is already known and
 * every deletion already done. A read-only client's sync step 2 passes this; an edit does not.
 */
export function containsNothingNew(doc: Y.Doc, decoded: Decoded): boolean {
  const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > (stateVector.get(struct.id.client) ?? 0)) return false
  }
  if (decoded.ds.clients.size === 0) return true
  const known = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, items] of decoded.ds.clients) {
    const ranges = known.clients.get(client) ?? []
    for (const item of items) {
      if (item.len === 0) continue
      const end = item.clock + item.len
      // `ranges` is sorted by clock and merged: find the last one starting at or before item.
      let lo = 0
      let hi = ranges.length - 1
      let found = -1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if ((ranges[mid] as { clock: number }).clock <= item.clock) {
          found = mid
          lo = mid + 1
        } else hi = mid - 1
      }
      const range = ranges[found]
      if (!range || range.clock + range.len < end) return false
    }
  }
  return true
}
