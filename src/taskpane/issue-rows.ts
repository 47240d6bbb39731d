/** Issues as the pane lists them: with country and section, filterable. */
import type { Definition } from '../core/definition';
import { responseKey, type Issue, type Response, type Severity } from '../core/model';
import { rowLabelling } from '../core/plan/context';

export interface IssueRow {
  issue: Issue;
  country: string;
  /** Section title, or "Whole response" for a response-level issue. */
  section: string;
  question: string;
}

export interface IssueFilter {
  severity: string;
  rule: string;
  section: string;
  country: string;
}

export const ALL = '';
export const noFilter: IssueFilter = { severity: ALL, rule: ALL, section: ALL, country: ALL };
export const WHOLE_RESPONSE = 'Whole response';

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function issueRows(def: Definition, responses: Response[], issues: Issue[]): IssueRow[] {
  const byKey = new Map(responses.map((r) => [responseKey(r), r]));
  const questions = new Map(def.questions.map((q) => [q.id, q]));
  const sections = new Map(def.sections.map((s) => [s.id, s.title]));
  // As the workbook labels them: by country, or by respondent where the questionnaire asks no country.
  const { rowLabel } = rowLabelling(def, responses);
  return issues.map((issue) => {
    const response = byKey.get(responseKey(issue));
    const q = questions.get(issue.questionId);
    return {
      issue,
      country: response ? rowLabel(response) : 'Unknown country',
      section: q ? (sections.get(q.section) ?? q.section) : WHOLE_RESPONSE,
      question: q ? q.id : '',
    };
  });
}

export function applyFilter(rows: IssueRow[], f: IssueFilter): IssueRow[] {
  return rows.filter(
    (r) =>
      (f.severity === ALL || r.issue.severity === f.severity) &&
      (f.rule === ALL || r.issue.rule === f.rule) &&
      (f.section === ALL || r.section === f.section) &&
      (f.country === ALL || r.country === f.country),
  );
}

/** The values each filter offers, from the rows at hand. */
export function filterChoices(rows: IssueRow[], def: Definition) {
  const uniq = (values: string[]) => [...new Set(values)];
  const sectionOrder = [...def.sections.map((s) => s.title), WHOLE_RESPONSE];
  return {
    severity: uniq(rows.map((r) => r.issue.severity)).sort(
      (a, b) => severityRank[a as Severity] - severityRank[b as Severity],
    ),
    rule: uniq(rows.map((r) => r.issue.rule)).sort(),
    section: uniq(rows.map((r) => r.section)).sort(
      (a, b) => sectionOrder.indexOf(a) - sectionOrder.indexOf(b),
    ),
    country: uniq(rows.map((r) => r.country)).sort((a, b) => a.localeCompare(b)),
  };
}

/** Counts by severity, for the summary line. */
export function severityCounts(rows: IssueRow[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of rows) counts[r.issue.severity]++;
  return counts;
}
