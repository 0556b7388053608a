/**
 * A snapshot opened read-only (`/w/:id/snapshots/:sid`, facilitator): what changed on the board
 * since, then the board as it was — the report's sections (scope, the journey by stage and lane,
 * pains, clusters, roadmap, stories …) drawn from the snapshot's export. Restore as a new
 * workshop from here; the live board is never rewritten.
 */
import { useEffect, useState } from 'react'
import type { BoardDiff, NotePlace, RoadmapState } from '../../../shared/continuous/diff'
import { parseWorkshopJson } from '../../../shared/workshop-file/from-json'
import type { WorkshopJson } from '../../../shared/workshop-file/format'
import { workshopReport, type WorkshopReport } from '../../../shared/workshop-file/report'
import { ErrorText, LanguageSwitch } from '../components'
import { useLocale } from '../i18n'
import { ReportView } from '../report/ReportView'
import { readSession } from '../session'
import { STATE_WORDS, useSeriesT, type SeriesT } from './i18n'
import { openCreated, reason } from './SeriesPanel'
import { seriesApi, type SnapshotInfo } from './seriesApi'
import '../report/report.css'
import './series.css'

type State =
  | { kind: 'loading' }
  | { kind: 'noSession' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; snapshot: SnapshotInfo; changes: BoardDiff; report: WorkshopReport; json: WorkshopJson }

function place(t: SeriesT, p: NotePlace): string {
  const cell = [p.stage, p.lane].filter(Boolean).join(' · ')
  return cell || t('loose')
}

function Changes({ changes }: { changes: BoardDiff }) {
  const t = useSeriesT()
  const locale = useLocale((s) => s.locale)
  const word = (s: RoadmapState | undefined) => (s ? STATE_WORDS[locale][s] : '')
  const text = (value: string) => value.trim() || t('emptyNote')
  const { notes, votes, roadmap } = changes
  return (
    <section className="series-changes" aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t('changesSince')}</h2>
      {changes.empty && <p>{t('noChanges')}</p>}
      {notes.added.length > 0 && (
        <details open>
          <summary>{t('notesAdded', { count: notes.added.length })}</summary>
          <ul>{notes.added.map((n) => <li key={n.id} className="change-added">{text(n.text)} <span className="muted">({place(t, n.place)})</span></li>)}</ul>
        </details>
      )}
      {notes.removed.length > 0 && (
        <details open>
          <summary>{t('notesRemoved', { count: notes.removed.length })}</summary>
          <ul>{notes.removed.map((n) => <li key={n.id} className="change-removed">{text(n.text)} <span className="muted">({place(t, n.place)})</span></li>)}</ul>
        </details>
      )}
      {notes.moved.length > 0 && (
        <details open>
          <summary>{t('notesMoved', { count: notes.moved.length })}</summary>
          <ul>{notes.moved.map((n) => <li key={n.id}>{text(n.text)} <span className="muted">({place(t, n.from)} → {place(t, n.place)})</span></li>)}</ul>
        </details>
      )}
      {notes.textChanged.length > 0 && (
        <details open>
          <summary>{t('notesRetyped', { count: notes.textChanged.length })}</summary>
          <ul>{notes.textChanged.map((n) => <li key={n.id}><del>{text(n.before)}</del> → <ins>{text(n.after)}</ins></li>)}</ul>
        </details>
      )}
      {votes.changed.length > 0 && (
        <details open>
          <summary>{t('votesChanged', { before: votes.before, after: votes.after })}</summary>
          <ul>{votes.changed.map((v) => <li key={v.targetId}>{text(v.label)}: {v.before} → {v.after}</li>)}</ul>
        </details>
      )}
      {roadmap.added.length + roadmap.removed.length + roadmap.moved.length + roadmap.renamed.length > 0 && (
        <details open>
          <summary>{t('roadmapChanged')}</summary>
          <ul>
            {roadmap.moved.map((r) => <li key={`m${r.id}`}>{r.title}: {t('roadmapMoved', { from: word(r.from), to: word(r.to) })}</li>)}
            {roadmap.added.map((r) => <li key={`a${r.id}`}>{r.title}: {t('roadmapAdded', { to: word(r.to) })}</li>)}
            {roadmap.removed.map((r) => <li key={`r${r.id}`}>{r.title}: {t('roadmapRemoved', { from: word(r.from) })}</li>)}
            {roadmap.renamed.map((r) => <li key={`n${r.id}`}>{r.title}: {t('roadmapRenamed', { from: r.renamedFrom ?? '' })}</li>)}
          </ul>
        </details>
      )}
    </section>
  )
}

export function SnapshotPage({ workshopId, snapshotId }: { workshopId: string; snapshotId: string }) {
  const t = useSeriesT()
  const locale = useLocale((s) => s.locale)
  const session = readSession(workshopId)
  const token = session?.role === 'facilitator' ? session.token : undefined
  const [state, setState] = useState<State>(token ? { kind: 'loading' } : { kind: 'noSession' })
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!token) return
    let live = true
    // One request: the changes since and the snapshot's content (the server reads it once).
    seriesApi.changes(workshopId, token, snapshotId).then(
      (changes) => {
        if (!live) return
        const parsed = parseWorkshopJson(changes.state)
        if (!parsed.ok) setState({ kind: 'failed', message: t('failed', { reason: parsed.error }) })
        else setState({ kind: 'ready', snapshot: changes.snapshot, changes: changes.changes, report: workshopReport(parsed.value), json: parsed.value })
      },
      (e: unknown) => live && setState({ kind: 'failed', message: reason(t, e) }),
    )
    return () => {
      live = false
    }
  }, [workshopId, snapshotId, token, t])

  const boardHref = `/w/${encodeURIComponent(workshopId)}`
  if (state.kind === 'noSession') return <main className="page"><p role="alert">{t('noSession')}</p></main>
  if (state.kind === 'loading') return <main className="page" aria-busy="true"><p role="status">{t('loading')}</p></main>
  if (state.kind === 'failed') return <main className="page"><ErrorText message={state.message} /><p><a href={boardHref}>{t('backToBoard')}</a></p></main>

  const { snapshot } = state
  const download = async () => {
    if (!token) return
    try {
      const text = await seriesApi.snapshotMarkdown(workshopId, token, snapshotId)
      const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }))
      const a = document.createElement('a')
      a.href = url
      a.download = `${snapshot.name}.md`
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 1000)
    } catch (e) {
      setError(reason(t, e))
    }
  }
  return (
    <div className="snapshot-page">
      <header className="series-header">
        <h1>{t('snapshotOf', { name: snapshot.name })}</h1>
        <p>{t('takenAt', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(snapshot.createdAt) })}</p>
        <p className="notice" role="note">{t('readOnly')}</p>
        <div className="series-actions">
          <button
            type="button"
            onClick={() => {
              if (!token || !window.confirm(t('restoreConfirm', { name: snapshot.name }))) return
              seriesApi.restore(workshopId, token, snapshotId).then((created) => openCreated(created, session?.name ?? ''), (e: unknown) => setError(reason(t, e)))
            }}
          >
            {t('restoreAsNew')}
          </button>
          <button type="button" onClick={() => void download()}>{t('downloadMarkdown')}</button>
          <a href={boardHref}>{t('backToBoard')}</a>
          <LanguageSwitch />
        </div>
        <ErrorText message={error} />
      </header>
      <Changes changes={state.changes} />
      <ReportView report={state.report} json={state.json} at={snapshot.createdAt} boardHref={boardHref} />
    </div>
  )
}
