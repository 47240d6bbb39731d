/**
 * Where the comparison goes: the open Excel workbook, or (in the browser preview) an in-memory
 * workbook, which is the last plan built, downloaded as .xlsx. Components get these functions as
 * props and never touch Office themselves.
 */
import type { WorkbookState } from '../core/plan/state';
import type { WorkbookPlan } from '../core/plan/types';
import type { WorkbookPlace } from '../excel/a1';
import {
  canOpenNewWorkbook,
  detectCapabilities,
  hostLimitations,
  locateIssue,
  openAsNewWorkbook,
  readLiveState,
  selectPlace,
  writePlan,
  type WriteSummary,
} from '../excel';
import type { OfficeStart } from './office';

export type HostKind = 'excel' | 'preview';

export interface WorkbookHost {
  kind: HostKind;
  /** Why the pane is not connected to Excel where detection went wrong (shown in the pane's header). */
  problem?: string;
  /** What this Excel leaves out of the workbook (older requirement sets), shown before building. */
  limitations?: string[];
  /**
   * Writes the comparison into the open workbook (Excel). Review and Note come from the workbook's
   * Issues table, except for the issues in `editedInPane`, whose pane values are written.
   */
  buildInWorkbook?: (
    plan: WorkbookPlan,
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
    editedInPane?: ReadonlySet<string>,
  ) => Promise<WriteSummary>;
  /**
   * Opens the comparison as a new workbook (Excel, ExcelApi 1.8); refused with a sentence when the
   * file is too large for the one request it travels in (the download is the alternative).
   */
  openAsNewWorkbook?: (plan: WorkbookPlan) => Promise<void>;
  /** Saves the comparison as an .xlsx file (preview, and in Excel for workbooks too large to open new). */
  download?: (plan: WorkbookPlan, fileName: string) => Promise<void>;
  /** Where an issue points in the plan's workbook; in Excel, also selects that cell. */
  showIssue: (plan: WorkbookPlan, issueKey: string) => Promise<WorkbookPlace | undefined>;
  /**
   * What the open workbook holds from earlier builds: its responses and the Review and Note the
   * analyst left in its Issues table; undefined when the add-in has not built into it (Excel).
   * With `{ responses: false }` only the reviews are read (the pane already holds the responses).
   */
  readState?: (options?: { responses?: boolean }) => Promise<WorkbookState | undefined>;
}

async function render(plan: WorkbookPlan): Promise<Uint8Array> {
  const { renderXlsx } = await import(/* webpackChunkName: "xlsx" */ '../xlsx/render');
  return renderXlsx(plan);
}

export function excelHost(): WorkbookHost {
  return {
    kind: 'excel',
    limitations: hostLimitations(detectCapabilities()),
    buildInWorkbook: (plan, onProgress, signal, editedInPane) =>
      writePlan(plan, {
        signal,
        editedInPane,
        onProgress: (p) => onProgress(p.total ? p.done / p.total : 1),
      }),
    openAsNewWorkbook: canOpenNewWorkbook()
      ? async (plan) => openAsNewWorkbook(await render(plan))
      : undefined,
    showIssue: async (plan, key) => {
      const place = locateIssue(plan, key);
      if (place) await selectPlace(place);
      return place;
    },
    // The workbook's stored definition orders what is read back; an older workbook's answers keep their order.
    readState: (options) => readLiveState(undefined, options),
    download: downloadXlsx,
  };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function downloadXlsx(plan: WorkbookPlan, fileName: string): Promise<void> {
  const bytes = await render(plan);
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function previewHost(problem?: string): WorkbookHost {
  return {
    kind: 'preview',
    ...(problem ? { problem } : {}),
    download: downloadXlsx,
    showIssue: async (plan, key) => locateIssue(plan, key),
  };
}

export function chooseHost(start: OfficeStart): WorkbookHost {
  // Office.HostType.Excel is "Excel"; compared as text so the preview never needs Office defined.
  return String(start.info?.host) === 'Excel' && !start.problem ? excelHost() : previewHost(start.problem);
}
