/** Cell values and number formats as the writer sends them to Excel. */
import { excelSerial } from '../core/plan/dates';
import type { BlockSpec, CellValue, ColumnSpec, TableSpec } from '../core/plan/types';

export type ExcelCell = string | number | boolean;

const DEFAULT_FORMATS: Record<ColumnSpec['kind'], string> = {
  text: '@',
  integer: '0',
  number: 'General',
  percent: '0%',
  datetime: 'yyyy-mm-dd hh:mm',
};

export function columnFormat(column: ColumnSpec): string {
  return column.numberFormat ?? DEFAULT_FORMATS[column.kind];
}

/** Strings Excel would read as a formula when typed into a cell that is not formatted as text. */
export function looksLikeFormula(value: ExcelCell): boolean {
  return typeof value === 'string' && /^[=+\-@]/.test(value);
}

function toCell(value: CellValue, column: ColumnSpec | undefined): ExcelCell {
  if (value === null || value === undefined) return '';
  // Office.js takes no Date values: a timestamp goes in as a serial date, like the .xlsx renderer writes it.
  if (column?.kind === 'datetime' && typeof value === 'string') return excelSerial(value) ?? value;
  return value;
}

export interface CellGrid {
  values: ExcelCell[][];
  formats: string[][];
}

/**
 * A table's rows `[start, end)` (header row included when `start` is 0) with a number format
 * for every cell. Text columns are "@"; a string that would read as a formula in any other
 * column is also "@", so no answer ever becomes a formula.
 */
export function tableSlice(table: TableSpec, start: number, end: number, withHeader: boolean): CellGrid {
  const values: ExcelCell[][] = [];
  const formats: string[][] = [];
  if (withHeader) {
    values.push(table.columns.map((c) => c.header));
    formats.push(table.columns.map(() => '@'));
  }
  const columnFormats = table.columns.map(columnFormat);
  for (let r = start; r < end; r++) {
    const source = table.rows[r] ?? [];
    const row = table.columns.map((c, i) => toCell(source[i] ?? null, c));
    values.push(row);
    formats.push(row.map((v, i) => (looksLikeFormula(v) ? '@' : columnFormats[i])));
  }
  return { values, formats };
}

/** A block's cells, padded to a rectangle; strings are "@" so they stay text. */
export function blockGrid(block: BlockSpec): CellGrid {
  const width = Math.max(1, ...block.rows.map((r) => r.length));
  const values = block.rows.map((r) =>
    Array.from({ length: width }, (_, i) => toCell(r[i] ?? null, undefined)),
  );
  const formats = values.map((r) => r.map((v) => (typeof v === 'string' ? '@' : 'General')));
  return { values, formats };
}

/** Column width in characters → points (Calibri 11: about 7 px a character plus 5 px padding). */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** "0F6CBD" or "FF0F6CBD" → "#0F6CBD". */
export function cssColor(hex: string): string {
  const clean = hex.replace(/^#/, '');
  return `#${clean.length === 8 ? clean.slice(2) : clean}`;
}
