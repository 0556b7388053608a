import { useState, type FormEvent } from 'react'
import { LIMITS } from '../../../shared/limits'
import { cleanLine } from '../../../shared/text'
import { api, ApiError, MAX_IMPORT_BYTES, type CreatedWorkshop } from '../api'
import { CopyField, ErrorText, JoinQr, LanguageSwitch } from '../components'
import { useT } from '../i18n'
import { saveSession } from '../session'
import { HomeSeries } from '../series/HomeSeries'

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
      // One-line fields are cleaned as the server cleans them; the goal is a paragraph.
      const raw = String(form.get(key) ?? '')
      const value = key === 'goal' ? raw.trim() : cleanLine(raw)
      if (value) body[key] = value
    }
    // The template's stages and lanes, and the exports' story sentences, in the creator's language.
    body.language = t.locale ?? 'en'
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
      <HomeSeries />
    </main>
  )
}

const MIB = 1024 * 1024

/** The title inside a parsed export, if it is one; the form offers it for editing. */
function exportedTitle(json: unknown): string | undefined {
  const meta = (json as { meta?: { title?: unknown } } | null)?.meta
  return typeof meta?.title === 'string' ? meta.title : undefined
}

/**
 * Reads a `.json` export chosen by the user and creates a new workshop from it, under the
 * title in the file or one the user gives it ("Refunds Q4" from last quarter's "Refunds Q3").
 */
function ImportForm({ onImported }: { onImported(workshop: CreatedWorkshop): void }) {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [title, setTitle] = useState('')
  /** The title last taken from a file: replaced by the next file's unless the user changed it. */
  const [fileTitle, setFileTitle] = useState('')

  async function onFileChosen(file: File | undefined) {
    setError(null)
    if (!file || file.size === 0 || file.size > MAX_IMPORT_BYTES) return
    let found: string | undefined
    try {
      found = exportedTitle(JSON.parse(await file.text()))
    } catch {
      return // said on import
    }
    if (found === undefined) return
    setTitle((current) => (current === '' || current === fileTitle ? found : current))
    setFileTitle(found)
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const file = new FormData(event.currentTarget).get('file')
    if (!(file instanceof File) || file.name === '') return setError(t('importChooseFile'))
    if (file.size > MAX_IMPORT_BYTES) {
      return setError(t('importTooLarge', { size: (file.size / MIB).toFixed(1), max: MAX_IMPORT_BYTES / MIB }))
    }
    if (file.size === 0) return setError(t('importEmpty'))
    const rename = cleanLine(title)
    if (rename.length > LIMITS.title) return setError(t('titleTooLong', { max: LIMITS.title }))
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
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        return setError(t('importNotJson'))
      }
      // A new title goes as the top-level "title" the import takes (the file stays as it is).
      const renamed = rename !== '' && rename !== exportedTitle(parsed) && parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      onImported(await api.importWorkshop(renamed ? JSON.stringify({ ...(parsed as object), title: rename }) : text))
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
        <input type="file" name="file" accept=".json,application/json" aria-describedby="import-hint" onChange={(event) => void onFileChosen(event.currentTarget.files?.[0])} />
      </label>
      <label>
        {t('importTitle')}
        <input name="importTitle" value={title} maxLength={LIMITS.title} aria-describedby="import-title-hint" onChange={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <p className="hint" id="import-title-hint">
        {t('importTitleHint')}
      </p>
      <ErrorText message={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('importing') : t('importButton')}
      </button>
    </form>
  )
}
