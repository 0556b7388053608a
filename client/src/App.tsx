import { ErrorPage } from './components'
import { useT } from './i18n'
import { BoardPage } from './pages/BoardPage'
import { Home } from './pages/Home'
import { Join } from './pages/Join'
import { useRoute } from './router'

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
    case 'notFound':
      return <ErrorPage message={t('deadLink')} />
  }
}
