/**
 * What the two text layouts (a Forms page saved as text, a Word questionnaire) share: lines,
 * question headers recognised against the definition, and the headings, notes and user-interface
 * lines that sit between questions and never belong to an answer.
 */
import type { Definition, Question } from '../definition';
import { ReadError } from './errors';

/** Whether a text's lines (`splitLines`) joined with "\n" give the text back. */
function joinsToItself(text: string): boolean {
  return !/^\ufeff|[\r\v\f\u2028\u2029]/.test(text);
}

/** Splits text into lines whatever the line ending; Word's manual line break and page break count too. */
export function splitLines(text: string): string[] {
  return text.replace(/^\ufeff/, '').split(/\r\n|[\r\n\v\f\u2028\u2029]/);
}

/** Undoes Markdown backslash escapes ("1\. Country name \*"), which some text renderings add. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The form used to compare labels: compatibility-folded, straight quotes and hyphens, single-spaced, lower case. */
export function normalizeLabel(text: string): string {
  return unescapeMarkdown(text)
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\s\u200b]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Drops the required-question star ("Email *"). */
function withoutStar(label: string): string {
  return label.replace(/\s*\*+$/, '');
}

/** A label with a list bullet ("- Yes", "• Yes") removed. */
export function withoutBullet(line: string): string {
  return unescapeMarkdown(line).replace(/^[\s\u200b]*[-\u2010-\u2015\u2022\u25aa\u25cf*]\s+/, '');
}

/** A heading's list label: "A. ", "iv) ", "3. ". */
const withoutListLabel = (label: string) => label.replace(/^(?:[a-z]|[ivxlc]{1,6}|\d{1,2})[.)]\s+/, '');

/** "12. text", "12) text", "Q12. text", "Question 12: text", "12<tab>text" (a list number with no stop). */
const HEADER = /^[\s\u200b]*(?:Q\s?|question\s)?(\d{1,3})(?:\s*[.):]\s*|\t\s*)(\S.*)$/i;

/**
 * What a line must start with to match HEADER once unescaped: Markdown escapes only punctuation,
 * which cannot come before a header's number.
 */
const MAYBE_HEADER = /^[\s\u200b]*(?:Q\s?|question\s)?\d/i;

