import { deflateSync } from 'fflate';

/**
 * The .xlsx container: each part deflated (level 6) and laid out as a plain zip written here, so
 * that the part dates are the UTC fields of `modified` over the whole DOS range (1980 to 2107).
 * Parts are deflated by the platform's native `CompressionStream` where there is one (Node, current
 * browsers), else by fflate: the same in Node and in the browser worker.
 */

export interface ZipEntry {
  path: string;
  data: string | Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** DOS time and date of the UTC fields of a date (already within 1980–2107). */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** Raw deflate of a part: native where the platform offers it, fflate otherwise. */
async function deflate(raw: Uint8Array): Promise<Uint8Array> {
  if (typeof CompressionStream === 'function') {
    try {
      const stream = new Blob([raw as Uint8Array<ArrayBuffer>])
        .stream()
        .pipeThrough(new CompressionStream('deflate-raw'));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    } catch {
      // A platform without raw deflate in its CompressionStream: fflate below.
    }
  }
  return deflateSync(raw, { level: 6 });
}

interface Packed {
  name: Uint8Array;
  utf8: boolean;
  crc: number;
  size: number;
  deflated: Uint8Array;
  offset: number;
}

/** Zips the parts; `onProgress` is told the share of their bytes deflated so far (0–1). */
export async function zipEntries(
  entries: ZipEntry[],
  modified: Date,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const when = dosDateTime(modified);
  let offset = 0;
  const raws = entries.map((e) => (typeof e.data === 'string' ? encoder.encode(e.data) : e.data));
  const total = raws.reduce((n, raw) => n + raw.length, 0) || 1;
  let done = 0;
  // One part at a time: the native stream holds a copy of each part while it deflates.
  const deflated: Uint8Array[] = [];
  for (const raw of raws) {
    deflated.push(await deflate(raw));
    done += raw.length;
    onProgress?.(done / total);
  }
  const packed: Packed[] = entries.map((e, i) => {
    const raw = raws[i];
    const name = encoder.encode(e.path);
    const p: Packed = {
      name,
      utf8: name.length !== e.path.length, // a name beyond ASCII
      crc: crc32(raw),
      size: raw.length,
      deflated: deflated[i],
      offset,
    };
    offset += 30 + name.length + p.deflated.length;
    return p;
  });
  const centralSize = packed.reduce((n, p) => n + 46 + p.name.length, 0);
  const out = new Uint8Array(offset + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v >>> 0, true);
    at += 4;
  };
  /** The fields local and central headers share, from "version needed" to the name's length. */
  const common = (p: Packed) => {
    u16(20);
    u16(p.utf8 ? 0x0800 : 0);
    u16(8);
    u16(when.time);
    u16(when.date);
    u32(p.crc);
    u32(p.deflated.length);
    u32(p.size);
    u16(p.name.length);
  };
  for (const p of packed) {
    u32(0x04034b50);
    common(p);
    u16(0);
    out.set(p.name, at);
    at += p.name.length;
    out.set(p.deflated, at);
    at += p.deflated.length;
  }
  for (const p of packed) {
    u32(0x02014b50);
    u16(20);
    common(p);
    u16(0); // extra field
    u16(0); // comment
    u16(0); // disk
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(p.offset);
    out.set(p.name, at);
    at += p.name.length;
  }
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(packed.length);
  u16(packed.length);
  u32(centralSize);
  u32(offset);
  u16(0);
  return out;
}
