import chardet from 'chardet';
import { codePagesOf, DEFAULT_PAGE, MULTI_BYTE_PAGES, SINGLE_BYTE_PAGES } from './code-pages';
import type { TextReading } from '../model';
import { ReadError } from './errors';

export type EncodingReading = TextReading;
export type EncodingAlternative = TextReading['alternatives'][number];

export interface DecodedText extends EncodingReading {
  /** The text with the BOM stripped and every line ending turned into `\n`. */
  text: string;
}

/** What else is known about a file when its encoding is guessed. */
export interface DecodeHints {
  /** The analyst's choice (any WHATWG label): the file is read so, whatever its bytes say. */
  encoding?: string;
  /** The analyst's choice for a file that is not Unicode: read so instead of guessing. */
  legacyEncoding?: string;
  /** ISO3 codes of the countries the file names: the code pages their offices use are preferred. */
  countries?: string[];
  /** Encodings other files of the batch from the same countries were confidently read in. */
  batchEncodings?: string[];
}

/** Bytes examined by the UTF-16 and binary guesses; the whole file is still decoded. */
const SAMPLE_BYTES = 64 * 1024;
/** Bytes weighed when choosing a code page: the whole of any questionnaire page or Word reply. */
const SCORED_BYTES = 1024 * 1024;

/** Multi-byte pages turn byte soup into ideographs: tried on chardet's confidence or the country's page. */
const MULTI_BYTE_MIN_CONFIDENCE = 50;

/**
 * Weights of the evidence for a code page, in points of `plausibility` (a word reading naturally is
 * worth 3, one reading as garbage costs 6): the country's page breaks ties between decodings that read
 * equally well ("České"/"Èeské", Hebrew read as Cyrillic) without outweighing two garbled words.
 */
const WEIGHT = { word: 3, chardet: 1 / 25, default: 1, country: 6, batch: 4 };

/** Alternatives listed: the readings closest to the chosen one. */
const MAX_ALTERNATIVES = 3;
const MAX_SAMPLE_WORDS = 3;

/**
 * Decodes the bytes of a text file whatever its encoding: UTF-8 (with or without BOM), UTF-16 LE/BE
 * (with a BOM, or recognised by its NUL bytes), else the code page whose decoding of the whole file
 * reads most like text, weighed with chardet's byte statistics and the code pages of the countries the
 * file names. Says how sure it is and which other readings come close. Throws ReadError('binary') when
 * the bytes are not text, ReadError('unsupported') for an encoding label no runtime knows.
 */
export function decodeText(bytes: Uint8Array, hints: DecodeHints = {}): DecodedText {
  // Choosing the definition, deriving one and reading the batch decode the same bytes alike.
  const key = JSON.stringify([
    hints.encoding,
    hints.legacyEncoding,
    hints.countries ?? [],
    hints.batchEncodings ?? [],
  ]);
  let readings = decodedTexts.get(bytes);
  const known = readings?.get(key);
  if (known) return { ...known };
  const decoded = decodeUncached(bytes, hints);
  if (!readings) decodedTexts.set(bytes, (readings = new Map()));
  readings.set(key, decoded);
  return { ...decoded };
}

/** The readings of each file's bytes, by hints, kept while the bytes are. */
const decodedTexts = new WeakMap<Uint8Array, Map<string, DecodedText>>();

