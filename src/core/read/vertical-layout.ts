/**
 * The shape of a vertical questionnaire workbook, one workbook per respondent: rows
 * `ID | Question | Answer | Comment…` under a header row (repeated before each section), title and
 * section heading rows without an ID, and small tables inside the sheet under some questions
 * (options marked Yes/No, or a grid of drop-downs). Shared by the template reader (a definition
 * from the workbook) and the response reader, so both give a row the same question id.
 */
import type { SheetCells } from './xlsx-sheets';

type Cell = SheetCells['rows'][number][number];

/** What a cell shows, as text: a date as ISO (`2020-01-16`, or with its time when it has one). */
export function cellString(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.replace(/\r\n?/g, '\n');
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  return String(cell);
}

/** Text compared loosely: case, accents aside, punctuation and spacing collapsed. */
export function looseKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%<>]+/gu, ' ')
    .trim();
}

/**
 * A drop-down left at its prompt: "Select answer for Q69b", "Select answer for 8", "Select Answer",
 * "Please select", "Choose an item", "Select an answer from the list". It means no answer.
 */
const PROMPT =
  /^[-–—<(\s]*(?:please\s+|click(?:\s+here)?\s+to\s+)?(?:select|choose|pick)\b(?:\s+(?:an?|the|one|your))?(?:\s+(?:answers?|options?|items?|values?|responses?|one))?(?:\s+(?:for|from)\b.*)?[\s.:…>)\-–—]*$/i;

export function isPrompt(text: string): boolean {
  return PROMPT.test(text.trim());
}

/** A stand-in written where nothing applies, which is no answer in a blank template. */
export function isNothing(text: string): boolean {
  return /^(?:n\/?a|-+|none|\.)?$/i.test(text.trim());
}

