/**
 * The printable report of a workshop (`/w/:id/report`): the same sections as the Markdown
 * export, from the same model (shared/workshop-file/report.ts) — scope, the journey as stages ×
 * lanes with the emotion per stage, top pains, clusters, "How might we", ideas, MVP, roadmap,
 * user stories — drawn from the `json` export with React, so everything a person typed is
 * text, never markup. "Print / Save as PDF" hands it to the browser; report.css lays it out
 * for A4 paper. This file loads the export; ReportView.tsx lays out the sections, one file each.
 */
import { useEffect, useState } from 'react'
import type { WorkshopJson } from '../../../shared/workshop-file/format'
import { parseWorkshopJson } from '../../../shared/workshop-file/from-json'
import { workshopReport, type WorkshopReport } from '../../../shared/workshop-file/report'
import { api, ApiError } from '../api'
import { ErrorText } from '../components'
import { useT } from '../i18n'
import { readSession, takeFragment } from '../session'
import { workshopTitle } from './labels'
import { ReportView } from './ReportView'
import './report.css'

type State =
  | { kind: 'loading' }
  | { kind: 'noSession' }
  /** `reason` null: the server could not be reached. */
  | { kind: 'failed'; reason: string | null }
  | { kind: 'ready'; report: WorkshopReport; json: WorkshopJson; at: number }

/** `#token=…` in the address, read without touching it (so that it is pure). */
function fragmentToken(): string | undefined {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? undefined
}

export function Report({ workshopId }: { workshopId: string }) {
  const t = useT()
  const [state, setState] = useState<State>({ kind: 'loading' })
  // A report link (`/w/<id>/report#token=…`) works on its own, in a browser that never opened
  // the board; without one, the session kept by the board is used.
  const [linkToken] = useState(fragmentToken)

  useEffect(() => {
    // The token leaves the address bar (and the history) once read.
    if (window.location.hash) takeFragment()
    const token = linkToken ?? readSession(workshopId)?.token
    if (!token) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the session comes from localStorage, outside React
      setState({ kind: 'noSession' })
      return
    }
    let live = true
    setState({ kind: 'loading' })
    api.exportJson(workshopId, token).then(
      (raw) => {
        if (!live) return
        const parsed = parseWorkshopJson(raw)
        setState(parsed.ok ? { kind: 'ready', report: workshopReport(parsed.value), json: parsed.value, at: Date.now() } : { kind: 'failed', reason: parsed.error })
      },
      (error: unknown) => {
        if (live) setState({ kind: 'failed', reason: error instanceof ApiError && error.status !== 0 ? error.message : null })
      },
    )
    return () => {
      live = false
    }
  }, [workshopId, linkToken])

  // The PDF a browser saves is named after the page's title.
  const pageTitle = state.kind === 'ready' ? `${workshopTitle(t, state.report)} — ${t('appName')}` : undefined
  useEffect(() => {
    if (pageTitle === undefined) return
    const before = document.title
    document.title = pageTitle
    return () => {
      document.title = before
    }
  }, [pageTitle])

  const board = `/w/${encodeURIComponent(workshopId)}`
  if (state.kind === 'loading') {
    return (
      <main className="page" aria-busy="true">
        <p role="status">{t('reportLoading')}</p>
      </main>
    )
  }
  if (state.kind !== 'ready') {
    return (
      <main className="page">
        <h1>{t('appName')}</h1>
        <ErrorText message={state.kind === 'noSession' ? t('reportNoSession') : t('reportFailed', { reason: state.reason ?? t('serverError') })} />
        <p className="report-links">
          <a href={board}>{t('reportBackToBoard')}</a> <a href="/">{t('goHome')}</a>
        </p>
      </main>
    )
  }
  return <ReportView report={state.report} json={state.json} at={state.at} boardHref={board} />
}
