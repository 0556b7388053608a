/** The board's toolbar: add a note, colour, group and delete the selection, undo, zoom, follow me. */
import type * as Y from 'yjs'
import { setFlag } from '../../../shared/facilitation/control'
import { NOTE_COLORS } from '../../../shared/board/note'
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
}

export function Toolbar({ connection, control, canEdit, followMe, actions }: ToolbarProps) {
  const t = useT()
  const selection = useUi((s) => s.selection)
  const { session } = connection
  return (
    <div className="toolbar" role="toolbar" aria-label={t('appName')}>
      <button type="button" onClick={actions.addNoteInView} disabled={!canEdit}>
        {t('addNote')}
      </button>
      <span className="colors" role="group" aria-label={t('color')}>
        {NOTE_COLORS.map((color) => (
          <button
            key={color}
            type="button"
            className="swatch"
            style={{ background: NOTE_FILL[color] }}
            aria-label={t('colorOf', { color: t(`colors_${color}` as MessageKey) })}
            disabled={!canEdit || selection.length === 0}
            onClick={() => actions.colorSelection(color)}
          />
        ))}
      </span>
      <button type="button" onClick={actions.groupSelection} disabled={!canEdit || selection.length === 0}>
        {t('groupNotes')}
      </button>
      <button type="button" onClick={actions.deleteSelection} disabled={!canEdit || selection.length === 0} aria-label={t('deleteSelected')}>
        {t('delete')}
      </button>
      <button type="button" onClick={() => connection.undo.undo()} disabled={!canEdit} aria-label={t('undo')} aria-keyshortcuts="Control+Z Meta+Z">
        ↶
      </button>
      <button type="button" onClick={() => connection.undo.redo()} disabled={!canEdit} aria-label={t('redo')} aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z">
        ↷
      </button>
      <button type="button" onClick={() => actions.zoomBy(1 / 1.25)} aria-label={t('zoomOut')}>
        −
      </button>
      <button type="button" onClick={() => actions.zoomBy(1.25)} aria-label={t('zoomIn')}>
        +
      </button>
      <button type="button" onClick={actions.zoomToFit}>
        {t('zoomToFit')}
      </button>
      {session.role === 'facilitator' && (
        <button type="button" aria-pressed={followMe} onClick={() => setFlag(control, 'followMe', !followMe)}>
          {t('followMe')}
        </button>
      )}
    </div>
  )
}
