/**
 * XML text for SpreadsheetML. Strings go through Excel's own escaping (ST_Xstring): characters XML
 * cannot hold become `_xHHHH_`, and a literal `_xHHHH_` in the data is protected as `_x005F_xHHHH_`.
 */

const escapeLike = /_(x[0-9A-Fa-f]{4}_)/g;
// Control characters other than tab and line feed, lone surrogates, U+FFFE and U+FFFF.
const notXml =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const hex4 = (ch: string) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;

// eslint-disable-next-line no-control-regex -- a quick test for the characters above
const suspect = /[_\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Excel's escaping of a string, before XML entity escaping. */
export function encodeXstring(s: string): string {
  if (!suspect.test(s)) return s;
  return s.replace(escapeLike, '_x005F_$1').replace(notXml, hex4);
}

export function decodeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Element text: Excel string escaping, then &, <, >. */
export function xmlText(s: string): string {
  const e = encodeXstring(s);
  return /[&<>]/.test(e) ? e.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : e;
}

/** Attribute value: as text, plus quotes and the whitespace an XML parser would otherwise normalise. */
export function xmlAttr(s: string): string {
  const e = xmlText(s);
  return /["\t\n]/.test(e) ? e.replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;') : e;
}

/** Plain attribute escaping for names and references that never hold control characters. */
export function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<t>` text needing `xml:space="preserve"`. */
export function needsPreserve(s: string): boolean {
  return /^\s|\s$|[\t\n]/.test(s);
}

export const xmlHeader = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const ns = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
} as const;

export const relTypes = {
  officeDocument: `${ns.rel}/officeDocument`,
  coreProps: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  appProps: `${ns.rel}/extended-properties`,
  worksheet: `${ns.rel}/worksheet`,
  styles: `${ns.rel}/styles`,
  sharedStrings: `${ns.rel}/sharedStrings`,
  theme: `${ns.rel}/theme`,
  table: `${ns.rel}/table`,
  hyperlink: `${ns.rel}/hyperlink`,
  pivotTable: `${ns.rel}/pivotTable`,
  pivotCacheDefinition: `${ns.rel}/pivotCacheDefinition`,
  pivotCacheRecords: `${ns.rel}/pivotCacheRecords`,
  drawing: `${ns.rel}/drawing`,
  chart: `${ns.rel}/chart`,
} as const;

/** Bytes a sink fills before passing them on. */
const SINK_BYTES = 1 << 20;

/**
 * Builds a large part as UTF-8 straight into buffers of a mebibyte, each passed to the part's writer
 * (deflated as it comes) once full, so no large string is ever built: markup and indexes are written
 * byte by byte, text through `TextEncoder.encodeInto`. A buffer once passed on is not reused.
 */
export class XmlSink {
  private buf = new Uint8Array(SINK_BYTES);
  private at = 0;
  private static encoder = new TextEncoder();

  constructor(private readonly out: { write(chunk: Uint8Array, handOver: boolean): void; end(): void }) {}

  /** Writes text (markup, or content already escaped). */
  push(s: string): void {
    const n = s.length;
    // Three bytes at most per UTF-16 unit.
    if (this.at + 3 * n > SINK_BYTES) {
      this.flush();
      if (3 * n > SINK_BYTES) {
        this.out.write(XmlSink.encoder.encode(s), true);
        return;
      }
    }
    const buf = this.buf;
    let at = this.at;
    // Short text is mostly ASCII: copied unit by unit until a character beyond ASCII.
    let i = 0;
    if (n <= 256)
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[at++] = c;
      }
    if (i < n) at += XmlSink.encoder.encodeInto(i ? s.slice(i) : s, buf.subarray(at)).written;
    this.at = at;
  }

  /** Writes UTF-8 already encoded (`XmlSink.encode`): markup written many times over. */
  bytes(b: Uint8Array): void {
    if (this.at + b.length > SINK_BYTES) {
      this.flush();
      if (b.length > SINK_BYTES) {
        this.out.write(b.slice(), true);
        return;
      }
    }
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  static encode(s: string): Uint8Array {
    return XmlSink.encoder.encode(s);
  }

  /** Writes a number as `String(n)` does, whole numbers up to 2³¹ digit by digit. */
  int(n: number): void {
    if (!(n >= 0 && n < 0x80000000 && (n | 0) === n) || Object.is(n, -0)) {
      this.push(String(n));
      return;
    }
    if (this.at + 10 > SINK_BYTES) this.flush();
    const buf = this.buf;
    const digits =
      n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : String(n).length;
    let at = this.at + digits;
    this.at = at;
    do {
      const q = (n / 10) | 0;
      buf[--at] = 0x30 + n - q * 10;
      n = q;
    } while (n > 0);
  }

  private flush(): void {
    if (!this.at) return;
    this.out.write(this.buf.subarray(0, this.at), true);
    this.buf = new Uint8Array(SINK_BYTES);
    this.at = 0;
  }

  /** Passes what is pending to the part's writer, and ends the part. */
  close(): void {
    this.flush();
    this.out.end();
  }
}
