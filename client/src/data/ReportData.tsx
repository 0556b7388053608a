/**
 * The report's data section (issue #12): the dataset summary, stages, the guess against the
 * data per department, and owners and targets — from the export's `data` (none without it).
 * Labels and numbers in the page's language, as the rest of the report (nl-NL: 48.210, 4,2).
 */
import type { Comparison } from '../../../shared/data/compare'
import type { DataExport } from '../../../shared/workshop-file/data-section'
import { formatNumber, formatPercent, useT } from '../i18n'
import { MEASURE_LABEL, targetLabel } from './labels'
import { Section } from '../report/Section'

export function ReportData({ data }: { data: DataExport | undefined }) {
  const t = useT()
  if (!data) return null
  const active = data.datasets.find((d) => d.id === data.activeId) ?? data.datasets[data.datasets.length - 1]
  const comparison = data.comparison as Comparison | undefined
  return (
    <Section id="data" title={t('guessVsData')}>
      {active && (
        <>
          <p>
            <strong>{active.name}</strong> —{' '}
            {t('datasetSummary', { rows: formatNumber(t, active.aggregates.rows), customers: formatNumber(t, active.aggregates.customers), from: active.aggregates.from?.slice(0, 10) ?? '—', to: active.aggregates.to?.slice(0, 10) ?? '—' })}
          </p>
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t('stages')}</th>
                <th scope="col">{t('metricVolume')}</th>
                <th scope="col">{t('metricCsat')}</th>
                <th scope="col">{t('metricRepeat')}</th>
              </tr>
            </thead>
            <tbody>
              {active.aggregates.stages.map((s) => (
                <tr key={s.stage}>
                  <th scope="row">{s.stage}</th>
                  <td>{formatNumber(t, s.interactions)}</td>
                  <td>{s.csat === null ? '—' : formatNumber(t, s.csat, 1)}</td>
                  <td>{formatPercent(t, s.repeatRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {comparison && (
        <table className="report-table">
          <thead>
            <tr>
              {/* The rows are the group and each department, the cells how many of the data's top 10 each found. */}
              <th scope="col">{t('reportWho')}</th>
              <th scope="col">{t('reportFoundOf', { measure: t(MEASURE_LABEL[comparison.measure]) })}</th>
              <th scope="col">ρ</th>
            </tr>
          </thead>
          <tbody>
            {[comparison.group, ...comparison.departments].map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name === '' ? t('theGroup') : r.name}</th>
                <td>{t('foundOf', { found: r.found, of: comparison.data.length })}</td>
                <td>{r.rho === null ? t('rhoNone') : formatNumber(t, r.rho, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.keyTouchpoints.length > 0 && (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('touchpoint')}</th>
              <th scope="col">{t('owner')}</th>
              <th scope="col">{t('target')}</th>
            </tr>
          </thead>
          <tbody>
            {data.keyTouchpoints.map((k) => (
              <tr key={k.touchpoint}>
                <th scope="row">{k.touchpoint}</th>
                <td>{k.owner ?? '—'}</td>
                <td>{targetLabel(t, k) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  )
}
