/**
 * Renaming a cluster where it is: double-clicking its name tab on the canvas opens this text
 * field over the tab. Enter or leaving the field saves, Escape cancels.
 */
import { useLayoutEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { updateCluster, type Cluster } from '../../../../shared/board/cluster'
import { LIMITS } from '../../../../shared/limits'
import { useT } from '../../i18n'
import { useUi } from '../../store'
import { screenRectOf } from './konvaBoard'
import { useNotesUi } from './notesUi'

export function ClusterRename({ board, clusters, canEdit }: { board: Y.Doc; clusters: readonly Cluster[]; canEdit: boolean }) {
  const id = useNotesUi((s) => s.renamingCluster)
  const cluster = id === null ? undefined : clusters.find((c) => c.id === id)
  if (!cluster || !canEdit) return null
  return <Editor key={cluster.id} board={board} cluster={cluster} />
}

function Editor({ board, cluster }: { board: Y.Doc; cluster: Cluster }) {
  const t = useT()
  const [value, setValue] = useState(cluster.title)
  const input = useRef<HTMLInputElement>(null)
  const done = useRef(false)
  // Follows the tab when the view moves.
  const viewport = useUi((s) => s.viewport)
  useLayoutEffect(() => {
    const el = input.current
    const rect = screenRectOf(`.cluster-tab-${CSS.escape(cluster.id)}`)
    if (!el) return
    el.style.left = rect ? `${rect.left}px` : '50%'
    el.style.top = rect ? `${rect.top}px` : '30%'
    el.style.width = `${Math.max(200, (rect?.width ?? 0) + 48)}px`
    el.style.height = `${Math.max(28, rect?.height ?? 0)}px`
  }, [viewport, cluster])
  useLayoutEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])
  const finish = (save: boolean) => {
    if (done.current) return
    done.current = true
    const title = value.trim()
    if (save && title && title !== cluster.title) updateCluster(board, cluster.id, { title })
    useNotesUi.getState().renameCluster(null)
  }
  return (
    <input
      ref={input}
      className="hz-cluster-rename"
      aria-label={t('clusterName')}
      value={value}
      maxLength={LIMITS.title}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(true)
        else if (e.key === 'Escape') finish(false)
      }}
    />
  )
}
