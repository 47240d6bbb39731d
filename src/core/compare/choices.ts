import { isChoiceType, type Definition, type Question } from '../definition';
import type { Response } from '../model';
import { isYesNo } from './questions';

/** How often one option of a choice question was chosen among the responses that recorded a choice. */
export interface OptionShare {
  question: Question;
  option: string;
  /** Responses choosing the option. */
  chosen: number;
  /** Responses whose choice is recorded (answered, with the chosen options known). */
  answered: number;
  /** chosen / answered; null when no response recorded a choice. */
  share: number | null;
}

/**
 * The share of each option of the choice questions that are not Yes/No (those are scored as Yes
 * shares): a single choice's options add up to one, a multiple choice's each stand alone.
 */
export function optionShares(def: Definition, responses: Response[]): OptionShare[] {
  const out: OptionShare[] = [];
  for (const q of def.questions) {
    if (!isChoiceType(q.type) || isYesNo(q) || !q.options?.length) continue;
    const recorded = responses
      .map((r) => r.answers[q.id])
      .filter((a) => a?.status === 'answered' && (a.choices?.length ?? 0) > 0);
    for (const option of q.options) {
      const chosen = recorded.filter((a) => a!.choices!.includes(option)).length;
      out.push({
        question: q,
        option,
        chosen,
        answered: recorded.length,
        share: recorded.length ? chosen / recorded.length : null,
      });
    }
  }
  return out;
}
