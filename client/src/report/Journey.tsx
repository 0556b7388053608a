/**
 * Stages as columns, lanes as rows, the emotion per stage in the first row; each note coloured
 * by its kind (note, pain point, how might we, idea — a legend says which), on screen and on
 * paper, with its whole text.
 */
import { roundedEmotion, type JourneyTable } from '../../../shared/workshop-file/report'
import type { NoteKind } from '../../../shared/board/note'
import { useT, type MessageKey } from '../i18n'
import { Empty, NoteText, Section } from './Section'

/** An emotion with its sign and a real minus (−2); nothing when not set. */
function emotionLabel(value: number | undefined): string {
  if (value === undefined) return ''
  const rounded = roundedEmotion(value)
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0'
}

/** Above this many notes the journey's cells are laid out only near the view (report.css). */
const MANY_NOTES = 300

const KIND_LABEL: Record<NoteKind, MessageKey> = { note: 'reportKindNote', pain: 'reportKindPain', hmw: 'reportKindHmw', idea: 'reportKindIdea' }

function Legend() {
  const t = useT()
  return (
    <ul className="report-legend" aria-label={t('reportLegend')}>
      {(Object.keys(KIND_LABEL) as NoteKind[]).map((kind) => (
        <li key={kind} className={`report-cell-note report-kind-${kind}`}>
          {t(KIND_LABEL[kind])}
        </li>
      ))}
    </ul>
  )
}

export function Journey({ journey }: { journey: JourneyTable | undefined }) {
  const t = useT()
  if (journey === undefined) {
    return (
      <Section id="journey" title={t('reportJourney')} className="report-journey">
        <Empty>{t('reportNoJourney')}</Empty>
      </Section>
    )
  }
  const { stages, lanes } = journey
  // A big journey lays its cells out only near the view (report.css); a small one at once, so
  // that everything on the page is laid out as soon as it is drawn.
  const notes = lanes.reduce((sum, lane) => sum + lane.cells.reduce((n, cell) => n + cell.length, 0), 0)
  const many = notes > MANY_NOTES ? ' report-journey-many' : ''
  return (
    <Section id="journey" title={t('reportJourney')} className="report-journey">
      <p className="report-muted">{t('reportJourneyHint')}</p>
      <Legend />
      <table className={`report-table report-journey-table${many}`} aria-labelledby="report-journey">
        <thead>
          <tr>
            <th scope="col">{t('reportLane')}</th>
            {stages.map((stage) => (
              <th scope="col" key={stage.id}>
                {stage.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="report-emotion-row">
            <th scope="row">{t('reportEmotion')}</th>
            {stages.map(({ id, emotion }) => {
              const mood = emotion === undefined ? '' : emotion < 0 ? ' report-negative' : emotion > 0 ? ' report-positive' : ''
              return (
                <td key={id} className={`report-emotion${mood}`}>
                  {emotionLabel(emotion)}
                </td>
              )
            })}
          </tr>
          {lanes.map((lane) => (
            <tr key={lane.id}>
              <th scope="row">{lane.title.trim() || t('reportUntitledLane')}</th>
              {lane.cells.map((notes, i) => (
                <td key={stages[i]!.id}>
                  {notes.length > 0 && (
                    <ul className="report-cell-notes">
                      {notes.map((note) => (
                        <li key={note.id} className={`report-cell-note report-kind-${note.kind}`} title={t(KIND_LABEL[note.kind])}>
                          <NoteText text={note.text} />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  )
}
