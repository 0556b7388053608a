/**
 * The view's controls over the canvas's bottom-right corner, as in Miro: the select and hand
 * tools, zoom out, the zoom percentage (click: 100 %), zoom in, the whole board, the selection,
 * and the minimap's switch. Each has an accessible name and a tooltip naming its key.
 */
import { useEffect, useState } from 'react'
import { useT } from '../../i18n'
import { useUi } from '../../store'
import type { Navigator } from './useNavigator'
import type { LiveListener } from './useViewport'
import './navigation.css'

interface Props {
  nav: Navigator
  subscribeLive(listener: LiveListener): () => void
  minimap: boolean
  onToggleMinimap(): void
}

/** The live zoom in whole per cent (follows the stage during a gesture, not only at rest). */
export function useLiveZoom(subscribeLive: Props['subscribeLive']): number {
  // Every change of the view reaches the stage, and the stage tells its listeners.
  const [scale, setScale] = useState(() => useUi.getState().viewport.scale)
  useEffect(() => subscribeLive((v) => setScale(v.scale)), [subscribeLive])
  return Math.round(scale * 100)
}

export function ZoomControls({ nav, subscribeLive, minimap, onToggleMinimap }: Props) {
  const t = useT()
  const tool = useUi((s) => s.tool)
  const hasSelection = useUi((s) => s.selection.length > 0)
  const percent = useLiveZoom(subscribeLive)
  const button = (label: string, onClick: () => void, content: React.ReactNode, extra: Record<string, unknown> = {}) => (
    <button type="button" className="nav-button" aria-label={label} title={label} onClick={onClick} {...extra}>
      {content}
    </button>
  )
  return (
    <div className="nav-controls" role="toolbar" aria-label={t('navigation')} onPointerDown={(e) => e.stopPropagation()} onWheel={(e) => e.stopPropagation()}>
      {button(t('selectTool'), () => useUi.getState().setTool('select'), <PointerIcon />, { 'aria-pressed': tool === 'select', 'aria-keyshortcuts': 'V', className: 'nav-button nav-wide' })}
      {button(t('handTool'), () => useUi.getState().setTool('hand'), <HandIcon />, { 'aria-pressed': tool === 'hand', 'aria-keyshortcuts': 'H', className: 'nav-button nav-wide' })}
      <span className="nav-separator nav-wide" aria-hidden="true" />
      {button(t('zoomOutStep'), nav.zoomOut, '−', { 'aria-keyshortcuts': '-' })}
      {button(t('zoomLevel', { percent }), () => nav.zoomToScale(1), `${percent} %`, { className: 'nav-button nav-percent', 'aria-keyshortcuts': '0' })}
      {button(t('zoomInStep'), nav.zoomIn, '+', { 'aria-keyshortcuts': '+' })}
      {button(t('fitBoard'), nav.fitBoard, <FitIcon />, { 'aria-keyshortcuts': 'Shift+1' })}
      {button(t('fitSelection'), nav.fitSelection, <SelectionIcon />, { 'aria-keyshortcuts': 'Shift+2', disabled: !hasSelection, className: 'nav-button nav-wide' })}
      <span className="nav-separator nav-wide" aria-hidden="true" />
      {button(minimap ? t('hideMinimap') : t('showMinimap'), onToggleMinimap, <MapIcon />, { 'aria-pressed': minimap, className: 'nav-button nav-wide' })}
    </div>
  )
}

const icon = { width: 16, height: 16, viewBox: '0 0 16 16', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': true } as const

function PointerIcon() {
  return (
    <svg {...icon}>
      <path d="M3 2l9 5-4 1.2L6.5 13z" strokeLinejoin="round" />
    </svg>
  )
}
function HandIcon() {
  return (
    <svg {...icon}>
      <path d="M5 8V3.5a1 1 0 0 1 2 0V7m0-4.5a1 1 0 0 1 2 0V7m0-3a1 1 0 0 1 2 0v3.5m0-2a1 1 0 0 1 2 0V10a4.5 4.5 0 0 1-4.5 4.5h-.6a4 4 0 0 1-3.2-1.6L2.6 10a1 1 0 0 1 1.5-1.3L5 9.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
function FitIcon() {
  return (
    <svg {...icon}>
      <path d="M2 5.5V2h3.5M10.5 2H14v3.5M14 10.5V14h-3.5M5.5 14H2v-3.5" strokeLinecap="round" />
    </svg>
  )
}
function SelectionIcon() {
  return (
    <svg {...icon}>
      <rect x="2" y="2" width="12" height="12" strokeDasharray="2 2" />
      <rect x="5.5" y="5.5" width="5" height="5" fill="currentColor" stroke="none" />
    </svg>
  )
}
function MapIcon() {
  return (
    <svg {...icon}>
      <path d="M1.5 3.5l4-1.5 5 2 4-1.5v10l-4 1.5-5-2-4 1.5z M5.5 2v10 M10.5 4v10" strokeLinejoin="round" />
    </svg>
  )
}
