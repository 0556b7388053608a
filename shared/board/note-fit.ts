/**
 * How big a note's text is drawn: the largest font from NOTE_FONT.max down to NOTE_FONT.min at
 * which all of it fits a standard note; below that the note grows taller at the smallest font.
 * Pure and deterministic (no DOM: a table of Arial's advance widths — the font Konva draws
 * with, Liberation Sans on Linux, metric-compatible — with a safety margin), so every client,
 * the PNG export and the board layout agree on every note's height.
 */

export const NOTE_WIDTH = 140
export const NOTE_HEIGHT = 96
/** Padding around a note's text. */
export const NOTE_PADDING = 8
/** Room at a note's bottom for the author's name and my dots (always kept, so the height does not depend on who looks). */
export const NOTE_FOOTER = 14
export const NOTE_FONT = { max: 14, min: 12, lineHeight: 1.2 } as const

export interface NoteFit {
  fontSize: number
  /** The note's height (NOTE_HEIGHT, or more for a long text). */
  height: number
}

// Advance widths of Arial in 1/1000 em for U+0020 … U+007E.
const ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584,
  584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278,
  556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]
/** Measured text may be this much wider than the table says (kerning, hinting, other fonts). */
const SAFETY = 1.06

function charWidth(code: number): number {
  if (code >= 32 && code < 127) return ASCII[code - 32] as number
  if (code < 0x2e80) return 667 // Latin accents, Greek, Cyrillic …: about a capital's width
  return 1000 // CJK, emoji: a full em
}

/** Width of `text` at 1 px font size. */
function emWidth(text: string): number {
  let sum = 0
  for (const ch of text) sum += charWidth(ch.codePointAt(0) as number)
  return (sum / 1000) * SAFETY
}

/** Lines `text` wraps into at `fontSize` in `width` px: by words, a word too long by characters (as Konva does). */
export function lineCount(text: string, fontSize: number, width: number): number {
  const max = width / fontSize
  const space = emWidth(' ')
  let lines = 0
  for (const paragraph of text.split('\n')) {
    lines++
    let used = 0
    for (const word of paragraph.split(' ')) {
      let w = emWidth(word)
      const needed = used === 0 ? w : used + space + w
      if (needed <= max) {
        used = needed
        continue
      }
      if (used > 0) lines++
      // A word longer than a line is broken by characters.
      if (w > max) {
        let line = 0
        for (const ch of word) {
          const cw = emWidth(ch)
          if (line + cw > max && line > 0) {
            lines++
            line = 0
          }
          line += cw
        }
        w = line
      }
      used = w
    }
  }
  return lines
}

const cache = new Map<string, NoteFit>()
const CACHE_LIMIT = 20_000

/** The font size and height of a note with `text`. */
export function fitNoteText(text: string): NoteFit {
  const hit = cache.get(text)
  if (hit) return hit
  const width = NOTE_WIDTH - 2 * NOTE_PADDING
  const room = NOTE_HEIGHT - NOTE_FOOTER - 2 * NOTE_PADDING
  let fit: NoteFit | undefined
  for (let size = NOTE_FONT.max; size >= NOTE_FONT.min && !fit; size--) {
    if (lineCount(text, size, width) * size * NOTE_FONT.lineHeight <= room) fit = { fontSize: size, height: NOTE_HEIGHT }
  }
  if (!fit) {
    const textHeight = lineCount(text, NOTE_FONT.min, width) * NOTE_FONT.min * NOTE_FONT.lineHeight
    fit = { fontSize: NOTE_FONT.min, height: Math.ceil(textHeight + 2 * NOTE_PADDING + NOTE_FOOTER) }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(text, fit)
  return fit
}
