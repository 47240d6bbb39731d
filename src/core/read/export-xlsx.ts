import ExcelJS from 'exceljs';
import type { Definition } from '../definition';
import { ReadError } from './errors';
import { matchExportColumns } from './export-columns';
import { cellText, readExportRows, type ExportCell, type ExportRead } from './export';

/**
 * Reads a Forms export workbook: the worksheet whose first row names the most questions. Cells may
 * be plain, rich text, hyperlinks, formulas (their cached result) or dates.
 */
export async function readExportXlsx(bytes: Uint8Array, def: Definition): Promise<ExportRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await workbook.xlsx.load(buffer);
  } catch (e) {
    throw new ReadError(
      'malformed',
      `The Excel workbook is damaged and could not be opened (${errorText(e)}).`,
    );
  }
  const sheets = workbook.worksheets.map(sheetRows);
  if (sheets.every((rows) => rows.length === 0))
    throw new ReadError('empty', 'The Excel workbook has no data.');
  const score = (rows: ExportCell[][]) => {
    const header = rows.find((r) => r.some((c) => cellText(c).trim())) ?? [];
    return matchExportColumns(header.map(cellText), def).matched;
  };
  const best = sheets.reduce((a, b) => (score(b) > score(a) ? b : a));
  return readExportRows(best, def);
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

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
