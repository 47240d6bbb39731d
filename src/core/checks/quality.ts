import type { Response } from '../model';
import { collapseWhitespace, foldText, isFoldedNegative, isFoldedPlaceholder } from '../text';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, evidence } from './text';

/** The same text in this many questions of one response is a copy, not a coincidence. */
const REPEAT_THRESHOLD = 4;
/** Excel's limit on the characters of one cell. */
export const EXCEL_CELL_LIMIT = 32767;

const LINK = /<?(?:https?:\/\/|www\.)[^\s<>]*>?/gi;

/**
 * Worth comparing: at least three words besides any links, so that one portal named for several
 * services or a stock "There is no such law" are not taken for copying.
 */
function isSubstantial(text: string, placeholders: readonly string[]): boolean {
  // Collapsing white space only shortens a text: a short one is out at once.
  if (text.length < 20) return false;
  const folded = foldText(text);
  if (isFoldedPlaceholder(folded, placeholders) || isFoldedNegative(folded)) return false;
  if (collapseWhitespace(text).length < 20) return false;
  const words = text.replace(LINK, ' ').match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? [];
  return words.length >= 3;
}

function repeatedAnswer(r: Response, ctx: CheckContext): Finding[] {
  const byText = new Map<string, string[]>();
  for (const q of ctx.def.questions) {
    const answer = r.answers[q.id];
    if (q.type !== 'text' || q.format || answer?.status !== 'answered') continue;
    if (!isSubstantial(answer.value, ctx.def.placeholders)) continue;
    const key = foldText(answer.value);
    const ids = byText.get(key) ?? [];
    ids.push(q.id);
    byText.set(key, ids);
  }
  const findings: Finding[] = [];
  for (const ids of byText.values()) {
    if (ids.length < REPEAT_THRESHOLD) continue;
    const numbers = ids.map((id) => `Q${ctx.question(id)!.number}`);
    findings.push({
      questionId: ids[0],
      message: `The same answer is given word for word to ${ids.length} questions (${numbers.join(', ')}): check that each question was answered for itself.`,
      evidence: evidence(r.answers[ids[0]].value),
    });
  }
  return findings;
}

function textTooLong(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.def.questions) {
    const value = r.answers[q.id]?.value ?? '';
    if (value.length <= EXCEL_CELL_LIMIT) continue;
    findings.push({
      questionId: q.id,
      message: `${describeQuestion(q)} holds ${value.length.toLocaleString('en')} characters; an Excel cell holds at most ${EXCEL_CELL_LIMIT.toLocaleString('en')}, so the workbook cannot show it whole.`,
      evidence: evidence(value),
    });
  }
  return findings;
}

export const qualityRules: Rule[] = [
  {
    code: 'repeated-answer',
    family: 'quality',
    title: 'Same answer repeated',
    defaultSeverity: 'info',
    description: `The same substantive text (three words or more besides links; not a placeholder or a "there is no…" justification) is given word for word to ${REPEAT_THRESHOLD} or more questions of one response. Raised once, on the first of them.`,
    check: repeatedAnswer,
  },
  {
    code: 'text-too-long',
    family: 'quality',
    title: 'Answer too long for a cell',
    defaultSeverity: 'warning',
    description: `An answer is longer than ${EXCEL_CELL_LIMIT.toLocaleString('en')} characters, the most an Excel cell holds.`,
    check: textTooLong,
  },
];
