/** How the data screens and the report word the data's measures and targets (issue #12), in the page's language. */
import { describeTarget, type KeyTouchpoint, type Measure, type TargetMetric } from '../../../shared/data/data-doc'
import { formatNumber, formatPercent, type MessageKey, type Translate } from '../i18n'

export const MEASURE_LABEL: Record<Measure, MessageKey> = { interactions: 'measureInteractions', customers: 'measureCustomers', repeats: 'measureRepeats' }

const TARGET_METRIC_LABEL: Record<TargetMetric, MessageKey> = { repeatRate: 'targetMetricRepeatRate', csat: 'metricCsat', nps: 'targetMetricNps', interactions: 'measureInteractions' }

/**
 * A key touchpoint's target: the facilitator's own words when typed, else the structured target
 * in the page's language ("herhaalpercentage < 10 %"); `describeTarget` is the exports' English.
 */
export function targetLabel(t: Translate, entry: KeyTouchpoint): string | undefined {
  if (entry.target !== undefined || entry.metric === undefined || entry.comparator === undefined || entry.value === undefined) return describeTarget(entry)
  const value = entry.metric === 'repeatRate' ? formatPercent(t, entry.value) : formatNumber(t, entry.value)
  return `${t(TARGET_METRIC_LABEL[entry.metric])} ${entry.comparator} ${value}`
}
