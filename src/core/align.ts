import { isChoiceType, relevance, simpleCondition, type Definition, type Question } from './definition';
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
  for (const q of def.questions) applySkipLogic(q, answers, def);
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

/**
 * A substantive text follow-up suggests the option its condition names ("If yes…" suggests Yes);
 * the suggestion is never presented as recorded.
 */
function inferChoice(q: Question, answers: Record<string, Answer>, def: Definition): void {
  const answer = answers[q.id];
  if (answer.status !== 'not-recorded' || q.type !== 'single') return;
  for (const f of def.questions) {
    if (isChoiceType(f.type)) continue;
    const condition = simpleCondition(def, f);
    const label = condition?.question === q.id ? condition.label : undefined;
    if (!label || !q.options?.includes(label)) continue;
    if (!isSubstantive(answers[f.id].value, def.placeholders)) continue;
    answers[q.id] = {
      questionId: q.id,
      value: label,
      status: 'inferred',
      choices: [label],
      basis: `${f.id} gives details`,
    };
    return;
  }
}

/** An empty question whose condition is known to be unmet does not apply. */
function applySkipLogic(q: Question, answers: Record<string, Answer>, def: Definition): void {
  const answer = answers[q.id];
  if (!q.relevant || answer.status !== 'empty') return;
  if (relevance(def, q, answers) === false) answers[q.id] = { ...answer, status: 'not-applicable' };
}
