/**
 * The `data` document in the browser (issue #12). The facilitator's page opens it always; a
 * participant's or viewer's only while the control says the data is revealed — before that the
 * server refuses the connection anyway, and the page holds nothing of it (no IndexedDB copy
 * either: aggregates are not kept on participants' disks). Hiding the data again destroys the
 * document; revealing connects anew.
 */
import { useEffect, useState } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CLOSE, DATA_NOT_REVEALED } from '../../../shared/roles'
import type { Session } from '../session'

export interface DataHandle {
  doc: Y.Doc
  provider: WebsocketProvider
}

function socketBase(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${protocol}://${window.location.host}`
}

/** The data document while this page may have it (from its first sync on), else undefined. */
export function useDataDoc(session: Session, revealed: boolean): DataHandle | undefined {
  const allowed = session.role === 'facilitator' || revealed
  const [handle, setHandle] = useState<DataHandle | undefined>(undefined)
  // Bumped when the server refused a write: the local copy is thrown away and loaded again.
  const [generation, setGeneration] = useState(0)
  useEffect(() => {
    if (!allowed) return
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`${socketBase()}/sync/${session.workshopId}`, 'data', doc, { params: { token: session.token }, disableBc: true })
    provider.awareness.setLocalState(null)
    provider.on('connection-close', (event) => {
      if (!event) return
      // Not revealed (yet, or any more): stop retrying; the reveal re-runs this effect.
      if (event.code === CLOSE.forbidden && event.reason === DATA_NOT_REVEALED) provider.disconnect()
      else if (event.code === CLOSE.forbidden || event.code === CLOSE.docTooLarge || event.code === CLOSE.badMessage) setGeneration((g) => g + 1)
    })
    // Shown once it has synced: no half-loaded data (and the page shows nothing before).
    const onSync = (synced: boolean) => synced && setHandle((current) => (current?.doc === doc ? current : { doc, provider }))
    provider.on('sync', onSync)
    return () => {
      provider.off('sync', onSync)
      setHandle(undefined)
      provider.destroy()
      doc.destroy()
    }
  }, [allowed, session.workshopId, session.token, generation])
  return allowed ? handle : undefined
}
