/**
 * A roadmap item: its title, whether it is in the MVP, its owner and metric (suggestions from
 * the datalists that Roadmap provides), and buttons to move it (the keyboard's way to drag).
 */
import type * as Y from 'yjs'
import { moveRoadmapItem, removeRoadmapItem, ROADMAP_COLUMNS, updateRoadmapItem, type RoadmapItem } from '../../../shared/deliver/roadmap'
import { LIMITS } from '../../../shared/limits'
import { useT } from '../i18n'
import { COLUMN_LABEL } from './labels'
import './deliver.css'

export function RoadmapCard({ board, item, index, count, canEdit }: { board: Y.Doc; item: RoadmapItem; index: number; count: number; canEdit: boolean }) {
  const t = useT()
  const name = item.title || t('untitledItem')
  return (
    <li
      className={item.mvp ? 'roadmap-card mvp' : 'roadmap-card'}
      draggable={canEdit}
      data-id={item.id}
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-horizon-roadmap', item.id)
        e.dataTransfer.effectAllowed = 'move'
      }}
      aria-label={name}
    >
      <input
        className="card-title"
        aria-label={t('itemTitle')}
        value={item.title}
        maxLength={LIMITS.title}
        disabled={!canEdit}
        onChange={(e) => updateRoadmapItem(board, item.id, { title: e.currentTarget.value })}
      />
      <label className="switch">
        <input type="checkbox" checked={item.mvp} disabled={!canEdit} onChange={(e) => updateRoadmapItem(board, item.id, { mvp: e.currentTarget.checked })} />
        {t('mvp')}
      </label>
      <label>
        {t('owner')}
        <input
          list="horizon-departments"
          value={item.owner ?? ''}
          maxLength={LIMITS.title}
          disabled={!canEdit}
          placeholder={t('exampleValue', { value: t('deptService') })}
          onChange={(e) => updateRoadmapItem(board, item.id, { owner: e.currentTarget.value || null })}
        />
      </label>
      <label>
        {t('metric')}
        <input
          list="horizon-metrics"
          value={item.metric ?? ''}
          maxLength={LIMITS.title}
          disabled={!canEdit}
          placeholder={t('exampleValue', { value: 'NPS' })}
          onChange={(e) => updateRoadmapItem(board, item.id, { metric: e.currentTarget.value || null })}
        />
      </label>
      <div className="card-buttons">
        {ROADMAP_COLUMNS.filter((c) => c !== item.column).map((column) => (
          <button key={column} type="button" disabled={!canEdit} aria-label={t('moveItemTo', { title: name, column: t(COLUMN_LABEL[column]) })} onClick={() => moveRoadmapItem(board, item.id, column, Number.MAX_SAFE_INTEGER)}>
            → {t(COLUMN_LABEL[column])}
          </button>
        ))}
        <button type="button" disabled={!canEdit || index === 0} aria-label={t('moveItemUp', { title: name })} onClick={() => moveRoadmapItem(board, item.id, item.column, index - 1)}>
          ↑
        </button>
        <button type="button" disabled={!canEdit || index === count - 1} aria-label={t('moveItemDown', { title: name })} onClick={() => moveRoadmapItem(board, item.id, item.column, index + 1)}>
          ↓
        </button>
        <button type="button" disabled={!canEdit} aria-label={t('removeItem', { title: name })} onClick={() => removeRoadmapItem(board, item.id)}>
          ✕
        </button>
      </div>
    </li>
  )
}
