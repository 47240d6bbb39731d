/**
 * What the add-in remembers in the workbook between builds, on a very hidden sheet: the live name of
 * each of its tables (a name the analyst already used is never taken, so a table may go by another
 * name), and the cells, conditional formats and drop-downs each of its sheets holds, so a rebuild
 * clears exactly those and nothing the analyst added.
 */
export const REGISTRY_SHEET = 'Survey Atlas registry';
/** Characters of the record per cell (a cell holds at most 32,767). */
const CHUNK = 30000;
/** Cells read back: room for 20 × 30,000 characters. */
export const REGISTRY_ROWS = 20;

export interface SheetRecord {
  /** Plan table name → the table's name in the workbook. */
  tables: Record<string, string>;
  /** Addresses of the free blocks written (titles, notes, legends). */
  areas: string[];
  conditionalFormats: string[];
  validations: string[];
  /** A chart or PivotTables the add-in made on the sheet. */
  chart?: boolean;
  pivots?: string[];
}

export interface Registry {
  version: 1;
  sheets: Record<string, SheetRecord>;
}

export function emptyRegistry(): Registry {
  return { version: 1, sheets: {} };
}

/** The record from the registry sheet's first column; undefined when it is not one. */
export function parseRegistry(column: unknown[][]): Registry | undefined {
  const text = column.map((r) => (typeof r[0] === 'string' ? r[0] : '')).join('');
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Registry;
    return parsed && parsed.version === 1 && typeof parsed.sheets === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The record as a column of text cells (padded to the rows read back). */
export function registryColumn(registry: Registry): string[][] {
  const text = JSON.stringify(registry);
  const cells: string[][] = [];
  for (let i = 0; i < text.length; i += CHUNK) cells.push([text.slice(i, i + CHUNK)]);
  if (cells.length > REGISTRY_ROWS) throw new Error('The add-in registry is too large.');
  while (cells.length < REGISTRY_ROWS) cells.push(['']);
  return cells;
}

/** The sheet's record, found ignoring case as Excel compares sheet names. */
export function sheetRecord(registry: Registry | undefined, sheet: string): SheetRecord | undefined {
  if (!registry) return undefined;
  const key = Object.keys(registry.sheets).find((k) => k.toLowerCase() === sheet.toLowerCase());
  return key === undefined ? undefined : registry.sheets[key];
}
