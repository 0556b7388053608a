import { lazy, Suspense } from 'react'
import { ErrorPage } from './components'
import { useT } from './i18n'
import { BoardPage } from './pages/BoardPage'
import { Home } from './pages/Home'
import { Join } from './pages/Join'
import { useRoute } from './router'

// The report (and its print stylesheet, and the export validator) load only when asked for.
const Report = lazy(() =>
  import('./report/Report').then(
    (module) => ({ default: module.Report }),
    () => ({ default: ReportUnavailable }),
  ),
)

// Continuous journeys (#13): snapshot and comparison pages, loaded when asked for.
const SnapshotPage = lazy(() => import('./series/SnapshotPage').then((m) => ({ default: m.SnapshotPage }), () => ({ default: ReportUnavailable })))
const ComparePage = lazy(() => import('./series/ComparePage').then((m) => ({ default: m.ComparePage }), () => ({ default: ReportUnavailable })))

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
    case 'compare':
      return (
        <Suspense
          fallback={loading}
        >
          {route.page === 'snapshot' ? <SnapshotPage key={route.snapshotId} workshopId={route.workshopId} snapshotId={route.snapshotId} /> : <ComparePage key={route.workshopId} workshopId={route.workshopId} />}
        </Suspense>
      )
    case 'notFound':
      return <ErrorPage message={t('deadLink')} />
  }
}
