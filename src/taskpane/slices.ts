/**
 * Large arrays cross between the page and its worker in slices. Posting a message copies it whole
 * (structured clone) on the posting thread, and reading it copies it whole on the other: the
 * responses of 1,153 generated submissions (21 MB as cloned) hold a thread for 100–300 ms, a plan
 * (41 MB) for 400 ms to over a second. In slices of about a megabyte each message costs a few
 * milliseconds, and the page yields between them, so no task of its own runs long.
 */
import type { CellValue, WorkbookPlan } from '../core/plan/types';

/** Responses per message: one response of the MSQ (112 answers) is about 18 KB as cloned. */
export const RESPONSES_PER_SLICE = 25;
/** Issues per message, as the worklist's rows (the issue, its labels and search text): about 1 KB each. */
export const ISSUES_PER_SLICE = 500;
/** Cells of a plan's table per message: about 30 bytes each. */
export const CELLS_PER_SLICE = 15_000;

/** The array in consecutive slices of at most `size` items (none for an empty array). */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A table's rows in slices of about CELLS_PER_SLICE cells. */
export function rowSlices(rows: CellValue[][], columns: number): CellValue[][][] {
  return slices(rows, Math.max(1, Math.floor(CELLS_PER_SLICE / Math.max(1, columns))));
}

/** The cells of a plan's tables (rows × columns), for the progress of its transfer. */
export function tableCells(plan: Pick<WorkbookPlan, 'sheets'>): number {
  let n = 0;
  for (const sheet of plan.sheets) for (const t of sheet.tables) n += t.rows.length * t.columns.length;
  return n;
}

/**
 * Resolves in a task of its own, after whatever the page has queued (input, painting): a message
 * to itself, which browsers do not throttle as they do nested timers.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
