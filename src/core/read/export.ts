import { isChoiceType, type Definition, type Question } from '../definition';
import type { RawAnswer, RawResponse } from '../model';
import { ReadError } from './errors';
import { headerKey, matchExportColumns, minMatchedQuestions, type ColumnMap } from './export-columns';
import {
  isChosen,
  recogniseLayout,
  type ExportLayout,
  type LayoutQuestion,
  type MetaField,
} from './export-layout';

/** A cell as a table reader hands it over: text, or a workbook's number, date or truth value. */
export type ExportCell = string | number | boolean | Date | null | undefined;

export interface ExportRead {
  responses: RawResponse[];
  columns: ColumnMap;
  /** What the import report may want to say: ignored columns, questions without a column. */
  notes: string[];
}

/**
 * Turns the rows of an export (one row per response, header row(s) first; title rows above them
 * allowed) into responses, one per non-empty row, whatever tool wrote it (see export-layout.ts).
 * Throws ReadError('not-a-response') when the headers are not `def`'s questions.
 */
export function readExportRows(rows: ExportCell[][], def: Definition): ExportRead {
  const layout = recogniseLayout(rows);
  if (!layout) throw new ReadError('empty', 'The table has no rows.');
  if (layout.tool === 'forms' || layout.tool === 'table') return readFormsRows(rows, def, layout);
  return readLayoutRows(rows, def, layout);
}

/** The plain layout (Microsoft Forms and any one-header table): one column per question. */
function readFormsRows(rows: ExportCell[][], def: Definition, layout: ExportLayout): ExportRead {
  const headerAt = layout.headerAt;
  const headers = rows[headerAt].map((cell) => cellText(cell).trim());
  const columns = matchExportColumns(headers, def);
  assertMatched(columns, def);

  const metaAt = (field: MetaField) => columns.roles.findIndex((r) => r.kind === 'meta' && r.field === field);
  const at = {
    id: metaAt('id'),
    start: metaAt('start'),
    completion: metaAt('completion'),
    name: metaAt('name'),
  };
  const body = rows.slice(headerAt + 1).map((cells, k) => ({ cells, rowNumber: headerAt + k + 2 }));
  const data = body.filter(({ cells }) => !isBlankRow(cells));
  const dateColumns = columns.roles.flatMap((r, c) =>
    r.kind === 'question' && r.question.type === 'date' ? [c] : [],
  );
  const dayFirst = prefersDayFirst(
    data.flatMap(({ cells }) => [at.start, at.completion, ...dateColumns].map((c) => cells[c])),
    layout.dayFirst,
  );
  const read = { separator: ';', dayFirst };

  const responses = data.map(({ cells, rowNumber }): RawResponse => {
    const answers: Record<string, RawAnswer> = {};
    columns.roles.forEach((role, c) => {
      if (role.kind === 'question') answers[role.question.id] = valueAnswer(role.question, cells[c], read);
    });
    return {
      ...responseMeta(cells, at, dayFirst),
      responseId: (at.id >= 0 ? cellText(cells[at.id]).trim() : '') || `row ${rowNumber}`,
      format: 'export',
      choicesRecorded: true,
      answers,
    };
  });
  return { responses, columns, notes: describeColumns(columns) };
}

function assertMatched(columns: ColumnMap, def: Definition): void {
  if (columns.matched < minMatchedQuestions(def))
    throw new ReadError(
      'not-a-response',
      `The column headers match only ${columns.matched} of the ${def.questions.length} questions of ` +
        `"${def.title}", so this is not an export of its responses.`,
    );
}

interface MetaAt {
  start: number;
  completion: number;
  name: number;
}

function responseMeta(cells: ExportCell[], at: MetaAt, dayFirst: boolean): Partial<RawResponse> {
  const start = at.start >= 0 ? parseTime(cells[at.start], dayFirst) : undefined;
  const completion = at.completion >= 0 ? parseTime(cells[at.completion], dayFirst) : undefined;
  const seconds = start && completion ? (completion.epochMs - start.epochMs) / 1000 : undefined;
  const name = at.name >= 0 ? cellText(cells[at.name]).trim() : '';
  return {
    ...(name && !/^anonymous$/i.test(name) ? { respondent: name } : {}),
    ...(start ? { startTime: start.iso } : {}),
    ...(completion ? { completionTime: completion.iso } : {}),
    ...(seconds !== undefined && seconds >= 0 ? { durationSeconds: seconds } : {}),
  };
}

/** How a layout writes values: the separator of several choices, the order of numeric dates. */
interface ValueReading {
  separator: string;
  dayFirst: boolean;
}

