/**
 * The facilitator's "Import data" button in the toolbar, until the data room (its own branch)
 * places one: opens the workshop's `data` document (stock y-websocket provider, as
 * client/src/sync/connection.ts opens the others) while the dialog is open.
 */
import { useEffect, useState } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { listStages } from '../../../../shared/board/stage'
import { useT } from '../../i18n'
import type { WorkshopConnection } from '../../sync/connection'
import { useDocSelector } from '../../sync/docHooks'
import { ImportDataDialog } from './ImportDataDialog'

function useDataDoc(connection: WorkshopConnection, open: boolean): Y.Doc | null {
  const [doc, setDoc] = useState<Y.Doc | null>(null)
  useEffect(() => {
    if (!open) return
    const { workshopId, token } = connection.session
    const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws'
    const data = new Y.Doc()
    const provider = new WebsocketProvider(`${protocol}://${window.location.host}/sync/${workshopId}`, 'data', data, { params: { token }, disableBc: true })
    provider.awareness.setLocalState(null)
    const synced = (isSynced: boolean) => isSynced && setDoc(data)
    provider.on('sync', synced)
    return () => {
      provider.off('sync', synced)
      provider.destroy()
      data.destroy()
      setDoc(null)
    }
  }, [connection, open])
  return doc
}

export function ImportDataButton({ connection }: { connection: WorkshopConnection }) {
  const t = useT()
  const [open, setOpen] = useState(false)
  const dataDoc = useDataDoc(connection, open)
  const stages = useDocSelector(connection.board.doc, (doc) => listStages(doc).map((s) => ({ id: s.id, title: s.title })))
  return (
    <>
      <button type="button" className="tool" onClick={() => setOpen(true)} title={t('dataImport')} aria-haspopup="dialog">
        {/* An upload arrow drawn like the toolbar's icons (client/src/components.tsx Icon): the label hides on narrow toolbars. */}
        <svg className="icon-svg" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path d="M12 16V5M7 10l5-5 5 5M4 20h16" />
        </svg>
        <span className="tool-label">{t('dataImport')}</span>
      </button>
      {open && dataDoc && <ImportDataDialog dataDoc={dataDoc} stages={stages} onClose={() => setOpen(false)} />}
      {open && !dataDoc && (
        <p role="status" className="data-import-connecting">
          {t('dataImportConnecting')}
        </p>
      )}
    </>
  )
}
