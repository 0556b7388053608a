/**
 * Synthetic contact logs with a known ground truth, for tests, demos and the benchmark — never
 * real customer data. Seeded: the same seed and size give the same file, byte for byte.
 *
 * The model: customers (40 % "new", 60 % "existing") start somewhere in October 2026 and go
 * through the journey's six stages; after each stage a share of them drops off (`GO_ON`, per
 * segment). In each stage they reach they contact the company 1–3 times, each time about one
 * of that stage's touchpoints (by `weight`); after a contact, with the touchpoint's `repeat`
 * probability, they come back about the same thing 1–6 days later (one follow-up, never a
 * chain). So the expected interactions of a touchpoint are known exactly (`expectedRanking`),
 * its repeat rate is about repeat / (1 + repeat), and the share of customers going on from one
 * stage to the next is about GO_ON. Rows come out sorted by time, as an export is; customers are
 * made until there are `rows` rows (the last one may lose a few contacts).
 *
 * `npm run data -- generate [--rows N] [--seed S] [--out FILE]` (scripts/data.ts).
 */
import { mulberry32 } from '../shared/random'

export const STAGES = ['Orientation', 'Purchase', 'Onboarding', 'Use', 'Service', 'Share experience'] as const

/** Share of a stage's customers who reach the next stage, per segment. */
export const GO_ON: Record<'new' | 'existing', readonly number[]> = {
  new: [0.55, 0.7, 0.8, 0.6, 0.25],
  existing: [0.9, 0.85, 0.9, 0.75, 0.35],
}
export const SEGMENT_SHARE = { new: 0.4, existing: 0.6 }

export interface TouchpointTruth {
  touchpoint: string
  stage: (typeof STAGES)[number]
  weight: number
  repeat: number
  channel: string
  department: string
  /** Mean CSAT (1–5) of its contacts. */
  csat: number
}

const tp = (touchpoint: string, stage: number, weight: number, repeat: number, channel: string, department: string, csat: number): TouchpointTruth => ({
  touchpoint,
  stage: STAGES[stage] as (typeof STAGES)[number],
  weight,
  repeat,
  channel,
  department,
  csat,
})

export const TOUCHPOINTS: readonly TouchpointTruth[] = [
  tp('Product comparison', 0, 5, 0.05, 'web', 'Marketing', 4.1),
  tp('Price question', 0, 4, 0.1, 'chat', 'Sales', 3.8),
  tp('Store opening hours', 0, 1, 0.02, 'phone', 'Sales', 4.4),
  tp('Order status', 1, 6, 0.35, 'chat', 'Sales', 3.2),
  tp('Payment failed', 1, 3, 0.3, 'phone', 'Finance', 2.6),
  tp('Discount code', 1, 1, 0.05, 'email', 'Marketing', 3.9),
  tp('Activation code not received', 2, 5, 0.4, 'phone', 'IT', 2.3),
  tp('Installation help', 2, 4, 0.2, 'phone', 'Service', 3.5),
  tp('Account login', 2, 2, 0.25, 'chat', 'IT', 2.9),
  tp('How-to question', 3, 3, 0.1, 'web', 'Service', 4),
  tp('Invoice question', 3, 4, 0.3, 'phone', 'Finance', 2.7),
  tp('Change of address', 3, 1, 0.05, 'email', 'Service', 4.2),
  tp('Outage report', 4, 5, 0.45, 'phone', 'IT', 2.1),
  tp('Complaint', 4, 3, 0.3, 'email', 'Service', 1.9),
  tp('Cancel contract', 4, 2, 0.15, 'phone', 'Sales', 2.8),
  tp('Review invitation', 5, 3, 0.02, 'email', 'Marketing', 4.3),
  tp('Referral reward', 5, 1, 0.05, 'web', 'Marketing', 4.5),
]

/** Contacts per stage reached: 1, 2 or 3, equally likely. */
const CONTACTS_PER_STAGE = 2

