/**
 * "Import data" in the data panel: opens the CSV import dialog (client/src/data/import) on the
 * panel's own `data` document. (The facilitator's toolbar has the same button, which opens the
 * document itself.)
 */
import { useState } from 'react'
import type * as Y from 'yjs'
import type { Stage } from '../../../shared/board/stage'
import { useT } from '../i18n'
import { ImportDataDialog } from './import'

export function ImportButton({ dataDoc, stages }: { dataDoc: Y.Doc; stages: Stage[] }) {
  const t = useT()
  const [open, setOpen] = useState(false)
  return (
    <div>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t('dataImport')}
      </button>
      {open && <ImportDataDialog dataDoc={dataDoc} stages={stages.map((s) => ({ id: s.id, title: s.title }))} onClose={() => setOpen(false)} />}
    </div>
  )
}
