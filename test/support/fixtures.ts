/** Hand-made responses and issues for unit tests. */
import { countryQuestion, type Definition } from '../../src/core/definition';
import { issueKey, type Answer, type Issue, type Response, type Severity } from '../../src/core/model';

/** A response with every question blank but the given ones; for unit tests. */
export function handBuilt(
  def: Definition,
  answers: Record<string, string | Partial<Answer>>,
  overrides: Partial<Response> = {},
): Response {
  const all: Record<string, Answer> = {};
  for (const q of def.questions) {
    const given = answers[q.id];
    const base: Answer = {
      questionId: q.id,
      value: '',
      status: 'empty',
      ...(q.type === 'text' ? {} : { choices: [] }),
    };
    if (given === undefined) all[q.id] = base;
    else if (typeof given === 'string') {
      const choices = q.type === 'text' ? undefined : given.split('; ').filter(Boolean);
      all[q.id] = {
        ...base,
        value: given,
        status: given.trim() ? 'answered' : 'empty',
        ...(choices ? { choices } : {}),
      };
    } else all[q.id] = { ...base, ...given };
  }
  return {
    responseId: '1',
    sourceFile: 'reply.docx',
    format: 'word',
    choicesRecorded: true,
    answers: all,
    country: {
      iso3: 'EST',
      name: 'Estonia',
      source: 'answer',
      written: 'Estonia',
      region: 'Europe',
      subregion: 'Northern Europe',
    },
    status: 'current',
    ...overrides,
  };
}

/** Every required question answered, follow-ups not applying: a response without issues, to change one thing at a time. */
export function completeAnswers(def: Definition): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const q of def.questions) {
    if (!q.required || q.relevant) continue;
    answers[q.id] =
      q.type === 'text' ? `Answer to ${q.id}` : q.options!.includes('No') ? 'No' : q.options![0];
  }
  const email = def.questions.find((q) => q.format === 'email' && !q.relevant);
  if (email) answers[email.id] = 'someone@egov.gov.ee';
  const country = countryQuestion(def);
  if (country) answers[country.id] = 'Estonia';
  return answers;
}

/** The definition with only the given rules configured. */
export function withRules(def: Definition, ...rules: string[]): Definition {
  return { ...def, checks: Object.fromEntries(rules.map((r) => [r, def.checks[r]])) };
}

/** The "Yes" the aligner infers for a choice question from its substantive follow-up. */
export function yesFrom(questionId: string, followUpId: string): Answer {
  return {
    questionId,
    value: 'Yes',
    status: 'inferred',
    choices: ['Yes'],
    basis: `${followUpId} gives details`,
  };
}

/** A saved Forms page: `handBuilt`, with every choice question not recorded. */
export function formsPage(
  def: Definition,
  answers: Record<string, string>,
  overrides: Partial<Response> = {},
): Response {
  const r = handBuilt(def, answers, { format: 'forms-text', choicesRecorded: false, ...overrides });
  for (const q of def.questions.filter((q) => q.type !== 'text'))
    r.answers[q.id] = { questionId: q.id, value: '', status: 'not-recorded' };
  return r;
}

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
