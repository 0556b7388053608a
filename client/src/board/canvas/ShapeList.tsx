/** Draws shape descriptions (./shapes.ts) with react-konva, in order. */
import { Circle, Line, Rect, Text } from 'react-konva'
import type { ShapeSpec } from './shapes'

export function ShapeList({ shapes }: { shapes: readonly ShapeSpec[] }) {
  return (
    <>
      {shapes.map((shape) => {
        switch (shape.type) {
          case 'rect':
            return <Rect key={shape.key} {...shape.attrs} />
          case 'text':
            return <Text key={shape.key} {...shape.attrs} />
          case 'line':
            return <Line key={shape.key} {...shape.attrs} />
          case 'circle':
            return <Circle key={shape.key} {...shape.attrs} />
        }
      })}
    </>
  )
}
