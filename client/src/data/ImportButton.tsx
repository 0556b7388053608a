/**
 * "Import data": opens the CSV import dialog (issue #12, built on another branch as
 * `ImportDataDialog({ dataDoc, stages, onClose })` in ./import/index.ts). Until that dialog is
 * merged, this placeholder shows the button disabled with a note; at merge it renders the
 * dialog instead.
 */
import type * as Y from 'yjs'
import type { Stage } from '../../../shared/board/stage'
import { useT } from '../i18n'

export function ImportButton(_props: { dataDoc: Y.Doc; stages: Stage[] }) {
  const t = useT()
  return (
    <p>
      <button type="button" disabled aria-describedby="import-data-soon">
        {t('dataImport')}
      </button>{' '}
      <span id="import-data-soon" className="hint">
        {t('dataImportSoon')}
      </span>
    </p>
  )
}