function decodeUncached(bytes: Uint8Array, hints: DecodeHints): DecodedText {
  const decoded = hints.encoding ? decodeChosen(bytes, hints.encoding) : decodeRaw(bytes, hints);
  const { text } = decoded;
  assertTextual(text);
  return {
    ...decoded,
    text: normaliseLineEndings(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
  };
}

export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The WHATWG name of an encoding label ("cp1250" → "windows-1250"), or undefined if unknown here. */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

function decodeChosen(bytes: Uint8Array, label: string): DecodedText {
  const encoding = encodingName(label);
  if (!encoding)
    throw new ReadError('unsupported', `"${label}" is not an encoding text can be read in here.`);
  const bom = encoding === 'utf-8' && startsWith(bytes, [0xef, 0xbb, 0xbf]);
  return decodeCertain(bom ? bytes.subarray(3) : bytes, encoding, 'chosen');
}

function decodeCertain(bytes: Uint8Array, encoding: string, basis: EncodingReading['basis']): DecodedText {
  return { text: decodeWith(encoding, bytes), encoding, confidence: 1, basis, alternatives: [] };
}

function decodeRaw(bytes: Uint8Array, hints: DecodeHints): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeCertain(bytes.subarray(3), 'utf-8', 'bom');
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]))
    throw new ReadError('unsupported', 'The file is UTF-32 text. Save it as UTF-8 and import it again.');
  if (startsWith(bytes, [0xff, 0xfe])) return decodeCertain(bytes.subarray(2), 'utf-16le', 'bom');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeCertain(bytes.subarray(2), 'utf-16be', 'bom');

  const utf16 = guessUtf16(bytes);
  if (utf16) return decodeCertain(bytes, utf16, 'unicode');
  const body = trimTrailingNuls(bytes);
  if (body.includes(0)) throw binary();

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { text, encoding: 'utf-8', confidence: 1, basis: 'unicode', alternatives: [] };
  } catch {
    return hints.legacyEncoding
      ? decodeChosen(body, hints.legacyEncoding)
      : guessCodePage(body, hints, analysisOf(body, bytes));
  }
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

interface Reading {
  encoding: string;
  score: number;
}

/**
 * What a file's bytes read as, worked out once however many times the file is decoded with other
 * hints: chardet's confidence per code page, which code pages give the same text (a group), and how
 * plausible each group's text is. No text is kept.
 */
interface Analysis {
  scored: Uint8Array;
  chardet: Map<string, number>;
  group: Map<string, number>;
  plausibility: Map<number, number>;
}

const analyses = new WeakMap<Uint8Array, Analysis>();

/** The analysis of `body` (the file's bytes as decoded), kept with the file's bytes. */
function analysisOf(body: Uint8Array, file: Uint8Array): Analysis {
  const known = analyses.get(file);
  if (known) return known;
  const scored = body.subarray(0, SCORED_BYTES);
  const chardetConfidence = new Map<string, number>();
  for (const match of chardet.analyse(scored)) {
    const name = encodingName(match.name);
    if (!name || name.startsWith('utf-')) continue;
    chardetConfidence.set(name, Math.max(chardetConfidence.get(name) ?? 0, match.confidence));
  }
  const analysis: Analysis = {
    scored,
    chardet: chardetConfidence,
    group: new Map(),
    plausibility: new Map(),
  };
  const groups = new Map<string, number>();
  for (const encoding of new Set([...SINGLE_BYTE_PAGES, ...MULTI_BYTE_PAGES, ...chardetConfidence.keys()])) {
    const text = decodeWith(encoding, scored);
    let group = groups.get(text);
    if (group === undefined) {
      groups.set(text, (group = groups.size));
      // Multi-byte pages are weighed only on chardet's word or the country's: judged when asked.
      if (!(MULTI_BYTE_PAGES as readonly string[]).includes(encoding))
        analysis.plausibility.set(group, plausibility(text));
    }
    analysis.group.set(encoding, group);
  }
  analyses.set(file, analysis);
  return analysis;
}

/** How plausible the text of a code page's group is. */
function plausibilityOf(analysis: Analysis, encoding: string, group: number): number {
  let score = analysis.plausibility.get(group);
  if (score === undefined)
    analysis.plausibility.set(group, (score = plausibility(decodeWith(encoding, analysis.scored))));
  return score;
}

/**
 * Weighs every code page by how its decoding of the file reads, chardet's statistics, and the pages
 * of the countries the file names or the batch read them in; readings giving the same text are one.
 */
