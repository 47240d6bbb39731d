/** A1 addresses from 0-based row and column indexes. */

export function columnName(column: number): string {
  let n = column + 1;
  let name = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function cellAddress(row: number, column: number): string {
  return `${columnName(column)}${row + 1}`;
}

/** The address of a block of `rows` × `columns` cells whose top-left cell is (row, column). */
export function rangeAddress(row: number, column: number, rows: number, columns: number): string {
  const first = cellAddress(row, column);
  if (rows === 1 && columns === 1) return first;
  return `${first}:${cellAddress(row + rows - 1, column + columns - 1)}`;
}

export function columnRange(column: number): string {
  const name = columnName(column);
  return `${name}:${name}`;
}

/** A sheet name as it appears in a reference: quoted, with quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export interface WorkbookPlace {
  sheet: string;
  address: string;
}

/** Parses a link target inside the workbook (`#'Sheet'!A1`, `#Sheet!A1:B2`); undefined for anything else. */
export function parsePlace(target: string): WorkbookPlace | undefined {
  const m = /^#?(?:'((?:[^']|'')+)'|([^'!#][^!]*))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$/i.exec(
    target.trim(),
  );
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, address: m[3].replace(/\$/g, '').toUpperCase() };
}
