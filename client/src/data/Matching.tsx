/**
 * The facilitator matches what the room wrote (guessed items, touchpoint notes) to the data's
 * touchpoints: a suggestion by text similarity, accepted with one click, or a touchpoint
 * chosen from the list; matches live in the data document.
 */
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { resolveLabel, setMatch } from '../../../shared/data/data-doc'
import { normaliseLabel, suggestMatch } from '../../../shared/data/match'
import { useT } from '../i18n'

export function Matching({ dataDoc, labels, touchpoints, matches }: { dataDoc: Y.Doc; labels: string[]; touchpoints: string[]; matches: Record<string, string> }) {
  const t = useT()
  const rows = useMemo(() => {
    const map = new Map(Object.entries(matches))
    const seen = new Set<string>()
    return labels.flatMap((label) => {
      const key = normaliseLabel(label)
      if (key === '' || seen.has(key)) return []
      seen.add(key)
      const matched = map.get(key)
      const same = matched === undefined ? resolveLabel(label, new Map(), touchpoints) : undefined
      return [{ label, matched, same, suggestion: matched === undefined && same === undefined ? suggestMatch(label, touchpoints) : undefined }]
    })
  }, [labels, touchpoints, matches])
  if (rows.length === 0) return null
  return (
    <section aria-labelledby="matching-heading">
      <h3 id="matching-heading">{t('matchingHeading')}</h3>
      <p className="hint">{t('matchingHint')}</p>
      <ul className="matches">
        {rows.map(({ label, matched, same, suggestion }) => (
          <li key={label}>
            <span className="match-label">{label}</span> →{' '}
            {same !== undefined ? (
              <span className="muted">{same}</span>
            ) : (
              <>
                <select aria-label={t('matchFor', { label })} value={matched ?? ''} onChange={(e) => setMatch(dataDoc, label, e.currentTarget.value || null)}>
                  <option value="">{t('notMatched')}</option>
                  {touchpoints.map((tp) => (
                    <option key={tp} value={tp}>
                      {tp}
                    </option>
                  ))}
                </select>
                {suggestion && (
                  <button type="button" onClick={() => setMatch(dataDoc, label, suggestion.touchpoint)} aria-label={t('acceptSuggestion', { label, touchpoint: suggestion.touchpoint })}>
                    {t('suggestion', { touchpoint: suggestion.touchpoint })}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
