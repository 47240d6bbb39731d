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
  for (const { f, label } of followUpsOf(def).get(q) ?? []) {
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

const followUps = new WeakMap<Definition, Map<Question, { f: Question; label: string }[]>>();

/**
 * For each question, in the definition's order, the text questions whose condition names one of its
 * options ("If yes…" of a Yes/No question), with that option's label. Worked out once per definition.
 */
function followUpsOf(def: Definition): Map<Question, { f: Question; label: string }[]> {
  let known = followUps.get(def);
  if (known) return known;
  known = new Map();
  const byId = new Map(def.questions.map((q) => [q.id, q]));
  for (const f of def.questions) {
    if (isChoiceType(f.type)) continue;
    const condition = simpleCondition(def, f);
    const q = condition && byId.get(condition.question);
    const label = condition?.label;
    if (!q || !label || !q.options?.includes(label)) continue;
    known.set(q, [...(known.get(q) ?? []), { f, label }]);
  }
  followUps.set(def, known);
  return known;
}

/** An empty question whose condition is known to be unmet does not apply. */
function applySkipLogic(q: Question, answers: Record<string, Answer>, def: Definition): void {
  const answer = answers[q.id];
  if (!q.relevant || answer.status !== 'empty') return;
  if (relevance(def, q, answers) === false) answers[q.id] = { ...answer, status: 'not-applicable' };
}
