import { inferCountry, matchCountry } from '../countries';
import { countryQuestion, type Definition } from '../definition';
import {
  CONFIDENT_READING,
  type InputFile,
  type RawResponse,
  type SourceFormat,
  type TextReading,
} from '../model';
import { decodeText, type DecodedText, type EncodingReading } from './decode';
import { docxToText } from './docx';
import { ReadError, type ReadErrorCode } from './errors';
import { readExportCsv } from './export-csv';
import { readExportSheets } from './export-xlsx';
import { readFormsText } from './forms-text';
import { splitResponses } from './pages';
import { assertReadableSignature, signatureOf, sniffPackage, sniffTextLayout } from './sniff';
import { looksLikeWordDocument, readWordText } from './word';
import { looksLikeVerticalWorkbook, readVerticalWorkbook } from './workbook';
import { readWorkbookSheets } from './xlsx-sheets';

export { ReadError, type ReadErrorCode } from './errors';
export { encodingName, type EncodingAlternative, type EncodingReading } from './decode';

export type ReadOutcome =
  | {
      ok: true;
      sourceFile: string;
      format: SourceFormat;
      encoding?: string;
      /** How a text file's bytes were read: encoding, confidence, the readings that came close. */
      reading?: EncodingReading;
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

export interface ReadOptions {
  /** The encoding the analyst chose for this file (a WHATWG label), overriding detection. */
  encoding?: string;
  /** The encoding the analyst chose for the batch: read in it where the file is not Unicode. */
  legacyEncoding?: string;
  /**
   * What the files of the batch read so far were confidently read in, by country (ISO3): a file
   * of the same country whose own bytes say little follows them. readFile adds to it.
   */
  batchEncodings?: Map<string, string>;
}

/** Reads one file of a batch into responses, or says why it cannot. Never throws. */
export async function readFile(
  file: InputFile,
  def: Definition,
  opts: ReadOptions = {},
): Promise<ReadOutcome> {
  try {
    return { ok: true, sourceFile: file.name, ...(await read(file, def, opts)) };
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

/** The import report's line for a file read: its responses, and how sure the reading of its text is. */
export function describeRead(count: number, reading: TextReading | undefined): string {
  const what = `${count} response${count === 1 ? '' : 's'}`;
  if (!reading) return what;
  const { encoding, confidence, basis, alternatives } = reading;
  if (basis === 'chosen') return `${what} (${encoding}, as chosen)`;
  if (basis !== 'detected') return `${what} (${encoding})`;
  const sure = `${encoding}, detected, ${Math.round(confidence * 100)}% sure`;
  if (confidence >= CONFIDENT_READING || !alternatives.length) return `${what} (${sure})`;
  const others = alternatives.map((a) => a.encoding).join(' or ');
  return `${what} (${sure}: the text may be wrong, perhaps ${others}; choose the encoding to read it so)`;
}

/** Messages go straight into the import report: start them with a capital, end them with a stop. */
function asSentence(message: string): string {
  const text = message.trim() || 'The file could not be read.';
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}

type Read = {
  format: SourceFormat;
  encoding?: string;
  reading?: EncodingReading;
  responses: RawResponse[];
  notes?: string[];
};

async function read(file: InputFile, def: Definition, opts: ReadOptions): Promise<Read> {
  const { bytes } = file;
  if (bytes.length === 0) throw new ReadError('empty', 'The file is empty.');
  const signature = signatureOf(bytes);
  assertReadableSignature(file, signature);
  if (signature !== 'zip') {
    assertSize(bytes.length, MAX_FILE_BYTES);
    return readTextFile(bytes, def, opts);
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
  if (looksLikeWordDocument(text, def)) return { format: 'word', ...eachResponse(text, def, readWordText) };
  return readText(text, def, 'The Word document');
}

/**
 * A text file whose encoding had to be guessed is read twice where it names countries: the first
 * reading finds the countries (their names and domains are ASCII in any code page), the second
 * prefers the code pages their offices use and those other files of the same countries were read in.
 */
function readTextFile(bytes: Uint8Array, def: Definition, opts: ReadOptions): Read {
  let decoded = decodeText(bytes, { encoding: opts.encoding, legacyEncoding: opts.legacyEncoding });
  let read = readText(decoded.text, def, 'The file');
  if (decoded.basis === 'detected') {
    const countries = countriesNamed(read.responses, def);
    if (countries.length) {
      const batchEncodings = countries.flatMap((c) => opts.batchEncodings?.get(c) ?? []);
      const again = decodeText(bytes, { countries, batchEncodings });
      if (again.text !== decoded.text) read = readText(again.text, def, 'The file');
      decoded = again;
      if (decoded.confidence >= CONFIDENT_READING)
        for (const c of countries) opts.batchEncodings?.set(c, decoded.encoding);
    }
  }
  return { ...read, encoding: decoded.encoding, reading: readingOf(decoded) };
}

function readingOf({ encoding, confidence, basis, alternatives }: DecodedText): EncodingReading {
  return { encoding, confidence, basis, alternatives };
}

/** The countries the responses name in their country answer, else those their answers point to. */
function countriesNamed(responses: RawResponse[], def: Definition): string[] {
  const field = countryQuestion(def);
  const found = new Set<string>();
  for (const r of responses) {
    const written = field ? r.answers[field.id]?.text?.trim() : undefined;
    const iso3 =
      (written && matchCountry(written)?.iso3) ||
      inferCountry(Object.values(r.answers).flatMap((a) => [a.text ?? '', a.other ?? '']))?.iso3;
    if (iso3) found.add(iso3);
  }
  return [...found];
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
      return { format, ...eachResponse(text, def, readFormsText) };
    case 'word':
      return { format, ...eachResponse(text, def, readWordText) };
    default:
      throw new ReadError(
        'not-a-response',
        `${what} is not a response to "${def.title}": it is neither a Forms response page, ` +
          'a filled-in questionnaire, nor a Forms export.',
      );
  }
}

/** Every response a text holds, each read on its own, and a note saying how many there were. */
function eachResponse(
  text: string,
  def: Definition,
  readOne: (text: string, def: Definition) => RawResponse,
): { responses: RawResponse[]; notes?: string[] } {
  const texts = splitResponses(text, def);
  if (texts.length === 1) return { responses: [readOne(text, def)] };
  const responses = texts.map((t, k) => {
    try {
      return readOne(t, def);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ReadError(
        e instanceof ReadError ? e.code : 'malformed',
        `The file holds ${texts.length} responses one after another, and response ${k + 1} could not be read: ${why}`,
      );
    }
  });
  return {
    responses,
    notes: [`the file holds ${texts.length} responses one after another, each read on its own`],
  };
}

function assertSize(size: number, limit: number): void {
  if (size > limit)
    throw new ReadError(
      'too-large',
      `The file is ${megabytes(size)}, more than the ${megabytes(limit)} a questionnaire response can be.`,
    );
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
