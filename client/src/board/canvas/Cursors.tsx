/** Other people's pointers with their names, at screen size whatever the zoom. */
import { memo } from 'react'
import { Group, Line, Rect, Text } from 'react-konva'
import { useT } from '../../i18n'
import { presenceName, type Presence, type WorkshopConnection } from '../../sync/connection'
import { useRemoteSelector } from '../../sync/docHooks'
import { cursorShapes } from './shapes'

const isCursor = (value: unknown): value is { x: number; y: number } =>
  typeof value === 'object' && value !== null && Number.isFinite((value as { x?: unknown }).x) && Number.isFinite((value as { y?: unknown }).y)
const isColor = (value: unknown): value is string => typeof value === 'string' && /^(#[0-9a-f]{3,8}|hsl\(\d{1,3} \d{1,3}% \d{1,3}%\))$/i.test(value)

export const Cursors = memo(function Cursors({ awareness, scale }: { awareness: WorkshopConnection['awareness']; scale: number }) {
  const t = useT()
  const cursors = useRemoteSelector<Presence, Array<{ clientId: number; x: number; y: number; name: string; color: string }>>(
    awareness,
    (states) =>
      // Presence is whatever another client sent: only a well-formed cursor is drawn.
      states.flatMap(({ clientId, state }) =>
        isCursor(state.cursor) && state.user && typeof state.user.name === 'string'
          ? [{ clientId, x: state.cursor.x, y: state.cursor.y, name: presenceName(state.user, (role) => t(role === 'facilitator' ? 'facilitatorRole' : 'viewerRole')), color: isColor(state.user.color) ? state.user.color : '#555555' }]
          : [],
      ),
  )
  return (
    <>
      {cursors.map((c) => {
        const shapes = cursorShapes(c.name, c.color)
        return (
          <Group key={c.clientId} x={c.x} y={c.y} scaleX={1 / scale} scaleY={1 / scale}>
            <Line {...shapes.arrow} />
            <Rect {...shapes.tab} />
            <Text {...shapes.label} />
          </Group>
        )
      })}
    </>
  )
})
