/** The About sheet says what this Excel leaves out of the workbook (`hostLimitations`). */
import type { SheetSpec, WorkbookPlan } from '../core/plan/types';

/** The lowest row a sheet's blocks and tables reach, plus one. */
function endRow(sheet: SheetSpec): number {
  let end = 0;
  for (const b of sheet.blocks) end = Math.max(end, b.origin.row + b.rows.length);
  for (const t of sheet.tables) end = Math.max(end, t.origin.row + 1 + Math.max(1, t.rows.length));
  return end;
}

/** The plan with the notes below everything else on its first (About) sheet; the plan itself when there are none. */
export function withHostNotes(plan: WorkbookPlan, notes: string[]): WorkbookPlan {
  if (!notes.length || !plan.sheets.length) return plan;
  const [about, ...rest] = plan.sheets;
  const row = endRow(about) + 1;
  const blocks = [
    ...about.blocks,
    { origin: { row, column: 0 }, rows: [['What this Excel leaves out']], style: 'heading' as const },
    { origin: { row: row + 1, column: 0 }, rows: notes.map((n) => [n]) },
  ];
  return { ...plan, sheets: [{ ...about, blocks }, ...rest] };
}
