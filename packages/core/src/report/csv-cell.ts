/**
 * A spreadsheet treats a cell starting with = + - @ (or tab / CR) as a formula; a name or a
 * unit typed by someone hostile must stay text when HR opens the file in Excel.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
