/**
 * minimal; owned by the data-room branch (#12). Stand-in with exactly `addDataset` and
 * `readDatasets` so that the continuous-journey code (#13) builds and is tested before the data
 * room lands; at merge the data room's own module replaces this file.
 *
 * The `data` document keeps its datasets in the Y.Map `datasets`, keyed by dataset id, each a
 * Y.Map of the Dataset's fields (aggregates, mapping and stageMap as plain JSON values).
 */
import * as Y from 'yjs'
import type { Dataset } from './types'

const datasetsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('datasets')

/** Adds `dataset`; with `replace` false an existing dataset of the same id is kept. */
export function addDataset(doc: Y.Doc, dataset: Dataset, { replace = false }: { replace?: boolean } = {}): void {
  const datasets = datasetsOf(doc)
  if (!replace && datasets.has(dataset.id)) return
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    for (const [key, value] of Object.entries(dataset)) map.set(key, value)
    datasets.set(dataset.id, map)
  })
}

/** Every readable dataset, oldest import first. */
export function readDatasets(doc: Y.Doc): Dataset[] {
  const list: Dataset[] = []
  datasetsOf(doc).forEach((value, id) => {
    if (!(value instanceof Y.Map)) return
    const get = (key: string) => value.get(key) as unknown
    const aggregates = get('aggregates')
    if (typeof aggregates !== 'object' || aggregates === null) return
    list.push({
      id,
      name: typeof get('name') === 'string' ? (get('name') as string) : id,
      fileName: typeof get('fileName') === 'string' ? (get('fileName') as string) : '',
      importedAt: typeof get('importedAt') === 'number' ? (get('importedAt') as number) : 0,
      mapping: (typeof get('mapping') === 'object' && get('mapping') !== null ? get('mapping') : {}) as Dataset['mapping'],
      stageMap: (typeof get('stageMap') === 'object' && get('stageMap') !== null ? get('stageMap') : {}) as Dataset['stageMap'],
      aggregates: aggregates as Dataset['aggregates'],
    })
  })
  return list.sort((a, b) => a.importedAt - b.importedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
