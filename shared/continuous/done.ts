/**
 * "Done" on the roadmap: a roadmap item (or a story) whose record carries `done: true` — an
 * additive key (DESIGN: adding keys is fine) that the facilitator sets from the Snapshots &
 * series panel when the work has shipped. A done item stays on its board (history) but is not
 * carried into the next workshop of the series, nor are the stories of it or marked done
 * themselves; the comparison lists it as moved "to done".
 */
import * as Y from 'yjs'
import { boardMaps } from '../board/board-doc'
import { asRecord } from '../record'
import { listRoadmap, type RoadmapColumn, type RoadmapItem } from '../deliver/roadmap'

export function isDone(record: Y.Map<unknown> | undefined): boolean {
  return record?.get('done') === true
}

export interface RoadmapEntry extends RoadmapItem {
  done: boolean
  column: RoadmapColumn
}

/** The roadmap with each item's done flag; without `includeDone` only the open items. */
export function listCarriedRoadmap(board: Y.Doc, { includeDone = false }: { includeDone?: boolean } = {}): RoadmapEntry[] {
  const { roadmap } = boardMaps(board)
  return listRoadmap(board)
    .map((item) => ({ ...item, done: isDone(asRecord(roadmap.get(item.id))) }))
    .filter((item) => includeDone || !item.done)
}

/** Marks a roadmap item (or, with `kind: 'story'`, a story) done or open again. */
export function setDone(board: Y.Doc, id: string, done: boolean, kind: 'roadmap' | 'story' = 'roadmap'): void {
  const record = asRecord((kind === 'roadmap' ? boardMaps(board).roadmap : boardMaps(board).stories).get(id))
  if (!record || isDone(record) === done) return
  board.transact(() => (done ? record.set('done', true) : record.delete('done')))
}

/** Ids of done stories: marked done themselves, or belonging to a done roadmap item. */
export function doneStoryIds(board: Y.Doc): Set<string> {
  const { roadmap, stories } = boardMaps(board)
  const done = new Set<string>()
  stories.forEach((value, id) => {
    const record = asRecord(value)
    const roadmapId = record?.get('roadmapId')
    if (isDone(record) || (typeof roadmapId === 'string' && isDone(asRecord(roadmap.get(roadmapId))))) done.add(id)
  })
  return done
}
