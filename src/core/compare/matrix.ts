import { isChoiceType, type Definition, type Question } from '../definition';
import type { Answer, Response } from '../model';
import { countLinks } from './links';
import { excerpt, isYesNo } from './questions';

/** What a comparison cell shows, by kind; the labels are what the colour rules match. */
export type MatrixCellKind =
  | 'yes'
  | 'no'
  | 'inferred-yes'
  | 'inferred-no'
  | 'inferred'
  | 'not-recorded'
  | 'missing'
  | 'not-applicable'
  | 'choice'
  | 'links'
  | 'text';

export const matrixLabels = {
  yes: 'Yes',
  no: 'No',
  inferred: 'Yes (inferred)',
  inferredNo: 'No (inferred)',
  notRecorded: 'not recorded',
  missing: 'missing',
  notApplicable: 'n/a',
} as const;

export interface MatrixCell {
  kind: MatrixCellKind;
  display: string;
}

const excerptLength = 60;

export function matrixCell(q: Question, answer: Answer | undefined): MatrixCell {
  if (!answer || answer.status === 'empty') return { kind: 'missing', display: matrixLabels.missing };
  if (answer.status === 'not-applicable')
    return { kind: 'not-applicable', display: matrixLabels.notApplicable };
  if (answer.status === 'not-recorded') return { kind: 'not-recorded', display: matrixLabels.notRecorded };
  if (answer.status === 'inferred') {
    if (answer.value === 'Yes') return { kind: 'inferred-yes', display: matrixLabels.inferred };
    if (answer.value === 'No') return { kind: 'inferred-no', display: matrixLabels.inferredNo };
    return { kind: 'inferred', display: `${excerpt(answer.value, excerptLength - 11)} (inferred)` };
  }
  if (isYesNo(q) && (answer.value === 'Yes' || answer.value === 'No'))
    return answer.value === 'Yes'
      ? { kind: 'yes', display: matrixLabels.yes }
      : { kind: 'no', display: matrixLabels.no };
  if (isChoiceType(q.type)) return { kind: 'choice', display: excerpt(answer.value, excerptLength) };
  const links = countLinks(answer.value);
  if (links > 0) return { kind: 'links', display: links === 1 ? '1 link' : `${links} links` };
  return { kind: 'text', display: excerpt(answer.value, excerptLength) };
}

/** One row of a section matrix: a response and the cells of the section's questions, in order. */
export interface MatrixRow {
  response: Response;
  cells: MatrixCell[];
}

export function sectionMatrix(def: Definition, sectionId: string, responses: Response[]): MatrixRow[] {
  const questions = def.questions.filter((q) => q.section === sectionId);
  return responses.map((response) => ({
    response,
    cells: questions.map((q) => matrixCell(q, response.answers[q.id])),
  }));
}

/** True when the section holds at least one Yes/No question. */
export function sectionHasYesNo(def: Definition, sectionId: string): boolean {
  return def.questions.some((q) => q.section === sectionId && isYesNo(q));
}
