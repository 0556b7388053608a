/**
 * The facilitator's "Snapshots & series" panel on the board: save a named snapshot, list them
 * (open read-only with the changes since, restore as a new workshop, delete), end the workshop,
 * mark roadmap items done, start the next workshop of the series and open the comparison.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { listCarriedRoadmap, setDone } from '../../../shared/continuous/done'
import { ApiError } from '../api'
import { ErrorText } from '../components'
import { useLocale } from '../i18n'
import { navigate } from '../router'
import { saveSession } from '../session'
import { useUi } from '../store'
import type { WorkshopConnection } from '../sync/connection'
import { useDocSelector } from '../sync/docHooks'
import { STATE_WORDS, useSeriesT, type SeriesT } from './i18n'
import { seriesApi, type SnapshotInfo } from './seriesApi'
import './series.css'

export function reason(t: SeriesT, error: unknown): string {
  if (error instanceof ApiError && error.status !== 0) return t('failed', { reason: error.message })
  return t('networkError')
}

/** Keeps a facilitator link of a new workshop in this browser and opens it. */
export function openCreated(workshop: { id: string; facilitatorToken: string; participantId: string }, name: string, path = `/w/${encodeURIComponent(workshop.id)}`): void {
  saveSession({ workshopId: workshop.id, token: workshop.facilitatorToken, role: 'facilitator', participantId: workshop.participantId, name })
  navigate(path)
}

