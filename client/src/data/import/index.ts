/** The contact-log import (#12): the dialog the board's "Import data" button opens. */
export { ImportDataDialog, type ImportDataDialogProps } from './ImportDataDialog'
export { ImportDataButton } from './ImportDataButton'
