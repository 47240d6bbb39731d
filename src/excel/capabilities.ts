/** Which ExcelApi requirement sets the running Excel offers. */
export interface Capabilities {
  /** 1.6: conditional formats, suspending calculation. */
  conditionalFormats: boolean;
  /** 1.7: tab colours, freeze panes, hyperlinks, document properties. */
  sheetExtras: boolean;
  /** 1.8: data validation, PivotTables, opening a new workbook. */
  validationAndPivots: boolean;
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
    conditionalFormats: supportsExcelApi('1.6'),
    sheetExtras: supportsExcelApi('1.7'),
    validationAndPivots: supportsExcelApi('1.8'),
  };
}