/** A normalised label without punctuation: "link(s) and detail." and "link (s) and detail" agree. */
function looseLabel(label: string): string {
  return label.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** How many times each word of a loose label occurs. */
function wordCounts(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/**
 * Whether the word multiset overlap of two loose labels (2 × shared words ÷ all words) reaches
 * `min`. Labels whose lengths alone keep the overlap below it are not compared word by word.
 */
function overlapAtLeast(
  words: readonly string[],
  known: { words: number; counts: ReadonlyMap<string, number> },
  min: number,
): boolean {
  const total = words.length + known.words;
  if ((2 * Math.min(words.length, known.words)) / total < min) return false;
  const used = new Map<string, number>();
  let common = 0;
  for (const w of words) {
    const seen = used.get(w) ?? 0;
    if (seen < (known.counts.get(w) ?? 0)) {
      common++;
      used.set(w, seen + 1);
    }
  }
  return (2 * common) / total >= min;
}

const FUZZY_MIN_WORDS = 6;
const FUZZY_MIN_OVERLAP = 0.85;

export interface QuestionHeader {
  line: number;
  question: Question;
  /** The sub-label printed on the header line itself ("… features: * — E-services or similar"). */
  inlineSubLabel: boolean;
  /** 2: exact text with the star where the definition requires one; 1: a looser match. */
  quality: number;
}

interface KnownQuestion {
  question: Question;
  text: string;
  subLabel?: string;
  loose: string;
  /** How many words the loose text has: only long texts are matched by word overlap. */
  words: number;
  /** How many times each word of the loose text occurs. */
  counts: ReadonlyMap<string, number>;
  looseWithSubLabel?: string;
}

/** How many line texts a question index remembers the headers of (and whether they are filler). */
const MATCHED_LINES_KEPT = 20000;
/** How many texts a question index remembers the headers of. */
const TEXTS_KEPT = 4;

/** Definition data prepared once per definition (`questionIndex`) and shared by every read. */
export class QuestionIndex {
  private readonly byNumber = new Map<number, KnownQuestion>();
  private readonly fillers: Set<string>;
  private readonly noise: RegExp[];
  private readonly footer: Set<string>;
  /** The headers each numbered line text matched, as lines repeat from file to file. */
  private readonly matched = new Map<string, Omit<QuestionHeader, 'line'>[]>();
  /** The headers of the last few texts. */
  private readonly found = new Map<string, QuestionHeader[]>();
  /** Whether each line text is filler, as lines repeat from file to file. */
  private readonly fillerLines = new Map<string, boolean>();

  constructor(readonly def: Definition) {
    for (const question of def.questions) {
      const text = withoutStar(normalizeLabel(question.text));
      const subLabel = question.subLabel ? withoutStar(normalizeLabel(question.subLabel)) : undefined;
      const loose = looseLabel(text);
      this.byNumber.set(question.number, {
        question,
        text,
        subLabel,
        loose,
        words: loose.split(' ').length,
        counts: wordCounts(loose.split(' ')),
        looseWithSubLabel: subLabel ? looseLabel(`${text} ${subLabel}`) : undefined,
      });
    }
    // Headings are known with and without their list label ("A. Contact information"), which a
    // document may number otherwise or not at all.
    const headings = def.interstitials.map((s) => normalizeLabel(s).replace(/:$/, ''));
    this.fillers = new Set([...headings, ...headings.map(withoutListLabel)]);
    this.noise = def.noise.flatMap((source) => {
      try {
        return [new RegExp(source)];
      } catch {
        return [];
      }
    });
    this.footer = new Set(def.footer.map(normalizeLabel));
  }

  /** A heading, note or user-interface line: never part of an answer. */
  isFiller(line: string): boolean {
    // Headings, notes and blank lines recur from file to file: each is judged once.
    let filler = this.fillerLines.get(line);
    if (filler === undefined) {
      filler = this.judgeFiller(line);
      if (this.fillerLines.size >= MATCHED_LINES_KEPT) this.fillerLines.clear();
      this.fillerLines.set(line, filler);
    }
    return filler;
  }

  private judgeFiller(line: string): boolean {
    const trimmed = line.trim();
    if (!trimmed) return false;
    const plain = unescapeMarkdown(trimmed);
    if (this.noise.some((re) => re.test(trimmed) || re.test(plain))) return true;
    const label = normalizeLabel(trimmed).replace(/:$/, '');
    return this.fillers.has(label) || this.fillers.has(withoutListLabel(label));
  }

  isFooter(line: string): boolean {
    return this.footer.has(normalizeLabel(line));
  }

  /** True when the line is a question's sub-label printed on its own ("- E-services or similar *"). */
  isSubLabelLine(line: string, q: Question): boolean {
    const subLabel = this.byNumber.get(q.number)?.subLabel;
    return subLabel !== undefined && withoutStar(normalizeLabel(withoutBullet(line))) === subLabel;
  }

  /** Reads "N. question text *" (optionally "— sub-label") as the header of question N. */
  matchHeader(line: string, index: number): QuestionHeader | undefined {
    const m = HEADER.exec(unescapeMarkdown(line));
    const known = m ? this.byNumber.get(Number(m[1])) : undefined;
    if (!m || !known) return undefined;
    const hit = compareHeader(printedHeader(m[2]), known);
    return hit && { line: index, question: known.question, ...hit };
  }

  /**
   * A numbered line's headers: the question of its number when the text agrees, and every question
   * whose text it is whatever the number says (quality 0), as lists numbered afresh in each section
   * of a Word document print "1." before a section's first question.
   */
  matchHeaders(line: string, index: number): QuestionHeader[] {
    // Most lines carry no number where a header's is: they are not looked up.
    if (!MAYBE_HEADER.test(line)) return [];
    let hits = this.matched.get(line);
    if (hits === undefined) {
      hits = this.matchLine(line);
      // Headers recur from file to file; numbered answer lines do not, so the memory stays bounded.
      if (this.matched.size >= MATCHED_LINES_KEPT) this.matched.clear();
      this.matched.set(line, hits);
    }
    return hits.map((hit) => ({
      line: index,
      question: hit.question,
      inlineSubLabel: hit.inlineSubLabel,
      quality: hit.quality,
    }));
  }

  private matchLine(line: string): Omit<QuestionHeader, 'line'>[] {
    const m = HEADER.exec(unescapeMarkdown(line));
    if (!m) return [];
    const printed = printedHeader(m[2]);
    const byNumber = this.byNumber.get(Number(m[1]));
    const hits: Omit<QuestionHeader, 'line'>[] = [];
    for (const known of this.byNumber.values()) {
      const hit = compareHeader(printed, known);
      if (!hit) continue;
      const quality = known === byNumber ? hit.quality : 0;
      hits.push({ question: known.question, inlineSubLabel: hit.inlineSubLabel, quality });
    }
    return hits;
  }

  /**
   * The question headers of a text, in order. A numbered line is a header only when its text is the
   * question's text and it comes after the previous header without skipping questions that are
   * printed further down: numbered lines inside answers ("1. The Law On …") stay in the answer. The
   * number decides between questions of the same text, and a header whose number is the
   * question's wins over one whose number is not.
   */
  findHeaders(lines: readonly string[], text?: string): QuestionHeader[] {
    // Sniffing and reading look at the same text several times over: its lines joined are the key,
    // or the text itself where that is what they join to.
    const key = text !== undefined && joinsToItself(text) ? text : lines.join('\n');
    let headers = this.found.get(key);
    if (headers === undefined) {
      headers = this.headersOf(lines);
      if (this.found.size >= TEXTS_KEPT) this.found.delete(this.found.keys().next().value!);
      this.found.set(key, headers);
    }
    return headers.map((h) => ({
      line: h.line,
      question: h.question,
      inlineSubLabel: h.inlineSubLabel,
      quality: h.quality,
    }));
  }

  private headersOf(lines: readonly string[]): QuestionHeader[] {
    const candidates: QuestionHeader[] = [];
    lines.forEach((line, i) => {
      const hits = this.matchHeaders(line, i);
      if (hits.length <= 1) {
        candidates.push(...hits);
        return;
      }
      // Questions of one text told apart by the sub-label printed on the next line.
      let j = i + 1;
      while (j < lines.length && lines[j].trim() === '') j++;
      const next = lines[j];
      const labelled = next === undefined ? [] : hits.filter((h) => this.isSubLabelLine(next, h.question));
      candidates.push(...(labelled.length > 0 ? labelled : hits));
    });
    // Flat copies for the scan below, and for each candidate whether a later one of its question
    // has a better quality: both asked of every later candidate otherwise.
    const count = candidates.length;
    const numbers = Int32Array.from(candidates, (c) => c.question.number);
    const lineOf = Int32Array.from(candidates, (c) => c.line);
    const betterLater = new Uint8Array(count);
    const bestQuality = new Map<number, number>();
    for (let k = count - 1; k >= 0; k--) {
      const { quality } = candidates[k];
      const best = bestQuality.get(numbers[k]);
      if (best !== undefined && best > quality) betterLater[k] = 1;
      if (best === undefined || quality > best) bestQuality.set(numbers[k], quality);
    }
    const headers: QuestionHeader[] = [];
    let last = 0;
    let lastLine = -1;
    outer: for (let k = 0; k < count; k++) {
      const n = numbers[k];
      const line = lineOf[k];
      if (n <= last || line === lastLine || betterLater[k]) continue;
      for (let j = k + 1; j < count; j++) {
        const m = numbers[j];
        if (m > last && m < n && lineOf[j] !== line) continue outer;
      }
      headers.push(candidates[k]);
      last = n;
      lastLine = line;
    }
    return headers;
  }
}

const indexes = new WeakMap<Definition, QuestionIndex>();

/** The question index of a definition, built on first use: a batch reads every file against one definition. */
export function questionIndex(def: Definition): QuestionIndex {
  let index = indexes.get(def);
  if (!index) indexes.set(def, (index = new QuestionIndex(def)));
  return index;
}

/** A header's text after its number, as compared: normalised, the stars apart. */
interface PrintedHeader {
  bare: string;
  loose: string;
  /** The words of the loose text, split when first compared by word overlap. */
  words?: string[];
  starred: boolean;
}

function printedHeader(text: string): PrintedHeader {
  const header = normalizeLabel(text);
  const bare = header
    .replace(/\s*\*+\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { bare, loose: looseLabel(bare), starred: header.includes('*') };
}

/** How well a printed header names a question: 2 exact with the star where required, 1 looser. */
function compareHeader(
  printed: PrintedHeader,
  known: KnownQuestion,
): { inlineSubLabel: boolean; quality: number } | undefined {
  const { question, text, subLabel } = known;
  const { bare, loose } = printed;
  const exact = printed.starred === question.required ? 2 : 1;
  if (bare === text) return { inlineSubLabel: false, quality: exact };
  if (subLabel && bare.startsWith(text) && bare.slice(text.length).replace(/^\s*[-:|]?\s*/, '') === subLabel)
    return { inlineSubLabel: true, quality: exact };
  if (loose === known.loose) return { inlineSubLabel: false, quality: 1 };
  if (loose === known.looseWithSubLabel) return { inlineSubLabel: true, quality: 1 };
  if (
    known.words >= FUZZY_MIN_WORDS &&
    overlapAtLeast((printed.words ??= loose.split(' ')), known, FUZZY_MIN_OVERLAP)
  )
    return { inlineSubLabel: false, quality: 1 };
  return undefined;
}

/** One question's lines as printed between its header and the next, headings and notes removed. */
export interface QuestionBlock {
  question: Question;
  lines: string[];
}

export interface TextLayout {
  /** Lines before the first question (title, Forms page header), headings and notes removed. */
  preamble: string[];
  blocks: QuestionBlock[];
}

/** Removes filler lines, and the blank line a removed line leaves behind. */
function dropFiller(lines: readonly string[], index: QuestionIndex): string[] {
  const out: string[] = [];
  let skipBlank = false;
  for (const line of lines) {
    if (index.isFiller(line)) {
      skipBlank = out.length === 0 || out[out.length - 1].trim() === '';
      continue;
    }
    if (skipBlank && line.trim() === '') {
      skipBlank = false;
      continue;
    }
    skipBlank = false;
    out.push(line);
  }
  return out;
}

/** Cuts a text into question blocks; throws `not-a-response` when too few of the definition's questions appear. */
export function splitIntoBlocks(text: string, def: Definition): TextLayout {
  const index = questionIndex(def);
  const lines = splitLines(text);
  const headers = index.findHeaders(lines, text);
  if (!enoughQuestions(headers.length, def)) {
    throw new ReadError(
      'not-a-response',
      `only ${headers.length} of the ${def.questions.length} questions of "${def.title}" were found`,
    );
  }
  const preamble = dropFiller(lines.slice(0, headers[0].line), index);
  const blocks = headers.map((h, k): QuestionBlock => {
    const last = k === headers.length - 1;
    let body = lines.slice(h.line + 1, last ? lines.length : headers[k + 1].line);
    if (last) {
      const end = body.findIndex((line) => index.isFooter(line));
      if (end >= 0) body = body.slice(0, end);
    }
    body = dropFiller(body, index);
    if (!h.inlineSubLabel && h.question.subLabel) {
      const first = body.findIndex((line) => line.trim() !== '');
      if (first >= 0 && index.isSubLabelLine(body[first], h.question)) body = body.slice(first + 1);
    }
    return { question: h.question, lines: body };
  });
  return { preamble, blocks };
}

/** A response to the questionnaire shows at least a quarter of its questions. */
export function enoughQuestions(found: number, def: Definition): boolean {
  return found > 0 && found >= Math.ceil(def.questions.length / 4);
}

/** How many question headers of the definition a text holds. */
export function countQuestionHeaders(text: string, def: Definition): number {
  return questionIndex(def).findHeaders(splitLines(text), text).length;
}

/** A text answer as written: line breaks kept, blank lines around it and trailing spaces dropped. */
export function textAnswer(lines: readonly string[]): string {
  const kept = lines.map((line) => line.replace(/[\s\u200b]+$/, ''));
  let start = 0;
  let end = kept.length;
  while (start < end && kept[start] === '') start++;
  while (end > start && kept[end - 1] === '') end--;
  return kept.slice(start, end).join('\n').trim();
}

const CHECKBOX = /[\u2610\u2611\u2612]/;

/**
 * Which text layout a text is in, if it is a response to the definition at all. `otherwise` is the
 * layout of a text that shows the marks of neither: a Forms page, unless the text came out of a
 * Word document.
 */
export function detectTextLayout(
  text: string,
  def: Definition,
  otherwise: 'forms-text' | 'word' = 'forms-text',
): 'forms-text' | 'word' | undefined {
  const index = questionIndex(def);
  const lines = splitLines(text);
  const headers = index.findHeaders(lines, text);
  if (!enoughQuestions(headers.length, def)) return undefined;
  const preamble = lines.slice(0, headers[0].line).map(normalizeLabel);
  const formsHeader = preamble.includes('time to complete') || preamble.some((l) => /^respondent\b/.test(l));
  const uiNoise = lines.some(
    (line) => index.isFiller(line) && /\]\(#\)$/.test(unescapeMarkdown(line.trim())),
  );
  if (formsHeader || uiNoise) return 'forms-text';
  const title = preamble.find((l) => l !== '');
  const wordTitle = title !== undefined && title === normalizeLabel(def.title);
  if (CHECKBOX.test(text) || wordTitle || headers.some((h) => h.inlineSubLabel)) return 'word';
  return otherwise;
}
