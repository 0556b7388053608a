/** What the report's sections are built from: a titled region, an empty line, a note's text. */
import type { ReactNode } from 'react'
import { useT } from '../i18n'

export function Section({ id, title, className, children }: { id: string; title: string; className?: string; children: ReactNode }) {
  return (
    <section className={`report-section${className ? ` ${className}` : ''}`} aria-labelledby={`report-${id}`}>
      <h2 id={`report-${id}`}>{title}</h2>
      {children}
    </section>
  )
}

export const Empty = ({ children }: { children: ReactNode }) => <p className="report-muted report-empty">{children}</p>

/** A note's text as typed, or "(empty note)" when it is blank. */
export function NoteText({ text }: { text: string }) {
  const t = useT()
  return <>{text.trim() || <em>{t('reportEmptyNote')}</em>}</>
}
