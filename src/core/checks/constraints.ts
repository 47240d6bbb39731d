import { constraintHolds, isChoiceType } from '../definition';
import type { Response } from '../model';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, evidence, isBlank, isPlaceholder } from './text';

const NUMBER_TYPES = new Set(['integer', 'decimal']);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/**
 * An answer that breaks its question's constraint (XLSForm's `constraint`, `.` being the answer):
 * an email failing its pattern, a staff count of 0. Blank answers are required-missing's business,
 * and a placeholder is placeholder-answer's where that rule runs.
 */
function check(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.def.questions) {
    const answer = r.answers[q.id];
    if (!q.constraint || answer?.status !== 'answered' || isBlank(answer)) continue;
    if (isChoiceType(q.type) && !(answer.choices ?? []).length) continue;
    if (ctx.enabled('placeholder-answer') && isPlaceholder(answer.value, ctx.def.placeholders)) continue;
    if (constraintHolds(ctx.def, q, r.answers) !== false) continue;
    const rule = q.constraintMessage ? `: ${q.constraintMessage}` : ` ${q.constraint}`;
    // A number question holding words fails any comparison: say so, not only which rule it breaks.
    const what =
      NUMBER_TYPES.has(q.type) && !NUMBER.test(answer.value.trim())
        ? 'not a number, so it breaks'
        : 'which breaks';
    const message = `${describeQuestion(q)} is "${evidence(answer.value)}", ${what} its constraint${rule}`;
    findings.push({
      questionId: q.id,
      message: /[.!?]$/.test(message) ? message : `${message}.`,
      evidence: evidence(answer.value),
    });
  }
  return findings;
}

export const constraintRules: Rule[] = [
  {
    code: 'constraint-violated',
    family: 'constraints',
    title: 'Constraint not met',
    defaultSeverity: 'error',
    description:
      "An answer breaks its question's constraint (XLSForm's `constraint`, evaluated with `.` as the answer): a regular expression such as an email pattern, a comparison on a number (. > 0), a length (string-length(.) <= 200). Blank answers are left to required-missing, placeholders to placeholder-answer, and a constraint reading an answer the file does not record is not judged.",
    check,
  },
];
