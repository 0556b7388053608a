/**
 * Which notes the canvas draws: only those that intersect the view plus one screen of margin
 * on every side (what a pan reveals is already there, in the motion bitmap). Also where every
 * note is on the board, the cluster frames, and the drawn notes' bounds for the motion bitmap.
 */
import { useMemo } from 'react'
import { intersects, notesBounds, noteRect, type BoardLayout, type NoteRect, type Rect } from '../../../../shared/board/layout'
import type { Cluster } from '../../../../shared/board/cluster'
import type { Note } from '../../../../shared/board/note'
import type { Viewport } from '../../store'
import { clusterFrames } from './shapes'

export function useCulling(notes: readonly Note[], clusters: readonly Cluster[], layout: BoardLayout, viewport: Viewport, size: { width: number; height: number }) {
  // Where each note is drawn (./shared/board/layout.ts): the layout holds every note it was given.
  const positions = useMemo(() => {
    if (notes.every((note) => layout.notes.has(note.id))) return layout.notes
    const map = new Map<string, NoteRect>(layout.notes)
    for (const note of notes) if (!map.has(note.id)) map.set(note.id, noteRect(layout, note))
    return map
  }, [notes, layout])

  const visible = useMemo(() => {
    const margin = Math.max(size.width, size.height, 200) / viewport.scale
    const view = {
      x: -viewport.x / viewport.scale - margin,
      y: -viewport.y / viewport.scale - margin,
      width: size.width / viewport.scale + 2 * margin,
      height: size.height / viewport.scale + 2 * margin,
    }
    return notes.filter((note) => {
      const p = positions.get(note.id)
      return p !== undefined && intersects(p, view)
    })
  }, [notes, positions, viewport, size])

  /** Bounds of the drawn notes (selection strokes included), for the motion bitmap. */
  const visibleBounds: Rect | undefined = useMemo(() => notesBounds(visible, positions, 4), [visible, positions])
  const clusterRects = useMemo(() => clusterFrames(clusters, notes, positions), [clusters, notes, positions])
  const notesById = useMemo(() => new Map(notes.map((n) => [n.id, n])), [notes])
  return { positions, visible, visibleBounds, clusterRects, notesById }
}
