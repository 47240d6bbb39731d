import { parseDefinition, type Definition } from '../definition';
import {
  responseKey,
  type Answer,
  type CountrySource,
  type Response,
  type SourceFormat,
  type ValueStatus,
} from '../model';
import type { ReviewEntry } from './build';
import {
  answerHeaders,
  definitionHeaders,
  issueHeaders,
  responseHeaders,
  reviewValues,
  tableNames,
} from './columns';
import type { CellValue } from './types';

const formats: SourceFormat[] = ['forms-text', 'word', 'export', 'workbook'];
const sources: CountrySource[] = ['answer', 'file-name', 'analyst', 'inferred', 'unknown'];
const statuses: ValueStatus[] = ['answered', 'empty', 'not-applicable', 'not-recorded', 'inferred'];

/** A table as a workbook holds it: header names and the values of its data rows. */
export interface TableRows {
  headers: string[];
  rows: CellValue[][];
}

/** The responses and reviews a later import takes from a comparison workbook. */
export interface WorkbookState {
  responses: Response[];
  reviews: Map<string, ReviewEntry>;
  /** The countries the analyst set, by `file/response id` (the Responses table's own column). */
  countries?: Map<string, string>;
  /** The definition the workbook was built with, where it holds one. */
  definition?: Definition;
}

/** A cell as text; blank cells are undefined (an empty string cell stays ""). */
function text(v: CellValue | undefined): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

function number(v: CellValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function oneOf<T extends string>(v: CellValue | undefined, allowed: readonly T[]): T | undefined {
  const s = text(v)?.trim();
  return allowed.find((a) => a.toLowerCase() === s?.toLowerCase());
}

function yes(v: CellValue | undefined): boolean {
  if (typeof v === 'boolean') return v;
  return /^(yes|true|1)$/i.test(text(v)?.trim() ?? '');
}

function choices(v: CellValue | undefined): string[] | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(s);
    if (Array.isArray(parsed) && parsed.every((c) => typeof c === 'string')) return parsed;
  } catch {
    // Edited by hand: "A; B".
  }
  return s
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Column access by header name, whatever order the analyst left the columns in. */
function columns(table: TableRows) {
  const at = new Map(table.headers.map((h, i) => [h.trim().toLowerCase(), i]));
  return (row: CellValue[], header: string): CellValue | undefined => {
    const i = at.get(header.toLowerCase());
    return i === undefined ? undefined : row[i];
  };
}

function requireTable(table: TableRows | undefined, name: string): TableRows {
  if (!table) throw new Error(`not a Survey Atlas workbook: it has no table named ${name}`);
  return table;
}

/**
 * What a later import needs from an existing comparison workbook, rebuilt from its own tables: the
 * responses (from the Responses and Answers tables) and the analyst's Review and Note per issue key.
 * Both the .xlsx reader and the live-workbook reader hand their tables to this one function.
 */
