import { supportsExcelApi } from './capabilities';
import { toWorkbookError, WorkbookError } from './errors';

/** Base64 without Node's Buffer: the pane runs in a browser. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

export function canOpenNewWorkbook(): boolean {
  return (
    supportsExcelApi('1.8') && typeof Excel !== 'undefined' && typeof Excel.createWorkbook === 'function'
  );
}

/** Opens an .xlsx as a new workbook in Excel (ExcelApi 1.8). */
export async function openAsNewWorkbook(xlsx: Uint8Array): Promise<void> {
  if (!canOpenNewWorkbook()) {
    throw new WorkbookError(
      'This version of Excel cannot open a new workbook from an add-in (ExcelApi 1.8).',
    );
  }
  try {
    await Excel.createWorkbook(toBase64(xlsx));
  } catch (error) {
    throw toWorkbookError(error, 'opening the new workbook');
  }
}
