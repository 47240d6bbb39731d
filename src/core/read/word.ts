/**
 * The questionnaire returned as a Word document, saved as text or extracted from .docx. Choices are
 * printed as check boxes, "☒ Selected   ☐ Not selected" on one line or one option per line.
 */
import { isChoiceType, type Definition, type Question } from '../definition';
import type { RawAnswer, RawResponse } from '../model';
import { ReadError } from './errors';
import {
  detectTextLayout,
  normalizeLabel,
  questionIndex,
  splitIntoBlocks,
  splitLines,
  textAnswer,
  withoutBullet,
  type QuestionBlock,
} from './text-lines';

const BOX = /([\u2610\u2611\u2612])([^\u2610\u2611\u2612]*)/g;
const CHECKED = new Set(['\u2611', '\u2612']);

interface Box {
  checked: boolean;
  label: string;
}

function boxesOf(line: string): Box[] {
  return [...line.matchAll(BOX)].map((m) => ({ checked: CHECKED.has(m[1]), label: m[2].trim() }));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Maps a checked label to an option; "Other: 7 years" or "Other (7 years)" gives the option and its typed text. */
function optionOf(question: Question, label: string): { option: string; other?: string } {
  const options = [...(question.options ?? []), ...(question.otherOption ? [question.otherOption] : [])];
  const wanted = normalizeLabel(label);
  const exact = options.find((o) => normalizeLabel(o) === wanted);
  if (exact) return { option: exact };
  for (const o of options) {
    const name = escapeRegExp(o.trim()).replace(/\s+/g, '\\s+');
    const typed = new RegExp(`^${name}\\s*(?::\\s*(.*)|[-\u2013\u2014]\\s+(.*)|\\((.*)\\))$`, 'is').exec(
      label.trim(),
    );
    if (typed) {
      const text = (typed[1] ?? typed[2] ?? typed[3] ?? '').trim();
      return text ? { option: o, other: text } : { option: o };
    }
  }
  return { option: label.trim() };
}

/** Splits a line of options printed without boxes ("Yes   No") into labels. */
const labelsOf = (line: string) =>
  line
    .split(/\t|\s{2,}/)
    .map((label) => withoutBullet(label).trim())
    .filter((label) => label !== '');

/**
 * A choice printed without boxes: nothing at all is a blank answer, a single option written alone is
 * the answer; a plain list of the options does not say which was chosen.
 */
function unboxedAnswer(question: Question, lines: readonly string[]): RawAnswer {
  if (lines.length === 0) return { selected: [] };
  const labels = lines.flatMap(labelsOf);
  if (labels.length !== 1) return {};
  const { option, other } = optionOf(question, labels[0]);
  const known = [...(question.options ?? []), question.otherOption].includes(option);
  if (!known) return {};
  return other === undefined ? { selected: [option] } : { selected: [option], other };
}

/** A mark typed instead of ticking a box: "X", "x", "[X]", "(x)", a check mark or a ballot cross. */
const TYPED_MARK = /^(?:[xX\u2713\u2714\u2717\u2718]|\[\s*[xX\u2713\u2714]\s*\]|\(\s*[xX\u2713\u2714]\s*\))$/;
const LEADING_MARK = /^\s*(\S+)\s+(\S.*)$/s;
const TRAILING_MARK = /^(.*\S)\s+(\S+)\s*$/s;

const isOption = (question: Question, label: string): boolean => {
  const { option } = optionOf(question, label);
  return [...(question.options ?? []), question.otherOption].includes(option);
};

/** A label with a typed mark before or after it ("X Yes", "Yes\tX"): the label, if it is an option. */
function markedLabel(question: Question, text: string): string | undefined {
  for (const re of [TRAILING_MARK, LEADING_MARK]) {
    const m = re.exec(text.trim());
    if (!m) continue;
    const [mark, label] = re === TRAILING_MARK ? [m[2], m[1]] : [m[1], m[2]];
    if (TYPED_MARK.test(mark) && isOption(question, label)) return label.trim();
  }
  return undefined;
}

/**
 * Boxes typed or drawn otherwise before a label: "[ ] No", "[X] Yes", "( ) No", "(x) Yes", and the
 * squares □ ◻ ❑ ❒ (empty) and ⊠ ⌧ (crossed) of fonts and bullet lists.
 */
function bracketsAsBoxes(line: string): string {
  return line
    .replace(/(^|\s)(?:\[\s*\]|\(\s*\)|[\u25a1\u25fb\u2751\u2752])(?=\s*[^\s\])])/g, '$1\u2610 ')
    .replace(/(^|\s)[\u22a0\u2327](?=\s*[^\s\])])/g, '$1\u2612 ')
    .replace(/(^|\s)(?:\[\s*[xX\u2713\u2714]\s*\]|\(\s*[xX\u2713\u2714]\s*\))(?=\s*[^\s\])])/g, '$1\u2612 ');
}

