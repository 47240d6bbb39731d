/**
 * Bounds on what a ZIP package (.docx, .xlsx) may inflate to, checked against its central directory
 * before any part is inflated. A 3 MB file whose XML inflates to gigabytes is refused unread; the
 * readers also count what they inflate as it streams, since a directory can lie about sizes.
 */
import type JSZip from 'jszip';
import { ReadError } from './errors';

const MiB = 1024 * 1024;
/** The most one part may inflate to: a questionnaire's largest part is a few megabytes. */
export const MAX_ZIP_PART_BYTES = 128 * MiB;
/** The most all parts together may inflate to (pictures in a Word reply included). */
export const MAX_ZIP_TOTAL_BYTES = 512 * MiB;

export interface ZipEntrySize {
  name: string;
  /** The size the central directory declares the entry inflates to. */
  size: number;
}

/** The entries and declared sizes of a ZIP's central directory; undefined when none is found. */
export function declaredZipSizes(bytes: Uint8Array): ZipEntrySize[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return undefined;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntrySize[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count && at + 46 <= bytes.length; k++) {
    if (view.getUint32(at, true) !== 0x02014b50) break;
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (size === 0xffffffff) size = zip64Size(view, at + 46 + nameLength, extraLength) ?? Infinity;
    entries.push({ name, size });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed size of a ZIP64 extended information extra field (id 0x0001). */
function zip64Size(view: DataView, start: number, length: number): number | undefined {
  for (let at = start; at + 4 <= start + length && at + 4 <= view.byteLength;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001 && size >= 8 && at + 12 <= view.byteLength) {
      const low = view.getUint32(at + 4, true);
      const high = view.getUint32(at + 8, true);
      return high * 2 ** 32 + low;
    }
    at += 4 + size;
  }
  return undefined;
}

const megabytes = (n: number) => (Number.isFinite(n) ? `${(n / MiB).toFixed(0)} MB` : 'more than 4 GB');

/** Refuses a package whose directory declares a part, or all parts, beyond the bounds. */
export function assertZipSizes(bytes: Uint8Array, what: string): void {
  const entries = declaredZipSizes(bytes) ?? [];
  const largest = entries.reduce<ZipEntrySize | undefined>(
    (a, e) => (a && a.size >= e.size ? a : e),
    undefined,
  );
  if (largest && largest.size > MAX_ZIP_PART_BYTES)
    throw new ReadError(
      'too-large',
      `${what}'s part ${largest.name} would inflate to ${megabytes(largest.size)}, more than the ` +
        `${megabytes(MAX_ZIP_PART_BYTES)} a questionnaire response can hold; it was not opened.`,
    );
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_ZIP_TOTAL_BYTES)
    throw new ReadError(
      'too-large',
      `${what}'s parts would inflate to ${megabytes(total)} in all, more than the ` +
        `${megabytes(MAX_ZIP_TOTAL_BYTES)} a questionnaire response can hold; it was not opened.`,
    );
}

/** The size a JSZip entry declares it inflates to, where JSZip read one from the directory. */
export function declaredEntrySize(file: JSZip.JSZipObject): number | undefined {
  const data = (file as unknown as { _data?: { uncompressedSize?: number } })._data;
  return typeof data?.uncompressedSize === 'number' ? data.uncompressedSize : undefined;
}

/**
 * Inflates a JSZip entry as text, handing each chunk to `onChunk` as it arrives, and stops with
 * `tooLarge()` once more than `limit` characters have come, whatever the declared size said.
 * An error thrown by `onChunk` stops it too.
 */
export function streamEntryText(
  file: JSZip.JSZipObject,
  limit: number,
  onChunk: (chunk: string) => void,
  tooLarge: () => Error,
): Promise<void> {
  const stream = (
    file as unknown as { internalStream(type: 'string'): JSZip.JSZipStreamHelper<string> }
  ).internalStream('string');
  let seen = 0;
  return new Promise<void>((resolve, reject) => {
    stream
      .on('data', (chunk) => {
        try {
          seen += chunk.length;
          if (seen > limit) throw tooLarge();
          onChunk(chunk);
        } catch (e) {
          stream.pause();
          reject(e);
        }
      })
      .on('error', reject)
      .on('end', () => resolve())
      .resume();
  });
}
