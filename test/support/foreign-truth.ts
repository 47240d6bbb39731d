import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matchCountry } from '../../src/core/countries';
import { countryQuestion, isChoiceType, type Definition, type Question } from '../../src/core/definition';
import type { InputFile, RawAnswer, RawResponse } from '../../src/core/model';
import { headerKey } from '../../src/core/read/export-columns';
import { collapse, loadFile, SHARED } from './corpus';

/** The sample of another questionnaire in many tools' layouts, with its truth. */
export const FOREIGN = join(SHARED, 'corpus/foreign-sample');
export const FOREIGN_FILES = join(FOREIGN, 'files');

type Expected = string | string[] | { other: string };

export interface TruthResponse {
  layout: string;
  file: string;
  key: string;
  ids: string[];
  row?: number;
  country_iso3: string;
  country_written: string;
  answers: Record<string, Expected>;
  written: Record<string, string>;
  complete: boolean;
  skip?: string[];
  /** Kobo: the form's rules the response breaks, as [rule, question name]. */
  expected?: [string, string][];
}

export interface TruthQuestion {
  text: string;
  type: Question['type'];
  options: string[];
  other: boolean;
}

export interface ForeignTruth {
  questionnaire: { questions: TruthQuestion[] };
  responses: TruthResponse[];
  non_responses: { file: string }[];
}

export const foreignTruth = (): ForeignTruth =>
  JSON.parse(readFileSync(join(FOREIGN, 'truth/truth.json'), 'utf8')) as ForeignTruth;

/** Every file of a layout folder (subfolders included), as the batch gives them; names relative to files/. */
export function layoutFiles(layout: string): InputFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  return walk(join(FOREIGN_FILES, layout)).map((path) => ({
    ...loadFile(path),
    name: path.slice(FOREIGN_FILES.length + 1),
  }));
}

export interface LayoutScore {
  layout: string;
  /** Questions typed as the truth has them, with their options where a choice. */
  definition?: { typed: number; exact: number; of: number };
  responses: number;
  found: number;
  countriesRight: number;
  completeRight: number;
  cells: number;
  cellsRight: number;
  /** The first wrong cells, to say what went wrong. */
  wrong: string[];
}

/** A cell's value as the comparison sees it: text, or chosen labels with the "Other" text apart. */
function actual(
  q: Question,
  a: RawAnswer | undefined,
): { text?: string; choices?: string[]; other?: string } {
  if (!a) return { text: '' };
  if (a.selected === undefined) return { text: a.text ?? '' };
  const choices = a.selected.filter((s) => !(a.other && s === q.otherOption));
  return { choices, ...(a.other ? { other: a.other } : {}) };
}

function sameCell(q: Question, got: RawAnswer | undefined, expected: Expected, written?: string): boolean {
  const a = actual(q, got);
  if (typeof expected === 'object' && !Array.isArray(expected))
    return (
      a.other !== undefined &&
      collapse(a.other) === collapse(expected.other) &&
      (a.choices ?? []).length === 0
    );
  if (Array.isArray(expected)) {
    const want = expected.map(collapse).sort();
    const have = (a.choices ?? (a.text ? [a.text] : [])).map(collapse).sort();
    return a.other === undefined && JSON.stringify(want) === JSON.stringify(have);
  }
  const text = a.text ?? (a.other ? '' : (a.choices ?? []).join('; '));
  if (a.other !== undefined) return false;
  return (
    collapse(text) === collapse(expected) || (written !== undefined && collapse(text) === collapse(written))
  );
}

/** Which read response a truth response is: by its ids, or (Google Forms) by its row. */
function findResponse(
  t: TruthResponse,
  read: { file: string; responses: RawResponse[] }[],
): RawResponse | undefined {
  const own = read.find((r) => r.file === t.file);
  if (!own) return undefined;
  if (t.ids.length) return own.responses.find((r) => t.ids.includes(r.responseId));
  return t.row !== undefined ? own.responses[t.row - 1] : undefined;
}

/** Compares what was read from a layout's files with the truth. */
export function scoreLayout(
  layout: string,
  def: Definition,
  read: { file: string; responses: RawResponse[] }[],
  truth: ForeignTruth,
): LayoutScore {
  const score: LayoutScore = {
    layout,
    responses: 0,
    found: 0,
    countriesRight: 0,
    completeRight: 0,
    cells: 0,
    cellsRight: 0,
    wrong: [],
  };
  const byText = new Map(def.questions.map((q) => [headerKey(q.text), q]));
  const countryQ = countryQuestion(def);
  for (const t of truth.responses.filter((r) => r.layout === layout)) {
    score.responses++;
    const r = findResponse(t, read);
    const answersCount = Object.keys(t.answers).filter((k) => !t.skip?.includes(k)).length;
    score.cells += answersCount;
    if (!r) {
      score.wrong.push(`${t.file} ${t.key || `row ${t.row}`}: not found`);
      continue;
    }
    score.found++;
    const country = countryQ ? r.answers[countryQ.id]?.text : undefined;
    if (country && matchCountry(country)?.iso3 === t.country_iso3) score.countriesRight++;
    else score.wrong.push(`${r.responseId}: country ${country} ≠ ${t.country_iso3}`);
    if ((r.complete ?? true) === t.complete) score.completeRight++;
    for (const [text, expected] of Object.entries(t.answers)) {
      if (t.skip?.includes(text)) continue;
      const q = byText.get(headerKey(text));
      const ok = q !== undefined && sameCell(q, r.answers[q.id], expected, t.written[text]);
      if (ok) score.cellsRight++;
      else if (score.wrong.length < 12)
        score.wrong.push(
          `${r.responseId} "${text.slice(0, 40)}": ${JSON.stringify(q ? r.answers[q.id] : 'no question')} ≠ ${JSON.stringify(expected)}`,
        );
    }
  }
  return score;
}

/**
 * How many of the truth's questions a derived definition has with the right type (and, for a choice,
 * the right options and "Other"), and how many with the right type alone.
 */
export function definitionAgreement(
  def: Definition,
  truth: ForeignTruth,
): { typed: number; exact: number; of: number } {
  const byText = new Map(def.questions.map((q) => [headerKey(q.text), q]));
  let typed = 0;
  let exact = 0;
  for (const t of truth.questionnaire.questions) {
    const q = byText.get(headerKey(t.text));
    if (!q || q.type !== t.type) continue;
    typed++;
    if (!isChoiceType(t.type)) exact++;
    else {
      const options = (q.options ?? []).filter((o) => o !== q.otherOption);
      const same = JSON.stringify([...options].sort()) === JSON.stringify([...t.options].sort());
      if (same && Boolean(q.otherOption) === t.other) exact++;
    }
  }
  return { typed, exact, of: truth.questionnaire.questions.length };
}

/** The figures of a layout in one line. */
export function describeScore(s: LayoutScore): string {
  const pct = s.cells ? ((100 * s.cellsRight) / s.cells).toFixed(1) : '-';
  return (
    `${s.layout.padEnd(24)} responses ${s.found}/${s.responses}, countries ${s.countriesRight}/${s.responses}, ` +
    `complete ${s.completeRight}/${s.responses}, answers ${s.cellsRight}/${s.cells} (${pct}%)` +
    (s.definition
      ? `; questions typed ${s.definition.typed}/${s.definition.of}, with their options ${s.definition.exact}/${s.definition.of}`
      : '')
  );
}

export { isChoiceType };
