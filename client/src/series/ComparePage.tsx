/**
 * The comparison of a series' runs (`/w/:id/compare`, facilitator of any workshop of the series):
 * per key touchpoint and per stage the figures of each month side by side, the change, a trend
 * line and whether the target was met; the guess-vs-data score per workshop and department; the
 * roadmap items that moved. The table model is shared/continuous/compare.ts; Markdown export is
 * shared/continuous/markdown.ts, the same text as GET …/series/compare?format=md.
 */
import { memo, useEffect, useMemo, useState } from 'react'
import { buildComparison, type Column, type Comparison, type MetricRow } from '../../../shared/continuous/compare'
import { comparisonMarkdown, formatChange, formatValue } from '../../../shared/continuous/markdown'
import type { RunInput } from '../../../shared/continuous/run'
import { ErrorText, LanguageSwitch } from '../components'
import { useLocale, type Locale } from '../i18n'
import { readSession } from '../session'
import { STATE_WORDS, useSeriesT, type SeriesT } from './i18n'
import { reason } from './SeriesPanel'
import { seriesApi } from './seriesApi'
import { Sparkline } from './Sparkline'
import './series.css'

type State = { kind: 'loading' } | { kind: 'noSession' } | { kind: 'failed'; message: string } | { kind: 'ready'; title: string; runs: RunInput[] }

/** One formatter per locale: making one is slow, and a comparison names each month in every table. */
const monthFormats = new Map<Locale, Intl.DateTimeFormat>()

function monthName(locale: Locale, period: string): string {
  const [year, month] = period.split('-').map(Number)
  if (!year || !month) return period
  let format = monthFormats.get(locale)
  if (!format) monthFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })))
  return format.format(Date.UTC(year, month - 1, 1))
}

/** The mark of a month attached from the command line: a short word, its meaning on hover and for screen readers. */
function AttachedBadge({ t }: { t: SeriesT }) {
  return (
    <span className="badge" title={t('attachedLong')}>
      <span aria-hidden="true">{t('attached')}</span>
      <span className="visually-hidden">{t('attachedLong')}</span>
    </span>
  )
}

function ColumnHeads({ columns, t, locale }: { columns: Column[]; t: SeriesT; locale: Locale }) {
  return (
    <>
      {columns.map((c) => (
        <th scope="col" key={c.key}>
          <span className="col-month">{monthName(locale, c.period)}</span>
          <span className="col-label">{c.label}</span>
          {c.attached && <AttachedBadge t={t} />}
        </th>
      ))}
    </>
  )
}

const MetricRows = memo(function MetricRows({ name, metrics, t }: { name: string; metrics: MetricRow[]; t: SeriesT }) {
  return (
    <>
      {metrics.map((m) => (
        <tr key={m.metric}>
          <th scope="row">{t(m.metric)}</th>
          {m.values.map((v, i) => (
            <td key={i} className="num">
              {formatValue(m.metric, v)}
            </td>
          ))}
          <td className={`num change ${m.better === null ? '' : m.better ? 'better' : 'worse'}`}>
            {formatChange(m.metric, m.change)}
            {m.better !== null && <span className="visually-hidden"> ({t(m.better ? 'better' : 'worse')})</span>}
          </td>
          <td>
            <Sparkline values={m.values} better={m.better} label={t('trendOf', { metric: t(m.metric), name, values: m.values.map((v) => formatValue(m.metric, v)).join(', ') })} />
          </td>
        </tr>
      ))}
    </>
  )
})

