/** Message catalog: every visible string goes through `t`. The browser's language picks one. */
import { create } from 'zustand'
import { en, nl, type MessageKey } from './messages'

export type { MessageKey }
export const catalogs = { en, nl } as const
export type Locale = keyof typeof catalogs
export const LOCALES: readonly { id: Locale; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'nl', label: 'Nederlands' },
]

const STORAGE_KEY = 'horizon:locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'nl') return saved
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  const languages = typeof navigator === 'undefined' ? [] : navigator.languages
  for (const language of languages) {
    const code = language.toLowerCase().slice(0, 2)
    if (code === 'nl') return 'nl'
    if (code === 'en') return 'en'
  }
  return 'en'
}

const startLocale = initialLocale()
// index.html says lang="en"; a Dutch page must say so from the start, not only after a switch.
if (typeof document !== 'undefined') document.documentElement.lang = startLocale

export const useLocale = create<{ locale: Locale; setLocale(locale: Locale): void }>((set) => ({
  locale: startLocale,
  setLocale: (locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, locale)
    } catch {
      // not kept across reloads then
    }
    document.documentElement.lang = locale
    set({ locale })
  },
}))

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogs[locale][key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match))
}

export function useT(): Translate {
  const locale = useLocale((s) => s.locale)
  return (key, params) => translate(locale, key, params)
}

/** `key` with {count}, or its singular form (`keyOne`) when count is 1. */
export function plural(t: Translate, key: 'votesCount' | 'votesLeft' | 'votesCast' | 'votersCount', count: number): string {
  return count === 1 ? t(`${key}One`) : t(key, { count })
}
