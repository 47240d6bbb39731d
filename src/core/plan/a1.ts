/** A1 references from 0-based rows and columns. */

export function columnLetter(column: number): string {
  let n = column + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function cellRef(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

export function rangeRef(top: number, left: number, bottom: number, right: number): string {
  return `${cellRef(top, left)}:${cellRef(bottom, right)}`;
}

/** `'Sheet name'` quoted for a reference; apostrophes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** An internal link target: `#'Sheet'!J5`. */
export function placeLink(sheet: string, row: number, column: number): string {
  return `#${quoteSheet(sheet)}!${cellRef(row, column)}`;
}

/**
 * The 0-based column of a reference from its leading capital letters (`C` and `C7` give 2); the
 * letters end at the first other character.
 */
export function columnIndex(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column - 1;
}

/** Parses `A1` into 0-based row and column. */
export function parseCellRef(ref: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, column: columnIndex(m[1].toUpperCase()) };
}

/** Parses `A1:C9` (or a single cell) into 0-based bounds. */
export function parseRangeRef(
  ref: string,
): { top: number; left: number; bottom: number; right: number } | undefined {
  const [a, b = a] = ref.split(':');
  const start = parseCellRef(a);
  const end = parseCellRef(b);
  if (!start || !end) return undefined;
  return { top: start.row, left: start.column, bottom: end.row, right: end.column };
}
