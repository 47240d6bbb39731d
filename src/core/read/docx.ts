/**
 * The text of a Word .docx as Word shows it, one paragraph per line, read from the package itself:
 * the main document, its list numbering and paragraph styles (see docs/word.md).
 */
import JSZip from 'jszip';
import { documentLines } from './docx-document';
import { Numbering } from './docx-numbering';
import { walkXml } from './docx-xml';
import { ReadError } from './errors';
import { assertZipSizes, declaredEntrySize, streamEntryText } from './zip-bounds';

const MiB = 1024 * 1024;
/** The most a part may inflate to; the main document of a questionnaire is well under 1 MiB. */
export const MAX_DOCUMENT_PART_BYTES = 64 * MiB;
/** Numbering, styles and relationships are a few kilobytes. */
export const MAX_SIDE_PART_BYTES = 16 * MiB;

/** A zip archive starts with a local file header, "PK\x03\x04". */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A zip that starts well but whose directory or data is cut off is truncated; anything else is malformed. */
function classify(bytes: Uint8Array, err: unknown): ReadError {
  if (err instanceof ReadError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const cutOff =
    /end of (central directory|data)|unexpected end|too short|invalid (stored block|distance)|corrupted zip/i;
  return isZip(bytes) && cutOff.test(message)
    ? new ReadError('truncated', `the Word document is incomplete: ${message}`)
    : new ReadError('malformed', `not a readable Word document: ${message}`);
}

/** A part's text, refused unread when it declares more than `limit` bytes; undefined when absent. */
async function readPart(zip: JSZip, path: string, limit: number): Promise<string | undefined> {
  const file = zip.file(path);
  if (!file) return undefined;
  const size = declaredEntrySize(file);
  if (size !== undefined && size > limit) {
    throw new ReadError(
      'too-large',
      `the Word document's ${path} would inflate to ${(size / MiB).toFixed(1)} MB, more than the ` +
        `${limit / MiB} MB a questionnaire can hold`,
    );
  }
  return inflateBounded(file, path, limit);
}

/** Inflates a part as it streams, stopping once it passes `limit` whatever its declared size said. */
async function inflateBounded(file: JSZip.JSZipObject, path: string, limit: number): Promise<string> {
  const chunks: string[] = [];
  await streamEntryText(
    file,
    limit,
    (chunk) => chunks.push(chunk),
    () =>
      new ReadError(
        'too-large',
        `the Word document's ${path} inflates to more than the ${limit / MiB} MB a questionnaire ` +
          'can hold (its declared size is wrong)',
      ),
  );
  return chunks.join('');
}

/** The relationships part of a part ("" for the package's own). */
function relationshipsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Relationship targets of a part by type suffix ("/numbering"), resolved against the part's folder. */
async function relationships(zip: JSZip, part: string): Promise<Map<string, string>> {
  const folder = part.slice(0, part.lastIndexOf('/') + 1);
  const xml = await readPart(zip, relationshipsPath(part), MAX_SIDE_PART_BYTES);
  const targets = new Map<string, string>();
  if (!xml) return targets;
  walkXml(xml, 'relationships', {
    open(el) {
      if (!el.name.endsWith('Relationship') || el.attr('TargetMode') === 'External') return;
      const type = el.attr('Type') ?? '';
      const target = el.attr('Target');
      if (target === undefined) return;
      const path = target.startsWith('/') ? target.slice(1) : resolvePath(folder, target);
      targets.set(type.slice(type.lastIndexOf('/')), path);
    },
    close() {},
    text() {},
  });
  return targets;
}

function resolvePath(folder: string, target: string): string {
  const parts = folder.split('/').filter((p) => p !== '');
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/**
 * The text of a Word document, read once per bytes: choosing the definition reads a few documents
 * against each built-in questionnaire before the import reads them all.
 */
export function docxToText(bytes: Uint8Array): Promise<string> {
  let text = texts.get(bytes);
  if (!text) {
    text = readDocx(bytes);
    texts.set(bytes, text);
    // A document that could not be read is tried again, so each caller gets its own error.
    text.catch(() => texts.delete(bytes));
  }
  return text;
}

const texts = new WeakMap<Uint8Array, Promise<string>>();

async function readDocx(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength === 0) throw new ReadError('truncated', 'the Word document is empty');
  if (!isZip(bytes)) throw new ReadError('malformed', 'not a Word document: the bytes are not a zip archive');
  assertZipSizes(bytes, 'The Word document');
  try {
    const zip = await JSZip.loadAsync(bytes);
    const root = await relationships(zip, '');
    const mainPath = [root.get('/officeDocument'), 'word/document.xml'].find((p) => p && zip.file(p));
    if (!mainPath) throw new ReadError('malformed', 'not a Word document: it has no main document part');
    const parts = await relationships(zip, mainPath);
    const side = (type: string, fallback: string) =>
      readPart(zip, parts.get(type) ?? fallback, MAX_SIDE_PART_BYTES);
    const [document, numberingXml, stylesXml] = await Promise.all([
      readPart(zip, mainPath, MAX_DOCUMENT_PART_BYTES),
      side('/numbering', 'word/numbering.xml'),
      side('/styles', 'word/styles.xml'),
    ]);
    const numbering = new Numbering(numberingXml, stylesXml);
    return documentLines(document ?? '', numbering).join('\n');
  } catch (err) {
    throw classify(bytes, err);
  }
}
