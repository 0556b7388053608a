/**
 * The reveal (issue #12): the data's top 10 beside the group's top 10 and each department's,
 * how many of the data's top 10 each found ("6 of 10") and Spearman's ρ over the matched items.
 */
import type { Comparison as Model, GroupRanking } from '../../../shared/data/compare'
import { formatNumber, useT, type Translate } from '../i18n'
import { departmentColor } from './department'

const formatValue = (value: number, t: Translate) => formatNumber(t, value, Number.isInteger(value) ? 0 : 1)
const formatRho = (rho: number | null, t: Translate) => (rho === null ? t('rhoNone') : formatNumber(t, rho, 2))

/** `top`: how many items the data's top list has (10, or fewer when the data has fewer touchpoints). */
function RankingColumn({ ranking, title, color, top, t }: { ranking: GroupRanking; title: string; color?: string; top: number; t: Translate }) {
  const of = t('foundOf', { found: ranking.found, of: top })
  return (
    <section className="ranking" aria-label={`${title}: ${of}`} data-testid={`ranking-${ranking.name || 'group'}`}>
      <h4 style={color ? { borderColor: color } : undefined}>{title}</h4>
      <p className="found">
        <strong>{`${title}: ${of}`}</strong>
        <br />
        <span className="muted">
          ρ = {formatRho(ranking.rho, t)} · {t('peopleCount', { count: ranking.people })}
        </span>
      </p>
      <ol>
        {ranking.top.map((item) => (
          <li key={item.label} className={item.inDataTop ? 'hit' : item.touchpoint ? 'matched' : 'unmatched'}>
            {item.label} {item.inDataTop ? <span aria-label={t('inDataTop')}>✓</span> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

export function ComparisonView({ comparison, departments, measureLabel }: { comparison: Model; departments: string[]; measureLabel: string }) {
  const t = useT()
  return (
    <section aria-labelledby="comparison-heading" className="comparison">
      <h3 id="comparison-heading">{t('guessVsData')}</h3>
      <div className="rankings">
        <section className="ranking data" aria-label={t('dataTop', { measure: measureLabel })}>
          <h4>{t('dataTop', { measure: measureLabel })}</h4>
          <p className="found muted">{t('dataTopHint')}</p>
          <ol>
            {comparison.data.map((d) => (
              <li key={d.touchpoint}>
                {d.touchpoint} <span className="muted">{formatValue(d.value, t)}</span>
              </li>
            ))}
          </ol>
        </section>
        <RankingColumn ranking={comparison.group} title={t('theGroup')} top={comparison.data.length} t={t} />
        {comparison.departments.map((d) => (
          <RankingColumn key={d.name} ranking={d} title={d.name} color={departmentColor(departments, d.name)} top={comparison.data.length} t={t} />
        ))}
      </div>
      {comparison.unassigned > 0 && <p className="hint">{t('unassignedGuesses', { count: comparison.unassigned })}</p>}
      <p className="hint">{t('bordaHint')}</p>
    </section>
  )
}
