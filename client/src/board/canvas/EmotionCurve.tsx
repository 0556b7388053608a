/** The emotion curve through the stages, in the emotion row. */
import { memo } from 'react'
import { Group } from 'react-konva'
import { sameGrid, type BoardLayout } from '../../../../shared/board/layout'
import { ShapeList } from './ShapeList'
import { emotionCurveShapes } from './shapes'

export const EmotionCurve = memo(function EmotionCurve({ layout, emotions }: { layout: BoardLayout; emotions: Record<string, number> }) {
  return (
    <Group listening={false}>
      <ShapeList shapes={emotionCurveShapes(layout, emotions)} />
    </Group>
  )
}, (prev, next) => prev.emotions === next.emotions && sameGrid(prev.layout, next.layout))
