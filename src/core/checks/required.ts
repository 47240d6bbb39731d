import { yesNoParent, type Question } from '../definition';
import type { Response } from '../model';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, isBlank, recordedAs } from './text';

/**
 * Whether a question applies to this response: true when it has no condition or the file
 * records the condition as met; false when the condition is unmet or cannot be known.
 */
function knownToApply(q: Question, r: Response): boolean {
  if (!q.relevant) return true;
  return recordedAs(r.answers[q.relevant.question], q.relevant.equals);
}

/** Another rule already says what is wrong with this blank answer. */
function coveredElsewhere(q: Question, r: Response, ctx: CheckContext): boolean {
  if (q.format === 'country' && r.country.source === 'inferred') return ctx.enabled('country-inferred');
  if (q.format === 'country' && r.country.source === 'unknown') return ctx.enabled('country-unknown');
  if (q.relevant?.equals === 'Yes' && yesNoParent(ctx.def, q)) return ctx.enabled('yes-without-followup');
  return false;
}

function check(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.def.questions) {
    if (!q.required) continue;
    const answer = r.answers[q.id];
    // not-applicable, not-recorded and inferred answers are never blank here.
    if (!isBlank(answer) || !knownToApply(q, r) || coveredElsewhere(q, r, ctx)) continue;
    const parent = q.relevant && ctx.question(q.relevant.question);
    const because = parent ? `, which applies because Q${parent.number} is "${q.relevant!.equals}"` : '';
    findings.push({
      questionId: q.id,
      message: `${describeQuestion(q)} is required but was left blank${because}.`,
      evidence: '',
    });
  }
  return findings;
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
