import { isChoiceType, type Definition, type Question } from '../definition';
import type { RawAnswer, RawResponse } from '../model';
import { ReadError } from './errors';
import {
  headerKey,
  matchExportColumns,
  minMatchedQuestions,
  type ColumnMap,
  type MetaField,
} from './export-columns';

/** A cell as a table reader hands it over: text, or a workbook's number, date or truth value. */
export type ExportCell = string | number | boolean | Date | null | undefined;

export interface ExportRead {
  responses: RawResponse[];
  columns: ColumnMap;
  /** What the import report may want to say: ignored columns, questions without a column. */
  notes: string[];
}

/**
 * Turns the rows of a Forms export (header row first; leading blank rows allowed) into responses,
 * one per non-empty row. Throws ReadError('not-a-response') when the headers are not `def`'s questions.
 */
export function readExportRows(rows: ExportCell[][], def: Definition): ExportRead {
  const headerAt = rows.findIndex((row) => !isBlankRow(row));
  if (headerAt < 0) throw new ReadError('empty', 'The table has no rows.');
  const headers = rows[headerAt].map((cell) => cellText(cell).trim());
  const columns = matchExportColumns(headers, def);
  if (columns.matched < minMatchedQuestions(def))
    throw new ReadError(
      'not-a-response',
      `The column headers match only ${columns.matched} of the ${def.questions.length} questions of ` +
        `"${def.title}", so this is not an export of its responses.`,
    );

  const metaAt = (field: MetaField) => columns.roles.findIndex((r) => r.kind === 'meta' && r.field === field);
  const at = {
    id: metaAt('id'),
    start: metaAt('start'),
    completion: metaAt('completion'),
    name: metaAt('name'),
  };
  const body = rows.slice(headerAt + 1).map((cells, k) => ({ cells, rowNumber: headerAt + k + 2 }));
  const data = body.filter(({ cells }) => !isBlankRow(cells));
  const dayFirst = prefersDayFirst(data.flatMap(({ cells }) => [cells[at.start], cells[at.completion]]));

  const responses = data.map(({ cells, rowNumber }): RawResponse => {
    const answers: Record<string, RawAnswer> = {};
    columns.roles.forEach((role, c) => {
      if (role.kind === 'question') answers[role.question.id] = toAnswer(role.question, cellText(cells[c]));
    });
    const start = at.start >= 0 ? parseTime(cells[at.start], dayFirst) : undefined;
    const completion = at.completion >= 0 ? parseTime(cells[at.completion], dayFirst) : undefined;
    const seconds = start && completion ? (completion.epochMs - start.epochMs) / 1000 : undefined;
    const name = at.name >= 0 ? cellText(cells[at.name]).trim() : '';
    const id = at.id >= 0 ? cellText(cells[at.id]).trim() : '';
    return {
      responseId: id || `row ${rowNumber}`,
      format: 'export',
      choicesRecorded: true,
      ...(name && !/^anonymous$/i.test(name) ? { respondent: name } : {}),
      ...(start ? { startTime: start.iso } : {}),
      ...(completion ? { completionTime: completion.iso } : {}),
      ...(seconds !== undefined && seconds >= 0 ? { durationSeconds: seconds } : {}),
      answers,
    };
  });
  return { responses, columns, notes: describeColumns(columns) };
}

function describeColumns(columns: ColumnMap): string[] {
  const notes: string[] = [];
  if (columns.extra.length)
    notes.push(
      `Ignored ${columns.extra.length} column(s) that are not questions: ${quoteList(columns.extra)}.`,
    );
  if (columns.missing.length)
    notes.push(`No column for ${columns.missing.length} question(s): ${columns.missing.join(', ')}.`);
  return notes;
}

function quoteList(items: string[]): string {
  const shown = items.slice(0, 5).map((s) => `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`);
  return items.length > 5 ? `${shown.join(', ')} and ${items.length - 5} more` : shown.join(', ');
}

function isBlankRow(cells: ExportCell[]): boolean {
  return cells.every((cell) => cellText(cell).trim() === '');
}

/** The text of a cell, line breaks as `\n`; dates as ISO 8601 wall-clock time. */
export function cellText(cell: ExportCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.replace(/\r\n?/g, '\n');
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 19);
  return String(cell);
}

export function toAnswer(q: Question, value: string): RawAnswer {
  if (!isChoiceType(q.type)) return { text: value };
  const trimmed = value.trim();
  if (q.type === 'single') return singleChoice(q, trimmed);
  return multipleChoice(q, trimmed);
}

/** The option a value names, compared on letters and digits when not exactly equal. */
function findOption(q: Question, value: string): string | undefined {
  const options = q.options ?? [];
  const exact = options.find((o) => o === value);
  if (exact) return exact;
  const key = headerKey(value);
  return key ? options.find((o) => headerKey(o) === key) : undefined;
}

