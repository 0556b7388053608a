/**
 * MINIMAL; OWNED BY THE DATA-ROOM BRANCH — at merge time that branch's version wins. Written so
 * the import dialog (client/src/data/import) can be built and tested before it lands.
 *
 * The `data` document: `datasets` Y.Map<datasetId, Y.Map of the Dataset's fields>, the
 * aggregates, mapping and stage map as plain JSON values.
 */
import * as Y from 'yjs'
import type { Dataset } from './types'

const datasetsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('datasets')

/** Writes `dataset`; `replace` removes every other dataset in the same transaction. */
export function addDataset(doc: Y.Doc, dataset: Dataset, options: { replace: boolean }): void {
  const datasets = datasetsOf(doc)
  doc.transact(() => {
    if (options.replace) for (const id of [...datasets.keys()]) if (id !== dataset.id) datasets.delete(id)
    const record = new Y.Map<unknown>()
    for (const [key, value] of Object.entries(dataset)) record.set(key, value)
    datasets.set(dataset.id, record)
  })
}

/** The datasets, oldest import first. */
export function readDatasets(doc: Y.Doc): Dataset[] {
  const out: Dataset[] = []
  for (const record of datasetsOf(doc).values()) {
    if (!(record instanceof Y.Map)) continue
    out.push(record.toJSON() as Dataset)
  }
  return out.sort((a, b) => a.importedAt - b.importedAt)
}
