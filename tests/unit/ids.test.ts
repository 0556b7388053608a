import { describe, expect, it } from 'vitest'
import { isId, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, newId, newJoinCode } from '../../shared/ids'

describe('ids', () => {
  it('newId: 16 URL-safe characters that never begin with "-" or "_" (a command line would read "-…" as an option)', () => {
    // With nanoid's whole alphabet first, 1 in 32 ids would begin with "-" or "_"; over 20,000
    // ids the chance that none does is (31/32)^20000, about 1e-276.
    const ids = Array.from({ length: 20_000 }, newId)
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{15}$/)
      expect(isId(id)).toBe(true)
    }
    expect(new Set(ids).size).toBe(ids.length)
    // The rest of the id still uses the whole alphabet.
    expect(ids.some((id) => id.slice(1).includes('-'))).toBe(true)
  })

  it('newJoinCode uses only the unambiguous alphabet', () => {
    for (let i = 0; i < 1000; i++) {
      const code = newJoinCode()
      expect(code).toHaveLength(JOIN_CODE_LENGTH)
      for (const char of code) expect(JOIN_CODE_ALPHABET).toContain(char)
    }
  })

  it('isId accepts ids handed out earlier, "-" first included, and refuses anything else', () => {
    expect(isId('-abcDEF0123456789')).toBe(true)
    expect(isId('a')).toBe(true)
    for (const bad of ['', 'a b', 'a/b', 'é', 'x'.repeat(65), 42, null, undefined]) expect(isId(bad)).toBe(false)
  })
})
