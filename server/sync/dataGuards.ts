/**
 * Content rules of issue #12 for participants' board updates (their keys are checked by
 * guards.ts `foreignOwnedKey`, which knows `guesses` and `people` as owned maps):
 *
 * - `guesses/<participantId>` is a Y.Array of at most MAX_GUESSES strings of at most
 *   GUESS_MAX_LENGTH characters, and nothing under `guesses` changes once the data has been
 *   revealed, also after the facilitator hides it again (control `guessesClosed`: the room's
 *   guess is what the data is compared with, and everyone has seen the data);
 * - `people/<participantId>` is a name string or a Y.Map{name, department?} of strings within
 *   the join form's limit. Whether a department is one of the workshop's is not checked here: a
 *   department not in the list is ignored by every reader (shared/board/person.ts), which also
 *   keeps people's entries valid when the facilitator renames or removes a department later.
 *
 * And one rule for every role's board updates, the facilitator's too (`dataLeak`): until the
 * reveal no participant may receive a touchpoint name of the data, and the board reaches every
 * participant — so a roadmap item made from a key touchpoint (its `touchpoint` key, set by
 * *To roadmap*) is refused until the data is revealed.
 */
import * as Y from 'yjs'
import { LIMITS } from '../../shared/limits'
import { GUESS_MAX_LENGTH, MAX_GUESSES } from '../../shared/data/guesses'
import type { Tracer } from './guards'

export const GUESSES_CLOSED = 'the data has been revealed: guesses can no longer change, even while it is hidden again'

const isText = (value: unknown, max: number) => typeof value === 'string' && value.length <= max
const anyContent = (item: Y.Item): unknown[] | undefined => (item.content instanceof Y.ContentAny ? (item.content.getContent() as unknown[]) : undefined)
const typeContent = (item: Y.Item): Y.AbstractType<unknown> | undefined => (item.content instanceof Y.ContentType ? (item.content.type as Y.AbstractType<unknown>) : undefined)

export const ROADMAP_NOT_REVEALED = 'the data is not revealed yet: a key touchpoint goes onto the roadmap only after the reveal'

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`

/** Why a participant's update breaks a rule above, if it does. */
export function dataRefusal(doc: Y.Doc, trace: Tracer, revealed: boolean): string | undefined {
  const { placeOf, container, newItems, ownedKeyOf, deletedItems } = trace
  /** Guess arrays the update adds items to or deletes from: array item id → its item and the change in length. */
  const arrays = new Map<string, { array: Y.Item; delta: number }>()
  const touch = (array: Y.Item, delta: number) => {
    const entry = arrays.get(idKey(array.id)) ?? { array, delta: 0 }
    entry.delta += delta
    arrays.set(idKey(array.id), entry)
  }

  for (const item of newItems()) {
    if (item.content instanceof Y.ContentDeleted) continue
    const owned = ownedKeyOf(item)
    if (typeof owned !== 'string') continue
    const place = placeOf(item)
    if (!place) continue
    if (owned.startsWith('guesses/')) {
      if (revealed) return GUESSES_CLOSED
      if ('root' in place) {
        if (!(typeContent(item) instanceof Y.Array)) return 'a guess must be a list of touchpoints'
        continue
      }
      const array = container(place)
      const arrayPlace = array && placeOf(array)
      if (!array || !arrayPlace || !('root' in arrayPlace) || place.key !== null) return 'a guess must be a list of touchpoints'
      const values = anyContent(item)
      if (!values || !values.every((v) => isText(v, GUESS_MAX_LENGTH))) return `a guessed touchpoint must be text of at most ${GUESS_MAX_LENGTH} characters`
      if (!item.deleted) touch(array, values.length)
    } else if (owned.startsWith('people/')) {
      if ('root' in place) continue // a name string (guards.ts forgedValue) or a map, checked by its keys
      const entry = container(place)
      const entryPlace = entry && placeOf(entry)
      if (!entryPlace || !('root' in entryPlace) || (place.key !== 'name' && place.key !== 'department')) return 'a person is a name and a department'
      const values = anyContent(item)
      if (values?.length !== 1 || !isText(values[0], LIMITS.name)) return `a name or department must be text of at most ${LIMITS.name} characters`
    }
  }

  // Deletions: none under `guesses` after the reveal; each shortens its array.
  for (const struct of deletedItems()) {
    const owned = ownedKeyOf(struct)
    if (typeof owned !== 'string' || !owned.startsWith('guesses/')) continue
    if (revealed) return GUESSES_CLOSED
    const place = placeOf(struct)
    const array = place && !('root' in place) ? container(place) : undefined
    if (array && struct.countable) touch(array, -struct.length)
  }

  for (const { array, delta } of arrays.values()) {
    const type = typeContent(array)
    const had = type instanceof Y.Array && array.id.clock < Y.getState(doc.store, array.id.client) ? type.length : 0
    if (had + delta > MAX_GUESSES) return `a guess holds at most ${MAX_GUESSES} touchpoints`
  }
  return undefined
}

/**
 * Why a board update (from any role) would leak the data before the reveal, if it would: it
 * writes a roadmap item's `touchpoint` key, which only *To roadmap* of a key touchpoint sets. The
 * item's title, metric and story carry the name too, but they come in the same transaction, so
 * refusing the update refuses them all.
 */
export function dataLeak(trace: Tracer, revealed: boolean): string | undefined {
  if (revealed) return undefined
  const { placeOf, container, newItems } = trace
  for (const item of newItems()) {
    if (item.content instanceof Y.ContentDeleted || item.deleted) continue
    const place = placeOf(item)
    if (!place || 'root' in place || place.key !== 'touchpoint') continue
    const entry = container(place)
    const entryPlace = entry && placeOf(entry)
    if (entryPlace && 'root' in entryPlace && entryPlace.root === 'roadmap') return ROADMAP_NOT_REVEALED
  }
  return undefined
}
