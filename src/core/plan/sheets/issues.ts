import { answerKey, compareLabels } from '../../compare';
import { responseKey, type Issue, type Response } from '../../model';
import { placeLink, rangeRef } from '../a1';
import { column, issueHeaders as h, reviewValues, tableNames } from '../columns';
import type { PlanContext } from '../context';
import { tabColours } from '../palette';
import type { CellValue, LinkSpec, SheetSpec } from '../types';
import { answerValueColumn } from './answers';
import { tableSheet } from './layout';

export interface IssueLinkTargets {
  answersSheet: string;
  answerRow: Map<string, number>;
  responsesSheet: string;
  responseRow: Map<string, number>;
}

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

/** Issues ordered as their responses are, then by question, severity and rule. */
function orderIssues(ctx: PlanContext): Issue[] {
  const responseOrder = new Map(ctx.responses.map((r, i) => [responseKey(r), i]));
  const questionOrder = new Map(ctx.def.questions.map((q) => [q.id, q.number]));
  return [...ctx.issues].sort(
    (a, b) =>
      (responseOrder.get(responseKey(a)) ?? Infinity) - (responseOrder.get(responseKey(b)) ?? Infinity) ||
      compareLabels(responseKey(a), responseKey(b)) ||
      (questionOrder.get(a.questionId) ?? 0) - (questionOrder.get(b.questionId) ?? 0) ||
      severityOrder[a.severity] - severityOrder[b.severity] ||
      compareLabels(a.rule, b.rule),
  );
}

/**
 * One row per issue with the analyst's Review (a drop-down, Open by default) and Note, kept across
 * imports by the Issue key column. Each issue links to its answer (or, for a response-level issue,
 * to its response).
 */
export function issuesSheet(ctx: PlanContext, targets: IssueLinkTargets): SheetSpec {
  const byKey = new Map<string, Response>(ctx.responses.map((r) => [responseKey(r), r]));
  const links: LinkSpec[] = [];
  const rows: CellValue[][] = orderIssues(ctx).map((issue, i) => {
    const rk = responseKey(issue);
    const response = byKey.get(rk);
    const q = ctx.questionById.get(issue.questionId);
    const review = ctx.reviews.get(issue.key);
    const answerRow = targets.answerRow.get(answerKey(rk, issue.questionId));
    const responseRow = targets.responseRow.get(rk);
    if (issue.questionId && answerRow)
      links.push({
        row: i,
        column: 3,
        target: placeLink(targets.answersSheet, answerRow - 1, answerValueColumn),
      });
    else if (responseRow)
      links.push({ row: i, column: 0, target: placeLink(targets.responsesSheet, responseRow - 1, 0) });
    return [
      rk,
      response ? ctx.rowLabel(response) : '',
      q ? (ctx.sectionTitle.get(q.section) ?? q.section) : '',
      issue.questionId,
      issue.rule,
      issue.severity,
      issue.message,
      issue.evidence,
      review?.review ?? 'Open',
      review?.note ?? '',
      response?.status ?? '',
      issue.key,
    ];
  });
  const reviewColumn = 8;
  return tableSheet(ctx, {
    sheet: 'Issues',
    table: tableNames.issues,
    tabColor: tabColours.issues,
    style: 'TableStyleMedium3',
    columns: [
      column(h.response, 'text', 26),
      column(h.country, 'text', 20),
      column(h.section, 'text', 22),
      column(h.question, 'text', 10),
      column(h.rule, 'text', 22),
      column(h.severity, 'text', 10),
      column(h.message, 'text', 50, true),
      column(h.evidence, 'text', 36),
      column(h.review, 'text', 12),
      column(h.note, 'text', 30),
      column(h.responseStatus, 'text', 11),
      column(h.key, 'text', 6),
    ],
    rows,
    links,
    validations: [
      {
        range: rangeRef(1, reviewColumn, Math.max(rows.length, 1), reviewColumn),
        list: [...reviewValues],
      },
    ],
  });
}
