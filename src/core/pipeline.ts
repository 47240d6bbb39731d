import { alignAnswers } from './align';
import { resolveDuplicates, runChecks } from './checks';
import {
  countryFacts,
  countryOfSetting,
  inferCountry,
  matchCountry,
  matchFileNameCountry,
} from './countries';
import { countBatch, type BatchCounts } from './counts';
import { countryQuestion, type Definition, type Question } from './definition';
import type { Answer, CountryInfo, FileReport, InputFile, Issue, RawResponse, Response } from './model';
import { responseKey } from './model';
import type { ReviewEntry } from './plan/build';
import { describeRead, readFile } from './read';

export interface ImportProgress {
  done: number;
  total: number;
  file: string;
}

/** Several responses from one country: the latest is current (the others superseded), or all are. */
export type PerCountry = 'latest' | 'all';

export interface ImportOptions {
  /** Told as each file is read (then once more, every file read). */
  onProgress?: (p: ImportProgress) => void;
  /** Told, once the files are read, how many of the check rules have run over the batch. */
  onChecking?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * An earlier wave: its responses are kept unless this batch brings them again, and reviews and the
   * countries the analyst set survive.
   */
  previous?: { responses: Response[]; reviews: Map<string, ReviewEntry>; countries?: Map<string, string> };
  /** Files that are the questionnaire's definition, not responses, with their import report line. */
  definitionFiles?: Map<string, string>;
  /**
   * Countries the analyst sets, by file name (every response of the file) or by `file/response id`:
   * a country name or ISO code. They win over the answer and are kept across waves.
   */
  countries?: Map<string, string>;
  perCountry?: PerCountry;
  /** The analyst's encodings (WHATWG labels): one per file name, and one for the batch's non-Unicode files. */
  encodings?: { batch?: string; files?: Record<string, string> };
}

export interface BatchResult {
  definition: Definition;
  responses: Response[];
  issues: Issue[];
  reports: FileReport[];
  reviews: Map<string, ReviewEntry>;
  /** What holds for the whole batch (no country source, a country setting not understood). */
  notes: string[];
  /**
   * Files read, responses found, copies merged (listed), kept, current and superseded:
   * the figures every summary shows (`countBatch` of the reports and responses).
   */
  counts: BatchCounts;
}

