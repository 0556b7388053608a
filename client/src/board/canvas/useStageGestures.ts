/**
 * Gestures on the stage itself (not on a note): pan by dragging, zoom with the wheel or a
 * trackpad pinch (Ctrl/Cmd + wheel) and two fingers, double-click to add a note, click to clear
 * the selection or — in the emotion row — set a stage's emotion. The pointer goes to presence
 * as our cursor, at most once per animation frame.
 */
import type Konva from 'konva'
import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react'
import { emotionAt, LAYOUT, zoomAt, type BoardLayout } from '../../../../shared/board/layout'
import { setEmotion } from '../../../../shared/board/emotion'
import type { Phase } from '../../../../shared/facilitation/phase-names'
import type { WorkshopConnection } from '../../sync/connection'
import { useUi, type Viewport } from '../../store'
import { addNoteAt, type NoteDocs } from '../boardModel'
import { authorFor, rememberOwn } from '../ownNotes'

export interface StageGestureInput {
  stageRef: RefObject<Konva.Stage | null>
  liveRef: RefObject<Viewport>
  connection: WorkshopConnection
  docs: NoteDocs
  layout: BoardLayout
  canEdit: boolean
  phase: Phase
  anonymous: boolean
  moveView(v: Viewport): void
  followStageDrag(): void
}

export type Point = { x: number; y: number }

export function useStageGestures({ stageRef, liveRef, connection, docs, layout, canEdit, phase, anonymous, moveView, followStageDrag }: StageGestureInput) {
  const board = docs.board
  const docsRef = useRef(docs)
  const layoutRef = useRef(layout)
  // What the last committed render saw, for the handlers (which stay the same functions).
  useLayoutEffect(() => {
    docsRef.current = docs
    layoutRef.current = layout
  })

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

  const onWheel = useCallback(
    (e: Konva.KonvaEventObject<WheelEvent>) => {
      e.evt.preventDefault()
      const stage = stageRef.current
      const pointer = stage?.getPointerPosition()
      if (!stage || !pointer) return
      const view = liveRef.current
      const { deltaX, deltaY, ctrlKey, metaKey } = e.evt
      const mouseWheel = deltaX === 0 && Number.isInteger(deltaY) && Math.abs(deltaY) >= 50
      if (ctrlKey || metaKey) moveView(zoomAt(view, pointer.x, pointer.y, Math.exp(-deltaY * 0.01)))
      else if (mouseWheel) moveView(zoomAt(view, pointer.x, pointer.y, deltaY > 0 ? 1 / 1.15 : 1.15))
      else moveView({ ...view, x: view.x - deltaX, y: view.y - deltaY })
    },
    [stageRef, liveRef, moveView],
  )

  const pinch = useRef<{ distance: number; center: Point } | null>(null)
  const onTouchMove = useCallback(
    (e: Konva.KonvaEventObject<TouchEvent>) => {
      const [a, b] = [e.evt.touches[0], e.evt.touches[1]]
      if (!a || !b) return
      e.evt.preventDefault()
      const stage = stageRef.current
      if (!stage) return
      const rect = stage.container().getBoundingClientRect()
      const center = { x: (a.clientX + b.clientX) / 2 - rect.left, y: (a.clientY + b.clientY) / 2 - rect.top }
      const distance = Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY)
      if (stage.isDragging()) stage.stopDrag()
      const previous = pinch.current
      pinch.current = { distance, center }
      if (!previous) return
      const zoomed = zoomAt(liveRef.current, center.x, center.y, distance / previous.distance)
      moveView({ ...zoomed, x: zoomed.x + center.x - previous.center.x, y: zoomed.y + center.y - previous.center.y })
    },
    [stageRef, liveRef, moveView],
  )
  const onTouchEnd = useCallback(() => {
    pinch.current = null
  }, [])

  const onStageDrag = useCallback(
    (e: Konva.KonvaEventObject<DragEvent>) => {
      if (e.target === stageRef.current) followStageDrag()
    },
    [stageRef, followStageDrag],
  )

  const onStageClick = useCallback(
    (e: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
      if (e.target !== stageRef.current) return
      const point = boardPoint()
      const l = layoutRef.current
      if (point && canEdit && point.y >= l.emotion.y && point.y < l.emotion.y + l.emotion.height) {
        const column = l.columns.find((c) => point.x >= c.x && point.x < c.x + c.width)
        if (column) {
          setEmotion(board, column.id, emotionAt(l, point.y))
          return
        }
      }
      useUi.getState().clearSelection()
    },
    [stageRef, board, boardPoint, canEdit],
  )

  const onStageDblClick = useCallback(
    (e: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
      if (e.target !== stageRef.current || !canEdit) return
      const point = boardPoint()
      if (!point) return
      const id = addNoteAt(docsRef.current.write, layoutRef.current, point.x - LAYOUT.noteWidth / 2, point.y - LAYOUT.noteHeight / 2, authorFor(connection.session.participantId, anonymous), phase)
      rememberOwn(connection.session.workshopId, id)
      useUi.getState().select([id])
      useUi.getState().setEditing(id)
    },
    [stageRef, boardPoint, canEdit, connection, phase, anonymous],
  )

  const onMouseMove = useCallback(() => publishCursor(boardPoint()), [publishCursor, boardPoint])
  const onMouseLeave = useCallback(() => publishCursor(null), [publishCursor])

  return {
    boardPoint,
    /** Props for the Stage. */
    stageProps: {
      onDragMove: onStageDrag,
      onDragEnd: onStageDrag,
      onWheel,
      onTouchMove,
      onTouchEnd,
      onClick: onStageClick,
      onTap: onStageClick,
      onDblClick: onStageDblClick,
      onDblTap: onStageDblClick,
      onMouseMove,
      onMouseLeave,
    },
  }
}
