/**
 * Numbers as a language writes them: Dutch (nl-NL) 48.210 and 4,2, English (en-GB) 48,210 and
 * 4.2. The app's pages (client/src/i18n) and the exports (shared/workshop-file) format through
 * these, so the report page and the Markdown of a Dutch workshop write numbers alike.
 * Pure: Intl with an explicit locale gives the same text in the browser and in Node.
 */
import type { WorkshopLanguage } from './board/meta'

/** The region each language formats numbers as. */
const NUMBER_LOCALE: Record<WorkshopLanguage, string> = { en: 'en-GB', nl: 'nl-NL' }
const numberFormats = new Map<string, Intl.NumberFormat>()

/** `value` as `language` writes numbers; `digits`: exactly that many decimals (default: as many as needed, at most 2). */
export function formatNumber(language: WorkshopLanguage, value: number, digits?: number): string {
  const locale = NUMBER_LOCALE[language]
  const key = `${locale}/${digits ?? ''}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, digits === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: digits, maximumFractionDigits: digits })))
  return format.format(value)
}

/** A share (0 … 1) as a whole percentage, "31 %" (with the space both languages' style guides use). */
export function formatPercent(language: WorkshopLanguage, share: number): string {
  return `${formatNumber(language, Math.round(share * 100))} %`
}
