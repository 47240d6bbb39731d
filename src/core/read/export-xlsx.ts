import ExcelJS from 'exceljs';
import type { Definition } from '../definition';
import { ReadError } from './errors';
import { matchExportColumns, minMatchedQuestions } from './export-columns';
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
  const sheets = workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheetRows(sheet) }));
  if (sheets.every(({ rows }) => rows.length === 0))
    throw new ReadError('empty', 'The Excel workbook has no data.');
  const scored = sheets.map((sheet) => {
    const header = sheet.rows.find((r) => r.some((c) => cellText(c).trim())) ?? [];
    return { ...sheet, score: matchExportColumns(header.map(cellText), def).matched };
  });
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  const read = readExportRows(best.rows, def);
  // Only one sheet is read; another that also looks like an export is named, not passed over in silence.
  const others = scored
    .filter((s) => s !== best && s.score >= minMatchedQuestions(def))
    .map((s) => `"${s.name}"`);
  if (others.length)
    read.notes.push(
      `Read sheet "${best.name}" only; ${others.join(', ')} also hold question columns and were not read.`,
    );
  return read;
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
