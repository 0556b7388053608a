/** Message catalog: every visible string goes through `t`. The browser's language picks one. */
import { create } from 'zustand'
import { en, type MessageKey } from './en'
import { nl } from './nl'
import { formatNumber as formatLanguageNumber, formatPercent as formatLanguagePercent } from '../../../shared/number-format'

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

/** A message lookup in one locale; `locale` says which (set by useT, for plurals). */
export type Translate = ((key: MessageKey, params?: Record<string, string | number>) => string) & { readonly locale?: Locale }

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = catalogs[locale][key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match))
}

/** One translate function per locale: stable across renders, so it is safe in hooks' dependencies. */
const translators = new Map<Locale, Translate>()

export function useT(): Translate {
  const locale = useLocale((s) => s.locale)
  let t = translators.get(locale)
  if (!t) translators.set(locale, (t = Object.assign((key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params), { locale })))
  return t
}

const pluralRules = new Map<Locale, Intl.PluralRules>()

/** The locale's plural category of `count` (CLDR, through Intl.PluralRules): 'one', 'other' … */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale)
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)))
  return rules.select(count)
}

/**
 * `key` with {count} in the plural form `count` takes in t's locale: the catalogues have a
 * singular (`keyOne`, for the category 'one') and a plural (`key`, every other category).
 */
export function plural(t: Translate, key: 'votesCount' | 'votesLeft' | 'votesCast' | 'votersCount', count: number): string {
  return pluralCategory(t.locale ?? useLocale.getState().locale, count) === 'one' ? t(`${key}One`) : t(key, { count })
}

/** `value` as `t`'s language writes numbers (nl-NL: 48.210 and 4,2); `digits`: exactly that many decimals (default: as many as needed, at most 2). */
export function formatNumber(t: Translate, value: number, digits?: number): string {
  return formatLanguageNumber(t.locale ?? 'en', value, digits)
}

/** A share (0 … 1) as a whole percentage, "31 %" (with the space both languages' style guides use). */
export function formatPercent(t: Translate, share: number): string {
  return formatLanguagePercent(t.locale ?? 'en', share)
}