export function SeriesPanel({ connection }: { connection: WorkshopConnection }) {
  const t = useSeriesT()
  const locale = useLocale((s) => s.locale)
  const { workshopId, token, name: myName } = connection.session
  const board = connection.board.doc
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | undefined>()
  const [limit, setLimit] = useState(50)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [seriesCount, setSeriesCount] = useState(1)
  const roadmap = useDocSelector(board, (doc) => listCarriedRoadmap(doc, { includeDone: true }).map(({ id, title, column, done }) => ({ id, title, column, done })))
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })

  const load = useCallback(async () => {
    const list = await seriesApi.listSnapshots(workshopId, token)
    const series = await seriesApi.series(workshopId, token)
    return { snapshots: [...list.snapshots].reverse(), limit: list.limit, count: series.workshops.length }
  }, [workshopId, token])
  const apply = (loaded: Awaited<ReturnType<typeof load>>) => {
    setSnapshots(loaded.snapshots)
    setLimit(loaded.limit)
    setSeriesCount(loaded.count)
  }
  const refresh = async () => apply(await load())

  useEffect(() => {
    let live = true
    load().then(
      (loaded) => {
        if (!live) return
        setSnapshots(loaded.snapshots)
        setLimit(loaded.limit)
        setSeriesCount(loaded.count)
      },
      (e: unknown) => live && setError(reason(t, e)),
    )
    return () => {
      live = false
    }
  }, [load, t])

  const act = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      await work()
    } catch (e) {
      setError(reason(t, e))
    } finally {
      setBusy(false)
    }
  }

  const onSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const name = String(new FormData(form).get('name') ?? '').trim()
    void act(async () => {
      await seriesApi.saveSnapshot(workshopId, token, name || `${new Date().toLocaleString(locale)}`)
      form.reset()
      await refresh()
    })
  }

  const onStartNext = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    const title = String(data.get('title') ?? '').trim()
    const notes = data.get('notes') === 'on'
    const votes = notes && data.get('votes') === 'on'
    void act(async () => {
      const created = await seriesApi.startNext(workshopId, token, { ...(title && { title }), ...((notes || votes) && { carry: { notes, votes } }) })
      openCreated(created, myName)
    })
  }

  return (
    <section className="panel series-panel" aria-labelledby="series-heading">
      <h2 id="series-heading">{t('snapshots')}</h2>
      <p className="hint">{t('snapshotsHint')}</p>
      <form className="series-row" onSubmit={onSave}>
        <label className="visually-hidden" htmlFor="snapshot-name">
          {t('snapshotName')}
        </label>
        <input id="snapshot-name" name="name" maxLength={200} placeholder={t('snapshotName')} />
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : t('saveSnapshot')}
        </button>
      </form>
      <ErrorText message={error} />
      {notice && (
        <p role="status" className="series-notice">
          {notice}
        </p>
      )}
      {snapshots && <p className="hint">{t('snapshotCount', { count: snapshots.length, limit })}</p>}
      {snapshots?.length === 0 && <p className="hint">{t('noSnapshots')}</p>}
      <ul className="snapshot-list" aria-label={t('snapshots')}>
        {snapshots?.map((s) => (
          <li key={s.id}>
            <div>
              <strong>{s.name}</strong>
              <span className="muted">
                {' '}
                {date.format(s.createdAt)} · {t(s.kind === 'phase' ? 'kindPhase' : s.kind === 'end' ? 'kindEnd' : 'kindManual')}
              </span>
            </div>
            <div className="row-buttons">
              <a className="button" href={`/w/${encodeURIComponent(workshopId)}/snapshots/${encodeURIComponent(s.id)}`} aria-label={t('openSnapshot', { name: s.name })} onClick={(e) => { e.preventDefault(); navigate(e.currentTarget.pathname) }}>
                {t('open')}
              </a>
              <button
                type="button"
                disabled={busy}
                aria-label={t('restoreSnapshot', { name: s.name })}
                onClick={() => {
                  if (!window.confirm(t('restoreConfirm', { name: s.name }))) return
                  void act(async () => openCreated(await seriesApi.restore(workshopId, token, s.id), myName))
                }}
              >
                {t('restoreAsNew')}
              </button>
              <button
                type="button"
                className="danger"
                disabled={busy}
                aria-label={t('deleteSnapshot', { name: s.name })}
                onClick={() => {
                  if (!window.confirm(t('deleteConfirm', { name: s.name }))) return
                  void act(async () => {
                    await seriesApi.deleteSnapshot(workshopId, token, s.id)
                    await refresh()
                  })
                }}
              >
                {t('delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          if (!window.confirm(t('endConfirm'))) return
          void act(async () => {
            const saved = await seriesApi.end(workshopId, token)
            setNotice(t('ended', { name: saved.name }))
            await refresh()
          })
        }}
      >
        {t('endWorkshop')}
      </button>

      <h3 id="done-heading">{t('doneHeading')}</h3>
      <p className="hint">{t('doneHint')}</p>
      {roadmap.length === 0 && <p className="hint">{t('noRoadmap')}</p>}
      <ul aria-labelledby="done-heading" className="done-list">
        {roadmap.map((item) => (
          <li key={item.id}>
            <label>
              <input type="checkbox" checked={item.done} onChange={(e) => setDone(board, item.id, e.currentTarget.checked)} aria-label={t('markDone', { title: item.title })} />
              {item.title || '—'} <span className="muted">({STATE_WORDS[locale][item.column]})</span>
            </label>
          </li>
        ))}
      </ul>

      <h3 id="next-heading">{t('series')}</h3>
      <p className="hint">{t('seriesHint')}</p>
      <p className="hint">{t('inSeries', { count: seriesCount })}</p>
      <form className="series-next" onSubmit={onStartNext} aria-labelledby="next-heading">
        <label>
          {t('nextTitle')}
          <input name="title" maxLength={200} />
        </label>
        <label className="switch">
          <input type="checkbox" name="notes" /> {t('carryNotes')}
        </label>
        <label className="switch">
          <input type="checkbox" name="votes" /> {t('carryVotes')}
        </label>
        <button type="submit" disabled={busy}>
          {t('startNext')}
        </button>
      </form>
      <p>
        <a className="button" href={`/w/${encodeURIComponent(workshopId)}/compare`} onClick={(e) => { e.preventDefault(); navigate(e.currentTarget.pathname) }}>
          {t('compareRuns')}
        </a>
      </p>
    </section>
  )
}

/** The side tab that opens the panel (the board's other tabs are drawn the same way). */
export function SeriesTab() {
  const t = useSeriesT()
  const open = useUi((s) => s.panel === 'series')
  const label = open ? t('hideSeriesTab') : t('seriesTab')
  return (
    <button type="button" className="sidetab" aria-pressed={open} title={label} onClick={() => useUi.getState().setPanel(open ? null : 'series')}>
      {/* A clock turning back: snapshots of earlier moments. */}
      <svg className="icon-svg" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path d="M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 3" />
      </svg>
      <span>{label}</span>
    </button>
  )
}
