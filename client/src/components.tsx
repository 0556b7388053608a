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

/**
 * Small line icons (24×24, drawn with the current text colour) for the toolbar and the side
 * tabs. Decorative: the button around one carries the name (its text or aria-label).
 */
const ICON_PATHS = {
  plus: 'M12 5v14M5 12h14',
  note: 'M5 4h14v11l-5 5H5zM14 20v-5h5',
  group: 'M3 7V4h3M18 4h3v3M21 17v3h-3M6 20H3v-3M8 8h8v8H8z',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  undo: 'M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'm15 14 5-5-5-5M20 9H10a6 6 0 0 0 0 12h3',
  zoomIn: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M11 8v6M8 11h6',
  zoomOut: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4M8 11h6',
  fit: 'M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
  follow: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  list: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  grid: 'M3 4h18v16H3zM3 10h18M9 4v16M15 4v16',
  vote: 'M9 11l3 3 8-8M20 12v7a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h11',
  flag: 'M5 21V4M5 4h11l-2 4 2 4H5',
  matrix: 'M12 3v18M3 12h18M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z',
  roadmap: 'M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3zM9 3v15M15 6v15',
  download: 'M12 4v11M7 10l5 5 5-5M4 20h16',
  invite: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 11-3.3M19 14v6M16 17h6',
  present: 'M3 4h18v12H3zM12 16v4M8 20h8',
  metrics: 'M5 20V11M11 20V5M17 20v-6M3 20h18',
} as const

export type IconName = keyof typeof ICON_PATHS

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon-svg" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={ICON_PATHS[name]} />
    </svg>
  )
}
