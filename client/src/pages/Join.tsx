import { useEffect, useState, type FormEvent } from 'react'
import { JOIN_CODE_LENGTH } from '../../../shared/ids'
import { LIMITS } from '../../../shared/limits'
import { cleanLine } from '../../../shared/text'
import { api, ApiError } from '../api'
import { ErrorPage, ErrorText, LanguageSwitch } from '../components'
import { useT } from '../i18n'
import { navigate } from '../router'
import { readFragment, readSession, saveSession, takeFragment } from '../session'
import { savePendingDepartment } from '../data/department'

export function Join({ workshopId }: { workshopId?: string }) {
  const t = useT()
  // A join link (`#code=…`) fills in the code; the effect below then clears the address bar.
  const [linkCode] = useState(() => readFragment().code)
  const [code, setCode] = useState(linkCode ?? '')
  const codeFromLink = linkCode !== undefined
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [title, setTitle] = useState<string | null>(null)
  const [dead, setDead] = useState(false)
  const [departments, setDepartments] = useState<string[]>([])

  useEffect(() => {
    takeFragment()
    // Already joined from this browser: straight back to the board, same name and id.
    if (workshopId && readSession(workshopId)) {
      navigate(`/w/${workshopId}`)
      return
    }
    let live = true
    if (workshopId)
      api.publicInfo(workshopId).then(
        (info) => {
          if (!live) return
          setTitle(info.title)
          setDepartments(info.departments ?? [])
        },
        (e: unknown) => live && e instanceof ApiError && e.status === 404 && setDead(true),
      )
    return () => {
      live = false
    }
  }, [workshopId])

  if (dead) return <ErrorPage message={t('deadLink')} />

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const name = cleanLine(String(form.get('name') ?? ''))
    const joinCode = (codeFromLink ? code : String(form.get('code') ?? '')).trim()
    if (!name) return setError(t('nameRequired'))
    if (name.length > LIMITS.name) return setError(t('nameTooLong', { max: LIMITS.name }))
    if (!joinCode) return setError(t('codeRequired'))
    setBusy(true)
    setError(null)
    try {
      const joined = await api.join(workshopId, name, joinCode)
      saveSession({ workshopId: joined.workshopId, token: joined.token, role: 'participant', participantId: joined.participantId, name: joined.name })
      savePendingDepartment(joined.workshopId, String(form.get('department') ?? ''))
      navigate(`/w/${joined.workshopId}`)
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 0) setError(t('serverError'))
      else if (e.status === 403) setError(t('wrongCode'))
      else if (e.status === 404) setError(t('deadLink'))
      else if (e.status === 429) setError(t('tooManyAttempts'))
      else setError(e.message)
      setBusy(false)
    }
  }

  return (
    <main className="page">
      <header>
        <h1>{t('appName')}</h1>
        <LanguageSwitch />
      </header>
      <form onSubmit={onSubmit} className="card" aria-labelledby="join-heading" noValidate>
        <h2 id="join-heading">{title ? t('joinNamed', { title }) : t('joinHeading')}</h2>
        <label>
          {t('yourName')}
          <input name="name" autoComplete="nickname" maxLength={LIMITS.name} autoFocus />
        </label>
        {!codeFromLink && (
          <label>
            {t('joinCode')}
            <input
              name="code"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
              autoCapitalize="characters"
              autoComplete="off"
              maxLength={JOIN_CODE_LENGTH + 4}
            />
          </label>
        )}
        {departments.length > 0 && (
          <label>
            {t('yourDepartmentOptional')}
            <select name="department" defaultValue="">
              <option value="">{t('noDepartment')}</option>
              {departments.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        )}
        <ErrorText message={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('joining') : t('join')}
        </button>
      </form>
    </main>
  )
}