function guessCodePage(bytes: Uint8Array, hints: DecodeHints, analysis: Analysis): DecodedText {
  const chardetConfidence = analysis.chardet;
  const national = new Set((hints.countries ?? []).flatMap(codePagesOf));
  const fromBatch = new Set(hints.batchEncodings ?? []);
  const candidates = new Set<string>([...SINGLE_BYTE_PAGES, ...chardetConfidence.keys()]);
  for (const name of MULTI_BYTE_PAGES)
    if ((chardetConfidence.get(name) ?? 0) >= MULTI_BYTE_MIN_CONFIDENCE || national.has(name))
      candidates.add(name);
    else candidates.delete(name);

  // One reading per distinct text, named after its best-supported code page.
  const byText = new Map<number, Reading>();
  for (const encoding of candidates) {
    const group = analysis.group.get(encoding)!;
    const score =
      WEIGHT.word * plausibilityOf(analysis, encoding, group) +
      WEIGHT.chardet * (chardetConfidence.get(encoding) ?? 0) +
      (encoding === DEFAULT_PAGE ? WEIGHT.default : 0) +
      (national.has(encoding) ? WEIGHT.country : 0) +
      (fromBatch.has(encoding) ? WEIGHT.batch : 0);
    const same = byText.get(group);
    // Pages giving the same text are named after the most common one, windows-1252, if among them.
    if (!same) byText.set(group, { encoding, score });
    else {
      const keepName = same.encoding === DEFAULT_PAGE || (encoding !== DEFAULT_PAGE && score <= same.score);
      byText.set(group, {
        encoding: keepName ? same.encoding : encoding,
        score: Math.max(score, same.score),
      });
    }
  }
  const ranked = [...byText.values()].sort((a, b) => b.score - a.score);
  const [best, next] = ranked;
  const margin = next ? best.score - next.score : Infinity;
  const alternatives = ranked
    .slice(1, 1 + MAX_ALTERNATIVES)
    .filter((r) => best.score - r.score < 2 * WEIGHT.country)
    .map((r) => ({ encoding: r.encoding, sample: differingWords(bytes, best.encoding, r.encoding) }));
  return {
    text: decodeWith(best.encoding, bytes),
    encoding: best.encoding,
    confidence: confidenceOf(margin),
    basis: 'detected',
    alternatives,
  };
}

/** 0.5 when two readings tie, near 1 as the chosen one pulls ahead (0.89 for the country's weight). */
function confidenceOf(margin: number): number {
  return Math.round((1 - 0.5 * Math.exp(-margin / 4)) * 100) / 100;
}

/** The first few words (runs of bytes between ASCII white space) two encodings read differently. */
function differingWords(bytes: Uint8Array, chosen: string, other: string): string[] {
  const words: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length && words.length < MAX_SAMPLE_WORDS; i++) {
    if (i < bytes.length && !isAsciiSpace(bytes[i])) continue;
    const word = bytes.subarray(start, i);
    start = i + 1;
    if (!word.some((b) => b >= 0x80)) continue;
    const [a, b] = [decodeWith(chosen, word), decodeWith(other, word)];
    if (a !== b && !words.includes(`${a} → ${b}`)) words.push(`${a} → ${b}`);
  }
  return words;
}

const isAsciiSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

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
  // The words (runs of letters, marks and symbols: no white space, digit or ASCII punctuation) that
  // hold a character beyond printable ASCII, found from those characters.
  const special = /[^\s\x20-\x7e]/g;
  for (let m = special.exec(text); m; m = special.exec(text)) {
    let start = m.index;
    while (start > 0 && isWordUnit(text.charCodeAt(start - 1))) start--;
    let end = m.index + 1;
    while (end < text.length && isWordUnit(text.charCodeAt(end))) end++;
    const word = text.slice(start, end);
    score += !wordLooksNatural(word) ? -2 : RARE_LETTERS.test(word) ? -1 : 1;
    special.lastIndex = end;
  }
  return score - 3 * countControls(text, true);
}

/** A UTF-16 unit of a word: not white space (as `\s`), an ASCII digit or ASCII punctuation. */
function isWordUnit(c: number): boolean {
  if (c < 0x80)
    return (
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      c <= 0x08 ||
      (c >= 0x0e && c <= 0x1f) ||
      c === 0x7f
    );
  return !(
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
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

// eslint-disable-next-line no-control-regex -- the characters counted below
const ANY_CONTROL = /[\x00-\x08\x0e-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex -- the characters counted below, with `c1`
const ANY_CONTROL_OR_C1 = /[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]/;

/** Control characters other than tab, line ends and form feed; with `c1`, also C1 controls and U+FFFD. */
function countControls(text: string, c1: boolean): number {
  // Most texts hold none: one scan says so.
  if (!(c1 ? ANY_CONTROL_OR_C1 : ANY_CONTROL).test(text)) return 0;
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
