import { isChoiceType, type Definition, type Question } from './definition';
import type { Answer, RawAnswer, RawResponse } from './model';
import { isSubstantive } from './text';

/**
 * Turns what a reader found into typed answers for every question of the definition:
 * display values, value statuses, choices inferred from follow-ups, and skip logic.
 */
export function alignAnswers(raw: RawResponse, def: Definition): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const q of def.questions) answers[q.id] = readAnswer(q, raw.answers[q.id], raw.choicesRecorded);
  for (const q of def.questions) inferChoice(q, answers, def);
  for (const q of def.questions) applySkipLogic(q, answers);
  return answers;
}

function readAnswer(q: Question, raw: RawAnswer | undefined, choicesRecorded: boolean): Answer {
  if (!isChoiceType(q.type)) {
    const value = raw?.text ?? '';
    return { questionId: q.id, value, status: value.trim() ? 'answered' : 'empty' };
  }
  // Where the layout lists the options without saying which was chosen, the choice is unknown.
  if (raw?.selected === undefined && !choicesRecorded)
    return { questionId: q.id, value: '', status: 'not-recorded' };
  const choices = raw?.selected ?? [];
  const other = raw?.other?.trim() || undefined;
  const value = choices.map((c) => (c === q.otherOption && other ? `${c}: ${other}` : c)).join('; ');
  return {
    questionId: q.id,
    value,
    status: choices.length ? 'answered' : 'empty',
    choices,
    ...(other ? { other } : {}),
  };
}

/** A substantive "If yes…" follow-up suggests Yes; the suggestion is never presented as recorded. */
function inferChoice(q: Question, answers: Record<string, Answer>, def: Definition): void {
  const answer = answers[q.id];
  if (answer.status !== 'not-recorded' || !q.options?.includes('Yes')) return;
  const evidence = def.questions.find(
    (f) =>
      !isChoiceType(f.type) &&
      f.relevant?.question === q.id &&
      f.relevant.equals === 'Yes' &&
      isSubstantive(answers[f.id].value, def.placeholders),
  );
  if (!evidence) return;
  answers[q.id] = {
    questionId: q.id,
    value: 'Yes',
    status: 'inferred',
    choices: ['Yes'],
    basis: `${evidence.id} gives details`,
  };
}

/** An empty question whose condition is known to be unmet does not apply. */
function applySkipLogic(q: Question, answers: Record<string, Answer>): void {
  const answer = answers[q.id];
  if (!q.relevant || answer.status !== 'empty') return;
  const parent = answers[q.relevant.question];
  const known = parent.status === 'answered' || parent.status === 'empty';
  if (known && !(parent.choices ?? []).includes(q.relevant.equals)) {
    answers[q.id] = { ...answer, status: 'not-applicable' };
  }
}
