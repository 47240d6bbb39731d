import { isChoiceType, relevance, simpleCondition, yesNoParent, type Question } from '../definition';
import type { Response } from '../model';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, evidence, hasContent, recordedChoices } from './text';

/** What the answer says, if anything: typed text, or the options chosen. */
function answerText(q: Question, r: Response, ctx: CheckContext): string {
  const answer = r.answers[q.id];
  if (!answer || answer.status !== 'answered') return '';
  if (isChoiceType(q.type)) return (answer.choices ?? []).length ? answer.value : '';
  return hasContent(answer.value, ctx.def.placeholders) ? answer.value : '';
}

/** The condition in words: "Q12 is \"Yes\" (it is answered \"No\")", or the expression itself. */
function unmet(q: Question, r: Response, ctx: CheckContext): string {
  const condition = simpleCondition(ctx.def, q);
  const parent = condition && ctx.question(condition.question);
  if (!condition || !parent) return `its condition ${q.relevant} does not hold`;
  const choices = recordedChoices(r.answers[parent.id]) ?? [];
  const actual = choices.length ? `it is answered "${r.answers[parent.id].value}"` : 'it was left unanswered';
  return `it applies only when Q${parent.number} is "${condition.label ?? condition.equals}" (${actual})`;
}

/**
 * An answer to a question whose `relevant` the recorded answers show to be unmet. Unknown
 * conditions (a choice the file does not record) and bare placeholders are left alone; so are
 * "If yes…" follow-ups where followup-without-yes already speaks of them.
 */
function check(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.def.questions) {
    if (!q.relevant) continue;
    if (ctx.enabled('followup-without-yes') && yesNoParent(ctx.def, q)) continue;
    const text = answerText(q, r, ctx);
    if (!text || relevance(ctx.def, q, r.answers) !== false) continue;
    findings.push({
      questionId: q.id,
      message: `${describeQuestion(q)} has an answer although ${unmet(q, r, ctx)}.`,
      evidence: evidence(text),
    });
  }
  return findings;
}

export const relevanceRules: Rule[] = [
  {
    code: 'answered-when-not-relevant',
    family: 'relevance',
    title: 'Answered where it does not apply',
    defaultSeverity: 'warning',
    description:
      "A question has an answer although its relevant condition (XLSForm's `relevant`, such as ${has_ta} = 'yes') is unmet by the answers the file records. A condition that cannot be known (a choice the layout does not record) and a bare placeholder are left alone, and so is an \"If yes…\" follow-up where followup-without-yes is enabled.",
    check,
  },
];
