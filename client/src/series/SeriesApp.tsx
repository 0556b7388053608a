/**
 * The app when a snapshot or comparison page is opened by its address (main.tsx): just that
 * page, without the board's code (canvas, sync, panels) that the full app evaluates first — a
 * good part of such a page's opening. Any other page (the new workshop's board after a restore,
 * say) loads the full app.
 */
import { OnDemand } from '../OnDemand'
import { useRoute } from '../router'
import { loadComparePage, loadSnapshotPage } from './early'

const loadApp = () => import('../App').then((m) => m.App)

export function SeriesApp() {
  const route = useRoute((s) => s.route)
  if (route.page === 'snapshot') return <OnDemand key={route.snapshotId} load={loadSnapshotPage} props={{ workshopId: route.workshopId, snapshotId: route.snapshotId }} />
  if (route.page === 'compare') return <OnDemand key={route.workshopId} load={loadComparePage} props={{ workshopId: route.workshopId }} />
  return <OnDemand load={loadApp} props={{}} />
}
