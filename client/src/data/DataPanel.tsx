/**
 * The "Data" panel (issue #12). Participants: their department and their ranked guess, and
 * after the reveal the comparison. The facilitator: the departments taking part, the import,
 * the datasets and the measure, the reveal, matching, owners and targets, and the comparison
 * (a preview before the reveal). Viewers: the comparison after the reveal. Everyone: the
 * silo view switch.
 */
import type * as Y from 'yjs'
import type { Lane } from '../../../shared/board/lane'
import type { Note } from '../../../shared/board/note'
import type { Stage } from '../../../shared/board/stage'
import { setDataRevealed } from '../../../shared/facilitation/control'
import { MEASURES, removeDataset, setActiveDataset, setMeasure, type Measure } from '../../../shared/data/data-doc'
import { formatNumber, useT } from '../i18n'
import { MEASURE_LABEL } from './labels'
import type { WorkshopConnection } from '../sync/connection'
import { ComparisonView } from './Comparison'
import { DepartmentsEditor } from './Departments'
import { DepartmentPicker, GuessPanel } from './GuessPanel'
import { ImportButton } from './ImportButton'
import { KeyTouchpoints } from './KeyTouchpoints'
import { Matching } from './Matching'
import type { DataModel } from './model'
import { useSilo } from './silo'
import './data.css'

export { MEASURE_LABEL }

export function DataPanel({ connection, dataDoc, data, notes, lanes, stages, canEdit }: {
  connection: WorkshopConnection
  dataDoc: Y.Doc | undefined
  data: DataModel
  notes: Note[]
  lanes: Lane[]
  stages: Stage[]
  canEdit: boolean
}) {
  const t = useT()
  const { session } = connection
  const board = connection.board.doc
  const control = connection.control.doc
  const facilitator = session.role === 'facilitator'
  const silo = useSilo((s) => s.on)
  const touchpointLanes = new Set(lanes.filter((l) => l.kind === 'touchpoints').map((l) => l.id))
  const touchpointNotes = [...new Set(notes.filter((n) => n.laneId !== undefined && touchpointLanes.has(n.laneId) && n.text.trim() !== '').map((n) => n.text.trim()))]
  const myGuess = data.guesses[session.participantId] ?? []
  const labels = [...Object.values(data.guesses).flat(), ...touchpointNotes]
  const measureLabel = t(MEASURE_LABEL[data.measure])

  return (
    <section className="panel data-panel" aria-labelledby="data-heading">
      <h2 id="data-heading">{t('dataPanel')}</h2>
      <label className="switch">
        <input type="checkbox" checked={silo} onChange={(e) => useSilo.getState().set(e.currentTarget.checked)} />
        {t('siloView')}
      </label>
      {session.role === 'participant' && (
        <>
          <DepartmentPicker board={board} session={session} departments={data.departments} mine={data.departmentOf[session.participantId]} disabled={!canEdit} />
          <GuessPanel board={board} participantId={session.participantId} guess={myGuess} suggestions={touchpointNotes} closed={data.guessesClosed || !canEdit} />
        </>
      )}
      {facilitator && (
        <>
          <DepartmentsEditor control={control} departments={data.departments} />
          <section aria-labelledby="datasets-heading">
            <h3 id="datasets-heading">{t('datasets')}</h3>
            {dataDoc && <ImportButton dataDoc={dataDoc} stages={stages} />}
            {data.datasets.length === 0 ? (
              <p>{t('noDataYet')}</p>
            ) : (
              <ul className="datasets">
                {data.datasets.map((d) => (
                  <li key={d.id} className="row-buttons">
                    <label>
                      <input type="radio" name="active-dataset" checked={data.active?.id === d.id} onChange={() => dataDoc && setActiveDataset(dataDoc, d.id)} />
                      {d.name}
                    </label>{' '}
                    <span className="muted">{t('datasetSummary', { rows: formatNumber(t, d.aggregates.rows), customers: formatNumber(t, d.aggregates.customers), from: d.aggregates.from?.slice(0, 10) ?? '—', to: d.aggregates.to?.slice(0, 10) ?? '—' })}</span>
                    <button type="button" className="danger" aria-label={t('removeDataset', { name: d.name })} onClick={() => dataDoc && window.confirm(t('removeDatasetConfirm', { name: d.name })) && removeDataset(dataDoc, d.id)}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <label>
              {t('rankBy')}{' '}
              <select value={data.measure} onChange={(e) => dataDoc && setMeasure(dataDoc, e.currentTarget.value as Measure)}>
                {MEASURES.map((m) => (
                  <option key={m} value={m}>
                    {t(MEASURE_LABEL[m])}
                  </option>
                ))}
              </select>
            </label>
            <label className="switch">
              <input type="checkbox" checked={data.revealed} onChange={(e) => setDataRevealed(control, e.currentTarget.checked)} />
              {t('revealData')}
            </label>
            <p className="hint">{data.revealed ? t('dataRevealedHint') : data.guessesClosed ? t('dataHiddenAgainHint') : t('dataHiddenHint')}</p>
          </section>
          {dataDoc && data.touchpointNames.length > 0 && <Matching dataDoc={dataDoc} labels={labels} touchpoints={data.touchpointNames} matches={data.matches} />}
        </>
      )}
      {!facilitator && !data.revealed && <p className="notice">{t('dataNotRevealed')}</p>}
      {data.comparison && (facilitator || data.revealed) && <ComparisonView comparison={data.comparison} departments={data.departments} measureLabel={measureLabel} />}
      {dataDoc && data.active && (
        <KeyTouchpoints dataDoc={dataDoc} board={board} touchpoints={data.touchpointNames} keyTouchpoints={data.keyTouchpoints} departments={data.departments} aggregates={data.active.aggregates} canEdit={facilitator} revealed={data.revealed} />
      )}
    </section>
  )
}
