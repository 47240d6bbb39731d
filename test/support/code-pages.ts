/** Encoders for code-page test files: TextEncoder writes only UTF-8. */

const singleByteTables = new Map<string, Map<string, number>>();

/** The encoder of a single-byte code page: TextDecoder's table over 0x00–0xFF, inverted. */
function singleByteTable(encoding: string): Map<string, number> {
  let table = singleByteTables.get(encoding);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(encoding);
    for (let b = 0xff; b >= 0; b--) {
      const ch = decoder.decode(Uint8Array.of(b));
      if (ch.length === 1 && ch !== '\ufffd') table.set(ch, b);
    }
    singleByteTables.set(encoding, table);
  }
  return table;
}

const MULTI_BYTE = new Set(['gb18030', 'shift_jis', 'euc-kr']);

/** iconv-lite encodes the CJK pages where it is installed (several tools depend on it). */
function loadIconv(): { encode(text: string, encoding: string): Uint8Array } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('iconv-lite');
  } catch {
    return undefined;
  }
}
const iconv = loadIconv();

/** Whether the CJK pages can be encoded here. */
export const canEncodeMultiByte = iconv !== undefined;

/** The bytes of `text` in `encoding`: single-byte pages by TextDecoder's own table, CJK by iconv-lite. */
export function encodeAs(text: string, encoding: string): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (MULTI_BYTE.has(encoding)) {
    if (!iconv) throw new Error('iconv-lite is not installed');
    return Uint8Array.from(iconv.encode(text, encoding));
  }
  const table = singleByteTable(encoding);
  return Uint8Array.from(text, (ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`${encoding} has no byte for ${JSON.stringify(ch)}`);
    return b;
  });
}
