import JSZip from 'jszip';
import type { Definition } from '../definition';
import type { InputFile, SourceFormat } from '../model';
import { ReadError } from './errors';
import { looksLikeExportCsv } from './export-csv';
import { looksLikeFormsText } from './forms-text';
import { looksLikeWordText } from './word';
import { assertZipSizes, declaredZipSizes } from './zip-bounds';

/** What the first bytes say a file is. */
export type Signature = 'zip' | 'ole' | 'pdf' | 'other';

export function signatureOf(bytes: Uint8Array): Signature {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x50, 0x4b, 0x03, 0x04]) || starts([0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  return 'other';
}

const extensionOf = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * Rejects what the content alone says cannot be read: old binary Office files, PDFs, and a file
 * named as a workbook or Word document that is not one. Content decides, not the name: a .docx
 * renamed .txt still reads as Word.
 */
export function assertReadableSignature(file: InputFile, signature: Signature): void {
  const ext = extensionOf(file.name);
  // EUSurvey, older LimeSurvey and SurveyMonkey exports still come as binary .xls.
  if (signature === 'ole' && ['xls', 'xlt', 'xla'].includes(ext))
    throw new ReadError(
      'unsupported',
      'This is an old binary Excel workbook (.xls), which is not read. Open it in Excel and choose ' +
        'File > Save As > Excel Workbook (*.xlsx) (LibreOffice: File > Save As > Excel 2007-365), ' +
        'then import the .xlsx file.',
    );
  if (signature === 'ole')
    throw new ReadError(
      'unsupported',
      'This is an old binary Office file (.doc or .xls). Save it as .docx or .xlsx and import it again.',
    );
  if (signature === 'pdf')
    throw new ReadError(
      'unsupported',
      'PDF files are not read. Import the Word document or the Forms export.',
    );
  if (signature === 'other' && ['xlsx', 'xlsm', 'docx', 'docm'].includes(ext)) {
    const kind = ext.startsWith('x') ? 'an Excel workbook' : 'a Word document';
    throw new ReadError(
      'malformed',
      `The file is named .${ext} but is not ${kind} (it is not a ZIP package). ` +
        'If it is text, give it the right extension, or export it again.',
    );
  }
}

/** The Office package a ZIP holds, judged by its parts. */
export type PackageKind = 'docx' | 'xlsx';

export async function sniffPackage(bytes: Uint8Array): Promise<PackageKind> {
  if (!hasEndOfCentralDirectory(bytes))
    throw new ReadError(
      'truncated',
      'The file is a ZIP package (.docx or .xlsx) that was cut short: its table of contents is missing.',
    );
  // Opening reads only the directory, but nothing is opened whose directory declares a bomb.
  assertZipSizes(bytes, 'The package');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new ReadError(
      'malformed',
      `The file is a damaged ZIP package and could not be opened (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  if (zip.file('word/document.xml')) return 'docx';
  if (zip.file('xl/workbook.xml')) return 'xlsx';
  const what = zip.file('ppt/presentation.xml')
    ? 'a PowerPoint presentation'
    : zip.file('mimetype')
      ? 'an OpenDocument file (save it as .docx or .xlsx)'
      : 'a ZIP archive, but neither a Word document nor an Excel workbook';
  throw new ReadError('unsupported', `The file is ${what}.`);
}

/**
 * Whether a ZIP package's directory lists a Word main document, which makes `sniffPackage` call it a
 * Word document whatever else it holds; read without opening the package.
 */
export function holdsWordDocument(bytes: Uint8Array): boolean {
  return declaredZipSizes(bytes)?.some((e) => e.name === 'word/document.xml') ?? false;
}

/** A ZIP's end-of-central-directory record sits in its last 64 KiB; a cut-off file has none. */
function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const last = bytes.length - 22;
  for (let i = last; i >= 0 && i >= last - 0xffff; i--)
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06)
      return true;
  return false;
}

/** The layout of a decoded text: a Forms export saved as CSV, a Forms page, or a Word questionnaire. */
export function sniffTextLayout(text: string, def: Definition): SourceFormat | undefined {
  if (looksLikeExportCsv(text, def)) return 'export';
  if (looksLikeFormsText(text, def)) return 'forms-text';
  if (looksLikeWordText(text, def)) return 'word';
  return undefined;
}
