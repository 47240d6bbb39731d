import ExcelJS from 'exceljs';
import { ReadError } from './errors';
import type { ExportCell } from './export';

/** A worksheet as rows of cells, the first row at index 0 and blank rows kept as `[]`. */
export interface SheetCells {
  name: string;
  rows: ExportCell[][];
}

/**
 * The worksheets of an .xlsx, in workbook order, as the cells show them. Cells may be plain, rich
 * text, hyperlinks, formulas (their cached result) or dates.
 */
export async function readWorkbookSheets(bytes: Uint8Array): Promise<SheetCells[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await workbook.xlsx.load(buffer);
  } catch (e) {
    throw new ReadError(
      'malformed',
      `The Excel workbook is damaged and could not be opened (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  return workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheetRows(sheet) }));
}

function sheetRows(sheet: ExcelJS.Worksheet): ExportCell[][] {
  const rows: ExportCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values : [];
    rows[rowNumber - 1] = values.slice(1).map(cellValue);
  });
  return Array.from(rows, (r) => r ?? []);
}

/** What a cell shows, as far as a response needs it. */
function cellValue(value: ExcelJS.CellValue | undefined): ExportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return unescapeOoxml(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return unescapeOoxml(value.richText.map((run) => run.text).join(''));
  if ('hyperlink' in value) return cellValue(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('error' in value) return null;
  return null;
}

/** OOXML writes some characters (carriage returns above all) as `_x000D_`. */
function unescapeOoxml(text: string): string {
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
