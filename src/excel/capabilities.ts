/** Which ExcelApi requirement sets the running Excel offers. */
export interface Capabilities {
  /** 1.2: column widths. */
  columnWidths: boolean;
  /** 1.4: adding a column at the end of a table (1.1 adds one only before an existing column). */
  appendColumns: boolean;
  /** 1.6: conditional formats, suspending calculation. */
  conditionalFormats: boolean;
  /** 1.7: tab colours, freeze panes, hyperlinks, document properties. */
  sheetExtras: boolean;
  /** 1.8: data validation, PivotTables, opening a new workbook. */
  validationAndPivots: boolean;
  /** 1.9: copying ranges, so a rebuild is written aside first and swapped in only once complete. */
  copyRanges: boolean;
  /** 1.12: filtering a PivotTable's items. */
  pivotFilters: boolean;
}

export function supportsExcelApi(version: string): boolean {
  if (typeof Office === 'undefined') return false;
  try {
    return Office.context?.requirements?.isSetSupported('ExcelApi', version) ?? false;
  } catch {
    return false;
  }
}

export function detectCapabilities(): Capabilities {
  return {
    columnWidths: supportsExcelApi('1.2'),
    appendColumns: supportsExcelApi('1.4'),
    conditionalFormats: supportsExcelApi('1.6'),
    sheetExtras: supportsExcelApi('1.7'),
    validationAndPivots: supportsExcelApi('1.8'),
    copyRanges: supportsExcelApi('1.9'),
    pivotFilters: supportsExcelApi('1.12'),
  };
}

/**
 * What this Excel leaves out of the comparison workbook, in the analyst's words; empty when it
 * offers everything. Shown in the pane and on the About sheet.
 */
export function hostLimitations(caps: Capabilities): string[] {
  const out: string[] = [];
  if (!caps.columnWidths) out.push('Column widths are left as they are (they need ExcelApi 1.2).');
  if (!caps.conditionalFormats)
    out.push('No colours by answer status or score (conditional formats need ExcelApi 1.6).');
  if (!caps.sheetExtras)
    out.push(
      'No links from issues to their answers, no frozen header rows and no tab colours (they need ExcelApi 1.7).',
    );
  if (!caps.validationAndPivots)
    out.push(
      'No Review drop-down (type Open, Confirmed, Dismissed or Fixed) and no PivotTable (they need ExcelApi 1.8); the Pivot sheet explains how to make one.',
    );
  else if (!caps.pivotFilters)
    out.push(
      'The PivotTable counts superseded responses too: this Excel cannot set its Status filter (ExcelApi 1.12). Choose "current" in the Status filter above the PivotTable.',
    );
  if (!caps.copyRanges)
    out.push(
      'A rebuild writes into the existing sheets directly (writing aside first needs ExcelApi 1.9): if it stops midway, build again.',
    );
  return out;
}
