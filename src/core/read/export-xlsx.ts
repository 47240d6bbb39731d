import type { Definition } from '../definition';
import { ReadError } from './errors';
import { minMatchedQuestions } from './export-columns';
import { matchedQuestionCount, readExportRows, type ExportRead } from './export';
import { readWorkbookSheets, type SheetCells } from './xlsx-sheets';

/** Reads an export workbook: the worksheet whose first row names the most questions. */
export function readExportSheets(sheets: SheetCells[], def: Definition): ExportRead {
  if (sheets.every(({ rows }) => rows.length === 0))
    throw new ReadError('empty', 'The Excel workbook has no data.');
  const scored = sheets.map((sheet) => ({ ...sheet, score: matchedQuestionCount(sheet.rows, def) }));
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

export async function readExportXlsx(bytes: Uint8Array, def: Definition): Promise<ExportRead> {
  return readExportSheets(await readWorkbookSheets(bytes), def);
}
