/**
 * The facilitator's invitation: the join code, its QR code and the links to copy — each
 * replaceable, which retires the old one — and the people who joined, each removable.
 */
import { useCallback, useEffect, useState } from 'react'
import { api, ApiError, type ParticipantInfo } from '../api'
import { CopyField, ErrorText, JoinQr } from '../components'
import { useT } from '../i18n'
import { colorFor } from '../session'
import type { ShareInfo } from '../shareInfo'
import type { WorkshopConnection } from '../sync/connection'
import { useOnline } from './FacilitatorPanel'

const reasonOf = (t: ReturnType<typeof useT>, error: unknown) =>
  error instanceof ApiError && error.status !== 0 ? error.message : t('serverError')

/**
 * The facilitator's invitation: the join code, its QR code and links — each replaceable, which
 * retires the old one — and the people who joined, each removable.
 */
export function SharePanel({ connection, share, onShareChange }: { connection: WorkshopConnection; share: ShareInfo; onShareChange(share: ShareInfo): void }) {
  const t = useT()
  const { workshopId, token } = connection.session
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const act = async (confirmText: string, action: () => Promise<void>) => {
    if (!window.confirm(confirmText)) return
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (e) {
      setError(t('shareFailed', { reason: reasonOf(t, e) }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="panel share-panel" aria-labelledby="share-heading">
      <h2 id="share-heading">{t('inviteHeading')}</h2>
      <p className="code big-code" aria-label={t('joinCode')}>
        {t('joinCode')}: <strong>{share.joinCode}</strong>
      </p>
      <JoinQr url={share.joinUrl} />
      <CopyField label={t('joinLink')} value={share.joinUrl} />
      <button
        type="button"
        className="rotate"
        disabled={busy}
        onClick={() =>
          void act(t('confirmNewJoinCode'), async () => {
            const next = await api.newJoinCode(workshopId, token)
            onShareChange({ ...share, ...next })
          })
        }
      >
        {t('newJoinCode')}
      </button>
      <CopyField label={t('viewerLink')} value={share.viewerUrl} />
      <button
        type="button"
        className="rotate"
        disabled={busy}
        onClick={() =>
          void act(t('confirmNewViewerLink'), async () => {
            const next = await api.newViewerLink(workshopId, token)
            onShareChange({ ...share, viewerUrl: next.viewerUrl })
          })
        }
      >
        {t('newViewerLink')}
      </button>
      <ErrorText message={error} />
      <People connection={connection} />
    </section>
  )
}

/** Who joined (from the server), with a way to remove each. */
function People({ connection }: { connection: WorkshopConnection }) {
  const t = useT()
  const { workshopId, token } = connection.session
  const [people, setPeople] = useState<ParticipantInfo[] | null>(null)
  // What failed last, put into words as it is shown (so that `load` does not depend on `t`).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  // Someone joining or leaving changes who is online: a good moment to ask again.
  const onlineCount = useOnline(connection).length
  const load = useCallback(
    () =>
      api.participants(workshopId, token).then(
        (list) => {
          setPeople(list)
          setFailure(null)
        },
        (error: unknown) => setFailure({ error }),
      ),
    [workshopId, token],
  )
  useEffect(() => {
    void load()
  }, [load, onlineCount])
  const remove = async (person: ParticipantInfo) => {
    if (!window.confirm(t('confirmRemovePerson', { name: person.name }))) return
    try {
      await api.removeParticipant(workshopId, token, person.id)
      setNotice(t('personRemoved', { name: person.name }))
    } catch (error) {
      setFailure({ error })
    }
    await load()
  }
  return (
    <section className="people" aria-labelledby="people-heading">
      <h3 id="people-heading">
        {t('people')}
        {people && ` (${people.length})`}
        <button type="button" className="icon" aria-label={t('peopleRefresh')} onClick={() => void load()}>
          ↻
        </button>
      </h3>
      <p className="hint">{t('peopleHint')}</p>
      {people && people.length === 0 && <p className="hint">{t('peopleEmpty')}</p>}
      {people && people.length > 0 && (
        <ul aria-labelledby="people-heading">
          {people.map((person) => (
            <li key={person.id}>
              <span className="dot" style={{ background: colorFor(person.id) }} aria-hidden="true" />
              <span className="person-name">{person.name}</span>
              <button type="button" className="danger" aria-label={t('removePersonLabel', { name: person.name })} onClick={() => void remove(person)}>
                {t('removePerson')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {notice && (
        <p role="status" className="hint">
          {notice}
        </p>
      )}
      <ErrorText message={failure && t('shareFailed', { reason: reasonOf(t, failure.error) })} />
    </section>
  )
}
