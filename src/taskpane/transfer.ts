/**
 * The large results that come back from the worker, as messages and gathered again: an import's
 * result (its responses and the worklist's rows in slices) and a plan (each table's rows in slices).
 * The worker posts what `…Messages` yields; the page hands each message to a receiver's `take`.
 */
import type { Issue, Response } from '../core/model';
import type { BatchResult } from '../core/pipeline';
import type { SheetSpec, WorkbookPlan } from '../core/plan/types';
import type { ImportedBatch } from './import-client';
import type { IssueRow } from './issue-rows';
import type { FromWorker, Places } from './messages';
import { ISSUES_PER_SLICE, RESPONSES_PER_SLICE, rowSlices, slices, tableCells } from './slices';
import { placesOf, type LivePlan } from './workbook-main-thread';

/** An import's result: how many items follow, the responses and rows in slices, then the rest. */
export function* resultMessages(result: BatchResult, rows: IssueRow[]): Generator<FromWorker> {
  const { responses, issues, ...head } = result;
  const at = new Map(issues.map((issue, i) => [issue, i]));
  yield { type: 'result', responses: responses.length, issues: issues.length };
  for (const items of slices(responses, RESPONSES_PER_SLICE)) yield { type: 'responses', items };
  for (const items of slices(rows, ISSUES_PER_SLICE))
    yield { type: 'issue-rows', items: items.map((row) => ({ ...row, at: at.get(row.issue)! })) };
  yield { type: 'done', result: head };
}

/**
 * Gathers an import's result. `onSlice` is told, as each slice arrives, how many of the items have
 * arrived, for the progress bar.
 */
export function resultReceiver(onSlice?: (got: number, expected: number) => void) {
  const responses: Response[] = [];
  const issues: Issue[] = [];
  const rows: IssueRow[] = [];
  let expected = 0;
  return {
    responses,
    rows,
    take(msg: FromWorker): ImportedBatch | undefined {
      if (msg.type === 'result') expected = msg.responses + msg.issues;
      else if (msg.type === 'responses') for (const r of msg.items) responses.push(r);
      else if (msg.type === 'issue-rows')
        for (const { at, ...row } of msg.items) {
          issues[at] = row.issue;
          rows.push(row);
        }
      else if (msg.type === 'done') return { ...msg.result, responses, issues, rows };
      if (msg.type === 'responses' || msg.type === 'issue-rows')
        onSlice?.(responses.length + rows.length, expected);
      return undefined;
    },
  };
}

/** A plan: its size in table cells, each sheet without its tables' rows, the rows in slices, the rest. */
export function* planMessages(plan: WorkbookPlan, places: Places): Generator<FromWorker> {
  yield { type: 'plan-size', cells: tableCells(plan) };
  for (const [s, sheet] of plan.sheets.entries()) {
    yield { type: 'sheet', sheet: { ...sheet, tables: sheet.tables.map((t) => ({ ...t, rows: [] })) } };
    for (const [table, t] of sheet.tables.entries())
      for (const rows of rowSlices(t.rows, t.columns.length)) yield { type: 'rows', sheet: s, table, rows };
  }
  yield { type: 'plan', plan: { pivots: plan.pivots, properties: plan.properties }, places };
}

/** Gathers a plan. `onSlice` is told the share of its table cells arrived, for the progress bar. */
export function planReceiver(onSlice?: (fraction: number) => void) {
  const sheets: SheetSpec[] = [];
  let cells = 0;
  let got = 0;
  return {
    take(msg: FromWorker): LivePlan | undefined {
      if (msg.type === 'plan-size') cells = msg.cells;
      else if (msg.type === 'sheet') sheets.push(msg.sheet);
      else if (msg.type === 'rows') {
        const table = sheets[msg.sheet].tables[msg.table];
        for (const row of msg.rows) table.rows.push(row);
        got += msg.rows.length * table.columns.length;
        onSlice?.(cells ? got / cells : 1);
      } else if (msg.type === 'plan') return { plan: { ...msg.plan, sheets }, places: placesOf(msg.places) };
      return undefined;
    },
  };
}
