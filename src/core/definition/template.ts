/**
 * A definition read from a vertical template workbook (one workbook per country, such as the EU Open
 * Data Maturity questionnaire): a question per row with an ID, its type from the answer cell (a
 * drop-down list is a single choice, a small Yes/No table of options under it a multiple choice,
 * anything else text), and the justification or comment column kept as a companion question.
 */
import {
  cellString,
  findVerticalLayout,
  isHeading,
  isNothing,
  isPrompt,
  looseKey,
  rowsUnder,
} from '../read/vertical-layout';
import type { LayoutRow, VerticalLayout } from '../read/vertical-layout';
import { dropDownAt, type SheetWithDropDowns } from '../read/xlsx-dropdowns';
import type { SheetCells } from '../read/xlsx-sheets';
import { builtInQuestionnaires, loadQuestionnaire, parseDefinition } from './index';
import { defaultPlaceholders } from './defaults';
import { equalsCondition, type Definition, type Question, type RuleConfig } from './schema';

type QuestionRow = Extract<LayoutRow, { kind: 'question' }>;
type OtherRow = Extract<LayoutRow, { kind: 'other' }>;
/** The layout with every sheet of the workbook, where drop-down lists may be kept. */
type WithSheets = VerticalLayout & { all?: SheetCells[] };

/** Suffix of the companion question holding a row's justification or comment. */
export const COMMENT_SUFFIX = '-comment';
/** Suffix of the multiple choice read from a Yes/No table under a question that has its own answer. */
export const TABLE_SUFFIX = '-table';

/** The rules a template's questionnaire is checked by, as for any questionnaire of this kind. */
const CHECKS: Record<string, Omit<RuleConfig, 'skip'>> = {
  'required-missing': { enabled: true, severity: 'error' },
  'yes-without-followup': { enabled: true, severity: 'warning' },
  'followup-without-yes': { enabled: true, severity: 'warning' },
  'placeholder-answer': { enabled: true, severity: 'warning' },
  'invalid-email': { enabled: true, severity: 'error' },
  'invalid-url': { enabled: true, severity: 'warning' },
  'duplicate-response': { enabled: true, severity: 'warning' },
  'country-inferred': { enabled: true, severity: 'info' },
  'country-unknown': { enabled: true, severity: 'error' },
  'choice-not-in-options': { enabled: true, severity: 'warning' },
  'text-too-long': { enabled: true, severity: 'warning' },
};

/** Beside the common stand-ins, a lone "x" or "?" typed in a workbook's answer cell stands for nothing. */
const PLACEHOLDERS = [...defaultPlaceholders, 'x', '?'];

/** A table under a question: its option rows, and whether they are marked Yes/No. */
export interface SubTable {
  /** The rows of the table with a label and an answer cell (or drop-down). */
  rows: OtherRow[];
  /** The header rows above them. */
  headers: OtherRow[];
  /** A list of options marked Yes/No (a multiple choice), or a grid of drop-downs (kept as text). */
  kind: 'options' | 'grid';
}

function splitTable(layout: VerticalLayout, rows: OtherRow[]): SubTable | undefined {
  const { columns } = layout;
  const sheet = layout.sheet as SheetWithDropDowns;
  const hasSlot = (r: OtherRow, col: number) =>
    isPrompt(r.cells[col] ?? '') || !!dropDownAt(sheet, r.row, col);
  // In a filled copy without its lists, a table headed "…(Yes/No)" shows its options by their marks.
  const headedYesNo = rows.some(
    (r) => !r.cells.some((c) => YES_NO_NA.test(c)) && r.cells.some((c) => /\byes\s*\/\s*no\b/i.test(c)),
  );
  const marked = (r: OtherRow) =>
    headedYesNo && /^(?:yes|no|y|n|x|✓|✔)$/i.test(r.cells[columns.answer] ?? '');
  const first = rows.findIndex((r) => r.label && (hasSlot(r, columns.answer) || marked(r)));
  if (first < 0) return undefined;
  const data = rows.slice(first).filter((r) => r.label);
  const slots = (r: OtherRow) => r.cells.filter((_, c) => c >= columns.answer && hasSlot(r, c)).length;
  const grid = data.some((r) => slots(r) > 1);
  const headerText = rows.slice(0, first).flatMap((r) => r.cells.filter(Boolean));
  const lists = data.map((r) => optionsOf(layout, r.row, columns.answer, r.cells[columns.answer] ?? ''));
  const yesNo =
    headerText.some((t) => /\byes\s*\/\s*no\b/i.test(t)) ||
    lists.some((l) => !!l && l.some((o) => /^yes$/i.test(o)) && l.every((o) => YES_NO_NA.test(o)));
  return { rows: data, headers: rows.slice(0, first), kind: !grid && yesNo ? 'options' : 'grid' };
}

