import type { Answer, RawAnswer } from '../model';
import {
  evaluate,
  ExpressionError,
  parseExpression,
  references,
  type AnswerValue,
  type Expr,
  type Selection,
} from './expression';
import { isChoiceType, type Definition, type Question } from './schema';

/** The expressions a question carries. */
export type ConditionField = 'relevant' | 'constraint';

/** A question's `relevant` or `constraint`, parsed; a clear error naming the question when it cannot be read. */
export function conditionOf(q: Question, field: ConditionField): Expr | undefined {
  const text = q[field];
  if (!text) return undefined;
  try {
    return parseExpression(text);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    throw new ExpressionError(`${q.id}: its ${field} expression "${text}" cannot be read: ${e.message}`);
  }
}

/** The ids of the questions a question's `relevant` or `constraint` reads. */
export function conditionReferences(q: Question, field: ConditionField): string[] {
  const expr = conditionOf(q, field);
  return expr ? references(expr) : [];
}

/** The stored name of an option label: its XLSForm choice name, else the label itself. */
export function optionName(q: Question, label: string): string {
  const i = q.options?.indexOf(label) ?? -1;
  if (i >= 0) return q.optionNames?.[i] ?? label;
  // XLSForm names the "Other" choice `other` (or_other and hand-written lists alike).
  if (label === q.otherOption && q.optionNames) return 'other';
  return label;
}

/** The label of an option given its stored name (or its label), if the question has such an option. */
export function optionLabel(q: Question, name: string): string | undefined {
  const i = q.optionNames?.indexOf(name) ?? -1;
  if (i >= 0) return q.options![i];
  if (q.options?.includes(name)) return name;
  if (q.otherOption && (name === q.otherOption || (q.optionNames && name === 'other'))) return q.otherOption;
  return undefined;
}

function selection(q: Question, labels: readonly string[]): Selection {
  return { names: labels.map((l) => optionName(q, l)), labels: [...labels] };
}

const BLANK_SELECTION: Selection = { names: [], labels: [] };

/**
 * An aligned answer as expressions see it. A choice the file does not record, or only inferred,
 * is unknown; a question that does not apply is blank, as in XLSForm.
 */
export function answerValue(q: Question, answer: Answer | undefined): AnswerValue {
  if (answer?.status === 'not-recorded' || answer?.status === 'inferred') return undefined;
  const blank = !answer || answer.status === 'not-applicable';
  if (isChoiceType(q.type)) return blank ? BLANK_SELECTION : selection(q, answer.choices ?? []);
  return blank ? '' : answer.value.trim();
}

/** A raw answer (as a reader or the sample generator holds it) as expressions see it. */
export function rawAnswerValue(q: Question, raw: RawAnswer | undefined): AnswerValue {
  if (isChoiceType(q.type))
    return raw?.selected ? selection(q, raw.selected) : raw ? undefined : BLANK_SELECTION;
  return (raw?.text ?? '').trim();
}

const indexes = new WeakMap<Definition, Map<string, Question>>();

function questionById(def: Definition, id: string): Question | undefined {
  let index = indexes.get(def);
  if (!index) {
    index = new Map(def.questions.map((q) => [q.id, q]));
    indexes.set(def, index);
  }
  return index.get(id);
}

type Lookup = (q: Question) => AnswerValue;

function evaluateOn(def: Definition, expr: Expr, lookup: Lookup, current?: Question): boolean | undefined {
  return evaluate(expr, {
    value: (id) => {
      const q = questionById(def, id);
      return q ? lookup(q) : undefined;
    },
    current: current && lookup(current),
  });
}

/** Whether a question applies: true without a condition; undefined when the answers it reads are unknown. */
export function relevance(
  def: Definition,
  q: Question,
  answers: Record<string, Answer>,
): boolean | undefined {
  const expr = conditionOf(q, 'relevant');
  return expr ? evaluateOn(def, expr, (p) => answerValue(p, answers[p.id])) : true;
}

/** The same over raw answers (selected labels and typed text). */
export function rawRelevance(
  def: Definition,
  q: Question,
  answers: Record<string, RawAnswer | undefined>,
): boolean | undefined {
  const expr = conditionOf(q, 'relevant');
  return expr ? evaluateOn(def, expr, (p) => rawAnswerValue(p, answers[p.id])) : true;
}

/** Whether the question's answer meets its constraint (`.` is the answer); true without one. */
export function constraintHolds(
  def: Definition,
  q: Question,
  answers: Record<string, Answer>,
): boolean | undefined {
  const expr = conditionOf(q, 'constraint');
  return expr ? evaluateOn(def, expr, (p) => answerValue(p, answers[p.id]), q) : true;
}

/** A condition of the form "question X has option V": `${X} = 'V'` or `selected(${X}, 'V')`. */
export interface SimpleCondition {
  question: string;
  /** The option as the expression names it (an XLSForm choice name such as `yes`). */
  equals: string;
  /** That option's label ("Yes"), where the question has it. */
  label?: string;
}

const simpleConditions = new WeakMap<Definition, Map<Question, SimpleCondition | undefined>>();

/**
 * The question and option a `relevant` depends on, when it is that simple; undefined otherwise.
 * Worked out once per question of a definition; the result is shared and must not be modified.
 */
export function simpleCondition(def: Definition, q: Question): SimpleCondition | undefined {
  let known = simpleConditions.get(def);
  if (!known) simpleConditions.set(def, (known = new Map()));
  if (known.has(q)) return known.get(q);
  const condition = readSimpleCondition(def, q);
  known.set(q, condition);
  return condition;
}

function readSimpleCondition(def: Definition, q: Question): SimpleCondition | undefined {
  const expr = conditionOf(q, 'relevant');
  if (!expr) return undefined;
  let ref: Expr | undefined;
  let literal: Expr | undefined;
  if (expr.kind === 'binary' && expr.op === '=') {
    [ref, literal] = expr.left.kind === 'ref' ? [expr.left, expr.right] : [expr.right, expr.left];
  } else if (expr.kind === 'call' && expr.name === 'selected') [ref, literal] = expr.args;
  if (ref?.kind !== 'ref' || literal?.kind !== 'string') return undefined;
  const parent = questionById(def, ref.question);
  const label = parent && optionLabel(parent, literal.value);
  return { question: ref.question, equals: literal.value, ...(label ? { label } : {}) };
}
