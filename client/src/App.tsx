import { lazy, Suspense } from 'react'
import { ErrorPage } from './components'
import { useT } from './i18n'
import { OnDemand, PageLoading, ReportUnavailable } from './OnDemand'
import { BoardPage } from './pages/BoardPage'
import { Home } from './pages/Home'
import { Join } from './pages/Join'
import { useRoute } from './router'
// Continuous journeys (#13): snapshot and comparison pages, loaded when asked for (early.ts
// starts that, and their request, before this code has arrived).
import { loadComparePage, loadSnapshotPage } from './series/early'

// The report (and its print stylesheet, and the export validator) load only when asked for.
const Report = lazy(() =>
  import('./report/Report').then(
    (module) => ({ default: module.Report }),
    () => ({ default: ReportUnavailable }),
  ),
)

export function App() {
  const t = useT()
  const route = useRoute((s) => s.route)
  switch (route.page) {
    case 'home':
      return <Home />
    case 'join':
      return <Join {...(route.workshopId !== undefined && { workshopId: route.workshopId })} />
    case 'board':
      return <BoardPage key={route.workshopId} workshopId={route.workshopId} />
    case 'report':
      return (
        <Suspense fallback={<PageLoading />}>
          <Report key={route.workshopId} workshopId={route.workshopId} />
        </Suspense>
      )
    case 'snapshot':
      return <OnDemand key={route.snapshotId} load={loadSnapshotPage} props={{ workshopId: route.workshopId, snapshotId: route.snapshotId }} />
    case 'compare':
      return <OnDemand key={route.workshopId} load={loadComparePage} props={{ workshopId: route.workshopId }} />
    case 'notFound':
      return <ErrorPage message={t('deadLink')} />
  }
}
