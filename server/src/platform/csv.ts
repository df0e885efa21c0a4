/** Spreadsheet-safe CSV cells, shared by every export (OneRoster, marks ...). */

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Guards a cell for spreadsheets: a leading = + - @ tab or CR gets an apostrophe in front.
 * Exports apply it to every cell (people open these files in Excel); `unguardCell` undoes it on
 * import, so a Stoa export re-imports to exactly the same values.
 */
export function guardCell(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/**
 * Removes the apostrophe `guardCell` adds. Only an apostrophe followed by a formula character is
 * removed, so ordinary values are untouched; the price is that a value that really starts with,
 * say, "'=" loses its apostrophe, which no roster field needs.
 */
export function unguardCell(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}
