import type * as Y from 'yjs'
import { isHighSurrogate, isLowSurrogate } from './text'

/**
 * Replaces a Y.Text's content with `next` by editing only the changed middle, so that a
 * concurrent edit elsewhere in the same text survives (notes, story sentences).
 */
export function replaceText(doc: Y.Doc, text: Y.Text, next: string): void {
  const current = text.toString()
  if (current === next) return
  let start = 0
  const maxStart = Math.min(current.length, next.length)
  while (start < maxStart && current[start] === next[start]) start++
  let end = 0
  const maxEnd = Math.min(current.length, next.length) - start
  while (end < maxEnd && current[current.length - 1 - end] === next[next.length - 1 - end]) end++
  // Never split a surrogate pair: Yjs would replace each lone half with U+FFFD.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--
  doc.transact(() => {
    const removed = current.length - start - end
    if (removed > 0) text.delete(start, removed)
    const inserted = next.slice(start, next.length - end)
    if (inserted) text.insert(start, inserted)
  })
}
