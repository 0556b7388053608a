/**
 * Text rules: one for single-line text people give (participant names, workshop titles, scope
 * fields) — the API, the client's forms and the readers of the board document all clean it the
 * same way — and `clip`, which shortens text to a limit without splitting a character.
 * Pure: no DOM, no Node I/O.
 */

/** Line breaks and tabs (C0 and C1 ones, and Unicode's line and paragraph separators): a space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g

/**
 * Removed: the other control characters (C0, DEL, C1) and the bidirectional formatting
 * characters — embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, and the marks
 * U+200E, U+200F and U+061C — with which a name can render reversed or swallow the text after it
 * ("Bob\u202Eevil" shows as "Boblive").
 */
const INVISIBLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu

/**
 * `text` as one clean, readable line: line breaks and tabs become spaces, control and bidi
 * formatting characters are removed, runs of whitespace become one space, and the ends are
 * trimmed. "Bob\u202Eevil" → "Bobevil", "  Ann\n\tLee " → "Ann Lee". May return "".
 */
export function cleanLine(text: string): string {
  return text.replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff
export const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff

/** Shortens `text` to at most `max` UTF-16 units without cutting a character in half. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const end = max > 0 && isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max
  return text.slice(0, end)
}
