/** Plain notes neither in a cell nor in a cluster; no section when there are none. */
import type { Note } from '../../../shared/board/note'
import { useT } from '../i18n'
import { NoteText, Section } from './Section'

export function OtherNotes({ notes }: { notes: readonly Note[] }) {
  const t = useT()
  if (notes.length === 0) return null
  return (
    <Section id="other" title={t('reportOtherNotes')}>
      <ul>
        {notes.map((note) => (
          <li key={note.id}>
            <NoteText text={note.text} />
          </li>
        ))}
      </ul>
    </Section>
  )
}
