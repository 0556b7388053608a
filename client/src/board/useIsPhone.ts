/** Whether the window is phone-sized (participants then get the phone view). */
import { useSyncExternalStore } from 'react'

const PHONE_QUERY = '(max-width: 767px)'

export function useIsPhone(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(PHONE_QUERY)
      query.addEventListener('change', onChange)
      return () => query.removeEventListener('change', onChange)
    },
    () => window.matchMedia(PHONE_QUERY).matches,
  )
}
