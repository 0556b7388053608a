/** The control document's top-level shared types: the `control` map and the voting `rounds`. */
import type * as Y from 'yjs'

export function controlMaps(doc: Y.Doc) {
  return {
    control: doc.getMap<unknown>('control'),
    rounds: doc.getMap<Y.Map<unknown>>('rounds'),
  }
}
