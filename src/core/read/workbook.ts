/**
 * One workbook per country, laid out vertically (`ID | Question | Answer | Justification`): the
 * EU Open Data Maturity questionnaires and their kind. Rows are matched to the definition by id and
 * question text; Yes/No tables of options under a question are read as its choices; a drop-down left
 * at its prompt is unanswered; the justification stays with its answer in a companion question.
 */
import { countryFromFileName } from '../countries';
import type { Definition, Question } from '../definition';
import { COMMENT_SUFFIX, TABLE_SUFFIX } from '../definition/template';
import type { RawAnswer, RawResponse } from '../model';
import { ReadError } from './errors';
import {
  findVerticalLayout,
  isNothing,
  isPrompt,
  looseKey,
  rowsUnder,
  type LayoutRow,
} from './vertical-layout';
import type { VerticalLayout } from './vertical-layout';
import type { SheetCells } from './xlsx-sheets';

type QuestionRow = Extract<LayoutRow, { kind: 'question' }>;
type OtherRow = Extract<LayoutRow, { kind: 'other' }>;

/** Whether a workbook is laid out as one respondent's questionnaire, a question per row. */
export function looksLikeVerticalWorkbook(sheets: readonly SheetCells[]): boolean {
  return findVerticalLayout(sheets) !== undefined;
}

const YES = /^(?:yes|y|x|✓|✔|true|1)$/i;
const NO = /^(?:no|n|false|0)$/i;

/** The file name without folders and extension: the response's id. */
const stem = (fileName: string) => fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');

/** Matches workbook rows to the definition's questions: by id when the text agrees, else by text, else by id. */
function questionMatcher(def: Definition) {
  const byId = new Map(def.questions.map((q) => [q.id.toLowerCase(), q]));
  const byText = new Map<string, Question | null>();
  const addText = (key: string, q: Question) => {
    if (!key) return;
    const seen = byText.get(key);
    byText.set(key, seen === undefined || seen === q ? q : null);
  };
  for (const q of def.questions) {
    if (q.id.endsWith(COMMENT_SUFFIX) || q.id.endsWith(TABLE_SUFFIX)) continue;
    for (const text of [q.text, ...(q.aliases ?? [])]) {
      addText(looseKey(text), q);
      addText(looseKey(text.split('\n')[0]), q);
    }
  }
  const textHit = (text: string) =>
    byText.get(looseKey(text)) ?? byText.get(looseKey(text.split('\n')[0])) ?? undefined;
  return (row: QuestionRow): Question | undefined => {
    const byRowId = byId.get(row.id.toLowerCase()) ?? byId.get(row.rowId.toLowerCase());
    const byWords = textHit(row.text);
    if (byRowId && (!byWords || byWords === byRowId)) return byRowId;
    return byWords ?? byRowId;
  };
}

/** The option an answer names: exactly, else without case, accents and punctuation. */
function findOption(options: readonly string[], written: string): string | undefined {
  return (
    options.find((o) => o === written) ??
    options.find((o) => looseKey(o) === looseKey(written) && looseKey(o))
  );
}

/**
 * Reads one respondent's workbook. `notes` collects what the analyst should know: answers written in
 * another case than their option, rows and tables that are not questions of the definition.
 */
