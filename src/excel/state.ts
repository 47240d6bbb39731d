/**
 * Reads back from the open workbook what a later import needs (earlier responses, Review and Note),
 * as the CLI does from an .xlsx file: the tables' values go to the same `stateFromTables`.
 */
import type { Definition } from '../core/definition';
import { tableNames } from '../core/plan/columns';
import { definitionFromTable, stateFromTables, type TableRows, type WorkbookState } from '../core/plan/state';
import type { CellValue } from '../core/plan/types';
import { rangeAddress } from './a1';
import { supportsExcelApi } from './capabilities';
import { excelErrorCode, toWorkbookError } from './errors';
import { parseRegistry, REGISTRY_ROWS, REGISTRY_SHEET } from './registry';

/** Rows loaded per request. Excel on the web refuses a response over 5 MB; 2,000 Answers rows stay well under. */
export const READ_CHUNK_ROWS = 2000;

export interface ReadStateOptions {
  /** Rows loaded per request (default 2,000); a chunk Excel still finds too large is halved. */
  chunkRows?: number;
  /** false: read only Review and Note (the Issues table); the state then holds no responses. */
  responses?: boolean;
}

const EMPTY: TableRows = { headers: [], rows: [] };

/**
 * The workbook's state, or undefined when it has no Responses or Answers table (the add-in has not
 * built into it). Tables are found by name wherever they sit; columns by header, in any order. The
 * definition is the one the workbook stores, else `def`.
 */
export async function readLiveState(
  def: Definition | undefined,
  options: ReadStateOptions = {},
): Promise<WorkbookState | undefined> {
  const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? READ_CHUNK_ROWS));
  const withResponses = options.responses !== false;
  let step = 'looking for the comparison tables';
  try {
    return await Excel.run(async (context) => {
      const found = await findTables(context, [
        tableNames.responses,
        tableNames.answers,
        tableNames.issues,
        tableNames.definition,
      ]);
      const responses = found.get(tableNames.responses);
      const answers = found.get(tableNames.answers);
      const issues = found.get(tableNames.issues);
      const stored = found.get(tableNames.definition);
      if (!responses || !answers) return undefined;
      const read = (name: string, table: Excel.Table) => {
        step = `reading the ${name} table`;
        return readTable(context, table, chunkRows);
      };
      const definition =
        stored && withResponses ? definitionFromTable(await read(tableNames.definition, stored)) : undefined;
      const state = stateFromTables(
        {
          responses: withResponses ? await read(tableNames.responses, responses) : EMPTY,
          answers: withResponses ? await read(tableNames.answers, answers) : EMPTY,
          issues: issues ? await read(tableNames.issues, issues) : undefined,
        },
        definition ?? def,
      );
      return definition ? { ...state, definition } : state;
    });
  } catch (error) {
    throw toWorkbookError(error, step);
  }
}

/** The add-in's live table names by plan name, from its registry sheet (a name may differ where the analyst had it). */
async function liveNames(context: Excel.RequestContext): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const sheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  if (!sheets.items.some((s) => s.name.toLowerCase() === REGISTRY_SHEET.toLowerCase())) return out;
  const cells = context.workbook.worksheets
    .getItem(REGISTRY_SHEET)
    .getRange(`A1:A${REGISTRY_ROWS}`)
    .load('values');
  await context.sync();
  const registry = parseRegistry(cells.values);
  for (const record of Object.values(registry?.sheets ?? {})) {
    for (const [plan, live] of Object.entries(record.tables)) out.set(plan.toLowerCase(), live);
  }
  return out;
}

/** The named tables the workbook has (names compare ignoring case, as Excel does). */
async function findTables(
  context: Excel.RequestContext,
  planNames: string[],
): Promise<Map<string, Excel.Table>> {
  const out = new Map<string, Excel.Table>();
  const live = await liveNames(context);
  const byLive = new Map(planNames.map((n) => [(live.get(n.toLowerCase()) ?? n).toLowerCase(), n]));
  const names = [...byLive.keys()];
  const planName = (name: string) => byLive.get(name.toLowerCase()) ?? name;
  if (supportsExcelApi('1.4')) {
    const tables = names.map((name) => ({
      name: planName(name),
      table: context.workbook.tables.getItemOrNullObject(name),
    }));
    await context.sync();
    for (const { name, table } of tables) if (!table.isNullObject) out.set(name, table);
    return out;
  }
  const tables = context.workbook.tables.load('items/name');
  await context.sync();
  for (const name of names) {
    const table = tables.items.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (table) out.set(planName(name), table);
  }
  return out;
}

/** Header names and data rows, loaded `chunkRows` rows per request. */
async function readTable(
  context: Excel.RequestContext,
  table: Excel.Table,
  chunkRows: number,
): Promise<TableRows> {
  return readTableRows(context, table, chunkRows);
}

/** A table's headers and rows, `chunkRows` rows per request (halved where Excel refuses the response). */
export async function readTableRows(
  context: Excel.RequestContext,
  table: Excel.Table,
  chunkRows: number,
  onSync: () => void = () => undefined,
): Promise<TableRows> {
  const header = table.getHeaderRowRange().load('values');
  const body = table.getDataBodyRange().load('rowCount,columnCount,address');
  await context.sync();
  onSync();
  // getResizedRange is ExcelApi 1.2; on 1.1 the chunk is addressed on the sheet instead.
  const resizable = supportsExcelApi('1.2');
  const origin = /!?\$?([A-Z]{1,3})\$?(\d+)/i.exec(body.address.replace(/^.*!/, ''));
  const headers = (header.values[0] ?? []).map((h) => String(h ?? ''));
  const total = body.rowCount;
  const width = body.columnCount;
  const rows: CellValue[][] = [];
  let size = chunkRows;
  for (let start = 0; start < total;) {
    const count = Math.min(size, total - start);
    const range = (
      resizable || !origin
        ? body.getCell(start, 0).getResizedRange(count - 1, width - 1)
        : table.worksheet.getRange(
            rangeAddress(Number(origin[2]) - 1 + start, columnIndex(origin[1]), count, width),
          )
    ).load('values');
    try {
      await context.sync();
      onSync();
    } catch (error) {
      // Long answers can make even a chunk too large to return: ask for fewer rows.
      if (excelErrorCode(error) === 'ResponsePayloadSizeLimitExceeded' && count > 1) {
        size = Math.ceil(count / 2);
        continue;
      }
      throw error;
    }
    for (const row of range.values as unknown[][]) rows.push(row.map(cellValue));
    start += count;
  }
  return { headers, rows };
}

/** Excel gives "" for a blank cell, so an empty cell reads as blank (an absent field). */
function cellValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return null;
}

function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}
