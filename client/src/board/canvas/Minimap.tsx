/**
 * The minimap at the canvas's bottom-right: the whole board (stages, lanes, notes as dots)
 * and the part in view as a rectangle that follows the stage live. A click or a drag on it
 * moves the view there (the view's middle goes where the pointer is).
 */
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react'
import type { BoardLayout } from '../../../../shared/board/layout'
import { LAYOUT } from '../../../../shared/board/layout'
import type { Note } from '../../../../shared/board/note'
import { useT } from '../../i18n'
import type { Viewport } from '../../store'
import { NOTE_FILL } from './shapes'
import type { LiveListener } from './useViewport'
import { centreOn, visibleRect } from './viewMath'
import './navigation.css'

/** Largest size of the minimap, CSS pixels. */
const MAX_WIDTH = 200
const MAX_HEIGHT = 150

interface Props {
  layout: BoardLayout
  notes: readonly Note[]
  positions: Map<string, { x: number; y: number }>
  size: { width: number; height: number }
  liveRef: RefObject<Viewport>
  subscribeLive(listener: LiveListener): () => void
  moveView(v: Viewport): void
}

export function Minimap({ layout, notes, positions, size, liveRef, subscribeLive, moveView }: Props) {
  const t = useT()
  const canvas = useRef<HTMLCanvasElement>(null)
  // What the minimap shows: the board, and the view wherever it has gone beyond the board.
  const ratio = Math.min(MAX_WIDTH / Math.max(1, layout.width), MAX_HEIGHT / Math.max(1, layout.height))
  const width = Math.max(40, Math.round(layout.width * ratio))
  const height = Math.max(30, Math.round(layout.height * ratio))
  const board = useMemo(() => {
    // The board, drawn once per change of the notes or the layout.
    const dpr = window.devicePixelRatio || 1
    const image = document.createElement('canvas')
    image.width = Math.round(width * dpr)
    image.height = Math.round(height * dpr)
    const g = image.getContext('2d')
    if (!g) return image
    g.scale(dpr * ratio, dpr * ratio)
    g.fillStyle = '#ffffff'
    g.fillRect(0, 0, layout.width, layout.height)
    g.strokeStyle = '#d0d5dd'
    g.lineWidth = 1 / ratio
    for (const c of layout.columns) g.strokeRect(c.x, layout.lanesTop, c.width, layout.height - layout.lanesTop)
    for (const r of layout.rows) g.strokeRect(layout.stagesLeft, r.y, layout.width - layout.stagesLeft, r.height)
    for (const note of notes) {
      const p = positions.get(note.id)
      if (!p) continue
      g.fillStyle = note.color === 'white' ? '#98a2b3' : NOTE_FILL[note.color]
      g.fillRect(p.x, p.y, LAYOUT.noteWidth, LAYOUT.noteHeight)
    }
    return image
  }, [layout, notes, positions, width, height, ratio])

  const draw = useCallback(
    (view: Viewport) => {
      const g = canvas.current?.getContext('2d')
      if (!g || !canvas.current) return
      const dpr = window.devicePixelRatio || 1
      g.setTransform(1, 0, 0, 1, 0, 0)
      g.clearRect(0, 0, canvas.current.width, canvas.current.height)
      g.drawImage(board, 0, 0)
      const r = visibleRect(view, size.width, size.height)
      g.setTransform(dpr * ratio, 0, 0, dpr * ratio, 0, 0)
      g.fillStyle = 'rgba(37, 99, 235, 0.12)'
      g.strokeStyle = '#2563eb'
      g.lineWidth = 2 / ratio
      g.fillRect(r.x, r.y, r.width, r.height)
      g.strokeRect(r.x, r.y, r.width, r.height)
    },
    [board, ratio, size],
  )
  useEffect(() => {
    draw(liveRef.current)
    return subscribeLive(draw)
  }, [draw, subscribeLive, liveRef])

  const dragging = useRef<number | null>(null)
  const moveTo = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect()
    const bx = (e.clientX - rect.left) / ratio
    const by = (e.clientY - rect.top) / ratio
    moveView(centreOn(liveRef.current, bx, by, size.width, size.height))
  }
  return (
    <div className="minimap" onWheel={(e) => e.stopPropagation()}>
      <canvas
        ref={canvas}
        role="img"
        aria-label={t('minimap')}
        title={t('minimap')}
        width={Math.round(width * (window.devicePixelRatio || 1))}
        height={Math.round(height * (window.devicePixelRatio || 1))}
        style={{ width, height }}
        onPointerDown={(e) => {
          e.stopPropagation()
          e.currentTarget.setPointerCapture(e.pointerId)
          dragging.current = e.pointerId
          moveTo(e)
        }}
        onPointerMove={(e) => {
          if (dragging.current === e.pointerId) moveTo(e)
        }}
        onPointerUp={() => {
          dragging.current = null
        }}
        onPointerCancel={() => {
          dragging.current = null
        }}
      />
    </div>
  )
}
