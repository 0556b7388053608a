/**
 * Gestures on the stage itself (not on a note), as people's hands know them from Miro, Figma
 * and tldraw:
 *
 * - wheel and two-finger scroll pan (shift turns a mouse wheel sideways); ctrl/⌘ + wheel and a
 *   trackpad pinch (which the browser sends as ctrl + wheel) zoom around the pointer; two
 *   fingers on a touch screen pinch and pan;
 * - space + drag, middle-button drag and — with the hand tool (H) — a left drag pan, from
 *   anywhere, notes included; one finger on empty canvas pans on a touch screen;
 * - with the select tool (V) a left drag on empty canvas draws a marquee and selects the notes
 *   it touches (shift adds them to the selection);
 * - a click on empty canvas clears the selection, or — in the emotion row — sets that stage's
 *   emotion; a double-click (two clicks within DOUBLE_CLICK_MS and DOUBLE_CLICK_PX of each
 *   other) on empty canvas adds a note there, except in the emotion row. Two clicks in
 *   different places are two clicks, however quick.
 *
 * The pointer goes to presence as our cursor, at most once per animation frame.
 */
import { useLatest } from './useLatest'
import type Konva from 'konva'
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { emotionAt, LAYOUT, type BoardLayout } from '../../../../shared/board/layout'
import { setEmotion } from '../../../../shared/board/emotion'
import type { Phase } from '../../../../shared/facilitation/phase-names'
import type { WorkshopConnection } from '../../sync/connection'
import { useUi, type Viewport } from '../../store'
import { addNoteAt, type NoteDocs } from '../boardModel'
import { authorFor, rememberOwn } from '../ownNotes'
import { zoomAround } from './viewMath'

/** Two clicks within this long … */
const DOUBLE_CLICK_MS = 400
/** … and this close together (screen pixels) are a double-click. */
const DOUBLE_CLICK_PX = 6
/** A press that moves further than this (screen pixels) is a drag, not a click. */
const DRAG_PX = 4
/** One notch of a mouse wheel with ctrl/⌘ zooms by this factor. */
const WHEEL_ZOOM_STEP = 1.15
/** A trackpad pinch zooms by e^(−deltaY × this). */
const PINCH_ZOOM_RATE = 0.01
/** Pixels per line for wheels that scroll by lines (Firefox). */
const LINE_PX = 16

export interface StageGestureInput {
  container: RefObject<HTMLDivElement | null>
  stageRef: RefObject<Konva.Stage | null>
  liveRef: RefObject<Viewport>
  connection: WorkshopConnection
  docs: NoteDocs
  layout: BoardLayout
  canEdit: boolean
  phase: Phase
  anonymous: boolean
  moveView(v: Viewport): void
  /**
   * Ends a motion of the view at once (./useMotionBitmap: while the view moves the notes are a
   * bitmap that is not hit-tested): a press right after a wheel or pan hits what it is on.
   */
  settle(): void
}

export type Point = { x: number; y: number }
/** A marquee in canvas pixels (for drawing). */
export type Marquee = { x: number; y: number; width: number; height: number }

type Press =
  | { kind: 'pan'; pointerId: number; start: Point; view: Viewport; moved: boolean; touch: boolean }
  | { kind: 'press'; pointerId: number; start: Point; additive: boolean; marquee: boolean }
  | { kind: 'pinch'; distance: number; center: Point }

/** Distance and middle of the first two touches. */
function spread(touches: Map<number, Point>): { distance: number; center: Point } | null {
  const [a, b] = [...touches.values()]
  if (!a || !b) return null
  return { distance: Math.hypot(a.x - b.x, a.y - b.y), center: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } }
}

/** Point (pixels from the canvas's top-left) of a pointer event. */
function pointIn(element: HTMLElement, e: { clientX: number; clientY: number }): Point {
  const rect = element.getBoundingClientRect()
  return { x: e.clientX - rect.left, y: e.clientY - rect.top }
}

