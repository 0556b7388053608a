/** Small shared pieces of UI. */
import QRCode from 'qrcode'
import { Component, useEffect, useRef, useState, type ReactNode } from 'react'
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

/**
 * Puts `value` on the clipboard. The Clipboard API exists only on https and localhost; a server
 * reached over plain http in a meeting room (HOST=0.0.0.0) has none, so the field's own text is
 * selected and copied the older way. False when neither worked (the text is left selected).
 */
async function copyText(value: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(value)
      return true
    }
  } catch {
    // Refused (no permission, page not focused): try the older way.
  }
  if (!input) return false
  input.focus()
  input.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  }
}

export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useT()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const input = useRef<HTMLInputElement>(null)
  return (
    <div className="field">
      <label>
        {label}
        <input ref={input} readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button
        type="button"
        aria-label={`${t('copy')}: ${label}`}
        onClick={() => {
          void copyText(value, input.current).then((done) => setState(done ? 'copied' : 'failed'))
        }}
      >
        {state === 'copied' ? t('copied') : t('copy')}
      </button>
      {state === 'failed' && (
        <p role="status" className="hint">
          {t('copyByHand')}
        </p>
      )}
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

function CrashPage({ error }: { error: Error }) {
  const t = useT()
  return (
    <main className="page">
      <h1>{t('appName')}</h1>
      <ErrorText message={t('crashed', { reason: error.message || String(error) })} />
      <p>{t('crashedWorkSaved')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('reloadPage')}
      </button>
    </main>
  )
}

/**
 * A page that fails while drawing shows what happened and a way back instead of going blank.
 * What was written is not lost: it is in the shared documents (and this browser's copy).
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null }

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override render(): ReactNode {
    return this.state.error ? <CrashPage error={this.state.error} /> : this.props.children
  }
}