/** The other tools' layouts: questions spread over option and "Other" columns, metadata anywhere. */
function readLayoutRows(rows: ExportCell[][], def: Definition, layout: ExportLayout): ExportRead {
  const headers = layout.questions.map((q) => q.header);
  const named = layout.questions.map((q) => (q.group ? `${q.group}/${q.name}` : (q.name ?? q.header)));
  const byText = matchExportColumns(headers, def, { metadata: false });
  // Where the tool gives short names (Kobo, Qualtrics), they may be what the definition calls its questions.
  const byName = layout.questions.some((q) => q.name)
    ? matchExportColumns(named, def, { metadata: false })
    : undefined;
  const columns = byName && byName.matched > byText.matched ? byName : byText;
  assertMatched(columns, def);

  const metaAt = (field: MetaField) => layout.meta.find((m) => m.field === field)?.index ?? -1;
  const at = {
    id: metaAt('id'),
    start: metaAt('start'),
    completion: metaAt('completion'),
    name: metaAt('name'),
    submitted: metaAt('submitted'),
    finished: metaAt('finished'),
  };
  const body = rows
    .slice(layout.headerAt + 1)
    .map((cells, k) => ({ cells, rowNumber: layout.headerAt + k + 2 }));
  const data = body.filter(({ cells }) => !isBlankRow(cells));
  const dateCells = layout.questions.flatMap((lq, k) => {
    const role = columns.roles[k];
    return role.kind === 'question' && role.question.type === 'date' ? lq.columns.map((c) => c.index) : [];
  });
  const dayFirst = prefersDayFirst(
    data.flatMap(({ cells }) => [at.start, at.completion, ...dateCells].map((c) => cells[c])),
    layout.dayFirst,
  );
  const read = { separator: layout.separator, dayFirst };

  const responses = data.map(({ cells, rowNumber }): RawResponse => {
    const answers: Record<string, RawAnswer> = {};
    layout.questions.forEach((lq, k) => {
      const role = columns.roles[k];
      if (role.kind === 'question') answers[role.question.id] = layoutAnswer(role.question, lq, cells, read);
    });
    const complete = completeness(cells, at);
    return {
      ...responseMeta(cells, at, dayFirst),
      responseId: (at.id >= 0 ? cellText(cells[at.id]).trim() : '') || `row ${rowNumber}`,
      format: 'export',
      choicesRecorded: true,
      ...(complete === undefined ? {} : { complete }),
      answers,
    };
  });
  const notes = describeColumns({
    ...columns,
    extra: columns.extra.filter((h) => !layout.meta.some((m) => m.header === h)),
  });
  return { responses, columns, notes };
}

/**
 * The definition's questions in a layout's questions: by the texts the export heads them with, or,
 * where the tool gives short names (Kobo, Qualtrics), by the names when those match more.
 */
export function matchLayoutColumns(layout: ExportLayout, def: Definition): ColumnMap {
  const headers = layout.questions.map((q) => q.header);
  const byText = matchExportColumns(headers, def, { metadata: false });
  if (!layout.questions.some((q) => q.name)) return byText;
  const named = layout.questions.map((q) => (q.group ? `${q.group}/${q.name}` : (q.name ?? q.header)));
  const byName = matchExportColumns(named, def, { metadata: false });
  return byName.matched > byText.matched ? byName : byText;
}

/** How many of `def`'s questions a table's columns hold, whatever tool's layout it has. */
export function matchedQuestionCount(rows: ExportCell[][], def: Definition): number {
  const layout = recogniseLayout(rows);
  if (!layout) return 0;
  if (layout.tool === 'forms' || layout.tool === 'table')
    return matchExportColumns(
      rows[layout.headerAt].map((c) => cellText(c).trim()),
      def,
    ).matched;
  return matchLayoutColumns(layout, def).matched;
}

/** Unfinished where the tool says so: no submission date (LimeSurvey), `Finished` false (Qualtrics). */
function completeness(cells: ExportCell[], at: { submitted: number; finished: number }): boolean | undefined {
  if (at.finished >= 0) {
    const v = cellText(cells[at.finished]).trim().toLowerCase();
    if (v === 'false' || v === '0') return false;
    if (v === 'true' || v === '1') return true;
  }
  if (at.submitted >= 0) return cellText(cells[at.submitted]).trim() !== '';
  return undefined;
}

/** A question's answer from its columns: the value, the ticked option columns, the "Other" text. */
function layoutAnswer(q: Question, lq: LayoutQuestion, cells: ExportCell[], read: ValueReading): RawAnswer {
  const values = lq.columns.filter((c) => c.part.kind === 'value').map((c) => cells[c.index]);
  const other = lq.columns
    .filter((c) => c.part.kind === 'other')
    .map((c) => cellText(cells[c.index]).trim())
    .filter(Boolean)
    .join('; ');
  const options = lq.columns.flatMap((c) =>
    c.part.kind === 'option' ? [{ option: c.part.option, cell: cellText(cells[c.index]) }] : [],
  );
  const answered = options.some((o) => o.cell.trim() !== '');
  let answer: RawAnswer;
  if (options.length && answered && isChoiceType(q.type)) {
    const selected = options
      .filter((o) => isChosen(o.cell, o.option))
      .map((o) => findOption(q, o.option) ?? o.option);
    answer = { selected };
  } else if (values.length)
    answer = valueAnswer(q, values.length === 1 ? values[0] : values.map(cellText).join('\n'), read);
  else answer = isChoiceType(q.type) ? { selected: [] } : { text: '' };
  if (!other) return answer;
  if (!isChoiceType(q.type)) return answer.text ? answer : { text: other };
  const otherOption = q.otherOption ?? 'Other';
  const selected = (answer.selected ?? []).filter(
    (s) => headerKey(s) !== headerKey(otherOption) && s !== answer.other,
  );
  return { selected: [...selected, otherOption], other };
}