export function readVerticalWorkbook(
  sheets: SheetCells[],
  fileName: string,
  def: Definition,
  notes: string[] = [],
): RawResponse {
  const layout = findVerticalLayout(sheets);
  if (!layout)
    throw new ReadError(
      'not-a-response',
      'The workbook has no sheet laid out as a questionnaire (ID, Question and Answer columns).',
    );
  const match = questionMatcher(def);
  const byId = new Map(def.questions.map((q) => [q.id, q]));
  const answers: Record<string, RawAnswer> = {};
  const recased: string[] = [];
  const unmatched: string[] = [];
  const unreadTables: string[] = [];
  let substantive = false;
  let matched = 0;

  layout.rows.forEach((row, index) => {
    if (row.kind !== 'question') return;
    const q = match(row);
    if (!q || answers[q.id]) {
      unmatched.push(row.rowId);
      const rows = rowsUnder(layout, index).filter((r) => hasValues(r, layout)).length;
      if (rows) unreadTables.push(`${row.rowId} (${rows} row${rows === 1 ? '' : 's'})`);
      return;
    }
    matched++;
    const below = rowsUnder(layout, index);
    const comment = byId.get(`${q.id}${COMMENT_SUFFIX}`);
    const tableQuestion = q.type === 'multiple' ? q : byId.get(`${q.id}${TABLE_SUFFIX}`);
    const table =
      tableQuestion?.type === 'multiple'
        ? readOptionTable(tableQuestion, below, layout)
        : tableQuestion?.type === 'text'
          ? readGrid(below, layout)
          : undefined;
    const optionNotes: string[] = [];

    if (q === tableQuestion && table) answers[q.id] = table.answer;
    else answers[q.id] = readCell(q, row.answer, row.comment, recased);
    if (table && tableQuestion && tableQuestion !== q) answers[tableQuestion.id] = table.answer;
    if (table) optionNotes.push(...table.comments);
    const commentText = [row.comment, ...optionNotes].filter(Boolean).join('\n');
    if (comment) answers[comment.id] = { text: commentText };

    if (isAnswered(row.answer) || !isNothing(row.comment) || table?.answered) substantive = true;
    const leftOver = below.filter((r) => !table?.used.has(r) && hasValues(r, layout));
    if (leftOver.length)
      unreadTables.push(`${q.id} (${leftOver.length} row${leftOver.length === 1 ? '' : 's'})`);
  });

  if (!matched)
    throw new ReadError(
      'not-a-response',
      `The workbook is not a response to "${def.title}": it is a questionnaire laid out one question per row, but none of its questions is one of "${def.title}".`,
    );
  if (!substantive)
    throw new ReadError(
      'not-a-response',
      `The workbook is the blank questionnaire (the template) of "${def.title}": no question is answered.`,
    );
  if (recased.length)
    notes.push(
      `${recased.length} answer${recased.length === 1 ? '' : 's'} written otherwise than the option in case or punctuation (${examples(unique(recased))}), read as the option`,
    );
  if (unmatched.length)
    notes.push(
      `${unmatched.length} row${unmatched.length === 1 ? '' : 's'} with an ID match no question of "${def.title}" and were not read (${examples(unmatched)})`,
    );
  if (unreadTables.length)
    notes.push(
      `tables inside the sheet that are not questions of the definition were not read: under ${unreadTables.join(', ')}`,
    );
  const missing = def.questions.filter(
    (q) => !(q.id in answers) && !q.id.endsWith(COMMENT_SUFFIX) && !q.id.endsWith(TABLE_SUFFIX),
  );
  if (missing.length)
    notes.push(
      `${missing.length} question${missing.length === 1 ? ' is' : 's are'} not in the workbook (${examples(missing.map((q) => q.id))})`,
    );

  const country = countryFromFileName(fileName);
  return {
    responseId: stem(fileName),
    format: 'workbook',
    choicesRecorded: true,
    answers,
    ...(country ? { countryFromFileName: country } : {}),
  };
}

const unique = (items: string[]) => [...new Set(items)];

const examples = (items: string[]) =>
  items.length > 5 ? `${items.slice(0, 5).join(', ')}, …` : items.join(', ');

const isAnswered = (text: string) => !isPrompt(text) && !isNothing(text);

function hasValues(r: OtherRow, layout: VerticalLayout): boolean {
  const last = layout.columns.comment ?? layout.columns.answer;
  return r.cells.some(
    (c, i) => i >= layout.columns.answer && i <= last && c && c !== r.label && !isPrompt(c),
  );
}

/** One answer cell: a choice normalised to its option (written text kept where it is not one), or text. */
function readCell(q: Question, written: string, comment: string, recased: string[]): RawAnswer {
  if (isPrompt(written))
    return q.type === 'single' || q.type === 'multiple' ? { selected: [] } : { text: '' };
  if (q.type === 'single') {
    if (!written) return { selected: [] };
    const option = findOption(q.options ?? [], written);
    if (option && option !== written) recased.push(`"${written}"`);
    if (option)
      return option === q.otherOption && comment.trim()
        ? { selected: [option], other: comment }
        : { selected: [option] };
    // Typed over the list: "Other: Semi-autonomous agency", or an answer of its own where "Other" is offered.
    const other = q.otherOption && otherText(q.otherOption, written);
    if (other !== undefined && q.otherOption) return { selected: [q.otherOption], other: other || comment };
    return { selected: [written] };
  }
  if (q.type === 'multiple') {
    if (!written) return { selected: [] };
    const parts = written.split(/\s*[;\n]\s*/).filter(Boolean);
    return { selected: parts.map((p) => findOption(q.options ?? [], p) ?? p) };
  }
  return { text: written };
}

