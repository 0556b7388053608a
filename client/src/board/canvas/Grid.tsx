/**
 * The swimlane grid (stage headers, the emotion row, lane headers, cells), drawn once into a
 * bitmap at the current zoom and blitted in every frame. The bitmap is redrawn when the zoom
 * settles or the stages and lanes change (their titles or sizes: a note that only moves inside
 * its cell, or is typed in, does not redraw it).
 */
import type Konva from 'konva'
import { memo, useEffect, useMemo, useRef } from 'react'
import { Group } from 'react-konva'
import { sameGrid, type BoardLayout } from '../../../../shared/board/layout'
import { ShapeList } from './ShapeList'
import { gridShapes, labelZoom } from './shapes'

/** Largest bitmap of the grid. */
const GRID_CACHE_PIXELS = 12_000_000

export const Grid = memo(function Grid({ layout, scale, emotionLabel }: { layout: BoardLayout; scale: number; emotionLabel: string }) {
  const ref = useRef<Konva.Group>(null)
  useEffect(() => {
    const group = ref.current
    if (!group || layout.width <= 0 || layout.height <= 0) return
    const budget = Math.sqrt(GRID_CACHE_PIXELS / (layout.width * layout.height))
    group.cache({ pixelRatio: Math.max(0.1, Math.min(scale * (window.devicePixelRatio || 1), budget)) })
  }, [layout, scale])
  // Zoomed out, stage and lane titles grow so that they stay readable (notes do the same).
  const labels = labelZoom(scale)
  const shapes = useMemo(() => gridShapes(layout, emotionLabel, { labels }), [layout, emotionLabel, labels])
  return (
    <Group ref={ref} listening={false}>
      <ShapeList shapes={shapes} />
    </Group>
  )
}, (prev, next) => prev.scale === next.scale && prev.emotionLabel === next.emotionLabel && sameGrid(prev.layout, next.layout))
