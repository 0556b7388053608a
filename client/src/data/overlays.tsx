/** The data's layers on the board canvas (metrics lane, silo view) and the silo legend (issue #12). */
import { useCallback, useMemo } from 'react'
import type { BoardLayout } from '../../../shared/board/layout'
import type { Note } from '../../../shared/board/note'
import { MetricsLane, type MetricsLabels } from '../board/canvas/MetricsLane'
import { SiloMarks } from '../board/canvas/SiloMarks'
import { formatNumber, useT } from '../i18n'
import { departmentColor } from './department'
import type { DataModel } from './model'
import { useSilo } from './silo'
import './data.css'

export function useDataOverlays(layout: BoardLayout, data: DataModel) {
  const t = useT()
  const silo = useSilo((s) => s.on)
  const labels = useMemo<MetricsLabels>(
    () => ({ volume: t('metricVolume'), csat: t('metricCsat'), repeat: t('metricRepeat'), wentOn: (percent) => t('metricWentOn', { percent }), worst: t('metricWorst'), number: (value, digits) => formatNumber(t, value, digits) }),
    [t],
  )
  const { active, departmentOf, departments } = data
  const colorOf = useCallback((d: string) => departmentColor(departments, d), [departments])
  return useCallback(
    ({ visible, positions, scale }: { visible: Note[]; positions: ReadonlyMap<string, { x: number; y: number }>; scale: number }) => (
      <>
        {active && <MetricsLane layout={layout} dataset={active} labels={labels} scale={scale} />}
        {silo && <SiloMarks notes={visible} positions={positions} heights={layout.notes} departmentOf={departmentOf} colorOf={colorOf} />}
      </>
    ),
    [active, layout, labels, silo, departmentOf, colorOf],
  )
}

export function SiloLegend({ departments }: { departments: string[] }) {
  const t = useT()
  const silo = useSilo((s) => s.on)
  if (!silo) return null
  return (
    <aside className="silo-legend" aria-label={t('siloLegend')}>
      <strong>{t('siloView')}</strong>
      <ul>
        {departments.map((d) => (
          <li key={d}>
            <span className="swatch" style={{ background: departmentColor(departments, d) }} aria-hidden="true" /> {d}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => useSilo.getState().set(false)}>
        {t('siloOff')}
      </button>
    </aside>
  )
}
