/** The live-workbook side of the add-in: the only code that calls Excel.run. */
export { parsePlace, type WorkbookPlace } from './a1';
export { detectCapabilities, hostLimitations, supportsExcelApi, type Capabilities } from './capabilities';
export { describeExcelError, WorkbookError } from './errors';
export { locateIssue } from './locate';
export { canOpenNewWorkbook, fitsNewWorkbook, NEW_WORKBOOK_LIMIT, openAsNewWorkbook } from './new-workbook';
export { selectPlace } from './select';
export { readLiveState, READ_CHUNK_ROWS, type ReadStateOptions } from './state';
export { writePlan, type WriteOptions, type WriteProgress, type WriteSummary } from './write-plan';
