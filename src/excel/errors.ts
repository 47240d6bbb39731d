/** Turns Office.js errors into sentences an analyst can act on. */

const SENTENCES: Record<string, string> = {
  RequestPayloadSizeLimitExceeded:
    'Excel refused a request that was too large. Try again; if it keeps failing, import fewer files at a time.',
  ResponsePayloadSizeLimitExceeded: 'Excel could not return that much data at once. Try a smaller selection.',
  InvalidOperationInCellEditMode:
    'Excel is busy editing a cell. Press Enter or Esc to leave the cell, then try again.',
  AccessDenied: 'The workbook is read-only or protected. Unprotect it or save a copy, then try again.',
  ItemAlreadyExists: 'A sheet or table with the same name already exists in this workbook.',
  ItemNotFound: 'A sheet or table the add-in expected is missing from the workbook.',
  InvalidArgument: 'Excel rejected a value the add-in sent.',
  InvalidReference: 'A cell reference was not valid for this workbook.',
  InvalidOperation: 'Excel did not allow that operation on this workbook.',
  InsertDeleteConflict: 'The change collides with existing content (a table, merged cells or a PivotTable).',
  Conflict: 'Someone else changed the workbook at the same time. Try again.',
  ActivityLimitReached: 'Excel is handling too many requests. Wait a moment and try again.',
  RequestAborted: 'Excel stopped the request before it finished. Try again.',
  ServiceNotAvailable: 'Excel is not available right now. Try again in a moment.',
  Unauthenticated: 'Excel asked to sign in again. Sign in, then try again.',
  ApiNotFound:
    'This version of Excel does not offer a feature the add-in needs. Update Office and try again.',
  NotImplemented:
    'This version of Excel does not offer a feature the add-in needs. Update Office and try again.',
  UnsupportedOperation: 'This version of Excel does not support that operation.',
  GeneralException: 'Excel reported an internal error while writing the workbook.',
  RangeExceedsLimit: 'The data is larger than Excel allows on one sheet.',
  NonBlankCellOffSheet: 'Excel cannot insert cells because the sheet would overflow.',
  FilteredRangeConflict: 'A filter on the sheet prevents the change. Clear filters and try again.',
};

interface OfficeLikeError {
  code?: unknown;
  message?: unknown;
  debugInfo?: { errorLocation?: unknown; code?: unknown };
}

/** The Office.js error code of an error, if it has one. */
export function excelErrorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as OfficeLikeError;
  if (typeof e.code === 'string' && e.code) return e.code;
  if (typeof e.debugInfo?.code === 'string') return e.debugInfo.code;
  return undefined;
}

/** A sentence describing what went wrong, with the step the add-in was at. */
export function describeExcelError(error: unknown, step?: string): string {
  const code = excelErrorCode(error);
  const known = code ? SENTENCES[code] : undefined;
  // Office.js errors may come from another realm (the library's frame): read the message, not the class.
  const message = error && typeof error === 'object' ? (error as OfficeLikeError).message : undefined;
  const raw = typeof message === 'string' ? message : typeof error === 'string' ? error : '';
  const where =
    error && typeof error === 'object' ? (error as OfficeLikeError).debugInfo?.errorLocation : undefined;
  const parts = [step ? `While ${step}: ` : ''];
  parts.push(known ?? (raw || 'Excel reported an unknown error.'));
  const detail = [code && !known ? code : '', typeof where === 'string' ? where : ''].filter(Boolean);
  if (known && raw && raw !== known) detail.unshift(raw);
  if (detail.length) parts.push(` (${detail.join('; ')})`);
  return parts.join('');
}

/** An error whose message is already a readable sentence. */
export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}

export function toWorkbookError(error: unknown, step?: string): WorkbookError {
  if (error instanceof WorkbookError) return error;
  return new WorkbookError(describeExcelError(error, step), excelErrorCode(error));
}
