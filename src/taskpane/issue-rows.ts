/** Issues as the pane lists them: with country and section, ordered, filterable and searchable. */
import type { Definition } from '../core/definition';
import { responseKey, type Issue, type Response, type Severity } from '../core/model';
import { rowLabelling } from '../core/plan/context';
import { ruleName } from './rule-names';

export interface IssueRow {
  issue: Issue;
  country: string;
  /** Section title, or "Whole response" for a response-level issue. */
  section: string;
  question: string;
  /** The question's text, searched with the rest. */
  questionText: string;
  /** The evidence in full where the issue's own is cut short: every clue, the whole answer. */
  fullEvidence: string;
  /** Lower-case text the search box matches: country, question, message, evidence, rule. */
  haystack: string;
}

export interface IssueFilter {
  severity: string;
  rule: string;
  section: string;
  country: string;
  /** Words that must all occur in the country, question, message or evidence. */
  search: string;
}

export const ALL = '';
export const noFilter: IssueFilter = { severity: ALL, rule: ALL, section: ALL, country: ALL, search: '' };
export const WHOLE_RESPONSE = 'Whole response';

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The issue's evidence cut short by the checks ("…" at its end) is completed from the response. */
function completeEvidence(issue: Issue, response: Response | undefined): string {
  if (!issue.evidence.endsWith('…') || !response) return issue.evidence;
  if (issue.rule === 'country-inferred' && response.country.evidence) return response.country.evidence;
  const answer = issue.questionId ? response.answers[issue.questionId] : undefined;
  return answer?.value && answer.value.length >= issue.evidence.length - 1 ? answer.value : issue.evidence;
}

/** Rows ordered as a worklist: errors first, then warnings, then infos; within each, by country and question. */
export function issueRows(def: Definition, responses: Response[], issues: Issue[]): IssueRow[] {
  const byKey = new Map(responses.map((r) => [responseKey(r), r]));
  const questions = new Map(def.questions.map((q) => [q.id, q]));
  const sections = new Map(def.sections.map((s) => [s.id, s.title]));
  // As the workbook labels them: by country, or by respondent where the questionnaire asks no country.
  const { rowLabel } = rowLabelling(def, responses);
  const rows = issues.map((issue): IssueRow => {
    const response = byKey.get(responseKey(issue));
    const q = questions.get(issue.questionId);
    const country = response ? rowLabel(response) : 'Unknown country';
    const fullEvidence = completeEvidence(issue, response);
    const question = q ? q.id : '';
    const questionText = q ? q.text : '';
    return {
      issue,
      country,
      section: q ? (sections.get(q.section) ?? q.section) : WHOLE_RESPONSE,
      question,
      questionText,
      fullEvidence,
      haystack: [
        country,
        question,
        questionText,
        issue.message,
        fullEvidence,
        issue.rule,
        ruleName(issue.rule),
      ]
        .join('\n')
        .toLowerCase(),
    };
  });
  rows.sort(
    (a, b) =>
      severityRank[a.issue.severity] - severityRank[b.issue.severity] ||
      collator.compare(a.country, b.country) ||
      (questions.get(a.issue.questionId)?.number ?? 0) - (questions.get(b.issue.questionId)?.number ?? 0) ||
      collator.compare(a.issue.key, b.issue.key),
  );
  return rows;
}

/** The search box's words, each of which must occur. */
function words(search: string): string[] {
  return search.toLowerCase().split(/\s+/).filter(Boolean);
}

export function applyFilter(rows: IssueRow[], f: IssueFilter): IssueRow[] {
  const needles = words(f.search);
  return rows.filter(
    (r) =>
      (f.severity === ALL || r.issue.severity === f.severity) &&
      (f.rule === ALL || r.issue.rule === f.rule) &&
      (f.section === ALL || r.section === f.section) &&
      (f.country === ALL || r.country === f.country) &&
      needles.every((w) => r.haystack.includes(w)),
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
    rule: uniq(rows.map((r) => r.issue.rule)).sort((a, b) => collator.compare(ruleName(a), ruleName(b))),
    section: uniq(rows.map((r) => r.section)).sort(
      (a, b) => sectionOrder.indexOf(a) - sectionOrder.indexOf(b),
    ),
    country: uniq(rows.map((r) => r.country)).sort((a, b) => collator.compare(a, b)),
  };
}

/** Counts by severity, for the summary line. */
export function severityCounts(rows: IssueRow[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const r of rows) counts[r.issue.severity]++;
  return counts;
}

/** Counts by rule, most severe first, then most frequent. */
export function ruleCounts(rows: IssueRow[]): { rule: string; severity: Severity; count: number }[] {
  const counts = new Map<string, { rule: string; severity: Severity; count: number }>();
  for (const r of rows) {
    const c = counts.get(r.issue.rule);
    if (c) c.count++;
    else counts.set(r.issue.rule, { rule: r.issue.rule, severity: r.issue.severity, count: 1 });
  }
  return [...counts.values()].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity] || b.count - a.count,
  );
}

export type Grouping = 'none' | 'country' | 'rule';

/** A virtual list's items: group headings and rows, in order. */
export type ListItem =
  { kind: 'group'; label: string; count: number } | { kind: 'row'; row: IssueRow; index: number };

/** The filtered rows as list items, under a heading per country or per rule where grouped. */
export function groupRows(rows: IssueRow[], grouping: Grouping): ListItem[] {
  if (grouping === 'none') return rows.map((row, index) => ({ kind: 'row', row, index }));
  const label = (r: IssueRow) => (grouping === 'country' ? r.country : ruleName(r.issue.rule));
  const groups = new Map<string, IssueRow[]>();
  for (const r of rows) {
    const l = label(r);
    const g = groups.get(l);
    if (g) g.push(r);
    else groups.set(l, [r]);
  }
  const ordered = [...groups].sort((a, b) => (grouping === 'country' ? collator.compare(a[0], b[0]) : 0));
  const items: ListItem[] = [];
  let index = 0;
  for (const [l, g] of ordered) {
    items.push({ kind: 'group', label: l, count: g.length });
    for (const row of g) items.push({ kind: 'row', row, index: index++ });
  }
  return items;
}
