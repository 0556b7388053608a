/** The board's toolbar: add a note, colour, group and delete the selection, undo, zoom, follow me. */
import type * as Y from 'yjs'
import { setFlag } from '../../../shared/facilitation/control'
import { NOTE_COLORS } from '../../../shared/board/note'
import { Icon } from '../components'
import { ImportDataButton } from '../data/import'
import { useT, type MessageKey } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { useUi } from '../store'
import type { BoardActions } from './boardActions'
import { NOTE_FILL } from './canvas/shapes'

interface ToolbarProps {
  connection: WorkshopConnection
  control: Y.Doc
  canEdit: boolean
  followMe: boolean
  actions: BoardActions
  /** The room of the data lane's metrics when the page draws them (issue #12): then a button brings the lane into view. */
  dataLane?: number | undefined
}

export function Toolbar({ connection, control, canEdit, followMe, actions, dataLane }: ToolbarProps) {
  const t = useT()
  const selection = useUi((s) => s.selection)
  const { session } = connection
  const noSelection = !canEdit || selection.length === 0
  return (
    <div className="toolbar" role="toolbar" aria-label={t('appName')}>
      <div className="tool-group" role="group" aria-label={t('toolsCreate')}>
        <button type="button" className="primary" onClick={actions.addNoteInView} disabled={!canEdit} title={t('addNote')}>
          <Icon name="plus" />
          {t('addNote')}
        </button>
      </div>
      <div className="tool-group" role="group" aria-label={t('toolsEdit')}>
        <span className="colors" role="group" aria-label={t('color')}>
          {NOTE_COLORS.map((color) => {
            const name = t('colorOf', { color: t(`colors_${color}` as MessageKey) })
            return (
              <button
                key={color}
                type="button"
                className="swatch"
                style={{ background: NOTE_FILL[color] }}
                aria-label={name}
                title={name}
                disabled={noSelection}
                onClick={() => actions.colorSelection(color)}
              />
            )
          })}
        </span>
        <button type="button" className="tool" onClick={actions.groupSelection} disabled={noSelection} title={t('groupNotes')}>
          <Icon name="group" />
          <span className="tool-label">{t('groupNotes')}</span>
        </button>
        <button type="button" className="tool danger" onClick={actions.deleteSelection} disabled={noSelection} aria-label={t('deleteSelected')} title={t('deleteSelected')}>
          <Icon name="trash" />
          <span className="tool-label">{t('delete')}</span>
        </button>
        <button type="button" className="tool icon-only" onClick={() => connection.undo.undo()} disabled={!canEdit} aria-label={t('undo')} title={`${t('undo')} (Ctrl+Z)`} aria-keyshortcuts="Control+Z Meta+Z">
          <Icon name="undo" />
        </button>
        <button type="button" className="tool icon-only" onClick={() => connection.undo.redo()} disabled={!canEdit} aria-label={t('redo')} title={`${t('redo')} (Ctrl+Shift+Z)`} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
          <Icon name="redo" />
        </button>
      </div>
      <div className="tool-group" role="group" aria-label={t('toolsView')}>
        <button type="button" className="tool icon-only" onClick={() => actions.zoomBy(1 / 1.25)} aria-label={t('zoomOut')} title={t('zoomOut')}>
          <Icon name="zoomOut" />
        </button>
        <button type="button" className="tool icon-only" onClick={() => actions.zoomBy(1.25)} aria-label={t('zoomIn')} title={t('zoomIn')}>
          <Icon name="zoomIn" />
        </button>
        <button type="button" className="tool icon-only" onClick={actions.zoomToFit} aria-label={t('zoomToFit')} title={t('zoomToFit')}>
          <Icon name="fit" />
        </button>
        {dataLane !== undefined && (
          <button type="button" className="tool icon-only" onClick={() => actions.showDataLane(dataLane)} aria-label={t('showDataLane')} title={t('showDataLane')}>
            <Icon name="metrics" />
          </button>
        )}
      </div>
      {session.role === 'facilitator' && (
        <div className="tool-group" role="group" aria-label={t('toolsFacilitate')}>
          <button type="button" className="tool" aria-pressed={followMe} onClick={() => setFlag(control, 'followMe', !followMe)} title={t('followMe')}>
            <Icon name="follow" />
            <span className="tool-label">{t('followMe')}</span>
          </button>
          <ImportDataButton connection={connection} />
        </div>
      )}
    </div>
  )
}