const YES_NO_NA = /^(?:yes|no|n\/?a|not applicable)$/i;

/**
 * The options of the drop-down in a cell: its list validation when the workbook carries it, else the
 * row of a list sheet that starts with the cell's prompt ("Select answer for Q3" on `AnswerOptions`).
 */
function optionsOf(layout: VerticalLayout, row: number, col: number, shown: string): string[] | undefined {
  const listed = dropDownAt(layout.sheet as SheetWithDropDowns, row, col);
  if (listed?.length) return listed.filter((o) => !isPrompt(o));
  return shown && isPrompt(shown) ? promptLists(layout)(shown) : undefined;
}

const promptCache = new WeakMap<VerticalLayout, (prompt: string) => string[] | undefined>();

/** Rows of the other sheets that begin with a prompt and go on with the options: exact, then by case. */
function promptLists(layout: VerticalLayout): (prompt: string) => string[] | undefined {
  const cached = promptCache.get(layout);
  if (cached) return cached;
  const exact = new Map<string, string[]>();
  const loose = new Map<string, string[]>();
  for (const sheet of (layout as WithSheets).all ?? []) {
    if (sheet === layout.sheet) continue;
    for (const row of sheet.rows) {
      const texts = row.map((c) => cellString(c).trim());
      const at = texts.findIndex(Boolean);
      if (at < 0 || !isPrompt(texts[at])) continue;
      const options = texts.slice(at + 1).filter(Boolean);
      if (!options.length) continue;
      if (!exact.has(texts[at])) exact.set(texts[at], options);
      if (!loose.has(texts[at].toLowerCase())) loose.set(texts[at].toLowerCase(), options);
    }
  }
  const lookup = (prompt: string) => exact.get(prompt) ?? loose.get(prompt.toLowerCase());
  promptCache.set(layout, lookup);
  return lookup;
}

/**
 * A drop-down whose list the workbook does not carry, under a question asked for a yes or a no
 * ("Does the office…?", "Was a new law adopted…?"), offers Yes and No.
 */
function closedQuestionOptions(r: QuestionRow): string[] | undefined {
  const closed = /^(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|shall)\b[^\n]*\?/i;
  const slot = isPrompt(r.answer) || YES_NO_NA.test(r.answer);
  return slot && closed.test(r.text.trim()) ? ['Yes', 'No'] : undefined;
}

const otherOptionOf = (options: string[]) => options.find((o) => /^other\b/i.test(o.trim()));

/** "Name of your country", "What is your country?", "Country". */
function asksCountry(text: string): boolean {
  const words = looseKey(text).split(' ');
  const allowed = new Set([
    'what',
    'is',
    'the',
    'name',
    'of',
    'your',
    'country',
    'respondent',
    'which',
    'please',
    'enter',
  ]);
  return words.includes('country') && words.every((w) => allowed.has(w));
}

const asksEmail = (text: string) => text.length <= 80 && /\be-?mail\b/i.test(text);

/** The first line of a question, for naming its companions. */
const firstLine = (text: string) => text.split('\n')[0].trim();

/** "A. Respondent information" → "A"; "1.1 Policy framework" → "1.1"; else a slug. */
function sectionId(title: string, used: Set<string>): string {
  const label = /^([A-Z]|\d+(?:\.\d+)*[a-z]?)[.):]?\s+\S/.exec(title)?.[1];
  const base =
    label ??
    (title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) ||
      'section');
  let id = base;
  for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
  used.add(id);
  return id;
}

