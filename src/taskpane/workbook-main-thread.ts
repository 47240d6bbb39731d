/**
 * What making the comparison workbook is asked and gives, and the making on the main thread, for
 * where no worker starts (and for the tests); its code loads on first use.
 */
import type { PlanInput } from '../core/plan/build';
import type { WorkbookPlan } from '../core/plan/types';
import type { WorkbookPlace } from '../excel/a1';
import type { Places } from './messages';
import type { StageProgress } from './progress';

export interface WorkbookRequest {
  input: PlanInput;
  signal?: AbortSignal;
  onProgress?: (p: StageProgress) => void;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface XlsxFile {
  /** The .xlsx as a Blob: made where the bytes are, it reaches the page without a copy. */
  file: Blob;
  sheets: number;
  /** Where each issue's row points in the workbook, by issue key. */
  places: Map<string, WorkbookPlace>;
}

export interface LivePlan {
  plan: WorkbookPlan;
  places: Map<string, WorkbookPlace>;
}

export interface MakeWorkbook {
  xlsx(request: WorkbookRequest): Promise<XlsxFile>;
  plan(request: WorkbookRequest): Promise<LivePlan>;
}

export const placesOf = (places: Places) => new Map(places);

const load = () => import(/* webpackChunkName: "workbook-main" */ './make-workbook');

export const workbookOnMainThread: MakeWorkbook = {
  async xlsx(req) {
    const { makeXlsx } = await load();
    const made = await makeXlsx(req.input, req.onProgress);
    return {
      file: new Blob([made.bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }),
      sheets: made.sheets,
      places: placesOf(made.places),
    };
  },
  async plan(req) {
    const { makePlan } = await load();
    const made = makePlan(req.input, req.onProgress);
    return { plan: made.plan, places: placesOf(made.places) };
  },
};
