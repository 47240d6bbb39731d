/**
 * The comparison workbook of a batch: its plan (the comparisons), and the .xlsx written from it. Runs
 * in the pane's worker, or on the page where no worker starts; the same code either way.
 */
import { buildWorkbookPlan, type PlanInput } from '../core/plan/build';
import type { WorkbookPlan } from '../core/plan/types';
import { issuePlaces } from '../excel/locate';
import { renderXlsx } from '../xlsx/render';
import type { Places } from './messages';
import type { StageProgress } from './progress';

export interface MadeXlsx {
  bytes: Uint8Array;
  /** Sheets in the workbook, for the message that says what was made. */
  sheets: number;
  places: Places;
}

export interface MadePlan {
  plan: WorkbookPlan;
  places: Places;
}

type Report = (p: StageProgress) => void;

export function makePlan(input: PlanInput, onProgress?: Report): MadePlan {
  const plan = buildWorkbookPlan(input, (fraction) =>
    onProgress?.({ stage: 'comparing', fraction, detail: 'building the sheets' }),
  );
  return { plan, places: [...issuePlaces(plan)] };
}

export async function makeXlsx(input: PlanInput, onProgress?: Report): Promise<MadeXlsx> {
  const { plan, places } = makePlan(input, onProgress);
  onProgress?.({ stage: 'writing', fraction: 0, detail: 'the .xlsx file' });
  const bytes = await renderXlsx(plan, {
    onProgress: (fraction) => onProgress?.({ stage: 'writing', fraction, detail: 'the .xlsx file' }),
  });
  return { bytes, sheets: plan.sheets.length, places };
}
