import { isChoiceType, relevance, type Question } from '../definition';
import type { Response } from '../model';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, evidence, isPlaceholder } from './text';

/** A follow-up whose condition the file records as unmet: "N/A" there is the right answer. */
function knownNotToApply(q: Question, r: Response, ctx: CheckContext): boolean {
  return relevance(ctx.def, q, r.answers) === false;
}

function check(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.def.questions) {
    const answer = r.answers[q.id];
    if (!answer || answer.status !== 'answered' || knownNotToApply(q, r, ctx)) continue;
    // For a choice question, the stand-in is the typed "Other" text.
    const text = !isChoiceType(q.type) ? answer.value : (answer.other ?? '');
    if (!isPlaceholder(text, ctx.def.placeholders)) continue;
    const where = !isChoiceType(q.type) ? '' : ` as its "${q.otherOption ?? 'Other'}" text`;
    findings.push({
      questionId: q.id,
      message: `${describeQuestion(q)} holds "${evidence(text)}"${where}, a placeholder rather than an answer.`,
      evidence: evidence(text),
    });
  }
  return findings;
}

export const placeholderRules: Rule[] = [
  {
    code: 'placeholder-answer',
    family: 'placeholders',
    title: 'Placeholder instead of an answer',
    defaultSeverity: 'warning',
    description:
      'The whole answer is a stand-in such as "-", "—", ".", "N/A", "nil", "None", "TBD" or "xxx" (the definition\'s placeholders, compared without case, accents or a trailing full stop). Not raised where the question is known not to apply.',
    check,
  },
];
