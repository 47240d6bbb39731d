/** Encodes sample text files the way respondents' machines save them. */

export type TextEncodingName =
  'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'windows-1251';
export type LineEnding = 'lf' | 'crlf';

// Bytes 0x80-0xFF of each single-byte code page; U+FFFD marks a byte with no character.
const upperHalf: Record<'windows-1252' | 'windows-1251', string> = {
  'windows-1252':
    '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
    '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178' +
    Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join(''),
  'windows-1251':
    '\u0402\u0403\u201a\u0453\u201e\u2026\u2020\u2021\u20ac\u2030\u0409\u2039\u040a\u040c\u040b\u040f' +
    '\u0452\u2018\u2019\u201c\u201d\u2022\u2013\u2014\ufffd\u2122\u0459\u203a\u045a\u045c\u045b\u045f' +
    '\u00a0\u040e\u045e\u0408\u00a4\u0490\u00a6\u00a7\u0401\u00a9\u0404\u00ab\u00ac\u00ad\u00ae\u0407' +
    '\u00b0\u00b1\u0406\u0456\u0491\u00b5\u00b6\u00b7\u0451\u2116\u0454\u00bb\u0458\u0405\u0455\u0457' +
    Array.from({ length: 0x40 }, (_, i) => String.fromCharCode(0x410 + i)).join(''),
};

const codePages = new Map<string, Map<string, number>>();

function codePage(name: 'windows-1252' | 'windows-1251'): Map<string, number> {
  let table = codePages.get(name);
  if (!table) {
    table = new Map();
    [...upperHalf[name]].forEach((ch, i) => {
      if (ch !== '\ufffd') table!.set(ch, 0x80 + i);
    });
    codePages.set(name, table);
  }
  return table;
}

function isSingleByte(encoding: TextEncodingName): encoding is 'windows-1252' | 'windows-1251' {
  return encoding === 'windows-1252' || encoding === 'windows-1251';
}

/** Whether every character of `text` has a byte in `encoding` (always true for the Unicode forms). */
export function canEncode(text: string, encoding: TextEncodingName): boolean {
  if (!isSingleByte(encoding)) return true;
  const table = codePage(encoding);
  for (const ch of text) if (ch.charCodeAt(0) >= 0x80 && !table.has(ch)) return false;
  return true;
}

/** True when the text holds Cyrillic letters (the case where windows-1251 is a plausible encoding). */
export function hasCyrillic(text: string): boolean {
  return /[\u0400-\u04ff]/.test(text);
}

/**
 * Encodes text written with LF line breaks; `crlf` turns every bare LF into CRLF, `lf` keeps the text as
 * it is. UTF-16 always carries a byte order mark.
 */
export function encodeText(text: string, encoding: TextEncodingName, eol: LineEnding = 'lf'): Uint8Array {
  const body = eol === 'crlf' ? text.replace(/\r?\n/g, '\r\n') : text;
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(body);
    case 'utf-8-bom':
      return new TextEncoder().encode('\ufeff' + body);
    case 'utf-16le':
    case 'utf-16be':
      return encodeUtf16(body, encoding === 'utf-16be');
    default:
      return encodeSingleByte(body, encoding);
  }
}

function encodeUtf16(text: string, bigEndian: boolean): Uint8Array {
  const units = '\ufeff' + text;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const unit = units.charCodeAt(i);
    bytes[2 * i + (bigEndian ? 0 : 1)] = unit >> 8;
    bytes[2 * i + (bigEndian ? 1 : 0)] = unit & 0xff;
  }
  return bytes;
}

function encodeSingleByte(text: string, encoding: 'windows-1252' | 'windows-1251'): Uint8Array {
  const table = codePage(encoding);
  const bytes = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes[n++] = code;
    else {
      const byte = table.get(ch);
      if (byte === undefined)
        throw new Error(`U+${code.toString(16).padStart(4, '0')} has no byte in ${encoding}`);
      bytes[n++] = byte;
    }
  }
  return bytes.slice(0, n);
}
