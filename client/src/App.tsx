import { lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react'
import { ErrorPage } from './components'
import { useT } from './i18n'
import { BoardPage } from './pages/BoardPage'
import { Home } from './pages/Home'
import { Join } from './pages/Join'
import { useRoute } from './router'
import { comparePageCode, snapshotPageCode } from './series/early'

// The report (and its print stylesheet, and the export validator) load only when asked for.
const Report = lazy(() =>
  import('./report/Report').then(
    (module) => ({ default: module.Report }),
    () => ({ default: ReportUnavailable }),
  ),
)

// Continuous journeys (#13): snapshot and comparison pages, loaded when asked for (early.ts
// starts that, and their request, before this code has arrived).
const loadSnapshotPage = () => snapshotPageCode().then((m) => m.SnapshotPage)
const loadComparePage = () => comparePageCode().then((m) => m.ComparePage)

/**
 * A page whose code is fetched on demand, drawn the moment it is there — not with React.lazy:
 * React 19 holds a Suspense boundary's content back until its fallback has shown for 300 ms,
 * a third of the time a comparison page took to draw.
 */
function OnDemand<P extends object>({ load, props, fallback }: { load: () => Promise<ComponentType<P>>; props: P; fallback: ReactNode }) {
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
  return Page ? <Page {...props} /> : fallback
}

/** The report's code could not be fetched (offline, or a new version was deployed meanwhile). */
function ReportUnavailable() {
  const t = useT()
  return <ErrorPage message={t('serverError')} />
}

export function App() {
  const t = useT()
  const route = useRoute((s) => s.route)
  // What a lazily loaded page (report, snapshot, comparison) shows while its code arrives.
  const loading = (
    <main className="page" aria-busy="true">
      <p role="status">{t('reportLoading')}</p>
    </main>
  )
  switch (route.page) {
    case 'home':
      return <Home />
    case 'join':
      return <Join {...(route.workshopId !== undefined && { workshopId: route.workshopId })} />
    case 'board':
      return <BoardPage key={route.workshopId} workshopId={route.workshopId} />
    case 'report':
      return (
        <Suspense
          fallback={loading}
        >
          <Report key={route.workshopId} workshopId={route.workshopId} />
        </Suspense>
      )
    case 'snapshot':
      return <OnDemand key={route.snapshotId} load={loadSnapshotPage} props={{ workshopId: route.workshopId, snapshotId: route.snapshotId }} fallback={loading} />
    case 'compare':
      return <OnDemand key={route.workshopId} load={loadComparePage} props={{ workshopId: route.workshopId }} fallback={loading} />
    case 'notFound':
      return <ErrorPage message={t('deadLink')} />
  }
}
