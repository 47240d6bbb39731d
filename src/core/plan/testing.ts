import type { Definition } from '../definition';
import { issueKey, type Answer, type Issue, type Response, type Severity } from '../model';

/**
 * Small hand-made inputs for tests: a response answering every question (Yes for Yes/No, the first
 * option for other choices, short text otherwise), with chosen answers overridden.
 */
export function makeResponse(
  def: Definition,
  init: Partial<Omit<Response, 'answers'>> & { answers?: Record<string, Partial<Answer>> } = {},
): Response {
  const answers: Record<string, Answer> = {};
  for (const q of def.questions) {
    const first = q.options?.includes('Yes') ? 'Yes' : q.options?.[0];
    answers[q.id] =
      q.type === 'text'
        ? { questionId: q.id, value: `answer ${q.id}`, status: 'answered' }
        : { questionId: q.id, value: first!, status: 'answered', choices: [first!] };
  }
  for (const [id, a] of Object.entries(init.answers ?? {}))
    answers[id] = { ...answers[id], questionId: id, ...a };
  return {
    responseId: init.responseId ?? '1',
    sourceFile: init.sourceFile ?? 'batch.xlsx',
    format: init.format ?? 'export',
    choicesRecorded: init.choicesRecorded ?? true,
    country: init.country ?? {
      iso3: 'FRA',
      name: 'France',
      source: 'answer',
      written: 'France',
      region: 'Europe',
      subregion: 'Western Europe',
    },
    status: init.status ?? 'current',
    ...(init.respondent !== undefined ? { respondent: init.respondent } : {}),
    ...(init.startTime !== undefined ? { startTime: init.startTime } : {}),
    ...(init.completionTime !== undefined ? { completionTime: init.completionTime } : {}),
    ...(init.durationSeconds !== undefined ? { durationSeconds: init.durationSeconds } : {}),
    ...(init.supersededBy !== undefined ? { supersededBy: init.supersededBy } : {}),
    answers,
  };
}

export function makeIssue(
  r: Response,
  questionId: string,
  rule: string,
  severity: Severity = 'warning',
): Issue {
  return {
    responseId: r.responseId,
    sourceFile: r.sourceFile,
    questionId,
    rule,
    severity,
    message: `${rule} ${questionId}`.trim(),
    evidence: questionId ? (r.answers[questionId]?.value ?? '') : '',
    key: issueKey(r.sourceFile, r.responseId, questionId, rule),
  };
}
