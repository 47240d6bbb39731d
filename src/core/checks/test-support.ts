/** Builds checkable responses by hand or from the corpus truth, for the tests of this folder. */
import { yesNoParent, type Definition, type Question } from '../definition';
import type { Answer, CountryInfo, Response } from '../model';
import { isSubstantive } from '../text';

export interface TruthAnswer {
  value: string | string[];
  other?: string;
}

export interface TruthEntry {
  response_id: string;
  file: string;
  format: Response['format'];
  country_iso3: string;
  country_written: string;
  country_source: 'answer' | 'inferred';
  choices_recorded: boolean;
  answers: Record<string, TruthAnswer>;
  expected: [string, string][];
  allowed: [string, string][];
  supersedes?: string;
}

function choiceAnswer(q: Question, t: TruthAnswer | undefined, recorded: boolean): Answer {
  const picked = t === undefined ? [] : Array.isArray(t.value) ? t.value : t.value ? [t.value] : [];
  const other = t?.other?.trim() || undefined;
  if (!recorded) {
    // A Forms page shows a typed "Other" text, never which option was ticked.
    if (other && q.otherOption)
      return {
        questionId: q.id,
        value: `${q.otherOption}: ${other}`,
        status: 'answered',
        choices: [q.otherOption],
        other,
      };
    return { questionId: q.id, value: '', status: 'not-recorded' };
  }
  const value = picked.map((c) => (c === q.otherOption && other ? `${c}: ${other}` : c)).join('; ');
  return {
    questionId: q.id,
    value,
    status: picked.length ? 'answered' : 'empty',
    choices: picked,
    ...(other ? { other } : {}),
  };
}

/**
 * Truth answers as the aligner would give them: unrecorded choices `not-recorded`, "Yes"
 * `inferred` from a substantive follow-up, and blank follow-ups of a recorded other choice
 * `not-applicable`.
 */
export function answersFromTruth(t: TruthEntry, def: Definition): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const q of def.questions) {
    if (q.type !== 'text') {
      answers[q.id] = choiceAnswer(q, t.answers[q.id], t.choices_recorded);
      continue;
    }
    const raw = t.answers[q.id]?.value ?? '';
    const value = Array.isArray(raw) ? raw.join('; ') : raw;
    answers[q.id] = { questionId: q.id, value, status: value.trim() ? 'answered' : 'empty' };
  }
  for (const q of def.questions) {
    const parent = yesNoParent(def, q);
    const text = answers[q.id].value;
    if (!parent || answers[parent.id].status !== 'not-recorded') continue;
    if (!isSubstantive(text, def.placeholders)) continue;
    answers[parent.id] = {
      questionId: parent.id,
      value: 'Yes',
      status: 'inferred',
      choices: ['Yes'],
      basis: `${q.id} gives details`,
    };
  }
  for (const q of def.questions) {
    const a = answers[q.id];
    const parent = q.relevant && answers[q.relevant.question];
    if (a.status !== 'empty' || !parent || (parent.status !== 'answered' && parent.status !== 'empty'))
      continue;
    if (!(parent.choices ?? []).includes(q.relevant!.equals))
      answers[q.id] = { ...a, status: 'not-applicable' };
  }
  return answers;
}

export function responseFromTruth(t: TruthEntry, def: Definition): Response {
  const country: CountryInfo = {
    iso3: t.country_iso3,
    name: t.country_written || t.country_iso3,
    source: t.country_source,
    written: t.country_source === 'answer' ? t.country_written : '',
    region: '',
    subregion: '',
    ...(t.country_source === 'inferred' ? { evidence: 'clues from the corpus truth' } : {}),
  };
  return {
    responseId: t.response_id,
    sourceFile: t.file,
    format: t.format,
    choicesRecorded: t.choices_recorded,
    answers: answersFromTruth(t, def),
    country,
    status: 'current',
  };
}

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
  const country = def.questions.find((q) => q.format === 'country');
  if (country) answers[country.id] = 'Estonia';
  return answers;
}

/** The definition with only the given rules configured. */
export function withRules(def: Definition, ...rules: string[]): Definition {
  return { ...def, checks: Object.fromEntries(rules.map((r) => [r, def.checks[r]])) };
}