/** A title row before the first section: one that names a survey or questionnaire, or carries a year. */
function titleOf(layout: VerticalLayout, fileName: string): string {
  const firstQuestion = layout.rows.find((r) => r.kind === 'question');
  const title = layout.rows.find(
    (r): r is OtherRow =>
      isHeading(r, layout.columns) &&
      r.row < (firstQuestion?.row ?? Infinity) &&
      /\b(?:19|20)\d\d\b|questionnaire|survey|assessment/i.test(r.label),
  );
  if (title) return title.label.split(/\s+[—–-]\s+/)[0].trim();
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return (
    stem
      .replace(/^[\d\s_-]+/, '')
      .replace(/[_]+/g, ' ')
      .replace(/\b(?:blank|empty)\b/gi, '')
      .replace(/\s+/g, ' ')
      .trim() || stem
  );
}

const definitionId = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'template';

/**
 * A definition from a vertical template workbook (or a filled workbook of that kind); undefined when
 * the workbook is not laid out so. Sheets may carry their drop-down lists (see `withDropDowns`);
 * without them, a drop-down's options are found on a list sheet by its prompt.
 */
export function definitionFromTemplate(sheets: SheetCells[], fileName: string): Definition | undefined {
  const def = readTemplate(sheets, fileName);
  return def && (builtInLike(def) ?? def);
}

/**
 * The built-in questionnaire a template is (the ODM 2023 template, or a country's copy of it): the
 * same questions by id, nearly all in the same words (a country's copy may fix a typo). Its title and
 * options are the built-in ones; the source says which file it was recognised in.
 */
const builtInCache = new Map<string, Definition>();

function builtInLike(def: Definition): Definition | undefined {
  const own = (d: Definition) =>
    d.questions.filter((q) => !q.id.endsWith(COMMENT_SUFFIX) && !q.id.endsWith(TABLE_SUFFIX));
  const mine = own(def);
  for (const id of builtInQuestionnaires) {
    const known = builtInCache.get(id) ?? loadQuestionnaire(id);
    builtInCache.set(id, known);
    const theirs = own(known);
    if (theirs.length !== mine.length || theirs.some((q, i) => q.id !== mine[i].id)) continue;
    const same = theirs.filter((q, i) => looseKey(q.text) === looseKey(mine[i].text)).length;
    if (same >= 0.9 * theirs.length)
      return {
        ...known,
        source: { kind: 'template', description: `${def.source!.description} (the built-in ${known.title})` },
      };
  }
  return undefined;
}

/** A definition from a template workbook as it reads, without looking for a built-in one it matches. */
export function readTemplate(sheets: SheetCells[], fileName: string): Definition | undefined {
  const found = findVerticalLayout(sheets);
  if (!found) return undefined;
  const layout: WithSheets = { ...found, all: sheets };
  const { columns } = layout;

  const sections: Definition['sections'] = [];
  const sectionIds = new Map<string, string>();
  const usedSectionIds = new Set<string>();
  const questions: Question[] = [];
  const companions: string[] = [];
  let mains = 0;
  const push = (q: Omit<Question, 'number'>) =>
    questions.push({ ...q, number: questions.length + 1 } as Question);

  layout.rows.forEach((r, index) => {
    if (r.kind !== 'question') return;
    let section = sectionIds.get(r.section);
    if (!section) {
      section = sectionId(r.section, usedSectionIds);
      sectionIds.set(r.section, section);
      sections.push({ id: section, title: r.section });
    }
    const table = splitTable(layout, rowsUnder(layout, index));
    const options = optionsOf(layout, r.row, columns.answer, r.answer) ?? closedQuestionOptions(r);
    const hasOwnAnswer = !!options?.length || isPrompt(r.answer);
    const base = { section, required: false, text: r.text } as const;
    mains++;
    if (table?.kind === 'options' && !hasOwnAnswer) {
      push({
        ...base,
        id: r.id,
        type: 'multiple',
        required: true,
        ...choice(table.rows.map((t) => firstLine(t.label))),
      });
    } else {
      push(mainQuestion(r, base, options));
      if (table?.kind === 'options') {
        const label = table.headers.map((h) => h.label).find(Boolean) ?? 'Options';
        push({
          ...base,
          id: `${r.id}${TABLE_SUFFIX}`,
          text: `${firstLine(r.text)} — ${label}`,
          type: 'multiple',
          ...choice(table.rows.map((t) => firstLine(t.label))),
        });
      }
    }
    if (table?.kind === 'grid') {
      // A grid of drop-downs (rows by columns) is kept as text, one line per row.
      const label = table.headers.map((h) => h.label).find(Boolean) ?? 'Table';
      push({ ...base, id: `${r.id}${TABLE_SUFFIX}`, text: `${firstLine(r.text)} — ${label}`, type: 'text' });
    }
    if (columns.comment !== undefined) {
      const id = `${r.id}${COMMENT_SUFFIX}`;
      companions.push(id);
      push({
        ...base,
        id,
        text: `${firstLine(r.text)} — ${columns.commentHeader ?? 'Comment'}`,
        type: 'text',
      });
    }
  });
  if (!questions.length) return undefined;
  linkFollowUps(questions, layout);

  const title = titleOf(layout, fileName);
  const name = fileName.replace(/^.*[\\/]/, '');
  const withComments =
    columns.comment === undefined ? '' : `, each with its ${columns.commentHeader ?? 'comment'}`;
  const checks: Definition['checks'] = Object.fromEntries(
    Object.entries(CHECKS).map(([code, c]) => [
      code,
      code === 'placeholder-answer' ? { ...c, skip: companions } : c,
    ]),
  );
  return parseDefinition({
    id: definitionId(title),
    title,
    source: {
      kind: 'template',
      description: `template ${name}: ${mains} questions in ${sections.length} sections${withComments}`,
    },
    sections,
    questions,
    checks,
    placeholders: PLACEHOLDERS,
  });
}

