/** Where an issue points in a plan's workbook: the answer (or response) its row links to. */
import { cellRef } from '../core/plan/a1';
import type { WorkbookPlan } from '../core/plan/types';
import { parsePlace, type WorkbookPlace } from './a1';

const indexes = new WeakMap<WorkbookPlan, Map<string, WorkbookPlace>>();

/**
 * Finds the row that carries the issue key (the Issues table) and follows its link; without a
 * link, the row itself.
 */
export function locateIssue(plan: WorkbookPlan, issueKey: string): WorkbookPlace | undefined {
  return issuePlaces(plan).get(issueKey);
}

/** Where every issue of the plan points, by issue key (what `locateIssue` looks up). */
export function issuePlaces(plan: WorkbookPlan): Map<string, WorkbookPlace> {
  let index = indexes.get(plan);
  if (!index) {
    index = buildIndex(plan);
    indexes.set(plan, index);
  }
  return index;
}

function buildIndex(plan: WorkbookPlan): Map<string, WorkbookPlace> {
  const index = new Map<string, WorkbookPlace>();
  for (const sheet of plan.sheets) {
    for (const table of sheet.tables) {
      const keyColumn = table.columns.findIndex((c) => /^(issue )?key$/i.test(c.header));
      if (keyColumn < 0) continue;
      const linkByRow = new Map<number, string>();
      for (const link of table.links ?? [])
        if (!linkByRow.has(link.row)) linkByRow.set(link.row, link.target);
      table.rows.forEach((row, r) => {
        const key = row[keyColumn];
        if (typeof key !== 'string' || !key || index.has(key)) return;
        const target = linkByRow.get(r);
        const place = target ? parsePlace(target) : undefined;
        index.set(
          key,
          place ?? { sheet: sheet.name, address: cellRef(table.origin.row + 1 + r, table.origin.column) },
        );
      });
    }
  }
  return index;
}
