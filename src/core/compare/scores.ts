import type { Definition } from '../definition';
import type { Answer, Issue, Response, Severity } from '../model';
import { responseKey } from '../model';
import { isYesNo, questionsBySection } from './questions';

/** Yes = 1, No = 0 for an answered Yes/No question; null for anything else. */
export function yesNoScore(answer: Answer | undefined): 0 | 1 | null {
  if (!answer || answer.status !== 'answered') return null;
  if (answer.value === 'Yes') return 1;
  if (answer.value === 'No') return 0;
  return null;
}

export interface Completeness {
  /** Questions that apply (skip logic allowing). */
  applicable: number;
  /** Applicable questions whose answer the file lets us know (choices not recorded are unknowable). */
  knowable: number;
  /** Knowable questions answered, or inferred from other answers. */
  answered: number;
  /** answered / knowable; null when nothing is knowable. */
  share: number | null;
}

export function completeness(answers: (Answer | undefined)[]): Completeness {
  let applicable = 0;
  let knowable = 0;
  let answered = 0;
  for (const a of answers) {
    if (!a || a.status === 'not-applicable') continue;
    applicable++;
    if (a.status === 'not-recorded') continue;
    knowable++;
    if (a.status === 'answered' || a.status === 'inferred') answered++;
  }
  return { applicable, knowable, answered, share: knowable ? answered / knowable : null };
}

export interface SectionScore {
  sectionId: string;
  yes: number;
  no: number;
  /** Share of Yes among answered Yes/No questions; null when none is answered. */
  yesShare: number | null;
  completeness: Completeness;
}

export type IssueCounts = Record<Severity, number>;

export const noIssues = (): IssueCounts => ({ error: 0, warning: 0, info: 0 });

export interface ResponseScores {
  response: Response;
  sections: SectionScore[];
  completeness: Completeness;
  issues: IssueCounts;
}

/** Issue counts by response key. */
export function issueCountsByResponse(issues: Issue[]): Map<string, IssueCounts> {
  const counts = new Map<string, IssueCounts>();
  for (const issue of issues) {
    const key = responseKey(issue);
    let c = counts.get(key);
    if (!c) counts.set(key, (c = noIssues()));
    c[issue.severity]++;
  }
  return counts;
}

/** Issue counts by response key and question id (`key\u0000Qn`); response-level issues are left out. */
export function issueCountsByAnswer(issues: Issue[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of issues) {
    if (!issue.questionId) continue;
    const key = answerKey(responseKey(issue), issue.questionId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function answerKey(responseKeyValue: string, questionId: string): string {
  return `${responseKeyValue}\u0000${questionId}`;
}

export function responseCompleteness(def: Definition, response: Response): Completeness {
  return completeness(def.questions.map((q) => response.answers[q.id]));
}

/** Per-section Yes shares and completeness, overall completeness and issue counts of each response. */
export function sectionScores(def: Definition, responses: Response[], issues: Issue[]): ResponseScores[] {
  const bySection = questionsBySection(def);
  const issueCounts = issueCountsByResponse(issues);
  return responses.map((response) => {
    const sections = def.sections.map((section): SectionScore => {
      const questions = bySection.get(section.id) ?? [];
      let yes = 0;
      let no = 0;
      for (const q of questions) {
        if (!isYesNo(q)) continue;
        const score = yesNoScore(response.answers[q.id]);
        if (score === 1) yes++;
        else if (score === 0) no++;
      }
      return {
        sectionId: section.id,
        yes,
        no,
        yesShare: yes + no ? yes / (yes + no) : null,
        completeness: completeness(questions.map((q) => response.answers[q.id])),
      };
    });
    return {
      response,
      sections,
      completeness: responseCompleteness(def, response),
      issues: issueCounts.get(responseKey(response)) ?? noIssues(),
    };
  });
}
