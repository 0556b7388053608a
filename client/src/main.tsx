// zod is set to jitless before any schema exists (zodConfig.ts). Since the lazy routes (the
// report, snapshots, comparison) share modules with the board, the bundler puts those modules
// — many of which build schemas as they load — into a chunk this entry imports; an imported
// chunk runs before the entry's own code, so a schema would be built (and zod's `new Function`
// probe reported as a CSP violation) before the config. The app is therefore loaded only once
// the config has run: this entry holds nothing else that builds a schema.
import './zodConfig'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles.css'
import { isSeriesPage, startEarly } from './series/early'

// A snapshot or comparison page: its code and data are asked for now, beside the app's code.
startEarly(window.location.pathname)

// A snapshot or comparison page starts without the board's code (SeriesApp); any other with the app.
const root = isSeriesPage(window.location.pathname) ? import('./series/SeriesApp').then((m) => m.SeriesApp) : import('./App').then((m) => m.App)

void Promise.all([root, import('./components')]).then(([App, { ErrorBoundary }]) => {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  )
}, () => {
  // The app's code could not be fetched (the server went away meanwhile): say so, not a blank page.
  const root = document.getElementById('root') as HTMLElement
  root.textContent = 'Horizon could not be loaded: the server could not be reached. Reload the page to try again. / Horizon kon niet laden: de server is niet bereikbaar. Laad de pagina opnieuw.'
  root.setAttribute('role', 'alert')
})