// Headers in English, French, Spanish, Portuguese and German.
const ID_HEADER =
  /^(?:id|no\.?|nr\.?|#|n[°º]|number|q\s*(?:#|no\.?|id)|question\s*(?:id|no\.?|number|#)|ref\.?|code|q|núm\.?|número|numéro)$/i;
const QUESTION_HEADER =
  /^(?:questions?|question\s*text|item|pregunta|pergunta|frage)\b(?!\s*(?:id|no|number|#))/i;
const ANSWER_HEADER =
  /^(?:answers?|responses?|reply|replies|your\s+(?:answer|response)|value|réponse|respuesta|resposta|antwort)/i;
const COMMENT_HEADER =
  /(?:justification|comment|remark|explanation|\bnotes?\b|\bdetails\b|evidence|specify|clarification|justificaci|observaci|comentario|kommentar|begründung|précision)/i;

export interface Columns {
  id: number;
  question: number;
  answer: number;
  /** The column for a justification or comment, right of the answer. */
  comment?: number;
  /** Its header as written ("Justification", "Comment"). */
  commentHeader?: string;
}

/** The columns a header row names, when it is one. */
export function headerColumns(row: Cell[]): Columns | undefined {
  const texts = row.map((c) => cellString(c).trim());
  const id = texts.findIndex((t) => ID_HEADER.test(t));
  const question = texts.findIndex((t) => QUESTION_HEADER.test(t));
  const answer = texts.findIndex((t) => ANSWER_HEADER.test(t));
  if (id < 0 || question < 0 || answer < 0 || !(id < question && question < answer)) return undefined;
  const comment = texts.findIndex((t, i) => i > answer && COMMENT_HEADER.test(t));
  return comment < 0
    ? { id, question, answer }
    : { id, question, answer, comment, commentHeader: texts[comment] };
}

export type LayoutRow =
  | { kind: 'header'; row: number }
  | {
      kind: 'question';
      row: number;
      /** The row's own id as written ("6a", "12"). */
      rowId: string;
      /** Unique in the sheet: the row id, qualified by its dimension where the numbering restarts. */
      id: string;
      text: string;
      answer: string;
      comment: string;
      /** The heading of the section the question is in. */
      section: string;
    }
  | {
      /** A row without an ID: a title, a heading, a note, or a row of a table under a question. */
      kind: 'other';
      row: number;
      label: string;
      /** Texts of the cells right of the question column, by column index. */
      cells: string[];
    };

export interface VerticalLayout {
  sheet: SheetCells;
  columns: Columns;
  rows: LayoutRow[];
}

/** Too few rows with an ID and a question make a list, not a questionnaire. */
const MIN_QUESTIONS = 3;

/** The worksheet laid out as a vertical questionnaire (the one with most questions), if any. */
export function findVerticalLayout(sheets: readonly SheetCells[]): VerticalLayout | undefined {
  let best: VerticalLayout | undefined;
  let bestCount = 0;
  for (const sheet of sheets) {
    const layout = layoutOf(sheet);
    const count = layout?.rows.filter((r) => r.kind === 'question').length ?? 0;
    if (layout && count > bestCount) [best, bestCount] = [layout, count];
  }
  return bestCount >= MIN_QUESTIONS ? best : undefined;
}

function layoutOf(sheet: SheetCells): VerticalLayout | undefined {
  const start = sheet.rows.findIndex((r) => headerColumns(r));
  if (start < 0) return undefined;
  const columns = headerColumns(sheet.rows[start])!;
  const rows: LayoutRow[] = [];
  // Rows above the first header are titles and headings at most; questions start below it.
  for (let i = 0; i < sheet.rows.length; i++) {
    const row = sheet.rows[i] ?? [];
    if (i < start) {
      const label = cellString(row[columns.question]).trim();
      if (label) rows.push({ kind: 'other', row: i, label, cells: [] });
      continue;
    }
    if (headerColumns(row)) {
      rows.push({ kind: 'header', row: i });
      continue;
    }
    const rowId = cellString(row[columns.id])
      .trim()
      .replace(/[\s|]+/g, '');
    const text = cellString(row[columns.question]).trim();
    const cells = row.map((c, j) => (j > columns.question ? cellString(c).trim() : ''));
    if (rowId && text) {
      const answer = cellString(row[columns.answer]).trim();
      const comment = columns.comment === undefined ? '' : cellString(row[columns.comment]).trim();
      rows.push({ kind: 'question', row: i, rowId, id: rowId, text, answer, comment, section: '' });
    } else if (text || cells.some(Boolean)) {
      rows.push({ kind: 'other', row: i, label: text, cells });
    }
  }
  assignSections(rows, columns);
  qualifyIds(rows, columns);
  return { sheet, columns, rows };
}

/** A heading: a short line in the question column, nothing in the answer or comment columns. */
export function isHeading(r: LayoutRow, columns: Columns): r is Extract<LayoutRow, { kind: 'other' }> {
  if (r.kind !== 'other' || !r.label || r.label.length > 120 || r.label.includes('\n')) return false;
  // A sentence is a note to the respondent ("Answer every question of this part."), not a heading.
  if (/[.!]$/.test(r.label) && r.label.split(/\s+/).length > 6) return false;
  // A heading merged across the row shows its text in every cell of the merged area.
  const blank = (text: string | undefined) => !text || text === r.label;
  return blank(r.cells[columns.answer]) && (columns.comment === undefined || blank(r.cells[columns.comment]));
}

/** A row with something in its answer or comment cell besides its own label (a row of a table). */
function hasAnswerCells(r: Extract<LayoutRow, { kind: 'other' }>, columns: Columns): boolean {
  const filled = (text: string | undefined) => !!text && text !== r.label;
  return (
    filled(r.cells[columns.answer]) || (columns.comment !== undefined && filled(r.cells[columns.comment]))
  );
}

/** Each question's section is the last heading before the header row above it. */
function assignSections(rows: LayoutRow[], columns: Columns): void {
  let lastHeading = '';
  let section = '';
  for (const r of rows) {
    if (isHeading(r, columns)) lastHeading = r.label;
    else if (r.kind === 'header') section = lastHeading || section;
    else if (r.kind === 'question') r.section = section || lastHeading || 'Questionnaire';
  }
}

const leadingNumber = (id: string) => {
  const m = /^\D*(\d+)/.exec(id);
  return m ? Number(m[1]) : undefined;
};

/**
 * What kind of heading a line is, and the short code that names its block of questions:
 * "Dimension 1: Open Data Policy" (a word and a number or letter) → kind `dimension`, code `D1`;
 * "B. Legal framework" → kind `letter`, code `B`; "2) Methods" → kind `number`, code `S2`;
 * else the first word, and the initials ("Respondent Information" → `RI`).
 */
export function headingKind(heading: string): { kind: string; code: string; numbered?: boolean } {
  const worded = /^(\p{L}{2,})\.?\s+(\d+|[A-Z])(?=$|[\s.:)–—-])/u.exec(heading);
  if (worded)
    return { kind: worded[1].toLowerCase(), code: (worded[1][0] + worded[2]).toUpperCase(), numbered: true };
  const lettered = /^([A-Z])[.):]\s/.exec(heading);
  if (lettered) return { kind: 'letter', code: lettered[1], numbered: true };
  const numbered = /^(\d+)[.):]?\s/.exec(heading);
  if (numbered) return { kind: 'number', code: `S${numbered[1]}`, numbered: true };
  const words = heading.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const initials = words
    .map((w) => w[0])
    .join('')
    .toUpperCase()
    .slice(0, 4);
  return { kind: words[0]?.toLowerCase() ?? '', code: initials || 'S' };
}

