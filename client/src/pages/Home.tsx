import { useState, type FormEvent } from 'react'
import { LIMITS } from '../../../shared/schema'
import { api, ApiError, MAX_IMPORT_BYTES, type CreatedWorkshop } from '../api'
import { CopyField, ErrorText, JoinQr, LanguageSwitch } from '../components'
import { useT } from '../i18n'
import { saveSession } from '../session'

export function Home() {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<CreatedWorkshop | null>(null)

  /** A created or imported workshop: I am its facilitator. */
  function opened(workshop: CreatedWorkshop) {
    saveSession({
      workshopId: workshop.id,
      token: workshop.facilitatorToken,
      role: 'facilitator',
      participantId: workshop.participantId,
      name: t('facilitatorRole'),
    })
    setCreated(workshop)
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const body: Record<string, string> = {}
    for (const key of ['title', 'persona', 'journeyStart', 'journeyEnd', 'goal']) {
      const value = String(form.get(key) ?? '').trim()
      if (value) body[key] = value
    }
    if (!body.title) return setError(t('titleRequired'))
    if (body.title.length > LIMITS.title) return setError(t('titleTooLong', { max: LIMITS.title }))
    setBusy(true)
    setError(null)
    try {
      opened(await api.createWorkshop(body))
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 0 ? e.message : t('serverError'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="page">
      <header>
        <h1>{t('appName')}</h1>
        <p>{t('tagline')}</p>
        <LanguageSwitch />
      </header>
      {created ? (
        <section aria-labelledby="created-heading" className="card">
          <h2 id="created-heading">{t('created')}</h2>
          <div className="share">
            <div>
              <p className="code" aria-label={t('joinCode')}>
                {t('joinCode')}: <strong>{created.joinCode}</strong>
              </p>
              <CopyField label={t('joinLink')} value={created.joinUrl} />
              <CopyField label={t('viewerLink')} value={created.viewerUrl} />
            </div>
            <JoinQr url={created.joinUrl} />
          </div>
          <p role="note" className="warning">
            {t('facilitatorWarning')}
          </p>
          <CopyField label={t('facilitatorLink')} value={created.facilitatorUrl} />
          <p>
            <a className="button" href={created.facilitatorUrl}>
              {t('openBoard')}
            </a>
          </p>
        </section>
      ) : (
        <>
          <form onSubmit={onSubmit} aria-labelledby="create-heading" className="card" noValidate>
            <h2 id="create-heading">{t('createHeading')}</h2>
            <label>
              {t('title')}
              <input name="title" maxLength={LIMITS.title} />
            </label>
            <label>
              {t('persona')}
              <input name="persona" maxLength={LIMITS.scopeField} />
            </label>
            <label>
              {t('journeyStart')}
              <input name="journeyStart" maxLength={LIMITS.scopeField} />
            </label>
            <label>
              {t('journeyEnd')}
              <input name="journeyEnd" maxLength={LIMITS.scopeField} />
            </label>
            <label>
              {t('goal')}
              <textarea name="goal" maxLength={LIMITS.scopeField} rows={3} />
            </label>
            <ErrorText message={error} />
            <button type="submit" disabled={busy}>
              {busy ? t('creating') : t('createWorkshop')}
            </button>
            <p>
              <a href="/join">{t('haveCode')}</a>
            </p>
          </form>
          <ImportForm onImported={opened} />
        </>
      )}
    </main>
  )
}

const MIB = 1024 * 1024

/** Reads a `.json` export chosen by the user and creates a new workshop from it. */
function ImportForm({ onImported }: { onImported(workshop: CreatedWorkshop): void }) {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const file = new FormData(event.currentTarget).get('file')
    if (!(file instanceof File) || file.name === '') return setError(t('importChooseFile'))
    if (file.size > MAX_IMPORT_BYTES) {
      return setError(t('importTooLarge', { size: (file.size / MIB).toFixed(1), max: MAX_IMPORT_BYTES / MIB }))
    }
    if (file.size === 0) return setError(t('importEmpty'))
    setBusy(true)
    setError(null)
    try {
      let text: string
      try {
        text = await file.text()
      } catch {
        return setError(t('importUnreadable'))
      }
      // Not JSON at all: say so here rather than upload it.
      try {
        JSON.parse(text)
      } catch {
        return setError(t('importNotJson'))
      }
      onImported(await api.importWorkshop(text))
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 0 ? t('importFailed', { reason: e.message }) : t('serverError'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={onSubmit} aria-labelledby="import-heading" aria-busy={busy} className="card" noValidate>
      <h2 id="import-heading">{t('importHeading')}</h2>
      <p className="hint" id="import-hint">
        {t('importHint', { max: MAX_IMPORT_BYTES / MIB })}
      </p>
      <label>
        {t('importFile')}
        <input type="file" name="file" accept=".json,application/json" aria-describedby="import-hint" onChange={() => setError(null)} />
      </label>
      <ErrorText message={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('importing') : t('importButton')}
      </button>
    </form>
  )
}
