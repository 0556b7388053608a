/**
 * A snapshot or comparison page's code and data asked for as soon as the address is known
 * (main.tsx, before the app's own code has arrived), instead of one after the other: the app's
 * chunks, then the page's chunk, then the page's request. The page takes the request already
 * under way (seriesApi) rather than sending its own.
 */
import { parseRoute } from '../router'
import { readSession } from '../session'
import { prefetch } from './seriesApi'

const snapshotPageCode = () => import('./SnapshotPage')
const comparePageCode = () => import('./ComparePage')
export const loadSnapshotPage = () => snapshotPageCode().then((m) => m.SnapshotPage)
export const loadComparePage = () => comparePageCode().then((m) => m.ComparePage)

/** Whether the address is a snapshot's or a comparison's: main.tsx then starts with SeriesApp, not App. */
export const isSeriesPage = (pathname: string) => ['snapshot', 'compare'].includes(parseRoute(pathname).page)

export function startEarly(pathname: string): void {
  const route = parseRoute(pathname)
  if (route.page !== 'snapshot' && route.page !== 'compare') return
  const session = readSession(route.workshopId)
  // Without a facilitator's session the page says so; nothing to fetch.
  if (session?.role !== 'facilitator') return
  if (route.page === 'snapshot') {
    void snapshotPageCode().catch(() => undefined)
    prefetch.changes(route.workshopId, session.token, route.snapshotId)
  } else {
    void comparePageCode().catch(() => undefined)
    prefetch.runs(route.workshopId, session.token)
  }
}
