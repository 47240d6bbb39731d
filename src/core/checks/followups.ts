import { yesNoParent, type Question } from '../definition';
import type { Response } from '../model';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, evidence, hasContent, isBlank, recordedAs, recordedChoices } from './text';

interface Pair {
  parent: Question;
  followUp: Question;
}

const pairsByDefinition = new WeakMap<CheckContext['def'], Pair[]>();

/** The "If yes…" text follow-ups of Yes/No questions, from the definition's skip logic. */
function yesFollowUps(ctx: CheckContext): Pair[] {
  const known = pairsByDefinition.get(ctx.def);
  if (known) return known;
  const pairs: Pair[] = [];
  for (const q of ctx.def.questions) {
    const parent = yesNoParent(ctx.def, q);
    if (parent) pairs.push({ parent, followUp: q });
  }
  pairsByDefinition.set(ctx.def, pairs);
  return pairs;
}

/** Only a choice the file records counts: an unrecorded or inferred choice contradicts nothing. */
function yesWithoutFollowUp(r: Response, ctx: CheckContext): Finding[] {
  return yesFollowUps(ctx)
    .filter(
      ({ parent, followUp }) => recordedAs(r.answers[parent.id], 'Yes') && isBlank(r.answers[followUp.id]),
    )
    .map(({ parent, followUp }) => ({
      questionId: followUp.id,
      message: `Q${parent.number} is answered "Yes" but its follow-up ${describeQuestion(followUp)} is blank.`,
      evidence: r.answers[parent.id].value,
    }));
}

/**
 * Details, or a reason for giving none, under a parent recorded "No" or left unanswered.
 * A bare placeholder there says nothing and is left alone; so is a parent answered "Other".
 */
function followUpWithoutYes(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const { parent, followUp } of yesFollowUps(ctx)) {
    const text = r.answers[followUp.id]?.value ?? '';
    const choices = recordedChoices(r.answers[parent.id]);
    if (!choices || !hasContent(text, ctx.def.placeholders)) continue;
    const blankParent = choices.length === 0;
    if (!blankParent && !choices.includes('No')) continue;
    const parentSays = blankParent ? 'was left unanswered' : 'is answered "No"';
    findings.push({
      questionId: followUp.id,
      message: `${describeQuestion(followUp)} has an answer although Q${parent.number} ${parentSays}.`,
      evidence: evidence(text),
    });
  }
  return findings;
}

export const followUpRules: Rule[] = [
  {
    code: 'yes-without-followup',
    family: 'followups',
    title: '"Yes" without the follow-up',
    defaultSeverity: 'warning',
    description:
      'A Yes/No question is recorded "Yes" but its "If yes, please provide…" follow-up is blank. A placeholder follow-up is left to placeholder-answer.',
    check: yesWithoutFollowUp,
  },
  {
    code: 'followup-without-yes',
    family: 'followups',
    title: 'Follow-up without "Yes"',
    defaultSeverity: 'warning',
    description:
      'An "If yes…" follow-up has text, a justification such as "There is no such law" included, although its Yes/No question is recorded "No" or left unanswered.',
    check: followUpWithoutYes,
  },
];
