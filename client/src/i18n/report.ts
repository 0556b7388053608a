/**
 * Strings of the report page, the PNG export and the import on the start page, in English and
 * Dutch side by side; en.ts and nl.ts take them into their catalogues. The report's own words
 * live in shared/ (the Markdown export uses them too).
 */
import { reportWordsEn, reportWordsNl } from '../../../shared/workshop-file/report-words'

export const reportEn = {
  ...reportWordsEn,
  // PNG of the board
  pngTooLarge: 'The board is too large for one image.',
  pngFailed: 'The browser could not draw the image.',
  // Import on the start page
  importHeading: 'Import a workshop',
  importHint: 'A workshop exported from Horizon as .json (at most {max} MiB) becomes a new workshop, with you as its facilitator.',
  importFile: 'Workshop file (.json)',
  importTitle: 'Title of the new workshop',
  importTitleHint: 'Filled in from the file; change it to tell the copy apart (for example the next quarter).',
  importButton: 'Import',
  importing: 'Importing…',
  importChooseFile: 'Choose a .json file first.',
  importTooLarge: 'The file is {size} MiB; an import can be at most {max} MiB.',
  importEmpty: 'The file is empty.',
  importNotJson: 'This file is not JSON. Choose the .json export of a Horizon workshop.',
  importUnreadable: 'The file could not be read.',
  importFailed: 'The import failed: {reason}',
} as const

export const reportNl: Record<keyof typeof reportEn, string> = {
  ...reportWordsNl,
  pngTooLarge: 'Het bord is te groot voor één afbeelding.',
  pngFailed: 'De browser kon de afbeelding niet tekenen.',
  importHeading: 'Een workshop importeren',
  importHint: 'Een uit Horizon geëxporteerde workshop (.json, hoogstens {max} MiB) wordt een nieuwe workshop, met jou als facilitator.',
  importFile: 'Workshopbestand (.json)',
  importTitle: 'Titel van de nieuwe workshop',
  importTitleHint: 'Overgenomen uit het bestand; pas hem aan om de kopie te onderscheiden (bijvoorbeeld het volgende kwartaal).',
  importButton: 'Importeren',
  importing: 'Bezig met importeren…',
  importChooseFile: 'Kies eerst een .json-bestand.',
  importTooLarge: 'Het bestand is {size} MiB; een import mag hoogstens {max} MiB zijn.',
  importEmpty: 'Het bestand is leeg.',
  importNotJson: 'Dit bestand is geen JSON. Kies de .json-export van een Horizon-workshop.',
  importUnreadable: 'Het bestand kon niet worden gelezen.',
  importFailed: 'Het importeren is mislukt: {reason}',
}
