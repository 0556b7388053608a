/**
 * What the last committed render saw, for handlers that stay the same functions across
 * renders (Konva and window listeners): `latest.current.docs` instead of a ref per value.
 */
import { useLayoutEffect, useRef } from 'react'

export function useLatest<T extends object>(values: T): { readonly current: T } {
  const ref = useRef(values)
  useLayoutEffect(() => {
    ref.current = values
  })
  return ref
}
