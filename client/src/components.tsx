/** Small shared pieces of UI. */
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { LOCALES, useLocale, useT, type Locale } from './i18n'

export function LanguageSwitch() {
  const t = useT()
  const { locale, setLocale } = useLocale()
  return (
    <label className="language">
      <span className="label">{t('language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l.id} value={l.id}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  )
}

export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useT()
  const [copied, setCopied] = useState(false)
  return (
    <div className="field">
      <label>
        {label}
        <input readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button
        type="button"
        aria-label={`${t('copy')}: ${label}`}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true))
        }}
      >
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  )
}

/** An error people must notice (announced at once by screen readers); nothing when empty. */
export function ErrorText({ message }: { message: string | null | undefined }) {
  if (!message) return null
  return (
    <p role="alert" className="error">
      {message}
    </p>
  )
}

export function ErrorPage({ message }: { message: string }) {
  const t = useT()
  return (
    <main className="page">
      <h1>{t('appName')}</h1>
      <ErrorText message={message} />
      <p>
        <a href="/">{t('goHome')}</a>
      </p>
    </main>
  )
}

export function JoinQr({ url }: { url: string }) {
  const t = useT()
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    QRCode.toDataURL(url, { margin: 1, width: 220 }).then((data) => live && setSrc(data), () => live && setSrc(null))
    return () => {
      live = false
    }
  }, [url])
  return src ? <img className="qr" src={src} alt={t('qrCode')} width={220} height={220} /> : null
}