function choice(options: string[]): Pick<Question, 'options' | 'otherOption'> {
  const unique = [...new Set(options.map((o) => o.trim()).filter(Boolean))];
  const other = otherOptionOf(unique);
  return other ? { options: unique, otherOption: other } : { options: unique };
}

function mainQuestion(
  r: QuestionRow,
  base: { section: string; required: boolean; text: string },
  options: string[] | undefined,
): Omit<Question, 'number'> {
  // A list offering only "N/A" marks a row answered in its justification: the choice is not required.
  if (options?.length)
    return { ...base, id: r.id, type: 'single', required: !options.every(isNothing), ...choice(options) };
  if (asksCountry(r.text)) return { ...base, id: r.id, type: 'text', format: 'country' };
  if (asksEmail(r.text)) return { ...base, id: r.id, type: 'text', format: 'email' };
  return { ...base, id: r.id, type: 'text' };
}

/** The condition "the parent question is answered Yes", in the definition's form of `relevant`. */
/**
 * "If yes, …" applies when the question it follows (or names: "If yes [to Q23a]") is answered Yes.
 * Companions are skipped when looking back.
 */
function linkFollowUps(questions: Question[], layout: VerticalLayout): void {
  const rowIds = new Map(
    layout.rows
      .filter((r): r is QuestionRow => r.kind === 'question')
      .map((r) => [r.id, r.rowId.toLowerCase()]),
  );
  questions.forEach((q, i) => {
    if (!/^if\s+yes\b/i.test(q.text) || q.id.endsWith(COMMENT_SUFFIX) || q.id.endsWith(TABLE_SUFFIX)) return;
    const named = /\b(?:to|in)\s+Q?(\d+[a-z]?)\b/i.exec(q.text.split('\n')[0])?.[1]?.toLowerCase();
    const earlier = questions.slice(0, i).reverse();
    const parent = earlier.find(
      (p) =>
        p.type === 'single' &&
        p.options?.some((o) => /^yes$/i.test(o)) &&
        (!named || rowIds.get(p.id) === named) &&
        !p.id.endsWith(TABLE_SUFFIX),
    );
    const nearest = earlier.find((p) => !p.id.endsWith(COMMENT_SUFFIX) && !p.id.endsWith(TABLE_SUFFIX));
    if (!parent || (!named && parent !== nearest)) return;
    q.relevant = equalsCondition(
      parent.id,
      parent.options!.find((o) => /^yes$/i.test(o))!,
    );
  });
}
