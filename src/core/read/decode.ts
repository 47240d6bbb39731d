import chardet from 'chardet';
import { ReadError } from './errors';

export interface DecodedText {
  /** The text with the BOM stripped and every line ending turned into `\n`. */
  text: string;
  /** WHATWG name of the encoding the bytes were read as ("utf-8", "utf-16le", "windows-1251"…). */
  encoding: string;
}

/** Bytes examined by the UTF-16, binary and code-page guesses; the whole file is still decoded. */
const SAMPLE_BYTES = 64 * 1024;

/**
 * Single-byte code pages tried besides chardet's guesses: Western, Cyrillic, Central European, Turkish. The
 * first, the most common, wins ties between decodings that read equally well ("São" vs "Săo").
 */
const FALLBACK_CODE_PAGES = ['windows-1252', 'windows-1251', 'windows-1250', 'windows-1254'];

/** Multi-byte guesses turn any byte soup into plausible ideographs, so they need chardet's confidence. */
const MULTI_BYTE = new Set(['shift_jis', 'euc-jp', 'euc-kr', 'gb18030', 'gbk', 'big5', 'iso-2022-jp']);
const MULTI_BYTE_MIN_CONFIDENCE = 50;

/**
 * Decodes the bytes of a text file whatever its encoding: UTF-8 (with or without BOM), UTF-16 LE/BE
 * (with a BOM, or recognised by its NUL bytes), else the code page whose decoding reads most like text.
 * Throws ReadError('binary') when the bytes are not text.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { text, encoding } = decodeRaw(bytes);
  assertTextual(text);
  return { text: normaliseLineEndings(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), encoding };
}

export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function decodeRaw(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeAs(bytes.subarray(3), 'utf-8');
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]))
    throw new ReadError('unsupported', 'The file is UTF-32 text. Save it as UTF-8 and import it again.');
  if (startsWith(bytes, [0xff, 0xfe])) return decodeAs(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeAs(bytes.subarray(2), 'utf-16be');

  const utf16 = guessUtf16(bytes);
  if (utf16) return decodeAs(bytes, utf16);
  const body = trimTrailingNuls(bytes);
  if (body.includes(0)) throw binary();

  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return decodeAs(body, guessCodePage(body));
  }
}

function decodeAs(bytes: Uint8Array, encoding: string): DecodedText {
  return { text: decodeWith(encoding, bytes), encoding };
}

/** windows-1252's printable characters at 0x80–0x9F; the gaps stay C1 controls, as in WHATWG. */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function decodeWith(encoding: string, bytes: Uint8Array): string {
  const text = new TextDecoder(encoding).decode(bytes);
  // Some runtimes (Node 20) decode windows-1252 as ISO-8859-1, leaving C1 controls where
  // quotes, dashes and the euro sign belong.
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\x80-\x9f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80]);
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Files saved with a fixed record size sometimes end in NUL padding. */
function trimTrailingNuls(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

/** UTF-16 without a BOM: mostly-Latin text puts a NUL in every high byte, so in every other position. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd / pairs > 0.3 && even / pairs < 0.05) return 'utf-16le';
  if (even / pairs > 0.3 && odd / pairs < 0.05) return 'utf-16be';
  return undefined;
}

/** Ranks chardet's guesses (plus the common code pages) by how much their decoding reads like text. */
function guessCodePage(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const confidence = new Map<string, number>();
  for (const match of chardet.analyse(sample)) {
    const name = supportedName(match.name);
    if (!name || name.startsWith('utf-')) continue;
    if (MULTI_BYTE.has(name) && match.confidence < MULTI_BYTE_MIN_CONFIDENCE) continue;
    confidence.set(name, Math.max(confidence.get(name) ?? 0, match.confidence));
  }
  for (const name of FALLBACK_CODE_PAGES) if (!confidence.has(name)) confidence.set(name, 0);

  let best = FALLBACK_CODE_PAGES[0];
  let bestScore = -Infinity;
  for (const [name, conf] of confidence) {
    const prior = name === FALLBACK_CODE_PAGES[0] ? 1 : 0;
    // How the text reads outweighs chardet's statistics, which need more text than a few names give.
    const score = 3 * plausibility(decodeWith(name, sample)) + conf / 25 + prior;
    if (score > bestScore) [best, bestScore] = [name, score];
  }
  return best;
}

/** The WHATWG name TextDecoder knows the label by, or undefined where this runtime lacks it. */
function supportedName(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

const LETTER = /\p{L}/u;
/** Icelandic letters, which are mostly Turkish ones (ş, ğ) read through the wrong code page. */
const RARE_LETTERS = /[þÞðÐ]/;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const SCRIPTS: [string, RegExp][] = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Arabic',
  'Hebrew',
  'Thai',
  'Han',
  'Hangul',
].map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')]);

/**
 * How much a decoding reads like text, judged on its non-ASCII words: a word in one script with a
 * natural letter case scores, while mixed scripts ("Sгo"), case flips ("бЕЛАРУСЬ"), Latin words made
 * mostly of accented letters ("Áåëàðóñü"), symbols inside words ("£ód") and control or replacement
 * characters cost.
 */
function plausibility(text: string): number {
  let score = 0;
  for (const word of text.match(/[^\s\d!-/:-@[-`{-~]+/g) ?? []) {
    if (/^[\x20-\x7e]*$/.test(word)) continue;
    score += !wordLooksNatural(word) ? -2 : RARE_LETTERS.test(word) ? -1 : 1;
  }
  return score - 3 * countControls(text, true);
}

function wordLooksNatural(raw: string): boolean {
  const word = raw.replace(/^\p{P}+|\p{P}+$/gu, '');
  if (/[^\p{L}\p{M}’]/u.test(word)) return false;
  const letters = [...word].filter((ch) => LETTER.test(ch));
  if (letters.length === 0) return true;
  const scripts = new Set(letters.map(scriptOf));
  if (scripts.size > 1) return false;
  if ([...scripts][0] === 'Latin' && letters.length >= 3) {
    const accented = letters.filter((ch) => ch > '\x7f').length;
    if (accented / letters.length > 0.5) return false;
  }
  for (let i = 1; i < letters.length; i++)
    if (UPPER.test(letters[i]) && LOWER.test(letters[i - 1])) return false;
  return true;
}

function scriptOf(ch: string): string {
  return SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'other';
}

/** Text has few control characters; executables, images and archives are full of them. */
function assertTextual(text: string): void {
  const sample = text.slice(0, SAMPLE_BYTES);
  if (sample.includes('\u0000')) throw binary();
  const controls = countControls(sample, false);
  if (controls > 4 && controls > sample.length * 0.01) throw binary();
}

/** Control characters other than tab, line ends and form feed; with `c1`, also C1 controls and U+FFFD. */
function countControls(text: string, c1: boolean): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c < 0x20 && (c < 0x09 || c > 0x0d)) ||
      c === 0x7f ||
      (c1 && ((c >= 0x80 && c <= 0x9f) || c === 0xfffd))
    )
      count++;
  }
  return count;
}

function binary(): ReadError {
  return new ReadError('binary', 'The file holds binary data: it is neither text nor a Word or Excel file.');
}
