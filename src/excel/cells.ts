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

/** Days between the 1900 and the 1904 date systems: a serial date is this much smaller in a 1904 workbook. */
export const DAYS_1900_TO_1904 = 1462;

/** How the workbook counts dates: serials are shifted in a workbook on the 1904 date system. */
export interface DateSystem {
  date1904: boolean;
}

function toCell(value: CellValue, column: ColumnSpec | undefined, dates?: DateSystem): ExcelCell {
  if (value === null || value === undefined) return '';
  // Office.js takes no Date values: a timestamp goes in as a serial date, like the .xlsx renderer writes it.
  if (column?.kind === 'datetime' && typeof value === 'string') {
    const serial = excelSerial(value);
    if (serial === undefined || serial === null) return value;
    return dates?.date1904 ? serial - DAYS_1900_TO_1904 : serial;
  }
  return value;
}

/** Text longer than this in a cell formatted as Text ("@") shows as #### in some Excel versions. */
export const TEXT_FORMAT_LIMIT = 255;

/**
 * The number format of a text cell: "@" (Text), so that nothing in it is ever read as a formula,
 * a number or a date. Text over 255 characters that could be neither gets "General" instead, where
 * every Excel shows it (a string that long is never parsed as a number or a date).
 */
export function textFormat(value: string): string {
  if (value.length <= TEXT_FORMAT_LIMIT || looksLikeFormula(value)) return '@';
  return /^[\s\d.,:/%$€£+\-eE()]*$/.test(value) ? '@' : 'General';
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
export function tableSlice(
  table: TableSpec,
  start: number,
  end: number,
  withHeader: boolean,
  dates?: DateSystem,
): CellGrid {
  const values: ExcelCell[][] = [];
  const formats: string[][] = [];
  if (withHeader) {
    values.push(table.columns.map((c) => c.header));
    formats.push(table.columns.map(() => '@'));
  }
  const columnFormats = table.columns.map(columnFormat);
  for (let r = start; r < end; r++) {
    const source = table.rows[r] ?? [];
    const row = table.columns.map((c, i) => toCell(source[i] ?? null, c, dates));
    values.push(row);
    formats.push(
      row.map((v, i) => {
        if (typeof v !== 'string') return columnFormats[i];
        if (columnFormats[i] === '@') return textFormat(v);
        return looksLikeFormula(v) ? '@' : columnFormats[i];
      }),
    );
  }
  return { values, formats };
}

/** A block's cells, padded to a rectangle; strings are Text ("@", see `textFormat`) so they stay text. */
export function blockGrid(block: BlockSpec): CellGrid {
  const width = Math.max(1, ...block.rows.map((r) => r.length));
  const values = block.rows.map((r) =>
    Array.from({ length: width }, (_, i) => toCell(r[i] ?? null, undefined)),
  );
  const formats = values.map((r) => r.map((v) => (typeof v === 'string' ? textFormat(v) : 'General')));
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
