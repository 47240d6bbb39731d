import Papa from 'papaparse';
import type { Definition } from '../definition';
import { ReadError } from './errors';
import { looksLikeExportHeader, matchExportColumns } from './export-columns';
import { readExportRows, type ExportRead } from './export';

/** Forms writes ","; Excel in many locales saves ";"; "Unicode text" saves tabs. */
const DELIMITERS = [',', ';', '\t'];

interface HeaderGuess {
  delimiter: string;
  header: string[];
}

/** The first record of the text, split by the delimiter that makes the most question headers. */
function bestDelimiter(text: string, def: Definition): HeaderGuess {
  let best = { delimiter: DELIMITERS[0], header: [] as string[], matched: -1 };
  for (const delimiter of DELIMITERS) {
    const header = Papa.parse<string[]>(text, { delimiter, preview: 1 }).data[0] ?? [];
    const matched = header.length < 2 ? 0 : matchExportColumns(header, def).matched;
    if (matched > best.matched) best = { delimiter, header, matched };
  }
  return best;
}

/** Whether a text is a Forms export saved as CSV, judged by its header row. */
export function looksLikeExportCsv(text: string, def: Definition): boolean {
  return looksLikeExportHeader(bestDelimiter(text, def).header, def);
}

/**
 * Reads a Forms export saved as CSV (already decoded). A file cut off inside a row is rejected rather
 * than read with its last response short of answers.
 */
export function readExportCsv(text: string, def: Definition): ExportRead {
  const { delimiter } = bestDelimiter(text, def);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (unclosed)
    throw new ReadError(
      'truncated',
      `The file ends inside a quoted cell (record ${(unclosed.row ?? rows.length - 1) + 1}): it was cut short.`,
    );
  // A last record short of columns and without its line end was cut off; elsewhere a short record
  // is read with its missing cells empty.
  const width = rows[0]?.length ?? 0;
  const last = rows[rows.length - 1];
  if (rows.length > 1 && last.length < width && !/[\r\n]$/.test(text))
    throw new ReadError(
      'truncated',
      `The last record has ${last.length} of ${width} columns and no line end: the file was cut short.`,
    );
  return readExportRows(rows, def);
}