/** The answer a single cell gives: text as written (dates as ISO), or the choices it names. */
function valueAnswer(q: Question, cell: ExportCell, read: ValueReading): RawAnswer {
  if (q.type === 'date') return { text: dateText(cell, read.dayFirst) };
  return toAnswer(q, cellText(cell), read.separator);
}

/** A date answer as ISO `yyyy-mm-dd` where it reads as a date; otherwise as written. */
export function dateText(cell: ExportCell, dayFirst: boolean): string {
  const written = cellText(cell).trim();
  if (!written) return '';
  const ymd = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(written);
  const time = ymd
    ? parseTime(`${ymd[1]}-${ymd[2].padStart(2, '0')}-${ymd[3].padStart(2, '0')}`, false)
    : parseTime(cell, dayFirst);
  return time ? time.iso.slice(0, 10) : written;
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

export function toAnswer(q: Question, value: string, separator = ';'): RawAnswer {
  if (!isChoiceType(q.type)) return { text: value };
  const trimmed = value.trim();
  if (q.type === 'single') return singleChoice(q, trimmed);
  return separator === ';' ? multipleChoice(q, trimmed) : joinedChoices(q, trimmed, separator);
}

/**
 * The option a value names, compared on letters and digits when not exactly equal; a stored option
 * name (Kobo's `yes`) stands for its label.
 */
function findOption(q: Question, value: string): string | undefined {
  const options = q.options ?? [];
  const exact = options.find((o) => o === value);
  if (exact) return exact;
  const named = q.optionNames?.indexOf(value) ?? -1;
  if (named >= 0) return options[named];
  const key = headerKey(value);
  return key ? options.find((o) => headerKey(o) === key) : undefined;
}

/**
 * Choices joined by `, ` (Google Forms), `,` (Qualtrics) or a space (Kobo): known labels and names are
 * taken whole, since a label may hold the separator; text between them is the "Other" answer.
 */
function joinedChoices(q: Question, value: string, separator: string): RawAnswer {
  const sep = separator.trim();
  const known = [...(q.options ?? []), ...(q.optionNames ?? [])].sort((a, b) => b.length - a.length);
  const boundary = (rest: string) =>
    (sep ? new RegExp(`^\\s*(${escapeRegExp(sep)}|$)`) : /^(\s|$)/).test(rest);
  const knownAt = (rest: string) => known.find((l) => rest.startsWith(l) && boundary(rest.slice(l.length)));
  const skip = sep ? new RegExp(`^[\\s${escapeRegExp(sep)}]+`) : /^\s+/;
  const selected: string[] = [];
  const others: string[] = [];
  let rest = value;
  for (;;) {
    rest = rest.replace(skip, '');
    if (!rest) break;
    const label = knownAt(rest);
    if (label) {
      selected.push(findOption(q, label) ?? label);
      rest = rest.slice(label.length);
      continue;
    }
    // Unknown text runs to the next separator that a known option follows.
    let end = rest.length;
    for (let i = 1; i < rest.length; i++) {
      if (sep ? rest.startsWith(sep, i) : /\s/.test(rest[i])) {
        const after = rest.slice(i + Math.max(sep.length, 1)).replace(/^\s+/, '');
        if (knownAt(after)) {
          end = i;
          break;
        }
      }
    }
    const part = rest.slice(0, end).trim();
    rest = rest.slice(end);
    const option = findOption(q, part);
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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
/** Google Forms' timestamps: `2025/03/14 10:22:31 AM GMT+1`. */
const YEAR_FIRST_TIME =
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?(?:\s*(?:GMT|UTC)([+-]\d{1,2})(?::?(\d{2}))?)?$/i;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Whether "3/4/21" means 3 April: decided once per file from the dates whose order is plain (a first
 * number above 12), else by the separator — US exports use "/", most day-first locales ".".
 */
export function prefersDayFirst(cells: ExportCell[], language?: boolean): boolean {
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
  if (dayFirst !== monthFirst) return dayFirst > monthFirst;
  // No plain date: the export's language says (localised Forms metadata), else the separator.
  return language ?? dotted > 0;
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
  const g = YEAR_FIRST_TIME.exec(text);
  if (g) {
    const [, y, mo, d, h, mi, s = '0', meridiem, zh, zm = '00'] = g;
    let hour = +h;
    if (meridiem) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (/^p/i.test(meridiem) ? 12 : 0);
    }
    const zone = zh ? `${zh[0]}${zh.slice(1).padStart(2, '0')}:${zm}` : undefined;
    return wallClock(+y, +mo, +d, hour, +mi, +s, zone);
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
