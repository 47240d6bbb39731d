import { relevance, simpleCondition, yesNoParent, type Question } from '../definition';
import type { Response } from '../model';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, isBlank } from './text';

/**
 * Whether a question applies to this response: true when it has no condition or the file
 * records the condition as met; false when the condition is unmet or cannot be known.
 */
function knownToApply(q: Question, r: Response, ctx: CheckContext): boolean {
  return relevance(ctx.def, q, r.answers) === true;
}

/** Another rule already says what is wrong with this blank answer. */
function coveredElsewhere(q: Question, r: Response, ctx: CheckContext): boolean {
  if (q.format === 'country' && r.country.source === 'inferred') return ctx.enabled('country-inferred');
  if (q.format === 'country' && r.country.source === 'unknown') return ctx.enabled('country-unknown');
  if (yesNoParent(ctx.def, q)) return ctx.enabled('yes-without-followup');
  return false;
}

function check(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.def.questions) {
    if (!q.required) continue;
    const answer = r.answers[q.id];
    // not-applicable, not-recorded and inferred answers are never blank here.
    if (!isBlank(answer) || !knownToApply(q, r, ctx) || coveredElsewhere(q, r, ctx)) continue;
    findings.push({
      questionId: q.id,
      message: `${describeQuestion(q)} is required but was left blank${because(q, ctx)}.`,
      evidence: '',
    });
  }
  return findings;
}

/** Why a conditional question applies: its parent's answer, or the condition as written. */
function because(q: Question, ctx: CheckContext): string {
  if (!q.relevant) return '';
  const condition = simpleCondition(ctx.def, q);
  const parent = condition && ctx.question(condition.question);
  if (condition && parent)
    return `, which applies because Q${parent.number} is "${condition.label ?? condition.equals}"`;
  return `, which applies because ${q.relevant} holds`;
}

export const requiredRules: Rule[] = [
  {
    code: 'required-missing',
    family: 'required',
    title: 'Required answer missing',
    defaultSeverity: 'error',
    description:
      'A required question was left blank where it applies. Follow-ups whose condition is unmet, or cannot be known because the file does not record the choice, are not counted; nor are choices a layout does not record.',
    check,
  },
];