export function stateFromTables(
  tables: { responses?: TableRows; answers?: TableRows; issues?: TableRows },
  def: Definition | undefined,
): WorkbookState {
  const responseTable = requireTable(tables.responses, tableNames.responses);
  const answerTable = requireTable(tables.answers, tableNames.answers);
  const issueTable = tables.issues;

  const r = responseHeaders;
  const get = columns(responseTable);
  const responses: Response[] = [];
  const byKey = new Map<string, Response>();
  const countries = new Map<string, string>();
  for (const row of responseTable.rows) {
    const responseId = text(get(row, r.id));
    const sourceFile = text(get(row, r.file));
    if (!responseId || !sourceFile) continue;
    const optional = (header: string) => text(get(row, header));
    const response: Response = {
      responseId,
      sourceFile,
      format: oneOf(get(row, r.format), formats) ?? 'export',
      choicesRecorded: yes(get(row, r.choicesRecorded)),
      answers: {},
      country: {
        iso3: text(get(row, r.iso3)) ?? '',
        name: text(get(row, r.country)) ?? '',
        source: oneOf(get(row, r.countrySource), sources) ?? 'unknown',
        written: text(get(row, r.written)) ?? '',
        region: text(get(row, r.region)) ?? '',
        subregion: text(get(row, r.subregion)) ?? '',
      },
      status: oneOf(get(row, r.status), ['current', 'superseded'] as const) ?? 'current',
    };
    const respondent = optional(r.respondent);
    const startTime = optional(r.startTime);
    const completionTime = optional(r.completionTime);
    const durationSeconds = number(get(row, r.durationSeconds));
    const evidence = optional(r.evidence);
    const supersededBy = optional(r.supersededBy);
    if (respondent !== undefined) response.respondent = respondent;
    if (startTime !== undefined) response.startTime = startTime;
    if (completionTime !== undefined) response.completionTime = completionTime;
    if (durationSeconds !== undefined) response.durationSeconds = durationSeconds;
    if (evidence !== undefined) response.country.evidence = evidence;
    if (supersededBy !== undefined) response.supersededBy = supersededBy;
    const finished = optional(r.finished)?.trim();
    if (finished) response.complete = yes(finished);
    const key = responseKey(response);
    if (byKey.has(key)) continue;
    const countrySet = optional(r.countrySet)?.trim();
    if (countrySet) countries.set(key, countrySet);
    byKey.set(key, response);
    responses.push(response);
  }

  const a = answerHeaders;
  const cell = columns(answerTable);
  for (const row of answerTable.rows) {
    const response = byKey.get(
      responseKey({
        sourceFile: text(cell(row, a.file)) ?? '',
        responseId: text(cell(row, a.response)) ?? '',
      }),
    );
    const questionId = text(cell(row, a.questionId));
    const status = oneOf(cell(row, a.valueStatus), statuses);
    // A blank status marks a question the response did not carry at all.
    if (!response || !questionId || !status) continue;
    const answer: Answer = { questionId, value: text(cell(row, a.value)) ?? '', status };
    const chosen = choices(cell(row, a.choices));
    const other = text(cell(row, a.other));
    const basis = text(cell(row, a.basis));
    if (chosen !== undefined) answer.choices = chosen;
    if (other !== undefined) answer.other = other;
    if (basis !== undefined) answer.basis = basis;
    response.answers[questionId] = answer;
  }
  // Definition order first, as a fresh import would hold them.
  const order = new Map((def?.questions ?? []).map((q, i) => [q.id, i]));
  for (const response of responses) {
    const ids = Object.keys(response.answers).sort(
      (x, y) => (order.get(x) ?? Infinity) - (order.get(y) ?? Infinity),
    );
    response.answers = Object.fromEntries(ids.map((id) => [id, response.answers[id]]));
  }

  const reviews = new Map<string, ReviewEntry>();
  if (issueTable) {
    const i = issueHeaders;
    const col = columns(issueTable);
    for (const row of issueTable.rows) {
      const key = text(col(row, i.key));
      if (!key) continue;
      reviews.set(key, {
        review: oneOf(col(row, i.review), reviewValues) ?? 'Open',
        note: text(col(row, i.note)) ?? '',
      });
    }
  }
  return { responses, reviews, countries };
}

/**
 * The definition a workbook was built with, from its hidden Definition table (parts of JSON in
 * order); undefined when the workbook has none (built before definitions travelled with it).
 * Throws when the stored definition is damaged.
 */
export function definitionFromTable(table: TableRows | undefined): Definition | undefined {
  if (!table || !table.rows.length) return undefined;
  const get = columns(table);
  const parts = table.rows
    .map((row) => ({
      part: number(get(row, definitionHeaders.part)) ?? 0,
      json: text(get(row, definitionHeaders.json)) ?? '',
    }))
    .sort((a, b) => a.part - b.part);
  const json = parts.map((p) => p.json).join('');
  if (!json.trim()) return undefined;
  try {
    return parseDefinition(JSON.parse(json));
  } catch (e) {
    throw new Error(
      `its stored questionnaire definition is damaged (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}
