/**
 * CSV formula injection (OWASP): every CSV Horizon writes goes through `toCsv`, which puts an
 * apostrophe before a cell that starts with =, +, -, @, a tab or a carriage return. Parsed back
 * with csv-parse, as a spreadsheet would read the file.
 */
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { defuseCell, toCsv } from '../../shared/workshop-file/csv'
import { JIRA_HEADER, jiraRows, workshopToJiraCsv } from '../../shared/workshop-file/jira'
import { workshopToJson } from '../../shared/workshop-file/to-json'
import { addRoadmapItem } from '../../shared/deliver/roadmap'
import { addStory } from '../../shared/deliver/story'

const parseCsv = (csv: string) => parse(csv, { relax_column_count: false, bom: true }) as string[][]

const DANGEROUS = ['=HYPERLINK("http://evil","x")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1']

describe('toCsv: line breaks', () => {
  it('quotes a cell holding a bare line feed or carriage return, so that it stays one cell', () => {
    const text = toCsv([['Summary', 'Description'], ['Epic', 'Roadmap: Later\nOwner: Service\rMetric: repeat rate']])
    expect(text).toContain('"Roadmap: Later\nOwner: Service\rMetric: repeat rate"')
    expect(parse(text)).toEqual([['Summary', 'Description'], ['Epic', 'Roadmap: Later\nOwner: Service\rMetric: repeat rate']])
  })
})

describe('toCsv: formula injection', () => {
  it('puts an apostrophe before every cell that starts with =, +, -, @, tab or carriage return', () => {
    const csv = toCsv([['Summary', 'Other'], ...DANGEROUS.map((text) => [text, 'plain'])])
    const [header, ...rows] = parseCsv(csv)
    expect(header).toEqual(['Summary', 'Other'])
    expect(rows.map((row) => row[0])).toEqual(DANGEROUS.map((text) => `'${text}`))
    for (const row of rows) expect(row[1]).toBe('plain')
  })

  it('leaves every other cell as it is, formula characters inside a cell included', () => {
    const safe = ['As a user, I want =SUM(A1)', 'Story', 'Highest', 'moscow-must', "'already quoted", ' =leading space', '', 'a-b', 'x@y.z', 'Zoë’s café — 日本']
    expect(parseCsv(toCsv([safe]))).toEqual([safe])
    for (const text of safe) expect(defuseCell(text)).toBe(text)
  })

  it('defuseCell: one apostrophe, the text after it unchanged', () => {
    expect(defuseCell('=1+1')).toBe("'=1+1")
    expect(defuseCell('+')).toBe("'+")
    expect(defuseCell('-')).toBe("'-")
    expect(defuseCell('@')).toBe("'@")
    expect(defuseCell('\t')).toBe("'\t")
    expect(defuseCell('\r\n')).toBe("'\r\n")
  })
})

describe('Jira CSV: no cell starts with people’s text', () => {
  it('a story whose every field starts with a formula character: summary and description start with fixed words, unchanged', () => {
    const board = new Y.Doc()
    const roadmapId = addRoadmapItem(board, { title: '=HYPERLINK("http://evil","x")', column: 'now', mvp: true })
    for (const text of DANGEROUS) addStory(board, { asA: text, iWant: text, soThat: text, acceptance: [text], priority: 'must', roadmapId })
    addStory(board, { iWant: '=HYPERLINK("http://evil","x")', priority: 'should' })
    addStory(board, { soThat: '@SUM(A1)', acceptance: ['-1'], priority: 'could' })
    addStory(board, { acceptance: ['+1'], priority: 'wont' })
    const json = workshopToJson(board, new Y.Doc())
    const [header, epic, ...rows] = parseCsv(workshopToJiraCsv(json))
    expect(header).toEqual(JIRA_HEADER)
    // The epic's summary is the roadmap item's title, typed by people: it gets the apostrophe.
    expect(epic!.slice(0, 3)).toEqual(['\'=HYPERLINK("http://evil","x")', 'Roadmap: Now (MVP)', 'Epic'])
    expect(rows).toHaveLength(DANGEROUS.length + 3)
    // What the file holds of the stories is what the rows say: nothing needed an apostrophe.
    expect(rows).toEqual(jiraRows(json).slice(1))
    for (const row of rows) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r']/)
      expect(row[0]).toMatch(/^(As |I want |so that |Untitled story$)/)
      expect(row[1]).toMatch(/^(As |I want |so that |Acceptance criteria:)/)
    }
    expect(rows.map((row) => row[0]!).filter((summary) => summary.startsWith('I want '))).toEqual(['I want =HYPERLINK("http://evil","x")'])
  })
})
