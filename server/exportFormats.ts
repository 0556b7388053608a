/**
 * The files a workshop exports to — one table for the REST API (`GET …/export?format=`) and the
 * CLI (`npm run export -- --format`): each format's content type and how it is written from the
 * workshop's `json` export.
 */
import { workshopToJiraCsv } from '../shared/workshop-file/jira'
import { workshopToMarkdown } from '../shared/workshop-file/markdown'
import type { WorkshopJson } from '../shared/workshop-file/format'

export const EXPORT_FORMATS = {
  md: { type: 'text/markdown; charset=utf-8', render: workshopToMarkdown },
  csv: { type: 'text/csv; charset=utf-8', render: workshopToJiraCsv },
  json: { type: 'application/json; charset=utf-8', render: (json: WorkshopJson) => `${JSON.stringify(json, null, 2)}\n` },
} as const

export type ExportFormat = keyof typeof EXPORT_FORMATS

export const isExportFormat = (format: string): format is ExportFormat => Object.hasOwn(EXPORT_FORMATS, format)

/** "md, csv, json", for messages. */
export const EXPORT_FORMAT_LIST = Object.keys(EXPORT_FORMATS).join(', ')