/** Share of all customers who reach each stage. */
export function reachShare(): number[] {
  return STAGES.map((_s, i) => {
    let total = 0
    for (const [segment, share] of Object.entries(SEGMENT_SHARE)) {
      let reach = 1
      for (let k = 0; k < i; k++) reach *= GO_ON[segment as 'new' | 'existing'][k] as number
      total += share * reach
    }
    return total
  })
}

/** Expected interactions per customer of each touchpoint, highest first: the ground truth's ranking. */
export function expectedRanking(): { touchpoint: string; expected: number; repeatRate: number }[] {
  const reach = reachShare()
  return TOUCHPOINTS.map((t) => {
    const stage = STAGES.indexOf(t.stage)
    const stageWeight = TOUCHPOINTS.filter((o) => o.stage === t.stage).reduce((s, o) => s + o.weight, 0)
    const expected = (reach[stage] as number) * CONTACTS_PER_STAGE * (t.weight / stageWeight) * (1 + t.repeat)
    return { touchpoint: t.touchpoint, expected, repeatRate: t.repeat / (1 + t.repeat) }
  }).sort((a, b) => b.expected - a.expected)
}

export const HEADER = ['customer_id', 'timestamp', 'stage', 'touchpoint', 'channel', 'department', 'csat', 'nps', 'segment']

const START = Date.UTC(2026, 9, 1)
const DAY = 86_400_000
const pad = (n: number) => String(n).padStart(2, '0')
function stamp(t: number): string {
  const d = new Date(t)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/**
 * The log's lines (header first, no line ends), `rows` data rows sorted by time. Holds the
 * rows in memory while sorting them (fine up to a few million).
 */
export function generateContactLog({ rows, seed = 1 }: { rows: number; seed?: number }): string[] {
  const rand = mulberry32(seed)
  const byStage = STAGES.map((s) => TOUCHPOINTS.filter((t) => t.stage === s))
  const pick = (list: readonly TouchpointTruth[]): TouchpointTruth => {
    const total = list.reduce((s, t) => s + t.weight, 0)
    let r = rand() * total
    for (const t of list) if ((r -= t.weight) < 0) return t
    return list[list.length - 1] as TouchpointTruth
  }
  const score = (mean: number) => Math.min(5, Math.max(1, Math.round(mean + (rand() - 0.5) * 2.4)))
  const out: { time: number; line: string }[] = []
  let customer = 0
  while (out.length < rows) {
    customer++
    const id = `C${String(customer).padStart(7, '0')}`
    const segment = rand() < SEGMENT_SHARE.new ? 'new' : 'existing'
    let time = START + rand() * 30 * DAY
    const line = (t: TouchpointTruth, at: number) => {
      const csat = rand() < 0.4 ? String(score(t.csat)) : ''
      const nps = rand() < 0.15 ? String(Math.min(10, Math.max(0, Math.round(t.csat * 2 + (rand() - 0.5) * 6)))) : ''
      out.push({ time: at, line: [id, stamp(at), t.stage, t.touchpoint, t.channel, t.department, csat, nps, segment].join(',') })
    }
    for (let s = 0; s < STAGES.length; s++) {
      if (s > 0) {
        if (rand() >= (GO_ON[segment][s - 1] as number)) break
        time += (12 + rand() * 96) * 3_600_000
      }
      const contacts = 1 + Math.floor(rand() * 3)
      let at = time
      for (let c = 0; c < contacts; c++) {
        const t = pick(byStage[s] as TouchpointTruth[])
        line(t, at)
        if (rand() < t.repeat) line(t, at + (1 + rand() * 5) * DAY)
        // The next contact about something else, 8–16 days later: never within the repeat window of the last.
        at += (8 + rand() * 8) * DAY
      }
    }
  }
  // Exactly `rows`: the last customer's latest contacts fall off (theirs are the last pushed).
  out.length = rows
  out.sort((a, b) => a.time - b.time)
  return [HEADER.join(','), ...out.map((r) => r.line)]
}