/**
 * Options printed without boxes where the respondent typed a mark beside the chosen ones
 * ("Yes\tX" / "No"), as boxes: every line an option, with or without a mark, and at least one mark.
 * Lines already holding boxes keep them, a segment with a typed mark reads as ticked.
 */
function typedMarksAsBoxes(question: Question, given: readonly string[]): string[] {
  const lines = given.map(bracketsAsBoxes);
  if (lines.some((line) => boxesOf(line).length > 0)) {
    return lines.map((line) =>
      line.replace(/(^|[\u2610\u2611\u2612])([^\u2610\u2611\u2612]+)/g, (all, box: string, text: string) => {
        const label = markedLabel(question, text);
        return label === undefined ? all : `\u2612 ${label} `;
      }),
    );
  }
  const rewritten: string[] = [];
  let marked = false;
  for (const line of lines) {
    if (!line.trim()) {
      rewritten.push(line);
      continue;
    }
    const parts: string[] = [];
    for (const token of line
      .split(/\t|\s{2,}/)
      .map((t) => t.trim())
      .filter((t) => t !== '')) {
      if (TYPED_MARK.test(token) && parts.length > 0 && parts[parts.length - 1].startsWith('\u2610')) {
        parts[parts.length - 1] = parts[parts.length - 1].replace('\u2610', '\u2612');
        marked = true;
        continue;
      }
      const label = markedLabel(question, token);
      if (label !== undefined) {
        parts.push(`\u2612 ${label}`);
        marked = true;
      } else if (isOption(question, withoutBullet(token))) parts.push(`\u2610 ${withoutBullet(token)}`);
      else return [...lines];
    }
    rewritten.push(parts.join('   '));
  }
  return marked ? rewritten : [...lines];
}

function choiceAnswer(question: Question, block: QuestionBlock): RawAnswer {
  const selected: string[] = [];
  let other: string | undefined;
  const loose: string[] = [];
  let boxed = false;
  for (const line of typedMarksAsBoxes(question, block.lines)) {
    const boxes = boxesOf(line);
    if (boxes.length === 0) {
      if (line.trim()) loose.push(line.trim());
      continue;
    }
    boxed = true;
    for (const box of boxes.filter((b) => b.checked)) {
      const { option, other: typed } = optionOf(question, box.label);
      if (!selected.includes(option)) selected.push(option);
      if (typed) other = other ? `${other}\n${typed}` : typed;
    }
  }
  if (!boxed) return unboxedAnswer(question, loose);
  // "☒ Other:" with the typed text on the following line.
  const otherChecked = question.otherOption !== undefined && selected.includes(question.otherOption);
  if (otherChecked && other === undefined && loose.length > 0) other = loose.join('\n');
  return other === undefined ? { selected } : { selected, other };
}

/**
 * Text extracted from a .docx ends every paragraph with a blank line. When no question header is
 * followed directly by its answer, the text is in that form: one paragraph per line restores the
 * saved-as-text layout, so both read alike.
 */
function undoubleParagraphs(text: string, def: Definition): string {
  const lines = splitLines(text);
  const normalized = lines.join('\n');
  const headers = questionIndex(def).findHeaders(lines, text);
  if (headers.length === 0) return normalized;
  const doubled = headers.every((h) => (lines[h.line + 1] ?? '').trim() === '');
  return doubled ? normalized.split('\n\n').join('\n') : normalized;
}

export function readWordText(text: string, def: Definition): RawResponse {
  try {
    const { blocks } = splitIntoBlocks(undoubleParagraphs(text, def), def);
    const answers: Record<string, RawAnswer> = {};
    for (const block of blocks) {
      const q = block.question;
      answers[q.id] = isChoiceType(q.type) ? choiceAnswer(q, block) : { text: textAnswer(block.lines) };
    }
    return { responseId: '', format: 'word', choicesRecorded: true, answers };
  } catch (err) {
    if (err instanceof ReadError) throw err;
    throw new ReadError('malformed', `could not read the questionnaire: ${String(err)}`);
  }
}

export function looksLikeWordText(text: string, def: Definition): boolean {
  return detectTextLayout(undoubleParagraphs(text, def), def) === 'word';
}

/** Text out of a .docx is the Word questionnaire unless it shows a Forms page's own marks. */
export function looksLikeWordDocument(text: string, def: Definition): boolean {
  return detectTextLayout(undoubleParagraphs(text, def), def, 'word') === 'word';
}
