/** An import problem (shared/data/errors.ts) in the reader's language, with the same facts. */
import type { DataErrorJson } from '../../../../shared/data/errors'
import { shown } from '../../../../shared/data/errors'
import type { MessageKey, Translate } from '../../i18n'

export function describeDataError(t: Translate, error: DataErrorJson): string {
  const { facts } = error
  const field = facts.field ? t(`dataField_${facts.field}` as MessageKey) : ''
  const detail = error.code === 'badScore' ? (facts.field === 'nps' ? '0–10' : '1–5') : (facts.detail ?? '')
  return t(`dataError_${error.code}` as MessageKey, {
    row: facts.row ?? '',
    column: facts.column ?? '',
    value: shown(facts.value ?? ''),
    field,
    detail,
  })
}
