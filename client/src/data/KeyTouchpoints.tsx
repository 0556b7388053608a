/**
 * Act on it (issue #12): each key touchpoint gets an owner (a department) and a target, and can
 * go onto the roadmap (owner and metric fields) with a story whose acceptance criterion is the
 * target. Key touchpoints live in the data document; every export carries them.
 */
import type * as Y from 'yjs'
import { addRoadmapItem, listRoadmap } from '../../../shared/deliver/roadmap'
import { addStory } from '../../../shared/deliver/story'
import { describeTarget, setKeyTouchpoint, targetMet, type KeyTouchpoint } from '../../../shared/data/data-doc'
import type { Aggregates } from '../../../shared/data/types'
import { LIMITS } from '../../../shared/limits'
import { useT } from '../i18n'
import { useDocSelector } from '../sync/docHooks'

/** The touchpoints a roadmap item was made from (by *To roadmap*), as one string so the selector's value compares by content. */
const touchpointsOnRoadmap = (board: Y.Doc): string => JSON.stringify(listRoadmap(board).flatMap((item) => (item.touchpoint ? [item.touchpoint] : [])))

export function KeyTouchpoints({ dataDoc, board, touchpoints, keyTouchpoints, departments, aggregates, canEdit, revealed }: {
  dataDoc: Y.Doc
  board: Y.Doc
  touchpoints: string[]
  keyTouchpoints: KeyTouchpoint[]
  departments: string[]
  aggregates: Aggregates | undefined
  canEdit: boolean
  /** Whether the data is shown to everyone: only then may a key touchpoint go onto the (shared) board. */
  revealed: boolean
}) {
  const t = useT()
  const byName = new Map(keyTouchpoints.map((k) => [k.touchpoint, k]))
  // A key touchpoint already on the roadmap says so instead of offering the button again: a
  // second click made a second, identical item and story.
  const onRoadmap = new Set(JSON.parse(useDocSelector(board, touchpointsOnRoadmap)) as string[])
  const shown = [...new Set([...touchpoints.slice(0, 10), ...keyTouchpoints.map((k) => k.touchpoint)])]
  // The roadmap and the stories are on the board, which every participant receives: before the
  // reveal the server refuses an item made from a key touchpoint (server/sync/dataGuards.ts), so
  // the button waits for the reveal. The item and its story go in one transaction (one update).
  const toRoadmap = (entry: KeyTouchpoint) => {
    if (!revealed || listRoadmap(board).some((item) => item.touchpoint === entry.touchpoint)) return
    const target = describeTarget(entry)
    const title = t('improveTouchpoint', { touchpoint: entry.touchpoint })
    board.transact(() => {
      const roadmapId = addRoadmapItem(board, { title, touchpoint: entry.touchpoint, ...(entry.owner && { owner: entry.owner }), ...(target && { metric: target }) })
      addStory(board, { asA: t('storyCustomer'), iWant: t('storyWantTouchpoint', { touchpoint: entry.touchpoint }), soThat: t('storySoThat'), acceptance: target ? [target] : [], roadmapId })
    })
  }
  return (
    <section aria-labelledby="key-heading">
      <h3 id="key-heading">{t('keyTouchpoints')}</h3>
      {canEdit && !revealed && <p className="hint" id="to-roadmap-hint">{t('toRoadmapAfterReveal')}</p>}
      <table className="key-touchpoints">
        <thead>
          <tr>
            <th scope="col">{t('touchpoint')}</th>
            <th scope="col">{t('owner')}</th>
            <th scope="col">{t('target')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((name) => {
            const entry = byName.get(name)
            const met = entry && aggregates ? targetMet(entry, aggregates) : undefined
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>
                  <select aria-label={t('ownerOf', { touchpoint: name })} disabled={!canEdit} value={entry?.owner ?? ''} onChange={(e) => setKeyTouchpoint(dataDoc, name, { owner: e.currentTarget.value || null })}>
                    <option value="">—</option>
                    {[...new Set([...departments, ...(entry?.owner ? [entry.owner] : [])])].map((d) => (
                      <option key={d} value={d}>
                        {d}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={t('targetOf', { touchpoint: name })}
                    placeholder={t('targetPlaceholder')}
                    disabled={!canEdit}
                    maxLength={LIMITS.title}
                    defaultValue={entry?.target ?? ''}
                    key={entry?.target ?? ''}
                    onBlur={(e) => e.currentTarget.value !== (entry?.target ?? '') && setKeyTouchpoint(dataDoc, name, { target: e.currentTarget.value || null })}
                    onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                  />
                  {met !== undefined && <span className={met ? 'met' : 'not-met'}>{met ? t('targetMet') : t('targetNotMet')}</span>}
                  {canEdit && entry && (entry.owner || entry.target) && onRoadmap.has(name) && <em className="muted">{t('onRoadmap')}</em>}
                  {canEdit && entry && (entry.owner || entry.target) && !onRoadmap.has(name) && (
                    <button type="button" disabled={!revealed} aria-describedby={revealed ? undefined : 'to-roadmap-hint'} onClick={() => toRoadmap(entry)} aria-label={t('toRoadmapNamed', { touchpoint: name })}>
                      {t('toRoadmap')}
                    </button>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
