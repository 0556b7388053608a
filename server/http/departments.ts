/**
 * The departments a workshop's join form offers (issue #12): read from its stored control
 * document, which is written through before anything is relayed, so it is current even while
 * the workshop is live. What a join link tells its holder besides the title.
 */
import { readDepartments } from '../../shared/facilitation/control'
import { docFromStored } from '../storage/docLoader'
import type { Storage } from '../storage/types'

export async function workshopDepartments(storage: Storage, workshopId: string): Promise<string[]> {
  const { doc } = docFromStored(await storage.loadDoc(workshopId, 'control'), () => undefined)
  try {
    return readDepartments(doc)
  } finally {
    doc.destroy()
  }
}