/** The typed text of an "Other" answer written in the answer cell: after "Other:" or in its place. */
function otherText(otherOption: string, written: string): string | undefined {
  const label = otherOption.replace(/\s*\(.*\)\s*$/, '');
  const prefixed = new RegExp(
    `^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b\\s*[:(–—-]\\s*(.*?)\\)?$`,
    'is',
  ).exec(written);
  return prefixed ? prefixed[1].trim() : written;
}

interface TableRead {
  answer: RawAnswer;
  /** Comments written beside options, as "Option: text". */
  comments: string[];
  used: Set<OtherRow>;
  answered: boolean;
}

/**
 * A Yes/No table of options under a question: the options marked Yes are chosen. Rows are found by
 * their label, so a blank option row or a heading after the table never shifts the reading.
 */
function readOptionTable(q: Question, rows: OtherRow[], layout: VerticalLayout): TableRead | undefined {
  const { answer: col, comment: commentCol } = layout.columns;
  const used = new Set<OtherRow>();
  const selected: string[] = [];
  const comments: string[] = [];
  let other: string | undefined;
  let answered = false;
  let marked = false;
  for (const r of rows) {
    // An option is named by the first line of its row ("A European Green Deal\nTransforming …").
    const option = r.label
      ? (findOption(q.options ?? [], r.label) ?? findOption(q.options ?? [], r.label.split('\n')[0].trim()))
      : undefined;
    if (!option) continue;
    used.add(r);
    const mark = r.cells[col] ?? '';
    const note = commentCol === undefined ? '' : (r.cells[commentCol] ?? '');
    if (mark && !isPrompt(mark)) marked = true;
    if (YES.test(mark)) selected.push(option);
    if (YES.test(mark) || NO.test(mark)) answered = true;
    if (note) {
      answered ||= !isNothing(note);
      if (option === q.otherOption) other = note;
      else comments.push(`${option}: ${note}`);
    }
  }
  if (!used.size) return undefined;
  // The header rows of the table, above its first option, belong to it too.
  const first = rows.findIndex((r) => used.has(r));
  rows.slice(0, first).forEach((r) => used.add(r));
  const answer: RawAnswer =
    other && selected.includes(q.otherOption ?? '') ? { selected, other } : { selected };
  if (other && !selected.includes(q.otherOption ?? '')) comments.push(`${q.otherOption}: ${other}`);
  return { answer: marked ? answer : { selected: [] }, comments, used, answered };
}

/**
 * A grid under a question (rows by columns of drop-downs, such as progress from 1 to 5 per category
 * and step), as text: one line per row that has values, "Row: Column = value; …", each column named
 * by the lowest header row above the grid that names it.
 */
function readGrid(rows: OtherRow[], layout: VerticalLayout): TableRead {
  const { answer: from } = layout.columns;
  const values = (r: OtherRow) => r.cells.some((c, i) => i >= from && c && !isPrompt(c));
  const first = rows.findIndex((r) => r.label && r.cells[from]);
  const headers = first < 0 ? rows : rows.slice(0, first);
  const columnName = (i: number) =>
    [...headers]
      .reverse()
      .map((h) => h.cells[i])
      .find(Boolean) ?? `column ${i + 1}`;
  const lines: string[] = [];
  for (const r of first < 0 ? [] : rows.slice(first)) {
    if (!r.label || !values(r)) continue;
    const cells = r.cells
      .map((c, i) => (i >= from && c && !isPrompt(c) ? `${columnName(i)} = ${c}` : ''))
      .filter(Boolean);
    lines.push(`${r.label}: ${cells.join('; ')}`);
  }
  return {
    answer: { text: lines.join('\n') },
    comments: [],
    used: new Set(rows),
    answered: lines.length > 0,
  };
}
