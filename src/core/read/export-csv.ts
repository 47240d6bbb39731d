import Papa from 'papaparse';
import type { Definition } from '../definition';
import { ReadError } from './errors';
import { looksLikeExportHeader, minMatchedQuestions } from './export-columns';
import { matchedQuestionCount, readExportRows, type ExportRead } from './export';

/** Forms writes ","; Excel in many locales saves ";"; "Unicode text" saves tabs. */
const DELIMITERS = [',', ';', '\t'];

interface HeaderGuess {
  delimiter: string;
  header: string[];
  matched: number;
}

/**
 * The line ending of a text without carriage returns, as decoded texts are: Papa Parse would scan up
 * to a mebibyte of the text to guess it (and guess "\n") at every parse, however few records it reads.
 */
function lineEnding(text: string): { newline?: '\n' } {
  return text.includes('\r') ? {} : { newline: '\n' };
}

/** Records enough to find a header below title rows and Qualtrics' three header rows. */
const HEADER_PREVIEW = 24;

/** The text's first records, split by the delimiter under which the header names the most questions. */
function bestDelimiter(text: string, def: Definition): HeaderGuess {
  let best: HeaderGuess = { delimiter: DELIMITERS[0], header: [], matched: -1 };
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter, preview: HEADER_PREVIEW, ...lineEnding(text) }).data;
    const header = rows[0] ?? [];
    const matched = rows.every((r) => r.length < 2) ? 0 : matchedQuestionCount(rows, def);
    if (matched > best.matched) best = { delimiter, header, matched };
  }
  return best;
}

/** Whether a text is an export saved as CSV, judged by its header rows. */
export function looksLikeExportCsv(text: string, def: Definition): boolean {
  const guess = bestDelimiter(text, def);
  return guess.matched >= minMatchedQuestions(def) || looksLikeExportHeader(guess.header, def);
}

/**
 * A CSV text's records, split by the delimiter that gives its first record the most fields: for a
 * reader that does not yet know the questions (deriving a definition), sharing the parse with the
 * reader that then reads the text.
 */
export function csvRows(text: string): string[][] {
  for (const d of DELIMITERS) {
    const parsed = parsedTexts.get(d + text);
    if (parsed) return parsed.data;
  }
  let delimiter = DELIMITERS[0];
  let widest = 0;
  // The widest of the first records: a title or Excel's "sep=;" line may come before the header.
  for (const d of DELIMITERS) {
    const records = Papa.parse<string[]>(text, { delimiter: d, preview: 5, ...lineEnding(text) }).data;
    const width = Math.max(0, ...records.map((r) => r.length));
    if (width > widest) [delimiter, widest] = [d, width];
  }
  return parseCsv(text, delimiter).data;
}

/**
 * The last texts parsed, by delimiter, so that deriving a definition from a batch and reading it
 * parse each export once. Bounded in count and size; results are shared and must not be modified.
 */
const parsedTexts = new Map<string, Papa.ParseResult<string[]>>();
/** Characters of text kept parsed at most (a batch of CSV exports is rarely more). */
const MAX_SHARED_CHARS = 8 * 1024 * 1024;
const MAX_SHARED_TEXT = 2 * 1024 * 1024;
let sharedChars = 0;

function parseCsv(text: string, delimiter: string): Papa.ParseResult<string[]> {
  if (text.length > MAX_SHARED_TEXT)
    return Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy', ...lineEnding(text) });
  const key = delimiter + text;
  let parsed = parsedTexts.get(key);
  if (!parsed) {
    parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy', ...lineEnding(text) });
    // The oldest texts give way first.
    for (const old of parsedTexts.keys()) {
      if (sharedChars + key.length <= MAX_SHARED_CHARS) break;
      parsedTexts.delete(old);
      sharedChars -= old.length;
    }
    parsedTexts.set(key, parsed);
    sharedChars += key.length;
  }
  return parsed;
}

/**
 * Reads a Forms export saved as CSV (already decoded). A file cut off inside a row is rejected rather
 * than read with its last response short of answers.
 */
export function readExportCsv(text: string, def: Definition): ExportRead {
  const { delimiter } = bestDelimiter(text, def);
  const parsed = parseCsv(text, delimiter);
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
