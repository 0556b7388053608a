/**
 * Deliver: promote Develop's top-voted ideas (and HMW statements and clusters) to a Now / Next /
 * Later roadmap; mark the MVP, give each item an owner (a department: journeys cross silos) and
 * a metric; write user stories — or draft one per MVP item — with acceptance criteria and a
 * MoSCoW priority. Roadmap cards move by drag and drop or with their buttons (keyboard).
 */
import type { Lane } from '../../../shared/board/lane'
import type { Note } from '../../../shared/board/note'
import { useT } from '../i18n'
import type { WorkshopConnection } from '../sync/connection'
import { Candidates } from './Candidates'
import { Roadmap } from './Roadmap'
import { Stories } from './Stories'

interface Props {
  connection: WorkshopConnection
  notes: readonly Note[]
  lanes: readonly Lane[]
  canEdit: boolean
}

export function DeliverPanel({ connection, notes, lanes, canEdit }: Props) {
  const t = useT()
  return (
    <section className="panel deliver-panel" aria-labelledby="deliver-heading">
      <h2 id="deliver-heading">{t('deliverPanel')}</h2>
      <Candidates connection={connection} canEdit={canEdit} />
      <Roadmap connection={connection} canEdit={canEdit} lanes={lanes} notes={notes} />
      <Stories connection={connection} notes={notes} canEdit={canEdit} />
    </section>
  )
}
