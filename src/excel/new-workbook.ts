/**
 * "Open as new workbook": Excel.createWorkbook(base64) is the only way an add-in opens a workbook of
 * its own, and it sends the whole file in one request. Excel on the web refuses a request over 5 MB,
 * and no later request can write into the new workbook (an add-in's requests reach only the workbook
 * it runs in), so a file too large for one request cannot be opened this way: the pane offers the
 * download instead.
 */
import { supportsExcelApi } from './capabilities';
import { toWorkbookError, WorkbookError } from './errors';

/** Base64 characters one createWorkbook request may carry, with room for the request around them. */
export const NEW_WORKBOOK_LIMIT = 4 * 1024 * 1024;

/** Base64 without Node's Buffer: the pane runs in a browser. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

/** Length of the base64 text of so many bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** Whether an .xlsx of this size fits one createWorkbook request. */
export function fitsNewWorkbook(xlsxBytes: number): boolean {
  return base64Length(xlsxBytes) <= NEW_WORKBOOK_LIMIT;
}

export function canOpenNewWorkbook(): boolean {
  return (
    supportsExcelApi('1.8') && typeof Excel !== 'undefined' && typeof Excel.createWorkbook === 'function'
  );
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** Opens an .xlsx as a new workbook in Excel (ExcelApi 1.8), when it fits one request. */
export async function openAsNewWorkbook(xlsx: Uint8Array): Promise<void> {
  if (!canOpenNewWorkbook()) {
    throw new WorkbookError(
      'This version of Excel cannot open a new workbook from an add-in (ExcelApi 1.8). Use Download workbook (.xlsx) and open the file.',
    );
  }
  if (!fitsNewWorkbook(xlsx.length)) {
    throw new WorkbookError(
      `The comparison workbook is ${mb(xlsx.length)} MB; Excel opens a new workbook from an add-in only up to about ${mb((NEW_WORKBOOK_LIMIT * 3) / 4)} MB (it must travel in one request). Use Download workbook (.xlsx) and open the file, or build the comparison in this workbook.`,
      'NewWorkbookTooLarge',
    );
  }
  try {
    await Excel.createWorkbook(toBase64(xlsx));
  } catch (error) {
    throw toWorkbookError(error, 'opening the new workbook');
  }
}