/** files → read → align → countries → duplicates → checks. Never throws for a bad file. */
export async function importBatch(
  files: InputFile[],
  def: Definition,
  opts: ImportOptions = {},
): Promise<BatchResult> {
  const reports: FileReport[] = [];
  const incoming: Response[] = [];
  const batchEncodings = new Map<string, string>();
  for (const [i, file] of files.entries()) {
    throwIfAborted(opts.signal);
    opts.onProgress?.({ done: i, total: files.length, file: file.name });
    const definitionLine = opts.definitionFiles?.get(file.name);
    if (definitionLine !== undefined) {
      reports.push({ sourceFile: file.name, status: 'definition', responses: 0, message: definitionLine });
      continue;
    }
    const encoding = opts.encodings?.files?.[file.name];
    const legacyEncoding = opts.encodings?.batch;
    const outcome = await readFile(file, def, { encoding, legacyEncoding, batchEncodings });
    if (!outcome.ok) {
      reports.push({ sourceFile: file.name, status: 'rejected', responses: 0, message: outcome.message });
      continue;
    }
    const { reading } = outcome;
    // A guessed code page stays with each response, for the encoding-uncertain check.
    const guessed = reading?.basis === 'detected' ? { reading } : {};
    const responses = distinctIds(
      outcome.responses.map((raw) => ({ ...toResponse(raw, file.name, def), ...guessed })),
    );
    incoming.push(...responses);
    reports.push({
      sourceFile: file.name,
      status: 'imported',
      format: outcome.format,
      responses: responses.length,
      message: [describeRead(responses.length, reading), ...(outcome.notes ?? [])].join('; '),
      ...(reading && { reading }),
    });
  }
  opts.onProgress?.({ done: files.length, total: files.length, file: '' });

  const { kept, notes, merged } = keepOnePerSubmission(opts.previous?.responses ?? [], incoming, def);
  for (const [file, lines] of notes) {
    const report = reports.find((r) => r.sourceFile === file);
    if (report)
      report.message += `; ${[...lines].map(([line, n]) => line.replace('{n}', String(n))).join('; ')}`;
  }
  for (const [file, list] of merged) {
    const report = reports.find((r) => r.sourceFile === file);
    if (report) report.merged = list;
  }
  const batchNotes: string[] = [];
  const settings = new Map([...(opts.previous?.countries ?? []), ...(opts.countries ?? [])]);
  const set = setCountries(kept, settings, batchNotes);
  const responses = opts.perCountry === 'all' ? set.map(asCurrent) : resolveDuplicates(set);
  let issues = runChecks(responses, def, opts.onChecking);
  // Kept as separate respondents, a country's responses are no duplicates of each other.
  if (opts.perCountry === 'all') issues = issues.filter((i) => i.rule !== 'duplicate-response');
  if (!countryQuestion(def)) {
    // Without a country question, a response without a country is the rule: say so once.
    const placeless = responses.filter((r) => r.country.source === 'unknown');
    if (placeless.length) {
      const unknown = new Set(placeless.map(responseKey));
      issues = issues.filter((i) => !(i.rule === 'country-unknown' && unknown.has(responseKey(i))));
      batchNotes.unshift(
        `"${def.title}" asks no country: ${placeless.length} of ${responses.length} responses have none (from the file name, the answers or the analyst), so they are compared by organisation or respondent. Set a response's country with --country FILE=COUNTRY (or in the pane).`,
      );
    }
  }
  const liveKeys = new Set(issues.map((i) => i.key));
  const reviews = new Map([...(opts.previous?.reviews ?? [])].filter(([key]) => liveKeys.has(key)));
  const counts = countBatch(reports, responses);
  return { definition: def, responses, issues, reports, reviews, notes: batchNotes, counts };
}

/**
 * Responses of one text file that give no id of their own (several Word questionnaires saved as one
 * text) take the file's name and their place: `reply`, `reply#2`, `reply#3`.
 */
function distinctIds(responses: Response[]): Response[] {
  if (responses.length < 2 || responses.some((r) => r.format === 'export')) return responses;
  const seen = new Set<string>();
  return responses.map((r, k) => {
    if (!seen.has(r.responseId)) {
      seen.add(r.responseId);
      return r;
    }
    const responseId = `${r.responseId}#${k + 1}`;
    seen.add(responseId);
    return { ...r, responseId };
  });
}

function asCurrent(r: Response): Response {
  const copy: Response = { ...r, status: 'current' };
  delete copy.supersededBy;
  return copy;
}

/**
 * Applies the countries the analyst set (by `file/response id`, else by file name). A setting that
 * names no known country is left out, with a note.
 */
function setCountries(responses: Response[], settings: Map<string, string>, notes: string[]): Response[] {
  if (!settings.size) return responses;
  const bad = new Set<string>();
  const out = responses.map((r) => {
    const value = settings.get(responseKey(r)) ?? settings.get(r.sourceFile);
    if (value === undefined || !value.trim()) return r;
    const iso3 = countryOfSetting(value);
    if (!iso3) {
      bad.add(value);
      return r;
    }
    const country: CountryInfo = withFacts(iso3, 'analyst', r.country.written);
    return { ...r, country };
  });
  for (const value of bad)
    notes.push(`The country set by the analyst, "${value}", is not a known country and was left out.`);
  return out;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('The import was cancelled', 'AbortError');
}

/** Derives a response id from a file name when the file gives none. */
export function idFromFileName(name: string): string {
  return name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
}

