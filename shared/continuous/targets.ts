/**
 * Targets of key touchpoints as people write them — "repeat rate < 10 %", "csat >= 4",
 * "drop-off ≤ 20%", "volume < 500", "NPS > 30" — parsed into a metric, a comparison and a number,
 * and checked against a run's figures. Rates (repeat rate, drop-off) are kept as shares 0 … 1:
 * "10 %", "10%" and a bare 10 all mean 0.10; a bare number at most 1 is taken as a share. What
 * cannot be parsed is "not measurable", never guessed.
 */

export const TARGET_METRICS = ['volume', 'csat', 'repeatRate', 'dropOff', 'nps'] as const
export type TargetMetric = (typeof TARGET_METRICS)[number]
export type Comparator = '<' | '<=' | '>' | '>=' | '='

export interface Target {
  metric: TargetMetric
  op: Comparator
  value: number
}

const METRIC_WORDS: ReadonlyArray<[RegExp, TargetMetric]> = [
  [/^(volume|contacts?|interactions?|calls?)$/, 'volume'],
  [/^(csat|satisfaction|customer satisfaction)$/, 'csat'],
  [/^(repeat( contact)?( rate)?|repeats?|herhaal(contact)?)$/, 'repeatRate'],
  [/^(drop[- ]?off( rate)?|dropoff|uitval|churn)$/, 'dropOff'],
  [/^(nps|net promoter( score)?)$/, 'nps'],
]

const OPS: Record<string, Comparator> = { '<': '<', '<=': '<=', '≤': '<=', '=<': '<=', '>': '>', '>=': '>=', '≥': '>=', '=>': '>=', '=': '=', '==': '=' }

export const isRate = (metric: TargetMetric) => metric === 'repeatRate' || metric === 'dropOff'

/** The target, or null when the text does not say one we can measure. */
export function parseTarget(text: string | undefined): Target | null {
  if (text === undefined) return null
  const match = /^\s*([a-z][a-z -]*?)\s*(<=|>=|=<|=>|==|<|>|=|≤|≥)\s*(-?\d+(?:[.,]\d+)?)\s*(%)?\s*$/i.exec(text)
  if (!match) return null
  const word = (match[1] ?? '').toLowerCase().replace(/\s+/g, ' ').trim()
  const metric = METRIC_WORDS.find(([pattern]) => pattern.test(word))?.[1]
  const op = OPS[match[2] ?? '']
  let value = Number((match[3] ?? '').replace(',', '.'))
  if (metric === undefined || op === undefined || !Number.isFinite(value)) return null
  const percent = match[4] === '%'
  if (isRate(metric)) {
    if (percent || value > 1) value /= 100
  } else if (percent) return null
  return { metric, op, value }
}

/** Whether `actual` meets the target; null when there is no figure to judge. */
export function targetMet(target: Target, actual: number | null | undefined): boolean | null {
  if (actual === null || actual === undefined || !Number.isFinite(actual)) return null
  const eps = 1e-9
  switch (target.op) {
    case '<':
      return actual < target.value - eps
    case '<=':
      return actual <= target.value + eps
    case '>':
      return actual > target.value + eps
    case '>=':
      return actual >= target.value - eps
    case '=':
      return Math.abs(actual - target.value) <= eps
  }
}
