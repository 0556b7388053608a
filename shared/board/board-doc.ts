/**
 * The board document's top-level shared types (document schema v1: README "Where things are"
 * and "Extensions to the design"). Every read goes through a record kind's reader, which checks
 * types and falls back to a safe value, because any writer may have put anything into a map;
 * every write goes through a mutation, inside one transaction.
 */
import type * as Y from 'yjs'

type Record_ = Y.Map<unknown>

export function boardMaps(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>('meta'),
    stages: doc.getMap<Record_>('stages'),
    lanes: doc.getMap<Record_>('lanes'),
    notes: doc.getMap<Record_>('notes'),
    clusters: doc.getMap<Record_>('clusters'),
    votes: doc.getMap<Y.Map<unknown>>('votes'),
    emotions: doc.getMap<unknown>('emotions'),
    roadmap: doc.getMap<Record_>('roadmap'),
    stories: doc.getMap<Record_>('stories'),
    people: doc.getMap<unknown>('people'),
  }
}