function toResponse(raw: RawResponse, sourceFile: string, def: Definition): Response {
  const answers = alignAnswers(raw, def);
  const field = countryQuestion(def);
  const country = resolveCountry(answers, field, raw.countryFromFileName);
  if (field) fillInferredCountry(answers, country, field);
  return {
    responseId: raw.responseId || idFromFileName(sourceFile),
    sourceFile,
    format: raw.format,
    choicesRecorded: raw.choicesRecorded,
    respondent: raw.respondent,
    startTime: raw.startTime,
    completionTime: raw.completionTime,
    durationSeconds: raw.durationSeconds,
    ...(raw.complete === undefined ? {} : { complete: raw.complete }),
    answers,
    country,
    status: 'current',
  };
}

/**
 * The country as written in its field, else the one the file's name gives ("DE_ODM 2023.xlsx"),
 * else inferred from the other answers, else unknown.
 */
function resolveCountry(
  answers: Record<string, Answer>,
  field: Question | undefined,
  fromFileName?: string,
): CountryInfo {
  const written = field ? (answers[field.id]?.value.trim() ?? '') : '';
  const matched = written ? matchCountry(written) : undefined;
  if (matched) return withFacts(matched.iso3, 'answer', written);
  const named = fromFileName ? matchFileNameCountry(fromFileName) : undefined;
  if (named) return withFacts(named.iso3, 'file-name', written);
  const texts = Object.values(answers)
    .filter((a) => a.questionId !== field?.id)
    .map((a) => a.value);
  const inferred = inferCountry(texts);
  if (inferred) return { ...withFacts(inferred.iso3, 'inferred', written), evidence: inferred.evidence };
  return { iso3: '', name: written, source: 'unknown', written, region: '', subregion: '' };
}

/** A blank country field takes the inferred country, marked as inferred. */
function fillInferredCountry(answers: Record<string, Answer>, country: CountryInfo, field: Question): void {
  if (country.source !== 'inferred' || answers[field.id]?.status !== 'empty') return;
  answers[field.id] = {
    questionId: field.id,
    value: country.name,
    status: 'inferred',
    basis: country.evidence,
  };
}

function withFacts(iso3: string, source: CountryInfo['source'], written: string): CountryInfo {
  const facts = countryFacts(iso3);
  return {
    iso3,
    name: facts?.name ?? iso3,
    source,
    written,
    region: facts?.region ?? '',
    subregion: facts?.subregion ?? '',
  };
}

/**
 * Microsoft Forms numbers its submissions, so a Forms page and an export row with the same number are
 * one submission, as are the rows of an .xlsx export and its .csv twin. Anything else (a Word file, a
 * row without a Forms number) is one submission per file and response id.
 */
export function submissionKey(r: Response): string {
  const fromForms = (r.format === 'export' || r.format === 'forms-text') && /^\d+$/.test(r.responseId);
  return fromForms ? `forms#${r.responseId}` : `file#${responseKey(r)}`;
}

/** Of two copies of one submission in a batch: recorded choices, then the .xlsx original, then the later one. */
function preferred(a: Response, b: Response): Response {
  if (a.choicesRecorded !== b.choicesRecorded) return a.choicesRecorded ? a : b;
  const xlsx = (r: Response) => /\.xlsx$/i.test(r.sourceFile);
  if (xlsx(a) !== xlsx(b)) return xlsx(a) ? a : b;
  return b;
}

/**
 * An answer as copies of one submission agree on it whatever their layout: its letters and digits,
 * lower-cased (a page saved as Markdown escapes punctuation, an export may re-quote or re-space).
 */
const comparable = (a: Answer | undefined) => (a?.value ?? '').replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();

/**
 * True when two responses are copies of one submission: they agree on every free-text answer both
 * record. Choices (a Forms page records none), numbers and dates (each layout writes them its own
 * way) are left aside. Two exports of different forms may number their submissions alike; their
 * answers tell them apart.
 */
function sameAnswers(a: Response, b: Response, def: Definition): boolean {
  const texts = def.questions.filter((q) => q.type === 'text').map((q) => q.id);
  for (const id of texts) {
    const [x, y] = [a.answers[id], b.answers[id]];
    if (x?.status === 'not-recorded' || y?.status === 'not-recorded') continue;
    if (comparable(x) !== comparable(y)) return false;
  }
  return true;
}

