/**
 * User stories: "As a …, I want …, so that …" (three Y.Text, so that two people typing in the same
 * story — even in the same field — merge), acceptance criteria, MoSCoW priority, the roadmap item
 * they belong to and the notes they came from.
 */
import * as Y from 'yjs'
import { newId } from '../ids'
import { LIMITS } from '../limits'
import { compareIds, planMove } from '../order'
import { asRecord, defineRecord, readAll, type RecordOf } from '../record'
import { finiteSchema, idSchema, key, oneOf, optionalNumber, reference, stringList, text, textSchema } from '../record-fields'
import { replaceText } from '../replace-text'
import { clip } from '../text'
import { boardMaps } from '../board/board-doc'

export const PRIORITIES = ['must', 'should', 'could', 'wont'] as const
export type Priority = (typeof PRIORITIES)[number]

export const STORY_TEXT_FIELDS = ['asA', 'iWant', 'soThat'] as const
export type StoryTextField = (typeof STORY_TEXT_FIELDS)[number]

/** Most items of a story's lists that an import may carry. */
const MAX_IMPORTED_LIST = 10_000

export const storyRecord = defineRecord({
  id: key(),
  asA: text(LIMITS.storyField, { yText: true }),
  iWant: text(LIMITS.storyField, { yText: true }),
  soThat: text(LIMITS.storyField, { yText: true }),
  acceptance: stringList(textSchema, { maxImport: MAX_IMPORTED_LIST, keep: LIMITS.acceptanceItems, itemMax: LIMITS.storyField }),
  priority: oneOf(PRIORITIES, 'should'),
  roadmapId: reference(),
  // Two peers linking the same source at once both append it; it counts once.
  sourceIds: stringList(idSchema, { maxImport: MAX_IMPORTED_LIST, unique: true }),
  // The manual order (fractional, like stages): a story stays where people put it while they
  // type or change its priority. Optional: stories written before it sort first, by priority.
  order: optionalNumber(finiteSchema),
})
export type Story = RecordOf<typeof storyRecord>

/** A new story; `id` keeps an id it already has (an import). */
export type NewStory = Partial<Story>

export function addStory(doc: Y.Doc, input: NewStory = {}): string {
  const id = input.id ?? newId()
  doc.transact(() => {
    // A new story goes at the end (an import keeps the order it carries).
    const order = input.order ?? orderAfterLast(doc)
    const story = {
      ...input,
      asA: input.asA ?? '',
      iWant: input.iWant ?? '',
      soThat: input.soThat ?? '',
      acceptance: input.acceptance ?? [],
      priority: input.priority ?? 'should',
      sourceIds: input.sourceIds ?? [],
      order,
    }
    boardMaps(doc).stories.set(id, storyRecord.create(story))
  })
  return id
}

function orderAfterLast(doc: Y.Doc): number {
  let last = 0
  for (const story of readAll(boardMaps(doc).stories, storyRecord)) if (story.order !== undefined && story.order > last) last = story.order
  return Math.floor(last) + 1
}

/** A story field's Y.Text, for binding an editor; undefined for a missing story or a plain-string field. */
export function storyText(doc: Y.Doc, id: string, field: StoryTextField): Y.Text | undefined {
  const value = asRecord(boardMaps(doc).stories.get(id))?.get(field)
  return value instanceof Y.Text ? value : undefined
}

const rank = (p: Priority) => PRIORITIES.indexOf(p)

/**
 * The stories in their manual order (ties by id, so every peer sees one sequence). Stories
 * without an order (written before it existed) come first, by priority as they were shown.
 */
export function listStories(doc: Y.Doc): Story[] {
  return readAll(boardMaps(doc).stories, storyRecord).sort((a, b) => {
    if (a.order === undefined || b.order === undefined) {
      if (a.order !== b.order) return a.order === undefined ? -1 : 1
      return rank(a.priority) - rank(b.priority) || compareIds(a.id, b.id)
    }
    return a.order - b.order || compareIds(a.id, b.id)
  })
}

/** Gives every story an order 1…n in `ids`' sequence (stories from before the order existed, a sort). */
function renumber(doc: Y.Doc, ids: readonly string[]): void {
  const { stories } = boardMaps(doc)
  ids.forEach((id, i) => asRecord(stories.get(id))?.set('order', i + 1))
}

