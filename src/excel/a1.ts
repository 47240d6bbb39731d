/** Office.js addresses, built on the A1 references of the plan (`core/plan/a1`). */
import { cellRef, columnLetter, rangeRef } from '../core/plan/a1';

/** The address of a block of `rows` × `columns` cells whose top-left cell is (row, column). */
export function rangeAddress(row: number, column: number, rows: number, columns: number): string {
  if (rows === 1 && columns === 1) return cellRef(row, column);
  return rangeRef(row, column, row + rows - 1, column + columns - 1);
}

/** A whole column (`C:C`). */
export function columnRange(column: number): string {
  const name = columnLetter(column);
  return `${name}:${name}`;
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