export function useStageGestures({ container, stageRef, liveRef, connection, docs, layout, canEdit, phase, anonymous, moveView, settle }: StageGestureInput) {
  const board = docs.board
  // What the last committed render saw, for the handlers (which stay the same functions).
  const latest = useLatest({ docs, layout, canEdit, phase, anonymous })
  const [marquee, setMarquee] = useState<Marquee | null>(null)

  const toBoard = useCallback((p: Point): Point => {
    const v = liveRef.current
    return { x: (p.x - v.x) / v.scale, y: (p.y - v.y) / v.scale }
  }, [liveRef])

  /** The pointer in board coordinates. */
  const boardPoint = useCallback((): Point | null => {
    const stage = stageRef.current
    const pointer = stage?.getPointerPosition()
    if (!stage || !pointer) return null
    return { x: (pointer.x - stage.x()) / stage.scaleX(), y: (pointer.y - stage.y()) / stage.scaleY() }
  }, [stageRef])

  const pendingCursor = useRef<Point | null>(null)
  const cursorFrame = useRef(0)
  const publishCursor = useCallback(
    (point: Point | null) => {
      pendingCursor.current = point
      if (cursorFrame.current) return
      cursorFrame.current = requestAnimationFrame(() => {
        cursorFrame.current = 0
        connection.setPresence({ cursor: pendingCursor.current ?? undefined })
      })
    },
    [connection],
  )

  // ---- clicks and double-clicks on empty canvas, told apart by place as well as time.
  const lastClick = useRef<{ time: number; at: Point } | null>(null)
  const click = useCallback(
    (at: Point, additive: boolean) => {
      const now = performance.now()
      const last = lastClick.current
      const double = last !== null && now - last.time <= DOUBLE_CLICK_MS && Math.hypot(at.x - last.at.x, at.y - last.at.y) <= DOUBLE_CLICK_PX
      // A third click starts over: a triple click is a double-click and a click.
      lastClick.current = double ? null : { time: now, at }
      const point = toBoard(at)
      const l = latest.current.layout
      if (point.y >= l.emotion.y && point.y < l.emotion.y + l.emotion.height) {
        const column = l.columns.find((c) => point.x >= c.x && point.x < c.x + c.width)
        // The emotion row sets the emotion, however often one clicks; it never adds a note.
        if (column) {
          if (latest.current.canEdit) setEmotion(board, column.id, emotionAt(l, point.y))
          return
        }
      }
      if (!double) {
        if (!additive) useUi.getState().clearSelection()
        return
      }
      if (!latest.current.canEdit) return
      const id = addNoteAt(
        latest.current.docs.write,
        l,
        point.x - LAYOUT.noteWidth / 2,
        point.y - LAYOUT.noteHeight / 2,
        authorFor(connection.session.participantId, latest.current.anonymous),
        latest.current.phase,
      )
      rememberOwn(connection.session.workshopId, id)
      useUi.getState().select([id])
      useUi.getState().setEditing(id)
    },
    [latest, board, connection, toBoard],
  )

  // ---- presses: pan, marquee or click.
  const press = useRef<Press | null>(null)
  const selectInMarquee = useCallback(
    (rect: Marquee, additive: boolean) => {
      const stage = stageRef.current
      if (!stage) return
      const ids: string[] = []
      for (const node of stage.find('.note')) {
        if (node.opacity() === 0) continue
        const r = node.getClientRect({ skipShadow: true, skipStroke: true })
        if (r.x < rect.x + rect.width && rect.x < r.x + r.width && r.y < rect.y + rect.height && rect.y < r.y + r.height) ids.push(node.id())
      }
      const { select, selection } = useUi.getState()
      select(additive ? [...new Set([...selection, ...ids])] : ids)
    },
    [stageRef],
  )

  useEffect(() => {
    const element = container.current
    if (!element) return
    const onBoard = (target: EventTarget | null) => target instanceof Node && stageRef.current?.container().contains(target) === true
    const isEmptyAt = (p: Point) => {
      const stage = stageRef.current
      return !stage || !stage.getIntersection(p)
    }
    const touches = new Map<number, Point>()
    const onPointerDown = (e: PointerEvent) => {
      // Only presses on the board itself: the zoom controls and the minimap are buttons.
      if (!onBoard(e.target)) return
      element.focus({ preventScroll: true })
      const at = pointIn(element, e)
      const touch = e.pointerType === 'touch'
      if (touch) touches.set(e.pointerId, at)
      const two = touch ? spread(touches) : null
      if (two) {
        // A second finger: pinch (zoom and pan together); whatever the first one began ends.
        e.preventDefault()
        e.stopPropagation()
        setMarquee(null)
        press.current = { kind: 'pinch', ...two }
        return
      }
      if (press.current) return
      const { panning, tool } = useUi.getState()
      const pan = e.button === 1 || (e.button === 0 && (panning || tool === 'hand')) || (touch && e.isPrimary && isEmptyAt(at))
      if (pan) {
        // Konva never sees this press: no note is picked up, selected or dragged.
        e.preventDefault()
        e.stopPropagation()
        element.setPointerCapture?.(e.pointerId)
        press.current = { kind: 'pan', pointerId: e.pointerId, start: at, view: liveRef.current, moved: false, touch }
        element.classList.add('grabbing')
        return
      }
      // Before anything is hit-tested, by this handler or by Konva (which sees the press next).
      settle()
      if (e.button === 0 && isEmptyAt(at)) {
        press.current = { kind: 'press', pointerId: e.pointerId, start: at, additive: e.shiftKey || e.metaKey || e.ctrlKey, marquee: false }
      }
    }
    const onPointerMove = (e: PointerEvent) => {
      const p = press.current
      const at = pointIn(element, e)
      if (touches.has(e.pointerId)) touches.set(e.pointerId, at)
      if (p?.kind === 'pinch') {
        const now = spread(touches)
        if (!now || !touches.has(e.pointerId)) return
        const zoomed = zoomAround(liveRef.current, now.center.x, now.center.y, now.distance / Math.max(1, p.distance))
        moveView({ ...zoomed, x: zoomed.x + now.center.x - p.center.x, y: zoomed.y + now.center.y - p.center.y })
        press.current = { kind: 'pinch', ...now }
        return
      }
      if (!p || p.pointerId !== e.pointerId) return
      const dx = at.x - p.start.x
      const dy = at.y - p.start.y
      if (p.kind === 'pan') {
        if (!p.moved && Math.hypot(dx, dy) < DRAG_PX) return
        p.moved = true
        moveView({ ...p.view, x: p.view.x + dx, y: p.view.y + dy })
        return
      }
      if (!p.marquee && Math.hypot(dx, dy) < DRAG_PX) return
      p.marquee = true
      setMarquee({ x: Math.min(at.x, p.start.x), y: Math.min(at.y, p.start.y), width: Math.abs(dx), height: Math.abs(dy) })
    }
    const onPointerUp = (e: PointerEvent) => {
      touches.delete(e.pointerId)
      const p = press.current
      if (p?.kind === 'pinch') {
        if (touches.size < 2) press.current = null
        return
      }
      if (!p || p.pointerId !== e.pointerId) return
      press.current = null
      element.classList.remove('grabbing')
      const at = pointIn(element, e)
      if (p.kind === 'pan') {
        // A tap on a touch screen is a click.
        if (p.touch && !p.moved && e.type === 'pointerup') click(at, false)
        return
      }
      if (p.marquee) {
        setMarquee(null)
        selectInMarquee({ x: Math.min(at.x, p.start.x), y: Math.min(at.y, p.start.y), width: Math.abs(at.x - p.start.x), height: Math.abs(at.y - p.start.y) }, p.additive)
      } else if (e.type === 'pointerup') click(at, p.additive)
    }
    // The middle button would start the browser's autoscroll.
    const onAuxDown = (e: MouseEvent) => {
      if (e.button === 1) e.preventDefault()
    }
    element.addEventListener('pointerdown', onPointerDown, { capture: true })
    element.addEventListener('mousedown', onAuxDown)
    window.addEventListener('pointermove', onPointerMove)
    window.addEventListener('pointerup', onPointerUp)
    window.addEventListener('pointercancel', onPointerUp)
    return () => {
      element.removeEventListener('pointerdown', onPointerDown, { capture: true })
      element.removeEventListener('mousedown', onAuxDown)
      window.removeEventListener('pointermove', onPointerMove)
      window.removeEventListener('pointerup', onPointerUp)
      window.removeEventListener('pointercancel', onPointerUp)
    }
  }, [container, stageRef, liveRef, moveView, settle, click, selectInMarquee])

  // ---- the wheel and trackpad (native, not passive: the page must not scroll or zoom).
  useEffect(() => {
    const element = container.current
    if (!element) return
    const onWheel = (e: WheelEvent) => {
      e.preventDefault()
      if (!(e.target instanceof Node) || stageRef.current?.container().contains(e.target) !== true) return
      const at = pointIn(element, e)
      const view = liveRef.current
      const unit = e.deltaMode === 1 ? LINE_PX : e.deltaMode === 2 ? element.clientHeight : 1
      let dx = e.deltaX * unit
      let dy = e.deltaY * unit
      if (e.ctrlKey || e.metaKey) {
        // A mouse wheel's notch (whole, large steps) or a pinch (small, fractional ones).
        const notch = dx === 0 && Number.isInteger(e.deltaY) && Math.abs(e.deltaY) >= 50
        const factor = notch ? (dy > 0 ? 1 / WHEEL_ZOOM_STEP : WHEEL_ZOOM_STEP) : Math.exp(-dy * PINCH_ZOOM_RATE)
        moveView(zoomAround(view, at.x, at.y, factor))
        return
      }
      if (e.shiftKey && dx === 0) [dx, dy] = [dy, 0]
      moveView({ ...view, x: view.x - dx, y: view.y - dy })
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => element.removeEventListener('wheel', onWheel)
  }, [container, stageRef, liveRef, moveView])

  const onMouseMove = useCallback(() => publishCursor(boardPoint()), [publishCursor, boardPoint])
  const onMouseLeave = useCallback(() => publishCursor(null), [publishCursor])

  return {
    boardPoint,
    marquee,
    /** Props for the Stage. */
    stageProps: {
      onMouseMove,
      onMouseLeave,
    },
  }
}
