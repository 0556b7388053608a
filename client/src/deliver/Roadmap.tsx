/** The Now / Next / Later roadmap: columns that take cards by drag and drop. */
import { useState, type DragEvent } from 'react'
import type { Lane } from '../../../shared/board/lane'
import type { Note } from '../../../shared/board/note'
import { listRoadmap, moveRoadmapItem, ROADMAP_COLUMNS, type RoadmapColumn } from '../../../shared/deliver/roadmap'
import { LIMITS } from '../../../shared/limits'
import { useT, type MessageKey } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'
import { COLUMN_LABEL } from './labels'
import { RoadmapCard } from './RoadmapCard'

const DEPARTMENTS: MessageKey[] = ['deptMarketing', 'deptSales', 'deptService', 'deptFinance', 'deptIt', 'deptOperations', 'deptProduct']
const METRICS = ['NPS', 'CSAT', 'CES', 'Avoidable contacts', 'Conversion', 'Churn', 'First contact resolution']

export function Roadmap({ connection, canEdit, lanes, notes }: { connection: WorkshopConnection; canEdit: boolean; lanes: readonly Lane[]; notes: readonly Note[] }) {
  const t = useT()
  const board = connection.board.doc
  const items = useDocSelector(board, listRoadmap)
  const [over, setOver] = useState<RoadmapColumn | null>(null)
  // Suggested owners: the departments written on the board's department lane, then the usual ones.
  const departmentLanes = new Set(lanes.filter((l) => l.kind === 'departments').map((l) => l.id))
  const onBoard = notes.filter((n) => n.laneId !== undefined && departmentLanes.has(n.laneId)).map((n) => n.text.trim())
  const departments = [...new Set([...onBoard, ...DEPARTMENTS.map((k) => t(k))].filter((d) => d !== '' && d.length <= LIMITS.title))]
  const onDrop = (column: RoadmapColumn, e: DragEvent<HTMLElement>) => {
    e.preventDefault()
    setOver(null)
    const id = e.dataTransfer.getData('application/x-horizon-roadmap')
    if (!id || !canEdit) return
    // Dropped on a card: before it; elsewhere in the column: at the end.
    const card = (e.target as HTMLElement).closest<HTMLElement>('.roadmap-card')
    // Positions count the column without the dragged card (as moveRoadmapItem does).
    const others = items.filter((i) => i.column === column && i.id !== id)
    const at = card ? others.findIndex((i) => i.id === card.dataset.id) : -1
    moveRoadmapItem(board, id, column, at < 0 ? others.length : at)
  }
  return (
    <section aria-labelledby="roadmap-heading">
      <h3 id="roadmap-heading">{t('roadmap')}</h3>
      <datalist id="horizon-departments">
        {departments.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <datalist id="horizon-metrics">
        {METRICS.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <div className="roadmap">
        {ROADMAP_COLUMNS.map((column) => {
          const inColumn = items.filter((i) => i.column === column)
          return (
            <section
              key={column}
              className={over === column ? 'roadmap-column over' : 'roadmap-column'}
              aria-label={t(COLUMN_LABEL[column])}
              onDragOver={(e) => {
                if (!canEdit) return
                e.preventDefault()
                setOver(column)
              }}
              onDragLeave={() => setOver(null)}
              onDrop={(e) => onDrop(column, e)}
            >
              <h4>
                {t(COLUMN_LABEL[column])} <span className="muted">({inColumn.length})</span>
              </h4>
              <ol>
                {inColumn.map((item, index) => (
                  <RoadmapCard key={item.id} board={board} item={item} index={index} count={inColumn.length} canEdit={canEdit} />
                ))}
              </ol>
            </section>
          )
        })}
      </div>
    </section>
  )
}
