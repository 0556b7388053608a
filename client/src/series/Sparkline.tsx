/** A small inline SVG trend line of a metric over the columns (gaps where there is no figure). */
export function Sparkline({ values, label, better }: { values: Array<number | null>; label: string; better: boolean | null }) {
  const width = 84
  const height = 24
  const known = values.filter((v): v is number => v !== null)
  if (known.length === 0) return <span className="muted">—</span>
  const min = Math.min(...known)
  const max = Math.max(...known)
  const x = (i: number) => (values.length === 1 ? width / 2 : 3 + (i * (width - 6)) / (values.length - 1))
  const y = (v: number) => (max === min ? height / 2 : height - 3 - ((v - min) * (height - 6)) / (max - min))
  // One polyline per run of consecutive figures.
  const runs: string[] = []
  let current: string[] = []
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) runs.push(current.join(' '))
      current = []
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`)
  })
  if (current.length) runs.push(current.join(' '))
  const lastIndex = values.map((v, i) => (v === null ? -1 : i)).filter((i) => i >= 0).at(-1) ?? 0
  const last = values[lastIndex] as number
  return (
    <svg className={`sparkline ${better === null ? '' : better ? 'better' : 'worse'}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {runs.map((points, i) => (
        <polyline key={i} points={points} fill="none" strokeWidth="1.75" strokeLinejoin="round" strokeLinecap="round" />
      ))}
      <circle cx={x(lastIndex)} cy={y(last)} r="2.5" />
    </svg>
  )
}