/** The content of a response, for finding identical copies that carry no Forms number (Word files). */
function contentKey(r: Response): string | undefined {
  const entries = Object.entries(r.answers)
    .filter(([, a]) => a.status === 'answered')
    .map(([id, a]) => `${id}=${comparable(a)}`)
    .sort();
  return entries.length ? `content#${r.choicesRecorded}#${entries.join('\u0000')}` : undefined;
}

/**
 * Keeps one response per submission, and says so in the import report of the file concerned:
 * a submission of an earlier wave is replaced by this batch's copy; two copies in this batch (the
 * same Forms number and the same answers, or the same answers in files that carry no number) keep
 * the preferred one, the other listed as merged; a row repeating an id within one file gives way to
 * the later row. Responses that share a Forms number but not their answers are both kept.
 */
function keepOnePerSubmission(
  previous: Response[],
  incoming: Response[],
  def: Definition,
): {
  kept: Response[];
  notes: Map<string, Map<string, number>>;
  merged: Map<string, string[]>;
} {
  const bySubmission = new Map(previous.map((r) => [submissionKey(r), r]));
  const byContent = new Map<string, Response>();
  const earlier = new Set(previous);
  const notes = new Map<string, Map<string, number>>();
  const merged = new Map<string, string[]>();
  const note = (file: string, line: string) => {
    const lines = notes.get(file) ?? new Map<string, number>();
    lines.set(line, (lines.get(line) ?? 0) + 1);
    notes.set(file, lines);
  };
  const drop = (gone: Response, keep: Response, line: string) => {
    note(gone.sourceFile, line);
    const list = merged.get(gone.sourceFile) ?? [];
    list.push(`${responseKey(gone)} (kept as ${responseKey(keep)})`);
    merged.set(gone.sourceFile, list);
  };
  const keepCopy = (existing: Response, r: Response, key: string) => {
    const keep = preferred(existing, r);
    const gone = keep === r ? existing : r;
    bySubmission.set(key, keep);
    const content = key.startsWith('forms#') ? undefined : contentKey(keep);
    if (content) byContent.set(content, keep);
    drop(gone, keep, `{n} also in ${keep.sourceFile}, kept once`);
  };
  for (const r of incoming) {
    let key = submissionKey(r);
    const existing = bySubmission.get(key);
    // Responses without a Forms number are copies when their answers are identical.
    const content = key.startsWith('forms#') ? undefined : contentKey(r);
    if (
      existing &&
      !earlier.has(existing) &&
      existing.sourceFile !== r.sourceFile &&
      !sameAnswers(existing, r, def)
    )
      key = `${key}@${responseKey(r)}`; // the same number from another form: another submission
    const same = bySubmission.get(key);
    const copy = !same && content ? byContent.get(content) : undefined;
    if (copy && copy.sourceFile !== r.sourceFile) {
      const copyKey = [...bySubmission].find(([, v]) => v === copy)![0];
      keepCopy(copy, r, copyKey);
    } else if (!same) {
      bySubmission.set(key, r);
      if (content) byContent.set(content, r);
    } else if (earlier.has(same)) {
      bySubmission.set(key, r);
      if (content) byContent.set(content, r);
      note(r.sourceFile, '{n} replace responses of the earlier import');
      // Counted with the file that brings the submission again: the earlier one is not in this batch.
      const list = merged.get(r.sourceFile) ?? [];
      list.push(`${responseKey(same)} (imported before, replaced by ${responseKey(r)})`);
      merged.set(r.sourceFile, list);
    } else if (same.sourceFile === r.sourceFile) {
      bySubmission.set(key, r);
      if (content) byContent.set(content, r);
      drop(same, r, '{n} repeat the id of an earlier row of this file, whose row gives way to the later one');
    } else {
      keepCopy(same, r, key);
    }
  }
  return { kept: [...bySubmission.values()], notes, merged };
}