/**
 * Row ids are kept as written when they are unique. Where the numbering starts again and ids repeat
 * (the EU Open Data Maturity questionnaire numbers the respondent questions 1–10, then each dimension
 * from 1), every id is qualified by the top-level heading it comes under: `RI.1`, `D1.1`, `D2.28`. The
 * top-level headings are those of the same kind ("Dimension …") as the heading where a restart happens;
 * the first heading of the sheet names the questions before any of them.
 */
function qualifyIds(rows: LayoutRow[], columns: Columns): void {
  const questions = rows.filter((r) => r.kind === 'question');
  const ids = questions.map((q) => q.rowId.toLowerCase());
  if (new Set(ids).size === ids.length) return;
  const restarts: number[] = [];
  const seen = new Set<string>();
  let previous: number | undefined;
  for (const q of questions) {
    const n = /^\d/.test(q.rowId) ? leadingNumber(q.rowId) : undefined;
    if (seen.has(q.rowId.toLowerCase()) || (n !== undefined && previous !== undefined && n < previous))
      restarts.push(q.row);
    seen.add(q.rowId.toLowerCase());
    if (n !== undefined) previous = n;
  }

  // Only headings of sections count: those a header row follows before the next question (a row of
  // a table with its mark left blank looks like a heading too).
  const headings: Extract<LayoutRow, { kind: 'other' }>[] = [];
  let headerFollows = false;
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i];
    if (r.kind === 'header') headerFollows = true;
    else if (r.kind === 'question' || (r.kind === 'other' && hasAnswerCells(r, columns)))
      headerFollows = false;
    else if (headerFollows && isHeading(r, columns)) headings.unshift(r);
  }
  const kinds = new Set<string>();
  for (const at of restarts) {
    const before = questions.filter((q) => q.row < at).pop();
    // The first heading that numbers its part ("Dimension 1", "B."), else the first one.
    const gap = headings.filter((h) => h.row > (before?.row ?? -1) && h.row < at);
    const opener = gap.find((h) => headingKind(h.label).numbered) ?? gap[0];
    if (opener) kinds.add(headingKind(opener.label).kind);
  }
  const opensBlock = (label: string) => kinds.has(headingKind(label).kind);

  const codes = new Set<string>();
  const uniqueCode = (heading: string) => {
    const base = headingKind(heading).code;
    let code = base;
    for (let k = 2; codes.has(code); k++) code = `${base}${k}`;
    codes.add(code);
    return code;
  };
  let code = '';
  let firstHeading = '';
  let blockIndex = 0;
  const sectionHeadings = new Set(headings);
  for (const r of rows) {
    if (r.kind === 'other' && sectionHeadings.has(r)) {
      if (opensBlock(r.label)) code = uniqueCode(r.label);
      else firstHeading ||= r.label;
    } else if (r.kind === 'question') {
      // Questions before any top-level heading are named by the sheet's first heading.
      code ||= uniqueCode(firstHeading || `P${++blockIndex}`);
      r.id = `${code}.${r.rowId}`;
    }
  }
  // Anything still repeated (a restart without a heading) is numbered in order.
  const used = new Map<string, number>();
  for (const q of questions) {
    const n = (used.get(q.id) ?? 0) + 1;
    used.set(q.id, n);
    if (n > 1) q.id = `${q.id}-${n}`;
  }
}

/**
 * The rows without an ID under a question that belong to it: a small table inside the sheet. When a
 * header row follows (a new section), the rows from the first heading after the table's last filled
 * row are that section's title and notes; otherwise every row up to the next question is the table's
 * (a row label alone, such as an option left blank, is not a heading there).
 */
export function rowsUnder(layout: VerticalLayout, index: number): Extract<LayoutRow, { kind: 'other' }>[] {
  const out: Extract<LayoutRow, { kind: 'other' }>[] = [];
  let i = index + 1;
  for (; i < layout.rows.length; i++) {
    const r = layout.rows[i];
    if (r.kind !== 'other') break;
    out.push(r);
  }
  const next = layout.rows[i];
  if (next && next.kind === 'question') return out;
  // The next section's title and notes: the rows after the table's last filled row, from a heading on.
  let tail = out.length;
  while (tail > 0 && !hasAnswerCells(out[tail - 1], layout.columns)) tail--;
  const heading = out.findIndex((r, k) => k >= tail && isHeading(r, layout.columns));
  return heading < 0 ? out : out.slice(0, heading);
}
