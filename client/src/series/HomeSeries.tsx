/**
 * "Your journeys" on the start page: the series of the workshops whose facilitator links this
 * browser keeps (the sessions in localStorage — no accounts), each with its workshops oldest
 * first and a link to the comparison. Shown only when at least one workshop is in a series.
 */
import { useEffect, useState } from 'react'
import { useLocale } from '../i18n'
import { navigate } from '../router'
import { readSession } from '../session'
import { useSeriesT } from './i18n'
import { seriesApi } from './seriesApi'
import './series.css'

interface SeriesEntry {
  seriesId: string
  workshops: Array<{ id: string; title: string; createdAt: number; held: boolean }>
}

/** Workshop ids of the facilitator sessions kept in this browser. */
export function facilitatorWorkshops(): string[] {
  const ids: string[] = []
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      const id = key?.startsWith('horizon:session:') ? key.slice('horizon:session:'.length) : undefined
      if (id && readSession(id)?.role === 'facilitator') ids.push(id)
    }
  } catch {
    // no storage: nothing kept
  }
  return ids
}

export function HomeSeries() {
  const t = useSeriesT()
  const locale = useLocale((s) => s.locale)
  const [series, setSeries] = useState<SeriesEntry[]>([])

  useEffect(() => {
    let live = true
    const ids = facilitatorWorkshops()
    const held = new Set(ids)
    void (async () => {
      const found = new Map<string, SeriesEntry>()
      for (const id of ids) {
        const token = readSession(id)?.token
        if (!token || [...found.values()].some((s) => s.workshops.some((w) => w.id === id))) continue
        try {
          const answer = await seriesApi.series(id, token)
          if (answer.seriesId === null || answer.workshops.length < 2) continue
          found.set(answer.seriesId, { seriesId: answer.seriesId, workshops: answer.workshops.map((w) => ({ ...w, held: held.has(w.id) })) })
        } catch {
          // a workshop that is gone or a link that stopped working: left out
        }
      }
      if (live) setSeries([...found.values()])
    })()
    return () => {
      live = false
    }
  }, [])

  if (series.length === 0) return null
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
  return (
    <section className="card home-series" aria-labelledby="home-series-heading">
      <h2 id="home-series-heading">{t('homeSeries')}</h2>
      <p className="hint">{t('homeSeriesHint')}</p>
      {series.map((s) => {
        const latest = [...s.workshops].reverse().find((w) => w.held)
        return (
          <div key={s.seriesId} className="home-series-item">
            <h3>{s.workshops[0]?.title}</h3>
            <ol>
              {s.workshops.map((w) => (
                <li key={w.id}>
                  {w.held ? (
                    <a href={`/w/${encodeURIComponent(w.id)}`} aria-label={t('openWorkshop', { title: w.title })}>
                      {w.title}
                    </a>
                  ) : (
                    w.title
                  )}{' '}
                  <span className="muted">{date.format(w.createdAt)}</span>
                </li>
              ))}
            </ol>
            {latest && (
              <a className="button" href={`/w/${encodeURIComponent(latest.id)}/compare`} onClick={(e) => { e.preventDefault(); navigate(e.currentTarget.pathname) }}>
                {t('compareRuns')}
              </a>
            )}
          </div>
        )
      })}
    </section>
  )
}
