/**
 * Old home of the board canvas (now ./canvas/). Kept only while pages/Report.tsx (edited on
 * another branch) imports NOTE_FILL from here: point it at './canvas/shapes' (or the report
 * model) and delete this file.
 */
export { NOTE_FILL } from './canvas/shapes'