/**
 * Moves story `id` to `index` of the list. One number written (fractional order), so two
 * people moving different stories at once both keep their move, and moving the same story
 * twice converges on the last write.
 */
export function moveStory(doc: Y.Doc, id: string, index: number): void {
  const list = listStories(doc)
  if (!list.some((story) => story.id === id)) return
  doc.transact(() => {
    if (list.some((story) => story.order === undefined)) renumber(doc, list.map((story) => story.id))
    const items = listStories(doc).map((story) => ({ id: story.id, order: story.order ?? 0 }))
    const plan = planMove(items, id, index)
    if ('order' in plan) asRecord(boardMaps(doc).stories.get(id))?.set('order', plan.order)
    else for (const [itemId, order] of plan.renumber) asRecord(boardMaps(doc).stories.get(itemId))?.set('order', order)
  })
}

/** "Sort by priority": must, should, could, won't — each keeping its current relative order. */
export function sortStoriesByPriority(doc: Y.Doc): void {
  const list = listStories(doc)
  const sorted = list.map((story, i) => ({ story, i })).sort((a, b) => rank(a.story.priority) - rank(b.story.priority) || a.i - b.i)
  doc.transact(() => renumber(doc, sorted.map(({ story }) => story.id)))
}

export function updateStory(
  doc: Y.Doc,
  id: string,
  patch: { asA?: string; iWant?: string; soThat?: string; priority?: Priority; roadmapId?: string | null },
): void {
  const record = asRecord(boardMaps(doc).stories.get(id))
  if (!record) return
  doc.transact(() => {
    const { priority, roadmapId } = patch
    for (const field of STORY_TEXT_FIELDS) {
      const next = patch[field]
      if (next === undefined) continue
      const current = record.get(field)
      // The smallest edit into the Y.Text (concurrent typing merges); a plain string becomes one.
      if (current instanceof Y.Text) replaceText(doc, current, clip(next, LIMITS.storyField))
      else storyRecord.patch(record, { [field]: next })
    }
    storyRecord.patch(record, { priority, roadmapId })
  })
}

function storyArray(doc: Y.Doc, id: string, key: 'acceptance' | 'sourceIds'): Y.Array<string> | undefined {
  const value = asRecord(boardMaps(doc).stories.get(id))?.get(key)
  return value instanceof Y.Array ? (value as Y.Array<string>) : undefined
}

export function addAcceptance(doc: Y.Doc, storyId: string, criterion: string, index?: number): void {
  const list = storyArray(doc, storyId, 'acceptance')
  if (!list || list.length >= LIMITS.acceptanceItems) return
  doc.transact(() => list.insert(Math.max(0, Math.min(index ?? list.length, list.length)), [clip(criterion, LIMITS.storyField)]))
}

export function editAcceptance(doc: Y.Doc, storyId: string, index: number, criterion: string): void {
  const list = storyArray(doc, storyId, 'acceptance')
  if (!list || index < 0 || index >= list.length) return
  doc.transact(() => {
    list.delete(index, 1)
    list.insert(index, [clip(criterion, LIMITS.storyField)])
  })
}

export function removeAcceptance(doc: Y.Doc, storyId: string, index: number): void {
  const list = storyArray(doc, storyId, 'acceptance')
  if (!list || index < 0 || index >= list.length) return
  doc.transact(() => list.delete(index, 1))
}

export function linkStorySource(doc: Y.Doc, storyId: string, sourceId: string): void {
  const list = storyArray(doc, storyId, 'sourceIds')
  if (!list || list.toArray().includes(sourceId)) return
  doc.transact(() => list.push([sourceId]))
}

export function unlinkStorySource(doc: Y.Doc, storyId: string, sourceId: string): void {
  const list = storyArray(doc, storyId, 'sourceIds')
  if (!list) return
  doc.transact(() => {
    // From the end: every copy (concurrent links of the same note may have added two).
    const items = list.toArray()
    for (let i = items.length - 1; i >= 0; i--) if (items[i] === sourceId) list.delete(i, 1)
  })
}

export function removeStory(doc: Y.Doc, id: string): void {
  doc.transact(() => boardMaps(doc).stories.delete(id))
}
