/**
 * Where the comparison goes: the open Excel workbook, or (in the browser preview) a downloaded .xlsx.
 * The plan and the .xlsx are made off the main thread (workbook-client.ts); the host receives them
 * made. Components get these functions as props and never touch Office themselves.
 */
import type { WorkbookState } from '../core/plan/state';
import type { WorkbookPlan } from '../core/plan/types';
import type { WorkbookPlace } from '../excel/a1';
import {
  canOpenNewWorkbook,
  detectCapabilities,
  hostLimitations,
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
   * Opens the comparison's .xlsx as a new workbook (Excel, ExcelApi 1.8); refused with a sentence when
   * the file is too large for the one request it travels in (the download is the alternative).
   */
  openAsNewWorkbook?: (xlsx: Blob) => Promise<void>;
  /** Saves the comparison's .xlsx (preview, and in Excel for workbooks too large to open new). */
  download?: (xlsx: Blob, fileName: string) => Promise<void>;
  /** Selects the cell an issue points to in the workbook built (Excel); the preview only names it. */
  selectPlace?: (place: WorkbookPlace) => Promise<void>;
  /**
   * What the open workbook holds from earlier builds: its responses and the Review and Note the
   * analyst left in its Issues table; undefined when the add-in has not built into it (Excel).
   * With `{ responses: false }` only the reviews are read (the pane already holds the responses).
   */
  readState?: (options?: { responses?: boolean }) => Promise<WorkbookState | undefined>;
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
      ? async (xlsx) => openAsNewWorkbook(new Uint8Array(await xlsx.arrayBuffer()))
      : undefined,
    selectPlace,
    // The workbook's stored definition orders what is read back; an older workbook's answers keep their order.
    readState: (options) => readLiveState(undefined, options),
    download: downloadXlsx,
  };
}

async function downloadXlsx(xlsx: Blob, fileName: string): Promise<void> {
  const url = URL.createObjectURL(xlsx);
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
  };
}

export function chooseHost(start: OfficeStart): WorkbookHost {
  // Office.HostType.Excel is "Excel"; compared as text so the preview never needs Office defined.
  return String(start.info?.host) === 'Excel' && !start.problem ? excelHost() : previewHost(start.problem);
}
