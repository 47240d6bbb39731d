import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignAnswers } from '../../src/core/align';
import { countryFacts } from '../../src/core/countries';
import { countryQuestion, type Definition, type Question } from '../../src/core/definition';
import {
  issueKey,
  responseKey,
  type Answer,
  type FileReport,
  type Issue,
  type RawAnswer,
  type RawResponse,
  type Response,
  type SourceFormat,
} from '../../src/core/model';
import { collapse, SHARED } from './corpus';

/** One answer of the labelled corpus truth (`truth/responses.json`). */
export interface TruthAnswer {
  value: string | string[];
  other?: string;
}

/** One response of the labelled corpus truth, with the issues it expects and allows. */
export interface TruthResponse {
  response_id: string;
  file: string;
  format: SourceFormat;
  country_iso3: string;
  /** What the file says for the country question; the truth's own answer may be inferred. */
  country_written: string;
  country_source: 'answer' | 'inferred';
  choices_recorded: boolean;
  answers: Record<string, TruthAnswer>;
  expected: [string, string][];
  allowed: [string, string][];
  supersedes?: string;
}

/** The truth of a labelled corpus under ../shared (the MSQ 2022 batch unless another is named). */
/** The rules the MSQ truth files label (`expected` / `allowed`); other rules are not scored. */
export const TRUTH_CODES = new Set([
  'required-missing',
  'yes-without-followup',
  'followup-without-yes',
  'placeholder-answer',
  'invalid-email',
  'duplicate-response',
  'country-inferred',
  'selection-not-recorded',
]);

export function loadTruth(corpus = 'corpus/msq-2022'): TruthResponse[] {
  return JSON.parse(readFileSync(join(SHARED, corpus, 'truth/responses.json'), 'utf8')).responses;
}

/** Truth's answer in the product's display form: option labels, `Other: <text>`, choices joined by "; ". */
export function truthDisplayValue(a: TruthAnswer): string {
  const parts = Array.isArray(a.value) ? a.value : a.value === '' ? [] : [a.value];
  return parts.map((p) => (p === 'Other' && a.other ? `Other: ${a.other}` : p)).join('; ');
}

/** The truth's answers as the file holds them: the country question as written. */
export function writtenAnswers(t: TruthResponse, def: Definition): Record<string, TruthAnswer> {
  const country = countryQuestion(def);
  return country ? { ...t.answers, [country.id]: { value: t.country_written } } : t.answers;
}

/**
 * Question ids whose answer a reader gave otherwise than the truth: text compared spaces aside
 * (the country as the file writes it), choices by `sameChoice`.
 */
export function answerMismatches(
  r: RawResponse,
  t: TruthResponse,
  def: Definition,
  sameChoice: (q: Question, got: RawAnswer, want: TruthAnswer) => boolean,
): string[] {
  const written = writtenAnswers(t, def);
  const out: string[] = [];
  for (const q of def.questions) {
    const want = written[q.id];
    const got = r.answers[q.id];
    const same =
      q.type === 'text'
        ? collapse(got.text ?? '<none>') === collapse(String(want.value))
        : sameChoice(q, got, want);
    if (!same) out.push(q.id);
  }
  return out;
}

const choicesOf = (a: TruthAnswer | undefined): string[] =>
  a === undefined ? [] : Array.isArray(a.value) ? a.value : a.value ? [a.value] : [];

/**
 * The truth as a reader would give it: text as answered, choices where the file records them, and
 * on a Forms page only the typed text of an "Other" option.
 */
export function rawFromTruth(t: TruthResponse, def: Definition): RawResponse {
  const answers: Record<string, RawAnswer> = {};
  for (const q of def.questions) {
    const a = t.answers[q.id];
    if (q.type === 'text') {
      const value = a?.value ?? '';
      answers[q.id] = { text: Array.isArray(value) ? value.join('; ') : value };
    } else if (t.choices_recorded) {
      answers[q.id] = { selected: choicesOf(a), ...(a?.other ? { other: a.other } : {}) };
    } else {
      // A Forms page shows a typed "Other" text, never which option was ticked.
      answers[q.id] = a?.other?.trim() && q.otherOption ? { selected: [q.otherOption], other: a.other } : {};
    }
  }
  return { responseId: t.response_id, format: t.format, choicesRecorded: t.choices_recorded, answers };
}

/**
 * Truth answers as the aligner gives them: unrecorded choices `not-recorded`, "Yes" `inferred`
 * from a substantive follow-up, and blank follow-ups of an unmet condition `not-applicable`.
 */
export function answersFromTruth(t: TruthResponse, def: Definition): Record<string, Answer> {
  return alignAnswers(rawFromTruth(t, def), def);
}

/** A current response built from the truth: its answers and its country. */
export function responseFromTruth(t: TruthResponse, def: Definition): Response {
  const facts = t.country_iso3 ? countryFacts(t.country_iso3) : undefined;
  return {
    responseId: t.response_id,
    sourceFile: t.file,
    format: t.format,
    choicesRecorded: t.choices_recorded,
    answers: answersFromTruth(t, def),
    country: {
      iso3: t.country_iso3,
      name: facts?.name ?? t.country_written,
      source: t.country_source,
      written: t.country_written,
      region: facts?.region ?? '',
      subregion: facts?.subregion ?? '',
      ...(t.country_source === 'inferred' ? { evidence: 'clues from the corpus truth' } : {}),
    },
    status: 'current',
  };
}

export interface Batch {
  responses: Response[];
  issues: Issue[];
  reports: FileReport[];
}

/** Responses (later submissions superseding earlier ones), the truth's expected issues, and file reports. */
export function batchFromTruth(truth: TruthResponse[], def: Definition): Batch {
  const responses = truth.map((t) => responseFromTruth(t, def));
  const byKey = new Map(responses.map((r) => [responseKey(r), r]));
  truth.forEach((t, i) => {
    if (!t.supersedes) return;
    const older = byKey.get(responseKey({ sourceFile: t.file, responseId: t.supersedes }));
    if (older) {
      older.status = 'superseded';
      older.supersededBy = responseKey(responses[i]);
    }
  });
  const issues: Issue[] = truth.flatMap((t) =>
    t.expected.map(([rule, questionId]) => ({
      responseId: t.response_id,
      sourceFile: t.file,
      questionId,
      rule,
      severity: def.checks[rule]?.severity ?? 'warning',
      message: questionId ? `${rule} at ${questionId}` : rule,
      evidence: questionId ? String(t.answers[questionId]?.value ?? '').slice(0, 80) : '',
      key: issueKey(t.file, t.response_id, questionId, rule),
    })),
  );
  const files = new Map<string, FileReport>();
  for (const r of responses) {
    const f = files.get(r.sourceFile);
    if (f) f.responses++;
    else
      files.set(r.sourceFile, {
        sourceFile: r.sourceFile,
        status: 'imported',
        format: r.format,
        responses: 1,
        message: '',
      });
  }
  return { responses, issues, reports: [...files.values()] };
}
