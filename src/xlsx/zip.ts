import { Gzip } from 'fflate';

/**
 * The .xlsx container: each part deflated (level 6) and laid out as a plain zip written here, so
 * that the part dates are the UTC fields of `modified` over the whole DOS range (1980 to 2107).
 *
 * Parts are written in pieces as they are built and deflated as they come, so no part is held whole
 * as text and again as bytes. Each part goes through a gzip stream, whose trailer gives the CRC-32 the
 * zip needs: the platform's native `CompressionStream` where there is one (Node, current browsers),
 * else fflate, the same in Node and in the browser worker. A caller may bring its own `Deflater`
 * (the command line deflates on a worker thread while the next sheet is built).
 */

export interface ZipEntry {
  path: string;
  data: string | Uint8Array;
}

/** A part deflated: the raw deflate stream, the CRC-32 and length of what went in. */
export interface DeflatedPart {
  data: Uint8Array;
  crc: number;
  size: number;
}

/**
 * One part's bytes (strings are UTF-8 encoded) written in order, then ended. A chunk written with
 * `handOver` is the writer's own: the caller never uses its buffer again, so it may be moved rather
 * than copied.
 */
export interface PartStream {
  write(chunk: string | Uint8Array, handOver?: boolean): void;
  end(): Promise<DeflatedPart>;
}

/** Starts deflating one part. */
export type Deflater = () => PartStream;

/** What a part is written through: its pieces in order (see `PartStream`), then `end()`. */
export interface PartWriter {
  write(chunk: string | Uint8Array, handOver?: boolean): void;
  end(): void;
}

const encoder = new TextEncoder();

/**
 * The raw deflate stream, CRC-32 and length inside a gzip member (RFC 1952): the header's optional
 * fields skipped, the trailer read.
 */
export function fromGzip(gz: Uint8Array): DeflatedPart {
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8)
    throw new Error('the deflate stream is not gzip');
  const flags = gz[3];
  let at = 10;
  if (flags & 4) at += 2 + (gz[at] | (gz[at + 1] << 8)); // FEXTRA
  if (flags & 8) while (gz[at++] !== 0); // FNAME
  if (flags & 16) while (gz[at++] !== 0); // FCOMMENT
  if (flags & 2) at += 2; // FHCRC
  const view = new DataView(gz.buffer, gz.byteOffset, gz.byteLength);
  return {
    data: gz.subarray(at, gz.length - 8),
    crc: view.getUint32(gz.length - 8, true),
    size: view.getUint32(gz.length - 4, true),
  };
}

function nativePart(): PartStream {
  const stream = new CompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const out = new Response(stream.readable).arrayBuffer();
  // Write failures surface when the output is read.
  const ignore = () => undefined;
  return {
    write(chunk) {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      if (bytes.length) writer.write(bytes as Uint8Array<ArrayBuffer>).catch(ignore);
    },
    async end() {
      writer.close().catch(ignore);
      return fromGzip(new Uint8Array(await out));
    },
  };
}

function fflatePart(): PartStream {
  const chunks: Uint8Array[] = [];
  const gzip = new Gzip({ level: 6, mtime: 0 }, (data) => chunks.push(data));
  return {
    write(chunk) {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      if (bytes.length) gzip.push(bytes);
    },
    async end() {
      gzip.push(new Uint8Array(0), true);
      return fromGzip(concat(chunks));
    },
  };
}

/** Native gzip where the platform has it, fflate otherwise. */
export const platformDeflater: Deflater = () => {
  if (typeof CompressionStream === 'function') {
    try {
      return nativePart();
    } catch {
      // A platform whose CompressionStream lacks gzip: fflate below.
    }
  }
  return fflatePart();
};

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** DOS time and date of the UTC fields of a date (already within 1980–2107). */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

interface Slot {
  path: string;
  part?: Promise<DeflatedPart>;
}

/**
 * A zip written part by part. A part takes its place in the zip when it is opened, whenever its bytes
 * come; every part is deflated while the next ones are built.
 */
export class ZipWriter {
  private readonly slots: Slot[] = [];

  constructor(private readonly deflater: Deflater = platformDeflater) {}

  /** Opens a part at the next place in the zip; its bytes are written, then it is ended. */
  open(path: string): PartWriter {
    const slot: Slot = { path };
    this.slots.push(slot);
    let stream: PartStream | undefined;
    return {
      write: (chunk, handOver) => (stream ??= this.deflater()).write(chunk, handOver),
      end: () => {
        if (slot.part) return;
        slot.part = (stream ??= this.deflater()).end();
        // A failure is reported by finish(); until then it is not unhandled.
        slot.part.catch(() => undefined);
      },
    };
  }

  /** A part written whole. */
  add(path: string, data: string | Uint8Array): void {
    const part = this.open(path);
    part.write(data);
    part.end();
  }

  /** The zip, once every part opened has been ended and deflated. */
  async finish(modified: Date): Promise<Uint8Array> {
    const missing = this.slots.find((s) => !s.part);
    if (missing) throw new Error(`zip part ${missing.path} was never ended`);
    const parts = await Promise.all(this.slots.map((s) => s.part!));
    return layOut(
      this.slots.map((s, i) => ({ path: s.path, ...parts[i] })),
      modified,
    );
  }
}

interface Packed extends DeflatedPart {
  name: Uint8Array;
  utf8: boolean;
  offset: number;
}

function layOut(parts: (DeflatedPart & { path: string })[], modified: Date): Uint8Array {
  const when = dosDateTime(modified);
  let offset = 0;
  const packed: Packed[] = parts.map((part) => {
    const name = encoder.encode(part.path);
    const p: Packed = {
      ...part,
      name,
      utf8: name.length !== part.path.length, // a name beyond ASCII
      offset,
    };
    offset += 30 + name.length + p.data.length;
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
    u32(p.data.length);
    u32(p.size);
    u16(p.name.length);
  };
  for (const p of packed) {
    u32(0x04034b50);
    common(p);
    u16(0);
    out.set(p.name, at);
    at += p.name.length;
    out.set(p.data, at);
    at += p.data.length;
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

/** A zip of whole parts, in order. */
export async function zipEntries(
  entries: ZipEntry[],
  modified: Date,
  deflater: Deflater = platformDeflater,
): Promise<Uint8Array> {
  const zip = new ZipWriter(deflater);
  for (const e of entries) zip.add(e.path, e.data);
  return zip.finish(modified);
}
