/** The connection's state: connected, connecting or offline. */
import { useStore } from 'zustand'
import { useT } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'

export function StatusIndicator({ connection }: { connection: WorkshopConnection }) {
  const t = useT()
  const status = useStore(connection.state, (s) => s.status)
  const label = status === 'connected' ? t('statusConnected') : status === 'connecting' ? t('statusConnecting') : t('statusOffline')
  return (
    <p className={`status status-${status}`} role="status" aria-live="polite" data-status={status}>
      <span className="dot" aria-hidden="true" />
      {label}
    </p>
  )
}
