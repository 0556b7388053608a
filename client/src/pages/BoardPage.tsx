/**
 * Opens a workshop: takes the token from the link (or the session kept from an earlier visit),
 * checks it with the server, then connects. Without a session a participant is sent to join.
 */
import { useEffect, useState } from 'react'
import { api, ApiError } from '../api'
import { Board } from '../board/Board'
import { ErrorPage } from '../components'
import { translate, useLocale, useT, type MessageKey } from '../i18n'
import { navigate } from '../router'
import type { ShareInfo } from '../shareInfo'
import { forgetSession, readSession, saveSession, takeFragment, type Session } from '../session'
import { WorkshopConnection } from '../sync/connection'
import { useUi } from '../store'

/** What the page shows: loading, the board, or why not. */
type PageState =
  | { kind: 'loading' }
  | { kind: 'ready'; connection: WorkshopConnection; title: string; share: ShareInfo | undefined }
  | { kind: 'error'; message: MessageKey }

export function BoardPage({ workshopId }: { workshopId: string }) {
  const t = useT()
  const [page, setPage] = useState<PageState>({ kind: 'loading' })

  useEffect(() => {
    let live = true
    let connection: WorkshopConnection | undefined
    useUi.getState().reset()
    const open = async () => {
      const fragment = takeFragment()
      let session: Session | undefined = readSession(workshopId)
      const token = fragment.token ?? session?.token
      if (!token) {
        navigate(`/join/${workshopId}`)
        return
      }
      let title = ''
      let share: ShareInfo | undefined
      try {
        const info = await api.describe(workshopId, token)
        title = info.title
        if (info.joinCode && info.joinUrl && info.viewerUrl) share = { joinCode: info.joinCode, joinUrl: info.joinUrl, viewerUrl: info.viewerUrl }
        // In the language chosen now (this effect is not re-run when it changes).
        const roleName = info.role === 'participant' ? (info.name ?? session?.name ?? '') : translate(useLocale.getState().locale, info.role === 'facilitator' ? 'facilitatorRole' : 'viewerRole')
        session = { workshopId, token, role: info.role, participantId: info.participantId, name: session?.token === token && session.name ? session.name : roleName }
        saveSession(session)
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 404)) {
          if (session?.token === token) forgetSession(workshopId)
          // The server says why a token stopped counting: removed, or a replaced viewer link.
          const reason = e.status === 404 ? 'deadLink' : /removed you/.test(e.message) ? 'removedByFacilitator' : /viewer link was replaced/.test(e.message) ? 'linkReplaced' : 'noAccess'
          if (live) setPage({ kind: 'error', message: reason })
          return
        }
        // Offline with a session from an earlier visit: open from the local copy.
        if (!session) {
          if (live) setPage({ kind: 'error', message: 'serverError' })
          return
        }
      }
      if (!live || !session) return
      connection = new WorkshopConnection(session)
      setPage({ kind: 'ready', connection, title, share })
    }
    void open()
    return () => {
      live = false
      connection?.destroy()
    }
  }, [workshopId])

  if (page.kind === 'error') return <ErrorPage message={t(page.message)} />
  if (page.kind === 'loading')
    return (
      <main className="page" aria-busy="true">
        <p role="status">{t('loading')}</p>
      </main>
    )
  return <Board connection={page.connection} title={page.title} share={page.share} />
}
