/** The facilitator's list of departments taking part: add, rename, remove (control `departments`). */
import { useState } from 'react'
import type * as Y from 'yjs'
import { setDepartments } from '../../../shared/facilitation/control'
import { renamedDepartment, withDepartment, withoutDepartment, MAX_DEPARTMENTS } from '../../../shared/data/departments'
import { LIMITS } from '../../../shared/limits'
import { useT } from '../i18n'

export function DepartmentsEditor({ control, departments }: { control: Y.Doc; departments: string[] }) {
  const t = useT()
  const [adding, setAdding] = useState('')
  const add = () => {
    setDepartments(control, withDepartment(departments, adding))
    setAdding('')
  }
  return (
    <section aria-labelledby="departments-heading">
      <h3 id="departments-heading">{t('departmentsHeading')}</h3>
      <ul className="departments">
        {departments.map((name) => (
          <li key={name} className="row-buttons">
            <input
              aria-label={t('renameDepartment', { name })}
              defaultValue={name}
              maxLength={LIMITS.name}
              onBlur={(e) => setDepartments(control, renamedDepartment(departments, name, e.currentTarget.value))}
              onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
            />
            <button type="button" className="danger" aria-label={t('removeDepartment', { name })} onClick={() => setDepartments(control, withoutDepartment(departments, name))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {departments.length < MAX_DEPARTMENTS && (
        <form
          className="row-buttons"
          onSubmit={(e) => {
            e.preventDefault()
            add()
          }}
        >
          <input aria-label={t('newDepartment')} placeholder={t('newDepartment')} value={adding} maxLength={LIMITS.name} onChange={(e) => setAdding(e.currentTarget.value)} />
          <button type="submit" disabled={adding.trim() === ''}>
            {t('addDepartment')}
          </button>
        </form>
      )}
    </section>
  )
}
