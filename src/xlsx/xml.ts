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

/**
 * Builds a large part in pieces of about a million characters, so no single huge string is ever
 * held: each piece goes to the part's writer (deflated as it comes) or, without one, is kept as
 * UTF-8 for `bytes()`.
 */
export class XmlSink {
  private pending: string[] = [];
  private pendingLength = 0;
  private chunks: Uint8Array[] = [];
  private static encoder = new TextEncoder();

  constructor(private readonly out?: { write(chunk: string): void; end(): void }) {}

  push(s: string): void {
    this.pending.push(s);
    this.pendingLength += s.length;
    if (this.pendingLength > 1 << 20) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    const text = this.pending.join('');
    if (this.out) this.out.write(text);
    else this.chunks.push(XmlSink.encoder.encode(text));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Passes what is pending to the part's writer, and ends the part. */
  close(): void {
    this.flush();
    this.out?.end();
  }

  bytes(): Uint8Array {
    this.flush();
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks = [];
    return out;
  }
}
