import { countryFacts } from '../core/countries';
import type { Definition } from '../core/definition';
import {
  issueKey,
  responseKey,
  type Answer,
  type FileReport,
  type Issue,
  type Response,
  type SourceFormat,
} from '../core/model';

/** The labelled corpus's truth file (`truth/responses.json`), as far as batches built from it need. */
export interface TruthFile {
  responses: {
    response_id: string;
    file: string;
    format: SourceFormat;
    country_iso3: string;
    country_written: string;
    country_source: 'answer' | 'inferred';
    choices_recorded: boolean;
    answers: Record<string, { value: string | string[]; other?: string }>;
    expected: [string, string][];
    supersedes?: string;
  }[];
}

export interface Batch {
  responses: Response[];
  issues: Issue[];
  reports: FileReport[];
}

type Truth = TruthFile['responses'][number];

function truthAnswers(def: Definition, t: Truth): Record<string, Answer> {
  const raw = (id: string) => t.answers[id]?.value ?? '';
  const answers: Record<string, Answer> = {};
  for (const q of def.questions) {
    const truth = t.answers[q.id] ?? { value: '' };
    const picked = Array.isArray(truth.value) ? truth.value : truth.value ? [truth.value] : [];
    const id = q.id;
    if (q.relevant && raw(q.relevant.question) !== q.relevant.equals) {
      answers[id] = { questionId: id, value: '', status: 'not-applicable' };
    } else if (!picked.length) {
      answers[id] = { questionId: id, value: '', status: 'empty' };
    } else if (q.type === 'text') {
      answers[id] = { questionId: id, value: picked.join(''), status: 'answered' };
    } else if (!t.choices_recorded) {
      // A Forms page does not say which option was chosen; a filled follow-up implies Yes.
      const followUp = def.questions.find(
        (f) => f.relevant?.question === id && f.relevant.equals === 'Yes' && f.type === 'text',
      );
      const followUpText = followUp ? raw(followUp.id) : '';
      answers[id] =
        followUp && typeof followUpText === 'string' && followUpText.trim()
          ? {
              questionId: id,
              value: 'Yes',
              status: 'inferred',
              choices: ['Yes'],
              basis: `${followUp.id} is answered`,
            }
          : { questionId: id, value: '', status: 'not-recorded' };
    } else {
      const other = truth.other || undefined;
      const value = picked.map((p) => (p === q.otherOption && other ? `Other: ${other}` : p)).join('; ');
      answers[id] = {
        questionId: id,
        value,
        status: 'answered',
        choices: picked,
        ...(other ? { other } : {}),
      };
    }
  }
  return answers;
}

/** Responses, issues (the truth's expected ones) and file reports built from the corpus truth. */
export function batchFromTruth(truth: TruthFile, def: Definition): Batch {
  const responses: Response[] = truth.responses.map((t) => {
    const facts = t.country_iso3 ? countryFacts(t.country_iso3) : undefined;
    return {
      responseId: t.response_id,
      sourceFile: t.file,
      format: t.format,
      choicesRecorded: t.choices_recorded,
      answers: truthAnswers(def, t),
      country: {
        iso3: t.country_iso3,
        name: facts?.name ?? '',
        source: t.country_source,
        written: t.country_written,
        region: facts?.region ?? '',
        subregion: facts?.subregion ?? '',
        ...(t.country_source === 'inferred' ? { evidence: 'links under the national domain' } : {}),
      },
      status: 'current',
    };
  });
  const byKey = new Map(responses.map((r) => [responseKey(r), r]));
  truth.responses.forEach((t, i) => {
    if (!t.supersedes) return;
    const older = byKey.get(responseKey({ sourceFile: t.file, responseId: t.supersedes }));
    if (older) {
      older.status = 'superseded';
      older.supersededBy = responseKey(responses[i]);
    }
  });
  const issues: Issue[] = truth.responses.flatMap((t) =>
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

/** A larger batch: copies of the responses under new ids (`<id>-c<k>`), with their issues. */
export function cloneBatch(batch: Batch, count: number): Batch {
  const responses: Response[] = [];
  const issues: Issue[] = [];
  const byResponse = new Map<string, Issue[]>();
  for (const issue of batch.issues) {
    const key = responseKey(issue);
    byResponse.set(key, [...(byResponse.get(key) ?? []), issue]);
  }
  for (let i = 0; responses.length < count; i++) {
    const source = batch.responses[i % batch.responses.length];
    const copy = Math.floor(i / batch.responses.length);
    const responseId = copy ? `${source.responseId}-c${copy}` : source.responseId;
    const supersededBy =
      source.supersededBy && copy ? `${source.supersededBy}-c${copy}` : source.supersededBy;
    responses.push({ ...source, responseId, ...(supersededBy ? { supersededBy } : {}) });
    for (const issue of byResponse.get(responseKey(source)) ?? [])
      issues.push({
        ...issue,
        responseId,
        key: issueKey(issue.sourceFile, responseId, issue.questionId, issue.rule),
      });
  }
  return { responses, issues, reports: batch.reports };
}
