/** Strings of the report page, the PNG export and the import on the start page (en and nl). */
export const reportEn = {
  reportPlaceholder: 'Report',
} as const

export const reportNl: Record<keyof typeof reportEn, string> = {
  reportPlaceholder: 'Rapport',
}
