import type { Definition } from '../definition';
import type { InputFile, RawResponse, SourceFormat } from '../model';
import { decodeText } from './decode';
import { docxToText } from './docx';
import { ReadError, type ReadErrorCode } from './errors';
import { readExportCsv } from './export-csv';
import { readExportSheets } from './export-xlsx';
import { readFormsText } from './forms-text';
import { assertReadableSignature, signatureOf, sniffPackage, sniffTextLayout } from './sniff';
import { looksLikeWordDocument, readWordText } from './word';
import { looksLikeVerticalWorkbook, readVerticalWorkbook } from './workbook';
import { readWorkbookSheets } from './xlsx-sheets';

export { ReadError, type ReadErrorCode } from './errors';

export type ReadOutcome =
  | {
      ok: true;
      sourceFile: string;
      format: SourceFormat;
      encoding?: string;
      responses: RawResponse[];
      /** What an analyst should know about how the file was read (columns ignored or missing). */
      notes?: string[];
    }
  | { ok: false; sourceFile: string; code: ReadErrorCode; message: string };

/**
 * The largest text file or workbook read. A Forms export of all 193 Member States is about 1 MB as
 * CSV and a Forms page or Word reply about 20 KB, so 16 MiB leaves wide room while sparing a browser
 * tab or worker from decoding and parsing (as UTF-16 strings, at least twice the size) a file that
 * cannot be a questionnaire response.
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Word documents may carry pictures that swell the package while the text stays small. */
export const MAX_DOCX_BYTES = 4 * MAX_FILE_BYTES;

/** Reads one file of a batch into responses, or says why it cannot. Never throws. */
export async function readFile(file: InputFile, def: Definition): Promise<ReadOutcome> {
  try {
    return { ok: true, sourceFile: file.name, ...(await read(file, def)) };
  } catch (e) {
    const error =
      e instanceof ReadError
        ? e
        : new ReadError(
            'malformed',
            `The file could not be read: ${e instanceof Error ? e.message : String(e)}`,
          );
    return { ok: false, sourceFile: file.name, code: error.code, message: asSentence(error.message) };
  }
}

/** Messages go straight into the import report: start them with a capital, end them with a stop. */
function asSentence(message: string): string {
  const text = message.trim() || 'The file could not be read.';
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}

type Read = { format: SourceFormat; encoding?: string; responses: RawResponse[]; notes?: string[] };

async function read(file: InputFile, def: Definition): Promise<Read> {
  const { bytes } = file;
  if (bytes.length === 0) throw new ReadError('empty', 'The file is empty.');
  const signature = signatureOf(bytes);
  assertReadableSignature(file, signature);
  if (signature !== 'zip') {
    assertSize(bytes.length, MAX_FILE_BYTES);
    const { text, encoding } = decodeText(bytes);
    return { ...readText(text, def, 'The file'), encoding };
  }

  assertSize(bytes.length, MAX_DOCX_BYTES);
  const kind = await sniffPackage(bytes);
  if (kind === 'xlsx') {
    assertSize(bytes.length, MAX_FILE_BYTES);
    const sheets = await readWorkbookSheets(bytes);
    if (looksLikeVerticalWorkbook(sheets)) {
      const notes: string[] = [];
      return { format: 'workbook', responses: [readVerticalWorkbook(sheets, file.name, def, notes)], notes };
    }
    const { responses, notes } = readExportSheets(sheets, def);
    return { format: 'export', responses, notes };
  }
  let text: string;
  try {
    text = await docxToText(bytes);
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError(
      'malformed',
      `The Word document is damaged and could not be read (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  // A questionnaire returned in Word with no check box, no title and no sub-label is still one.
  if (looksLikeWordDocument(text, def)) return { format: 'word', responses: [readWordText(text, def)] };
  return readText(text, def, 'The Word document');
}

function readText(text: string, def: Definition, what: string): Read {
  if (!text.trim()) throw new ReadError('empty', `${what} holds no text.`);
  const format = sniffTextLayout(text, def);
  switch (format) {
    case 'export': {
      const { responses, notes } = readExportCsv(text, def);
      return { format, responses, notes };
    }
    case 'forms-text':
      return { format, responses: [readFormsText(text, def)] };
    case 'word':
      return { format, responses: [readWordText(text, def)] };
    default:
      throw new ReadError(
        'not-a-response',
        `${what} is not a response to "${def.title}": it is neither a Forms response page, ` +
          'a filled-in questionnaire, nor a Forms export.',
      );
  }
}

function assertSize(size: number, limit: number): void {
  if (size > limit)
    throw new ReadError(
      'too-large',
      `The file is ${megabytes(size)}, more than the ${megabytes(limit)} a questionnaire response can be.`,
    );
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
