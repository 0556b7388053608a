/**
 * The drawn board, read through Konva's public API (its registry of live stages): what is under
 * a screen point, where a note is on screen, and board coordinates of a screen point. Reading
 * the drawing rather than the layout keeps these right whatever the canvas does with positions.
 */
import Konva from 'konva'

const CANVAS = '[data-testid="board-canvas"]'

/** The board's Konva stage (not the PNG export's off-screen one). */
export function boardStage(): Konva.Stage | undefined {
  return Konva.stages.find((s) => s.container().isConnected && s.container().closest(CANVAS) !== null)
}

export function canvasElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>(CANVAS)
}

/** The note or cluster drawn at a screen point, if any. */
export function hitAt(clientX: number, clientY: number): { noteId?: string; clusterId?: string } {
  const stage = boardStage()
  if (!stage) return {}
  const box = stage.container().getBoundingClientRect()
  const shape = stage.getIntersection({ x: clientX - box.left, y: clientY - box.top })
  if (!shape) return {}
  const note = shape.hasName('note') ? shape : shape.findAncestor('.note', true)
  if (note) return { noteId: note.id() }
  const cluster = shape.findAncestor('.cluster', true)
  const id = cluster?.getAttr('clusterId') as unknown
  return typeof id === 'string' ? { clusterId: id } : {}
}

/** A drawn node's rectangle in page (client) pixels. */
export function screenRectOf(selector: string): DOMRect | undefined {
  const stage = boardStage()
  const node = stage?.findOne(selector)
  if (!stage || !node) return undefined
  const box = stage.container().getBoundingClientRect()
  const r = node.getClientRect()
  return new DOMRect(box.left + r.x, box.top + r.y, r.width, r.height)
}

/** The board point under a screen point. */
export function boardPointAt(clientX: number, clientY: number): { x: number; y: number } | undefined {
  const stage = boardStage()
  if (!stage) return undefined
  const box = stage.container().getBoundingClientRect()
  return stage.getAbsoluteTransform().copy().invert().point({ x: clientX - box.left, y: clientY - box.top })
}

/** The board point at the centre of the canvas. */
export function boardCentre(): { x: number; y: number } | undefined {
  const el = canvasElement()
  if (!el) return undefined
  const box = el.getBoundingClientRect()
  return boardPointAt(box.left + box.width / 2, box.top + box.height / 2)
}
