/** The text of a Word .docx, one paragraph per line, as Word's "save as plain text" writes it. */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { ReadError } from './errors';

const CHECKED = '\u2612';
const UNCHECKED = '\u2610';
const MAIN_PART = 'word/document.xml';

/** The bytes of a view as an ArrayBuffer of their own (a view may share a larger buffer). */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** A zip archive starts with a local file header, "PK\x03\x04". */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A zip that starts well but whose directory or data is cut off is truncated; anything else is malformed. */
function classify(bytes: Uint8Array, err: unknown): ReadError {
  const message = err instanceof Error ? err.message : String(err);
  const cutOff = /end of (central directory|data)|unexpected end|too short|invalid (stored block|distance)/i;
  return isZip(bytes) && cutOff.test(message)
    ? new ReadError('truncated', `the Word document is incomplete: ${message}`)
    : new ReadError('malformed', `not a readable Word document: ${message}`);
}

const glyphRun = (checked: boolean) => `<w:r><w:t>${checked ? CHECKED : UNCHECKED}</w:t></w:r>`;
const isOn = (value: string | undefined) => value === undefined || /^(1|true|on)$/i.test(value);

// A check-box content control, with no other content control inside it.
const CHECKBOX_CONTROL =
  /<w:sdt(?:\s[^>]*)?>\s*<w:sdtPr>((?:(?!<\/w:sdtPr>)[\s\S])*<w14:checkbox[\s>](?:(?!<\/w:sdtPr>)[\s\S])*)<\/w:sdtPr>(?:(?!<w:sdt[\s>])[\s\S])*?<\/w:sdtContent>\s*<\/w:sdt>/g;
// The run that opens a legacy check-box form field.
const CHECKBOX_FIELD =
  /<w:r(?:\s[^>]*)?>(?:(?!<\/w:r>)[\s\S])*?<w:checkBox>((?:(?!<\/w:checkBox>)[\s\S])*)<\/w:checkBox>/g;

/**
 * Word check boxes are controls whose state the plain-text extraction drops; print each as the
 * ☒ / ☐ glyph a saved-as-text copy shows.
 */
function checkBoxesAsGlyphs(xml: string): string {
  return xml
    .replace(CHECKBOX_CONTROL, (_all, props: string) => {
      const checked = /<w14:checked\s+w14:val="([^"]*)"/.exec(props);
      return glyphRun(checked !== null && isOn(checked[1]));
    })
    .replace(CHECKBOX_FIELD, (run: string, box: string) => {
      const checked = /<w:checked(?:\s+w:val="([^"]*)")?\s*\/>/.exec(box);
      const byDefault = /<w:default\s+w:val="([^"]*)"/.exec(box);
      const on = checked ? isOn(checked[1]) : byDefault !== null && isOn(byDefault[1]);
      return glyphRun(on) + run;
    });
}

/** The document with its check boxes as glyphs, or as it was when it has none. */
async function withCheckBoxGlyphs(arrayBuffer: ArrayBuffer): Promise<ArrayBuffer> {
  const zip = await JSZip.loadAsync(arrayBuffer);
  const main = zip.file(MAIN_PART);
  if (!main) return arrayBuffer;
  const xml = await main.async('string');
  if (!/<w14:checkbox[\s>]|<w:checkBox[\s>]/.test(xml)) return arrayBuffer;
  zip.file(MAIN_PART, checkBoxesAsGlyphs(xml));
  return zip.generateAsync({ type: 'arraybuffer' });
}

export async function docxToText(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength === 0) throw new ReadError('truncated', 'the Word document is empty');
  if (!isZip(bytes)) throw new ReadError('malformed', 'not a Word document: the bytes are not a zip archive');
  let raw: string;
  try {
    const arrayBuffer = await withCheckBoxGlyphs(toArrayBuffer(bytes));
    // mammoth's browser build reads `arrayBuffer`, its Node build `buffer`; both accept an ArrayBuffer.
    const input = { arrayBuffer, buffer: arrayBuffer } as unknown as { arrayBuffer: ArrayBuffer };
    raw = (await mammoth.extractRawText(input)).value;
  } catch (err) {
    throw classify(bytes, err);
  }
  // mammoth ends every paragraph with "\n\n".
  return raw.replace(/\r\n?/g, '\n').replace(/\n\n$/, '').split('\n\n').join('\n');
}