function singleChoice(q: Question, value: string): RawAnswer {
  if (!value) return { selected: [] };
  const option = findOption(q, value) ?? findOption(q, value.replace(/\s*;\s*$/, ''));
  if (option) return { selected: [option] };
  if (!q.otherOption) return { selected: [value] };
  if (headerKey(value) === headerKey(q.otherOption)) return { selected: [q.otherOption] };
  return { selected: [q.otherOption], other: value };
}

/**
 * Forms writes the choices of a multiple-choice question as "A;B;". An option label may itself hold
 * a ";", so known labels are taken whole before the rest is split; what is left is the typed text
 * of the "Other" option (or, without one, a choice the checks will flag).
 */
function multipleChoice(q: Question, value: string): RawAnswer {
  const labels = [...(q.options ?? [])].sort((a, b) => b.length - a.length);
  const selected: string[] = [];
  const others: string[] = [];
  let rest = value;
  for (;;) {
    rest = rest.replace(/^[\s;]+/, '');
    if (!rest) break;
    const label = labels.find((l) => rest.startsWith(l) && /^\s*(;|$)/.test(rest.slice(l.length)));
    const end = label ? label.length : rest.includes(';') ? rest.indexOf(';') : rest.length;
    const part = rest.slice(0, end).trim();
    rest = rest.slice(end);
    const option = label ?? findOption(q, part);
    if (option) selected.push(option);
    else if (!q.otherOption) selected.push(part);
    else {
      selected.push(q.otherOption);
      if (headerKey(part) !== headerKey(q.otherOption)) others.push(part);
    }
  }
  const unique = [...new Set(selected)];
  return others.length ? { selected: unique, other: others.join('; ') } : { selected: unique };
}

export interface Timestamp {
  /** ISO 8601; without an offset when the export gives none (Forms writes local time). */
  iso: string;
  epochMs: number;
}

const NUMERIC_DATE =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([ap]\.?m\.?)?)?$/i;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Whether "3/4/21" means 3 April: decided once per file from the dates whose order is plain (a first
 * number above 12), else by the separator — US exports use "/", most day-first locales ".".
 */
function prefersDayFirst(cells: ExportCell[]): boolean {
  let dayFirst = 0;
  let monthFirst = 0;
  let dotted = 0;
  for (const cell of cells) {
    const m = typeof cell === 'string' ? NUMERIC_DATE.exec(cell.trim()) : null;
    if (!m) continue;
    const [a, b] = [Number(m[1]), Number(m[3])];
    if (a > 12 && b <= 12) dayFirst++;
    if (b > 12 && a <= 12) monthFirst++;
    if (m[2] === '.') dotted++;
  }
  return dayFirst !== monthFirst ? dayFirst > monthFirst : dotted > 0;
}

/** Excel's day 0 is 1899-12-30; serials count days from it. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MAX_EXCEL_SERIAL = 2958465;

export function parseTime(cell: ExportCell, dayFirst: boolean): Timestamp | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : fromUtcDate(cell);
  if (typeof cell === 'number')
    return cell > 0 && cell <= MAX_EXCEL_SERIAL
      ? fromUtcDate(new Date(EXCEL_EPOCH_MS + Math.round(cell * 86400) * 1000))
      : undefined;
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = iso;
    return wallClock(+y, +mo, +d, +h, +mi, +s, zone);
  }
  const m = NUMERIC_DATE.exec(text);
  if (!m) return undefined;
  const [, a, , b, yy, h = '0', mi = '0', s = '0', meridiem] = m;
  const year = yy.length === 2 ? (+yy < 70 ? 2000 : 1900) + +yy : +yy;
  let hour = +h;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
  }
  return dayFirst ? wallClock(year, +b, +a, hour, +mi, +s) : wallClock(year, +a, +b, hour, +mi, +s);
}

function fromUtcDate(d: Date): Timestamp | undefined {
  return wallClock(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number, zone?: string) {
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 59) return undefined;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const offset = zoneOffset(zone);
  const iso = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset?.text ?? ''}`;
  const epochMs = Date.UTC(y, mo - 1, d, h, mi, s) - (offset?.minutes ?? 0) * 60000;
  return { iso, epochMs };
}

function zoneOffset(zone: string | undefined): { text: string; minutes: number } | undefined {
  if (!zone) return undefined;
  if (/^z$/i.test(zone)) return { text: 'Z', minutes: 0 };
  const [, sign, hh, mm] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  return { text: `${sign}${hh}:${mm}`, minutes: (sign === '-' ? -1 : 1) * (+hh * 60 + +mm) };
}
