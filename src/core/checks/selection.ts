import { isChoiceType } from '../definition';
import type { Response } from '../model';
import { foldText } from '../text';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, evidence } from './text';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One issue per response whose layout lists the options without saying which was chosen. */
function selectionNotRecorded(r: Response, ctx: CheckContext): Finding[] {
  if (r.choicesRecorded) return [];
  const choiceQuestions = ctx.def.questions.filter((q) => isChoiceType(q.type));
  const inferred = choiceQuestions.filter((q) => r.answers[q.id]?.status === 'inferred');
  const unknown = choiceQuestions.filter(
    (q) => (r.answers[q.id]?.status ?? 'not-recorded') === 'not-recorded',
  );
  if (inferred.length + unknown.length === 0) return [];
  const known = choiceQuestions.length - inferred.length - unknown.length;
  const typed = known ? `, ${known} ${known === 1 ? 'is' : 'are'} known from typed "Other" text` : '';
  return [
    {
      questionId: '',
      message:
        `This file does not record which options were chosen: of ${plural(choiceQuestions.length, 'choice question')}, ` +
        `${inferred.length} ${inferred.length === 1 ? 'was' : 'were'} inferred from follow-up answers (unconfirmed)${typed} ` +
        `and ${unknown.length} remain${unknown.length === 1 ? 's' : ''} unknown. Ask the respondent or use the Forms export.`,
      evidence: evidence(
        inferred
          .map((q) => {
            const a = r.answers[q.id];
            return `Q${q.number} ${a.value}${a.basis ? ` (${a.basis})` : ''}`;
          })
          .join('; '),
      ),
    },
  ];
}

/** A recorded choice that is neither one of the options nor the "Other" option. */
function choiceNotInOptions(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.def.questions) {
    const answer = r.answers[q.id];
    if (!isChoiceType(q.type) || !q.options || answer?.status !== 'answered' || !answer.choices) continue;
    const known = new Set([...q.options, ...(q.otherOption ? [q.otherOption] : [])].map(foldText));
    const strays = answer.choices.filter((c) => c.trim() && !known.has(foldText(c)));
    if (strays.length === 0) continue;
    findings.push({
      questionId: q.id,
      message: `${describeQuestion(q)} records ${strays.map((s) => `"${s}"`).join(', ')}, which is not one of its options${q.otherOption ? '' : ' (the question has no "Other")'}.`,
      evidence: evidence(strays.join('; ')),
    });
  }
  return findings;
}

export const selectionRules: Rule[] = [
  {
    code: 'selection-not-recorded',
    family: 'selection',
    title: 'Choices not recorded',
    defaultSeverity: 'info',
    description:
      'A Microsoft Forms page saved as text lists every option without marking the chosen one. One issue per such response says how many choices were inferred from follow-up answers and how many remain unknown.',
    check: selectionNotRecorded,
  },
  {
    code: 'choice-not-in-options',
    family: 'selection',
    title: 'Choice not among the options',
    defaultSeverity: 'warning',
    description:
      'A recorded choice matches none of the question\'s options (ignoring case and accents) and is not its "Other" option, e.g. "Maybe" to a Yes/No question.',
    check: choiceNotInOptions,
  },
];
