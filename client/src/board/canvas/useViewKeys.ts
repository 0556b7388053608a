/**
 * The view's keys, anywhere but in a text field: + and − zoom around the middle of the view,
 * 0 is 100 %, Shift+1 fits the board, Shift+2 the selection; H picks the hand tool (a left drag
 * pans), V the select tool (a left drag on empty canvas draws a marquee); space held pans.
 * Ctrl/⌘ with + − 0 stay the browser's own zoom.
 */
import { useEffect } from 'react'
import { useUi } from '../../store'
import type { Navigator } from './useNavigator'

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

export function useViewKeys(nav: Navigator): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey) return
      // Shift+1 and Shift+2 by the key's place: the character differs per keyboard layout.
      if (e.shiftKey && e.code === 'Digit1') nav.fitBoard()
      else if (e.shiftKey && e.code === 'Digit2') nav.fitSelection()
      else if (e.key === '+' || e.key === '=') nav.zoomIn()
      else if (e.key === '-' || e.key === '_') nav.zoomOut()
      else if (e.key === '0' && !e.shiftKey) nav.zoomToScale(1)
      else if (e.key === 'h' || e.key === 'H') useUi.getState().setTool('hand')
      else if (e.key === 'v' || e.key === 'V') useUi.getState().setTool('select')
      else if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault()
        if (!e.repeat) useUi.getState().setPanning(true)
        return
      } else return
      e.preventDefault()
    }
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') useUi.getState().setPanning(false)
    }
    // Space released elsewhere (another window) must not leave the board panning.
    const onBlur = () => useUi.getState().setPanning(false)
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keyup', onKeyUp)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
      window.removeEventListener('blur', onBlur)
    }
  }, [nav])
}
