/** A very small path router: the app has four pages. */
import { create } from 'zustand'

export type Route =
  | { page: 'home' }
  | { page: 'join'; workshopId?: string }
  | { page: 'board'; workshopId: string }
  | { page: 'report'; workshopId: string }
  | { page: 'snapshot'; workshopId: string; snapshotId: string }
  | { page: 'compare'; workshopId: string }
  | { page: 'notFound' }

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts.length === 0) return { page: 'home' }
  if (parts[0] === 'join' && parts.length === 1) return { page: 'join' }
  if (parts[0] === 'join' && parts.length === 2) return { page: 'join', workshopId: parts[1] as string }
  if (parts[0] === 'w' && parts.length === 2) return { page: 'board', workshopId: parts[1] as string }
  if (parts[0] === 'w' && parts.length === 3 && parts[2] === 'report') return { page: 'report', workshopId: parts[1] as string }
  // Continuous journeys (#13): a snapshot read-only, and the comparison of a series.
  if (parts[0] === 'w' && parts.length === 4 && parts[2] === 'snapshots') return { page: 'snapshot', workshopId: parts[1] as string, snapshotId: parts[3] as string }
  if (parts[0] === 'w' && parts.length === 3 && parts[2] === 'compare') return { page: 'compare', workshopId: parts[1] as string }
  return { page: 'notFound' }
}

export const useRoute = create<{ route: Route }>(() => ({ route: parseRoute(window.location.pathname) }))

window.addEventListener('popstate', () => useRoute.setState({ route: parseRoute(window.location.pathname) }))

export function navigate(path: string): void {
  window.history.pushState(null, '', path)
  useRoute.setState({ route: parseRoute(window.location.pathname) })
}
