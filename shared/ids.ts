import { customAlphabet, nanoid } from 'nanoid'

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const firstChar = customAlphabet(ALPHANUMERIC, 1)

/**
 * A stable, URL-safe id for workshops and for records in the documents (notes, stages,
 * rounds …): 16 nanoid characters, the first a letter or digit. An id that began with "-"
 * would read as an option on a command line (`npm run export -- -Xy… --format md`).
 */
export const newId = (): string => firstChar() + nanoid(15)

/** Letters and digits that cannot be mistaken for one another when read aloud or typed. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const JOIN_CODE_LENGTH = 6
export const newJoinCode: () => string = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH)

/** Ids we hand out are nanoid-style; this is what we accept back from untrusted input. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
export const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value)
