/**
 * Pages whose code is fetched when asked for (the report, snapshots, the comparison, and the
 * whole app when a snapshot or comparison page opened first): what shows meanwhile, what shows
 * when the code cannot be fetched, and the loader itself.
 */
import { useEffect, useState, type ComponentType } from 'react'
import { ErrorPage } from './components'
import { useT } from './i18n'

/** The page's code could not be fetched (offline, or a new version was deployed meanwhile). */
export function ReportUnavailable() {
  const t = useT()
  return <ErrorPage message={t('serverError')} />
}

/** What a lazily loaded page shows while its code arrives. */
export function PageLoading() {
  const t = useT()
  return (
    <main className="page" aria-busy="true">
      <p role="status">{t('reportLoading')}</p>
    </main>
  )
}

/**
 * A page whose code is fetched on demand, drawn the moment it is there — not with React.lazy:
 * React 19 holds a Suspense boundary's content back until its fallback has shown for 300 ms,
 * a third of the time a comparison page took to draw.
 */
export function OnDemand<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [Page, setPage] = useState<ComponentType<P> | null>(null)
  useEffect(() => {
    let live = true
    load().then(
      (component) => live && setPage(() => component),
      () => live && setPage(() => ReportUnavailable),
    )
    return () => {
      live = false
    }
  }, [load])
  return Page ? <Page {...props} /> : <PageLoading />
}