function ComparisonView({ comparison, t, locale }: { comparison: Comparison; t: SeriesT; locale: Locale }) {
  const { columns } = comparison
  const head = (
    <thead>
      <tr>
        <th scope="col">{t('metric')}</th>
        <ColumnHeads columns={columns} t={t} locale={locale} />
        <th scope="col">{t('change')}</th>
        <th scope="col">{t('trend')}</th>
      </tr>
    </thead>
  )
  const word = STATE_WORDS[locale]
  // Stages without a single figure in any month are named once instead of drawn as empty tables.
  const hasData = (metrics: MetricRow[]) => metrics.some((m) => m.values.some((v) => v !== null))
  const withData = comparison.stages.filter((stage) => hasData(stage.metrics))
  const empty = comparison.stages.filter((stage) => !hasData(stage.metrics))
  return (
    <>
      <section aria-labelledby="kt-heading">
        <h2 id="kt-heading">{t('keyTouchpoints')}</h2>
        {comparison.touchpoints.length === 0 && <p>{t('noKeyTouchpoints')}</p>}
        {comparison.touchpoints.map((row, i) => (
          // Ids by position: a touchpoint's name may hold spaces, which aria-labelledby would split.
          <article key={row.touchpoint} className="compare-block" aria-labelledby={`kt-${i}`}>
            <h3 id={`kt-${i}`}>{row.touchpoint}</h3>
            <p className="compare-meta">
              {row.owner && <span>{t('owner', { owner: row.owner })}</span>}
              <span>{row.target ? t('target', { target: row.target }) : t('targetNotSet')}</span>
              {row.target && !row.parsed && <span className="badge muted-badge">{t('notMeasurable')}</span>}
            </p>
            <div className="table-scroll">
              <table className="compare-table">
                {head}
                <tbody>
                  <MetricRows name={row.touchpoint} metrics={row.metrics} t={t} />
                  {row.parsed && (
                    <tr>
                      <th scope="row">{t('targetMet')}</th>
                      {row.met.map((m, i) => (
                        <td key={i} className={`num ${m === null ? 'muted' : m ? 'met' : 'missed'}`}>
                          {m === null ? t('noFigure') : m ? `✓ ${t('met')}` : `✗ ${t('missed')}`}
                        </td>
                      ))}
                      <td />
                      <td />
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </article>
        ))}
      </section>
      <section aria-labelledby="stages-heading">
        <h2 id="stages-heading">{t('stages')}</h2>
        {empty.length > 0 && <p className="hint">{t('noStageData', { stages: empty.map((s) => s.title).join(', ') })}</p>}
        {withData.map((stage) => (
          <article key={stage.stageId} className="compare-block" aria-labelledby={`st-${stage.stageId}`}>
            <h3 id={`st-${stage.stageId}`}>{stage.title}</h3>
            <div className="table-scroll">
              <table className="compare-table">
                {head}
                <tbody>
                  <MetricRows name={stage.title} metrics={stage.metrics} t={t} />
                </tbody>
              </table>
            </div>
          </article>
        ))}
      </section>
      <section aria-labelledby="guess-heading">
        <h2 id="guess-heading">{t('guesses')}</h2>
        <div className="table-scroll">
          <table className="compare-table guess-table" aria-labelledby="guess-heading">
            <thead>
              <tr>
                <th scope="col">{t('workshop')}</th>
                <th scope="col">{t('month')}</th>
                <th scope="col">{t('teamFound')}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.guesses.map((g) => (
                <tr key={g.workshopId}>
                  <th scope="row">{g.workshopTitle}</th>
                  <td>
                    {monthName(locale, g.period)} {g.attached && <AttachedBadge t={t} />}
                  </td>
                  <td>{g.team ? `${t('foundOf', { found: g.team.found, of: g.team.of })} (${t('people', { count: g.team.people })})` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {comparison.departments.length === 0 && comparison.guesses.every((g) => g.team === null) && <p>{t('noGuesses')}</p>}
        <ul className="department-sentences">
          {comparison.departments.map((department) => {
            const list = comparison.guesses.flatMap((row) => {
              const s = row.departments.find((d) => d.department === department)
              return s ? [t('foundIn', { found: s.found, of: s.of, month: monthName(locale, row.period) })] : []
            })
            return <li key={department}>{t('departmentFound', { department, list: list.join(', ') })}</li>
          })}
        </ul>
      </section>
      <section aria-labelledby="moves-heading">
        <h2 id="moves-heading">{t('roadmapMoves')}</h2>
        {comparison.roadmap.every((s) => s.moves.length === 0) && <p>{t('noMoves')}</p>}
        {comparison.roadmap
          .filter((s) => s.moves.length > 0)
          .map((step) => (
            <div key={`${step.fromWorkshop.id}-${step.toWorkshop.id}`}>
              <h3>
                {step.fromWorkshop.title} → {step.toWorkshop.title}
              </h3>
              <ul>
                {step.moves.map((m) => (
                  <li key={m.id} className={m.to === 'done' ? 'met' : ''}>
                    {m.title}: {word[m.from]} → {word[m.to]}
                    {m.owner && <span className="muted"> ({m.owner})</span>}
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </section>
    </>
  )
}

export function ComparePage({ workshopId }: { workshopId: string }) {
  const t = useSeriesT()
  const locale = useLocale((s) => s.locale)
  const session = readSession(workshopId)
  const token = session?.role === 'facilitator' ? session.token : undefined
  const [state, setState] = useState<State>(token ? { kind: 'loading' } : { kind: 'noSession' })

  useEffect(() => {
    if (!token) return
    let live = true
    seriesApi.runs(workshopId, token).then(
      (result) => live && setState({ kind: 'ready', title: result.title, runs: result.runs }),
      (e: unknown) => live && setState({ kind: 'failed', message: reason(t, e) }),
    )
    return () => {
      live = false
    }
  }, [workshopId, token, t])

  const runs = state.kind === 'ready' ? state.runs : undefined
  const comparison = useMemo(() => (runs ? buildComparison(runs) : undefined), [runs])
  const boardHref = `/w/${encodeURIComponent(workshopId)}`

  useEffect(() => {
    if (state.kind !== 'ready') return
    const before = document.title
    document.title = t('compareOf', { title: state.title })
    return () => {
      document.title = before
    }
  }, [state, t])

  if (state.kind === 'noSession') return <main className="page"><p role="alert">{t('noSession')}</p></main>
  if (state.kind === 'loading' || !comparison) {
    if (state.kind === 'failed') return <main className="page"><ErrorText message={state.message} /><p><a href={boardHref}>{t('backToBoard')}</a></p></main>
    return <main className="page" aria-busy="true"><p role="status">{t('loading')}</p></main>
  }
  if (state.kind !== 'ready') return null

  const download = () => {
    const text = comparisonMarkdown(state.title, comparison)
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }))
    const a = document.createElement('a')
    a.href = url
    a.download = `${state.title} comparison.md`
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return (
    <main className="compare-page">
      <header className="series-header">
        <h1>{t('compareOf', { title: state.title })}</h1>
        <p className="hint">{t('compareHint')}</p>
        <div className="series-actions">
          <button type="button" onClick={download} disabled={!comparison.ok}>
            {t('downloadMarkdown')}
          </button>
          <a href={boardHref}>{t('backToBoard')}</a>
          <LanguageSwitch />
        </div>
      </header>
      {comparison.ok ? (
        <ComparisonView comparison={comparison.value} t={t} locale={locale} />
      ) : (
        <p role="alert" className="error">
          {t('cannotCompare', { reason: comparison.error })}
        </p>
      )}
    </main>
  )
}
