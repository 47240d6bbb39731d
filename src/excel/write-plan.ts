/**
 * Writes a WorkbookPlan into the open workbook, in place and all or nothing:
 * - the add-in's sheets and tables are kept and resized, their values rewritten, so the analyst's
 *   formulas, PivotTables and charts that refer to them keep working; nothing the analyst made is
 *   deleted, and a table name the analyst already uses is never taken (the registry remembers); a
 *   table whose columns differ from the plan's (an earlier version's) gains and loses table columns
 *   where the headers say, keeping the columns both have;
 * - Review and Note are read from the workbook immediately before writing, so edits made in Excel
 *   since the last import are kept (the pane's own edits since the last build win);
 * - a rebuild is first written aside, on staging sheets, and copied over the live sheets only once
 *   every write succeeded (ExcelApi 1.9); a failure removes what was written and names its step;
 * - requests are sized as Office.js serialises them, under 4 MiB (Excel on the web refuses 5 MB),
 *   and one Excel still refuses is sent again in halves.
 */
import { issueHeaders, tableNames } from '../core/plan/columns';
import type { ConditionalFormat, SheetSpec, TableSpec, WorkbookPlan } from '../core/plan/types';
import { columnRange, rangeAddress } from './a1';
import { detectCapabilities, hostLimitations, type Capabilities } from './capabilities';
import { blockGrid, cssColor, tableSlice, widthInPoints, type CellGrid, type DateSystem } from './cells';
import { toWorkbookError, WorkbookError } from './errors';
import { withHostNotes } from './host-notes';
import { addLiveExtras } from './live-extras';
import {
  ACTION_OVERHEAD,
  DEFAULT_REQUEST_BUDGET,
  jsonBytes,
  rangeWriteOverhead,
  RequestBatcher,
  sliceBySize,
  type Op,
} from './payload';
import {
  emptyRegistry,
  parseRegistry,
  registryColumn,
  REGISTRY_ROWS,
  REGISTRY_SHEET,
  sheetRecord,
  type Registry,
  type SheetRecord,
} from './registry';
import { readTableRows } from './state';
import { alignColumns, changesColumns } from './table-columns';
import { safeLinkTarget } from '../core/plan/text-safety';

export interface WriteProgress {
  /** Estimated bytes sent so far and in all. */
  done: number;
  total: number;
  step: string;
}

export interface WriteOptions {
  /** Largest request the writer sends, in bytes as Office.js serialises it (default 4 MiB). */
  maxRequestBytes?: number;
  onProgress?: (p: WriteProgress) => void;
  /** Honoured until the new content is complete; the swap that follows is not interrupted. */
  signal?: AbortSignal;
  /** Overrides the requirement-set checks (tests, or hosts that misreport). */
  capabilities?: Capabilities;
  /**
   * Issues whose Review or Note the analyst changed in the pane since the last build: the pane's
   * value is written. Every other issue keeps what the workbook's Issues table holds.
   */
  editedInPane?: ReadonlySet<string>;
}

export interface WriteSummary {
  /** Requests sent (context.sync calls). */
  requests: number;
  largestRequestBytes: number;
  tables: number;
  /** Optional features left out, with the reason. */
  skipped: string[];
  /** Requests Excel refused as too large and that went through in halves. */
  retries?: number;
  /** Reviews and notes taken from the workbook's Issues table. */
  reviewsFromWorkbook?: number;
}

/** Where one plan sheet goes. */
interface Target {
  spec: SheetSpec;
  /** The sheet written now (a staging sheet for a rebuild on ExcelApi 1.9). */
  sheet: string;
  /** The add-in's sheet already in the workbook. */
  existing: boolean;
  staged: boolean;
  /** Plan table → name of the table written now, and of the live table. */
  writeName: Map<string, string>;
  liveName: Map<string, string>;
  /** Live tables' current boxes (existing sheets). */
  liveBoxes: Map<string, Box>;
  /** Tables of the analyst's on the sheet, by name. */
  otherBoxes: Map<string, Box>;
  /** The header row of every table on the sheet, by live name in lower case. */
  liveHeaders: Map<string, string[]>;
}

interface Box {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** A build refused before anything is written (a name or a layout it cannot update in place). */
class Failure extends Error {}
const REFUSED = 'BuildRefused';

export async function writePlan(plan: WorkbookPlan, opts: WriteOptions = {}): Promise<WriteSummary> {
  const state = { step: 'reading the workbook', partial: false, written: false };
  try {
    return await Excel.run((context) => writeInContext(context, plan, opts, state));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    // A build refused before anything was written already says so.
    if (error instanceof WorkbookError && error.code === REFUSED) throw error;
    const e = toWorkbookError(error, state.step);
    const after = state.written
      ? ' The comparison itself was written.'
      : state.partial
        ? ' Some Survey Atlas sheets were partly updated: build again to complete them.'
        : ' The workbook was left as it was.';
    throw new WorkbookError(e.message + after, e.code);
  }
}

async function writeInContext(
  context: Excel.RequestContext,
  original: WorkbookPlan,
  opts: WriteOptions,
  state: { step: string; partial: boolean; written: boolean },
): Promise<WriteSummary> {
  const caps = opts.capabilities ?? detectCapabilities();
  const budget = opts.maxRequestBytes ?? DEFAULT_REQUEST_BUDGET;
  const book = context.workbook;
  const skipped: string[] = [];
  let requests = 0;
  let cancellable = true;
  const sync = async () => {
    if (cancellable && opts.signal?.aborted) {
      throw new DOMException('Writing the workbook was cancelled', 'AbortError');
    }
    await context.sync();
    requests++;
  };

  // 1. What the workbook holds: sheets, tables, the registry, the date system.
  const sheets = book.worksheets.load('items/name');
  await sync();
  const sheetNames = sheets.items.map((w) => w.name);
  const has = (name: string) => sheetNames.some((n) => n.toLowerCase() === name.toLowerCase());
  const tablesBySheet = new Map<string, Excel.TableCollection>();
  for (const name of sheetNames) {
    tablesBySheet.set(name.toLowerCase(), book.worksheets.getItem(name).tables.load('items/name'));
  }
  const registryExisted = has(REGISTRY_SHEET);
  const created: string[] = [];
  if (!registryExisted) {
    state.step = 'preparing the workbook';
    const ws = book.worksheets.add(REGISTRY_SHEET);
    ws.visibility = 'VeryHidden';
    created.push(REGISTRY_SHEET);
  }
  // The date system, seen through a formula: DATE(1904,1,1) is 0 in a 1904 workbook, 1462 otherwise.
  const probe = book.worksheets.getItem(REGISTRY_SHEET).getRange('B1');
  probe.formulas = [['=DATE(1904,1,1)']];
  probe.load('values');
  const registryCells = registryExisted
    ? book.worksheets.getItem(REGISTRY_SHEET).getRange(`A1:A${REGISTRY_ROWS}`).load('values')
    : undefined;

  const cleanup = async () => {
    // Remove what this build added; what was there before is untouched until the swap.
    if (registryExisted) book.worksheets.getItem(REGISTRY_SHEET).getRange('B1').clear();
    for (const name of created.reverse()) book.worksheets.getItem(name).delete();
    try {
      await context.sync();
    } catch {
      // The session may be gone; a staging sheet left behind is removed by the next build.
    }
  };

  try {
    await sync();
    const dates: DateSystem = { date1904: probe.values[0]?.[0] === 0 };
    const registry = (registryCells && parseRegistry(registryCells.values)) ?? undefined;
    const allTables = new Map<string, string>(); // lower-case table name → sheet
    for (const [sheet, coll] of tablesBySheet)
      for (const t of coll.items) allTables.set(t.name.toLowerCase(), sheet);
    const tablesOn = (sheet: string) =>
      tablesBySheet.get(sheet.toLowerCase())?.items.map((t) => t.name) ?? [];

    // Leftover staging sheets of a build that lost its session.
    for (const name of sheetNames.filter((n) => STAGING.test(n))) book.worksheets.getItem(name).delete();

    // 2. Which plan sheets are the add-in's already; a sheet of the analyst's with a plan name stops the build.
    const plan = withHostNotes(original, hostLimitations(caps));
    const legacy =
      !registry &&
      plan.sheets.some((s) =>
        s.tables.some((t) => tablesOn(s.name).some((n) => n.toLowerCase() === t.name.toLowerCase())),
      );
    const taken = new Set(allTables.keys());
    const takenSheets = new Set(sheetNames.map((n) => n.toLowerCase()));
    const targets: Target[] = [];
    for (const spec of plan.sheets) {
      const existing = has(spec.name);
      const record = sheetRecord(registry, spec.name);
      if (existing && !record && !legacy) {
        throw new Failure(
          `This workbook already has a sheet named "${spec.name}" that Survey Atlas did not make. Rename that sheet, then build again; nothing was changed.`,
        );
      }
      const staged = existing && caps.copyRanges;
      const liveName = new Map<string, string>();
      const writeName = new Map<string, string>();
      const on = tablesOn(spec.name);
      for (const t of spec.tables) {
        const remembered = record?.tables[t.name] ?? t.name;
        const live = existing ? on.find((n) => n.toLowerCase() === remembered.toLowerCase()) : undefined;
        const name = live ?? freeName(taken, t.name, '_');
        liveName.set(t.name, name);
        writeName.set(t.name, staged ? freeName(taken, `SurveyAtlasStaging_${t.name}`, '_') : name);
      }
      targets.push({
        spec,
        sheet: staged ? freeName(takenSheets, `~Survey Atlas ${targets.length + 1}`, ' ') : spec.name,
        existing,
        staged,
        writeName,
        liveName,
        liveBoxes: new Map(),
        otherBoxes: new Map(),
        liveHeaders: new Map(),
      });
    }

    // 3. Where the live tables are, and the Review and Note the analyst typed in Excel.
    state.step = 'reading the workbook';
    // Every table on the add-in's sheets: its own, and any the analyst added there (which resizing must
    // not cut), with its header row (the columns a table of the add-in's has now).
    const boxes: { target: Target; live: string; range: Excel.Range; header: Excel.Range }[] = [];
    for (const target of targets.filter((t) => t.existing)) {
      for (const live of tablesOn(target.spec.name)) {
        const table = book.worksheets.getItem(target.spec.name).tables.getItem(live);
        const range = table.getRange().load('address');
        // The table's first row: its headers (getHeaderRowRange would fail on a table shown without them).
        const header = table.getRange().getRow(0).load('values');
        boxes.push({ target, live, range, header });
      }
    }
    if (boxes.length) await sync();
    for (const { target, live, range, header } of boxes) {
      const planName = [...target.liveName].find(([, l]) => l.toLowerCase() === live.toLowerCase())?.[0];
      if (planName) target.liveBoxes.set(planName, parseBox(range.address));
      else target.otherBoxes.set(live, parseBox(range.address));
      target.liveHeaders.set(
        live.toLowerCase(),
        (header.values[0] ?? []).map((h) => String(h)),
      );
    }
    // A table of the add-in's that the analyst renamed is still the one where the plan puts it: at its
    // origin, with its columns (or, where the plan's columns changed, at least half of them).
    for (const target of targets.filter((t) => t.existing)) {
      for (const t of target.spec.tables) {
        if (target.liveBoxes.has(t.name)) continue;
        const plan = new Set(t.columns.map((c) => c.header.toLowerCase()));
        const renamed = [...target.otherBoxes].find(([name, b]) => {
          if (b.top !== t.origin.row || b.left !== t.origin.column) return false;
          if (b.columns === t.columns.length) return true;
          const shared = (target.liveHeaders.get(name.toLowerCase()) ?? []).filter((h) =>
            plan.has(h.toLowerCase()),
          );
          return shared.length * 2 >= Math.min(b.columns, t.columns.length);
        });
        if (!renamed) continue;
        target.otherBoxes.delete(renamed[0]);
        target.liveBoxes.set(t.name, renamed[1]);
        target.liveName.set(t.name, renamed[0]);
        if (!target.staged) target.writeName.set(t.name, renamed[0]);
      }
    }
    const resizes = targets.map((t) => planResize(t, caps.appendColumns));

    state.step = 'reading Review and Note from the Issues table';
    const issues = findIssues(plan, targets);
    let reviewsFromWorkbook = 0;
    if (issues) {
      const live = await readTableRows(
        context,
        book.worksheets.getItem(issues.target.spec.name).tables.getItem(issues.liveName),
        2000,
        () => requests++,
      );
      reviewsFromWorkbook = overlayReviews(issues.table, live, opts.editedInPane ?? new Set());
    }

    // 4. The new content: new sheets under their names, rebuilt ones on staging sheets (or in place).
    const ops: Op[] = [];
    const op = (step: string, bytes: number, queue: () => void, split?: () => Op[]) =>
      ops.push({ step, bytes, queue, split });
    const ws = (name: string) => () => book.worksheets.getItem(name);
    for (const t of targets) {
      if (t.existing && !t.staged) continue;
      op(t.staged ? 'preparing the new content' : 'adding sheets', 64, () => book.worksheets.add(t.sheet));
      created.push(t.sheet);
    }
    for (const t of targets) {
      const sink = new Sink(op, ws(t.sheet), t.spec.name, budget, dates, caps, skipped);
      if (t.existing && !t.staged) {
        // ExcelApi before 1.9: in place, straight away.
        clearOldOps(t, sheetRecord(registry, t.spec.name), ws(t.sheet), op, caps);
        resizeOps(resizes[targets.indexOf(t)], ws(t.sheet), op);
      }
      if (!t.existing) sink.setup(t.spec);
      sink.values(t.spec);
      if (!t.existing || t.staged) sink.createTables(t.spec, t.writeName);
      sink.formats(t.spec);
      if (!t.staged) sink.rules(t.spec);
      if (t.existing && !t.staged) sink.setup(t.spec);
    }

    const total = ops.reduce((n, o) => n + o.bytes, 0);
    let done = 0;
    const inPlace = targets.some((t) => t.existing && !t.staged);
    const batcher = new RequestBatcher(
      async (steps) => {
        state.step = steps.slice(0, 3).join(', ');
        await sync();
        // Written in place (before ExcelApi 1.9): from here a cancel would leave a mix, so it is not taken.
        if (inPlace) state.partial = true;
        if (inPlace) cancellable = false;
        opts.onProgress?.({ done, total, step: state.step });
      },
      budget,
      caps.conditionalFormats ? () => context.application.suspendApiCalculationUntilNextSync() : undefined,
    );
    for (const o of ops) {
      await batcher.add(o);
      done += o.bytes;
    }
    await batcher.flush();

    // 5. The swap: every write succeeded, so the staged content goes over the live sheets.
    cancellable = false;
    const commit: Op[] = [];
    const cop = (step: string, bytes: number, queue: () => void) => commit.push({ step, bytes, queue });
    for (const [i, t] of targets.entries()) {
      if (!t.staged) continue;
      const live = ws(t.spec.name);
      const step = `updating ${t.spec.name}`;
      clearOldOps(t, sheetRecord(registry, t.spec.name), live, cop, caps);
      resizeOps(resizes[i], live, cop);
      for (const area of contentAreas(t.spec)) {
        const from = `'${t.sheet.replace(/'/g, "''")}'!${area}`;
        cop(step, jsonBytes([area, from]), () => live().getRange(area).copyFrom(from, 'All'));
      }
      const sink = new Sink(cop, live, t.spec.name, budget, dates, caps, skipped);
      sink.rules(t.spec);
      sink.setup(t.spec);
    }
    for (const t of targets)
      if (t.staged) cop('removing the staging sheets', 32, () => ws(t.sheet)().delete());

    // The registry: live table names and what each sheet holds, for the next build.
    const next: Registry = registry ? { ...registry, sheets: { ...registry.sheets } } : emptyRegistry();
    for (const t of targets) {
      const before = sheetRecord(registry, t.spec.name);
      const key = Object.keys(next.sheets).find((k) => k.toLowerCase() === t.spec.name.toLowerCase());
      if (key !== undefined) delete next.sheets[key];
      next.sheets[t.spec.name] = recordOf(t, before);
    }
    const column = registryColumn(next);
    cop('saving the add-in registry', jsonBytes(column), () => {
      const range = book.worksheets.getItem(REGISTRY_SHEET).getRange(`A1:A${REGISTRY_ROWS}`);
      range.numberFormat = column.map(() => ['@']);
      range.values = column;
      book.worksheets.getItem(REGISTRY_SHEET).getRange('B1').clear();
    });
    if (caps.sheetExtras) {
      const { title, subject } = plan.properties;
      cop('setting document properties', jsonBytes([title, subject]), () => {
        book.properties.title = title;
        book.properties.subject = subject;
      });
    }
    if (plan.sheets.length) cop('activating the first sheet', 32, () => ws(plan.sheets[0].name)().activate());

    const swap = new RequestBatcher(async (steps) => {
      state.step = steps.slice(0, 3).join(', ');
      state.partial = targets.some((t) => t.existing);
      await sync();
    }, budget);
    for (const o of commit) await swap.add(o);
    await swap.flush();
    state.partial = false;
    state.written = true;
    created.length = 0;

    state.step = 'adding charts and PivotTables';
    const live = liveTables(targets);
    await addLiveExtras(context, plan, caps, sync, skipped, {
      tableName: (planName) => live.get(planName) ?? planName,
      recorded: (sheet) => sheetRecord(next, sheet),
      existed: (sheet) =>
        targets.some((t) => t.existing && t.spec.name.toLowerCase() === sheet.toLowerCase()),
    });
    // The extras' record (chart, PivotTables) joins the registry.
    const extras = registryColumn(next);
    book.worksheets.getItem(REGISTRY_SHEET).getRange(`A1:A${REGISTRY_ROWS}`).values = extras;
    await sync();
    opts.onProgress?.({ done: total, total, step: 'done' });

    return {
      requests,
      largestRequestBytes: Math.max(batcher.largestRequest, swap.largestRequest),
      tables: plan.sheets.reduce((n, s) => n + s.tables.length, 0),
      skipped,
      retries: batcher.retries + swap.retries,
      reviewsFromWorkbook,
    };
  } catch (error) {
    if (!state.partial && !state.written) await cleanup();
    if (error instanceof Failure) throw new WorkbookError(error.message, REFUSED);
    throw error;
  }
}

const STAGING = /^~Survey Atlas \d+/;

function liveTables(targets: Target[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of targets) for (const [plan, live] of t.liveName) out.set(plan, live);
  return out;
}

function recordOf(t: Target, before: SheetRecord | undefined): SheetRecord {
  return {
    tables: Object.fromEntries(t.liveName),
    areas: blockAreas(t.spec),
    conditionalFormats: t.spec.conditionalFormats.map((c) => c.range),
    validations: t.spec.validations.map((v) => v.range),
    ...(before?.chart ? { chart: true } : {}),
    ...(before?.pivots ? { pivots: before.pivots } : {}),
  };
}

/** A free name (compared ignoring case), taken once chosen. */
function freeName(taken: Set<string>, base: string, joiner: string): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}${joiner}${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function parseBox(address: string): Box {
  const local = address.replace(/^.*!/, '').replace(/\$/g, '').toUpperCase();
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(local);
  if (!m) throw new Error(`Unexpected address ${address}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const top = Number(m[2]) - 1;
  const left = col(m[1]);
  return {
    top,
    left,
    rows: (m[4] ? Number(m[4]) - 1 : top) - top + 1,
    columns: (m[3] ? col(m[3]) : left) - left + 1,
  };
}

interface Resize {
  target: Target;
  /**
   * Columns to delete and add in each live table whose columns differ from the plan's, done first;
   * an insert at the table's end appends (ExcelApi 1.4).
   */
  columns: {
    table: string;
    live: string;
    deletes: number[];
    inserts: { index: number; append: boolean }[];
  }[];
  /** Rows to insert (positive) or delete (negative) at the end of each live table, top to bottom. */
  steps: { table: string; box: Box; delta: number }[];
}

/**
 * How the live tables of an existing sheet become the plan's. A table whose columns differ first
 * gains or loses table columns where the plan's headers say (see table-columns.ts), so the columns it
 * keeps stay the same Excel columns; Excel inserts or deletes those cells in the table's rows only,
 * so whatever sits right of the table in its rows moves sideways, and a table of the analyst's there
 * stops the build. Then rows are inserted or deleted inside each table, so whatever sits below in its
 * columns moves with it, as in Excel. A table that was moved from where the plan puts it stops the build.
 */
function planResize(target: Target, appendColumns: boolean): Resize {
  const columns: Resize['columns'] = [];
  const steps: Resize['steps'] = [];
  if (!target.existing) return { target, columns, steps };
  const sheet = target.spec.name;
  const tables = target.spec.tables
    .filter((t) => target.liveBoxes.has(t.name))
    .sort((a, b) => a.origin.row - b.origin.row);
  const shift = new Map<string, number>();
  for (const t of tables) {
    const live = target.liveName.get(t.name)!;
    const box = { ...target.liveBoxes.get(t.name)! };
    box.top += shift.get(t.name) ?? 0;
    const want = 1 + Math.max(1, t.rows.length);
    if (box.top !== t.origin.row || box.left !== t.origin.column) {
      throw new Failure(
        `The table ${live} on the sheet "${sheet}" was moved, so it cannot be updated in place. Move it back to ${rangeAddress(t.origin.row, t.origin.column, 1, 1)}, or delete the sheet, then build again; nothing was changed.`,
      );
    }
    // Columns change first, before any table's rows: where the tables are now.
    const change = columnChange(target, t, target.liveBoxes.get(t.name)!, appendColumns);
    if (change) columns.push(change);
    box.columns = t.columns.length;
    const delta = want - box.rows;
    steps.push({ table: t.name, box, delta });
    // Excel will not shift part of a table: one of the analyst's below, across these columns' edge, stops the build.
    for (const [name, other] of target.otherBoxes) {
      const below = other.top + other.rows > box.top + box.rows - 1;
      const overlaps = other.left < box.left + box.columns && box.left < other.left + other.columns;
      const inside = other.left >= box.left && other.left + other.columns <= box.left + box.columns;
      if (delta !== 0 && below && overlaps && !inside) {
        throw new Failure(
          `Your table ${name} on the sheet "${sheet}" sits below the ${live} table and across its columns, so that table cannot grow or shrink. Move ${name} beside or above it, then build again; nothing was changed.`,
        );
      }
    }
    for (const other of tables) {
      const ob = target.liveBoxes.get(other.name)!;
      const width = other.columns.length;
      const overlaps = ob.left < box.left + box.columns && box.left < ob.left + width;
      if (other !== t && ob.top > box.top && overlaps)
        shift.set(other.name, (shift.get(other.name) ?? 0) + delta);
    }
  }
  for (const t of target.spec.tables) {
    if (!target.liveBoxes.has(t.name)) {
      throw new Failure(
        `The table for ${t.name} is missing from the sheet "${sheet}". Delete that sheet (or restore the table), then build again; nothing was changed.`,
      );
    }
  }
  return { target, columns, steps };
}

/** The table columns a live table loses and gains to take the plan's columns; undefined when none. */
function columnChange(
  target: Target,
  t: TableSpec,
  box: Box,
  appendColumns: boolean,
): Resize['columns'][number] | undefined {
  const sheet = target.spec.name;
  const live = target.liveName.get(t.name)!;
  const read = target.liveHeaders.get(live.toLowerCase()) ?? [];
  // Headers not read as the table's (should not happen) match nothing: the difference goes at the right end.
  const headers = read.length === box.columns ? read : Array.from({ length: box.columns }, () => '');
  const changes = alignColumns(
    headers,
    t.columns.map((c) => c.header),
  );
  if (!changesColumns(changes)) return undefined;
  // Excel shifts the cells right of the table in its rows, and will not shift part of a table: a
  // table of the analyst's there stops the build, wherever it ends.
  for (const [name, other] of target.otherBoxes) {
    const sharesRows = other.top < box.top + box.rows && box.top < other.top + other.rows;
    if (sharesRows && other.left >= box.left + box.columns) {
      throw new Failure(
        `Your table ${name} on the sheet "${sheet}" sits beside the ${live} table, in its rows, so that table cannot gain or lose columns. Move ${name} above or below it, clear of its rows, then build again; nothing was changed.`,
      );
    }
  }
  let count = box.columns - changes.deletes.length;
  const inserts = changes.inserts.map((index) => ({ index, append: index >= count++ }));
  if (inserts.some((i) => i.append) && !appendColumns) {
    throw new Failure(
      `This Excel cannot add a column at the end of a table (that needs ExcelApi 1.4), so the ${live} table on the sheet "${sheet}" cannot take its new columns in place. Delete the sheet "${sheet}", then build again; nothing was changed.`,
    );
  }
  return { table: t.name, live, deletes: changes.deletes, inserts };
}

type OpSink = (step: string, bytes: number, queue: () => void, split?: () => Op[]) => void;
type SheetOf = () => Excel.Worksheet;

/**
 * What adding or deleting a table column adds to a request, beyond ACTION_OVERHEAD: the library sends
 * the sheet, its tables, the table, its columns and the column each as an object path with an action
 * of its own (about 850 bytes in all with short names and ids, measured with the Office.js harness).
 */
export function columnOpBytes(sheet: string, table: string): number {
  return 480 + jsonBytes(sheet) + jsonBytes(table);
}

function resizeOps(resize: Resize, ws: SheetOf, op: OpSink) {
  const step = `resizing the tables of ${resize.target.spec.name}`;
  // Columns first, on the live geometry; the rows then span the plan's columns.
  for (const { live, deletes, inserts } of resize.columns) {
    const bytes = columnOpBytes(resize.target.spec.name, live);
    const columns = () => ws().tables.getItem(live).columns;
    for (const index of deletes) op(step, bytes, () => columns().getItemAt(index).delete());
    for (const { index, append } of inserts)
      op(step, bytes, () => (append ? columns().add() : columns().add(index)));
  }
  for (const { box, delta } of resize.steps) {
    if (delta > 0) {
      // Inserted above the last body row, inside the table, so the table grows.
      const address = rangeAddress(box.top + box.rows - 1, box.left, delta, box.columns);
      op(step, 64, () => ws().getRange(address).insert('Down'));
    } else if (delta < 0) {
      const address = rangeAddress(box.top + box.rows + delta, box.left, -delta, box.columns);
      op(step, 64, () => ws().getRange(address).delete('Up'));
    }
  }
}

/** Blocks, conditional formats and drop-downs the last build wrote, and those the plan writes now. */
function clearOldOps(
  t: Target,
  record: SheetRecord | undefined,
  ws: SheetOf,
  op: OpSink,
  caps: Capabilities,
) {
  const step = `clearing ${t.spec.name}`;
  for (const area of record?.areas ?? []) op(step, 48, () => ws().getRange(area).clear());
  if (caps.conditionalFormats) {
    const ranges = new Set([
      ...(record?.conditionalFormats ?? []),
      ...t.spec.conditionalFormats.map((c) => c.range),
    ]);
    for (const r of ranges) op(step, 48, () => ws().getRange(r).conditionalFormats.clearAll());
  }
  if (caps.validationAndPivots) {
    const ranges = new Set([...(record?.validations ?? []), ...t.spec.validations.map((v) => v.range)]);
    for (const r of ranges) op(step, 48, () => ws().getRange(r).dataValidation.clear());
  }
}

function blockAreas(spec: SheetSpec): string[] {
  return spec.blocks
    .filter((b) => b.rows.length)
    .map((b) =>
      rangeAddress(b.origin.row, b.origin.column, b.rows.length, Math.max(1, ...b.rows.map((r) => r.length))),
    );
}

/** Every area the plan writes on a sheet: its blocks and its tables (header and body). */
function contentAreas(spec: SheetSpec): string[] {
  return [
    ...blockAreas(spec),
    ...spec.tables.map((t) =>
      rangeAddress(t.origin.row, t.origin.column, 1 + Math.max(1, t.rows.length), t.columns.length),
    ),
  ];
}

function findIssues(plan: WorkbookPlan, targets: Target[]) {
  for (const t of targets) {
    if (!t.existing) continue;
    const table = t.spec.tables.find((x) => x.name.toLowerCase() === tableNames.issues.toLowerCase());
    if (table && t.liveBoxes.has(table.name))
      return { target: t, table, liveName: t.liveName.get(table.name)! };
  }
  return undefined;
}

/**
 * Review and Note from the workbook's Issues table into the plan's, by issue key, except where the
 * analyst changed them in the pane since the last build. Returns how many rows took the workbook's.
 */
function overlayReviews(
  table: TableSpec,
  live: { headers: string[]; rows: unknown[][] },
  editedInPane: ReadonlySet<string>,
): number {
  const col = (headers: string[], name: string) =>
    headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const headers = table.columns.map((c) => c.header);
  const [k, r, n] = [issueHeaders.key, issueHeaders.review, issueHeaders.note].map((h) => col(headers, h));
  const [lk, lr, ln] = [issueHeaders.key, issueHeaders.review, issueHeaders.note].map((h) =>
    col(live.headers, h),
  );
  if (k < 0 || lk < 0 || (lr < 0 && ln < 0)) return 0;
  const fromWorkbook = new Map<string, { review?: unknown; note?: unknown }>();
  for (const row of live.rows) {
    const key = row[lk];
    if (typeof key === 'string' && key) {
      fromWorkbook.set(key, { review: lr >= 0 ? row[lr] : undefined, note: ln >= 0 ? row[ln] : undefined });
    }
  }
  let taken = 0;
  table.rows = table.rows.map((row) => {
    const key = row[k];
    const entry = typeof key === 'string' && !editedInPane.has(key) ? fromWorkbook.get(key) : undefined;
    if (!entry) return row;
    const copy = [...row];
    const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    if (r >= 0 && lr >= 0) copy[r] = text(entry.review) || row[r];
    if (n >= 0 && ln >= 0) copy[n] = text(entry.note) || null;
    if (copy[r] !== row[r] || copy[n] !== row[n]) taken++;
    return copy;
  });
  return taken;
}

/** Queues a sheet's content as ops, sized to fit a request and split by rows when Excel refuses one. */
class Sink {
  constructor(
    private readonly op: OpSink,
    private readonly ws: SheetOf,
    private readonly name: string,
    private readonly budget: number,
    private readonly dates: DateSystem,
    private readonly caps: Capabilities,
    private readonly skipped: string[],
  ) {}

  private grid(step: string, row: number, col: number, grid: CellGrid) {
    if (!grid.values.length || !grid.values[0].length) return;
    const bytes = gridBytes(grid);
    const make = (r0: number, g: CellGrid): Op => ({
      step,
      bytes: gridBytes(g),
      queue: () => {
        const range = this.ws().getRange(rangeAddress(r0, col, g.values.length, g.values[0].length));
        range.numberFormat = g.formats;
        range.values = g.values;
      },
      split:
        g.values.length > 1
          ? () => {
              const mid = Math.ceil(g.values.length / 2);
              const top = { values: g.values.slice(0, mid), formats: g.formats.slice(0, mid) };
              const bottom = { values: g.values.slice(mid), formats: g.formats.slice(mid) };
              return [make(r0, top), make(r0 + mid, bottom)];
            }
          : undefined,
    });
    const first = make(row, grid);
    this.op(step, bytes, first.queue, first.split);
  }

  setup(spec: SheetSpec) {
    const step = `setting up ${spec.name}`;
    if (spec.tabColor && this.caps.sheetExtras) {
      const color = cssColor(spec.tabColor);
      this.op(step, 32, () => (this.ws().tabColor = color));
    }
    if (spec.hidden) this.op(step, 32, () => (this.ws().visibility = 'Hidden'));
    if (this.caps.columnWidths) {
      const widths = new Map<number, number>();
      for (const [col, chars] of Object.entries(spec.widths ?? {})) widths.set(Number(col), chars);
      for (const table of spec.tables)
        table.columns.forEach((c, i) => widths.set(table.origin.column + i, c.width));
      for (const [col, chars] of widths) {
        const points = widthInPoints(chars);
        this.op(step, 32, () => (this.ws().getRange(columnRange(col)).format.columnWidth = points));
      }
    }
    if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.columns > 0)) {
      if (!this.caps.sheetExtras) {
        this.skipped.push(`${spec.name}: frozen panes need ExcelApi 1.7`);
        return;
      }
      const { rows, columns } = spec.freeze;
      this.op(step, 48, () => {
        const panes = this.ws().freezePanes;
        if (!columns) panes.freezeRows(rows);
        else if (!rows) panes.freezeColumns(columns);
        else panes.freezeAt(this.ws().getRange(rangeAddress(0, 0, rows, columns)));
      });
    }
  }

  values(spec: SheetSpec) {
    const step = `writing ${this.name}`;
    for (const block of spec.blocks) this.grid(step, block.origin.row, block.origin.column, blockGrid(block));
    for (const table of spec.tables) {
      const { row, column } = table.origin;
      const header = tableSlice(table, 0, 0, true, this.dates);
      // A row's share of the library's per-slice paths (see rangeWriteOverhead).
      const share = rangeWriteOverhead(1500, table.columns.length) / 1500;
      const rowBytes = (i: number) => {
        const one = tableSlice(table, i, i + 1, false, this.dates);
        return jsonBytes(one.values[0]) + jsonBytes(one.formats[0]) + 2 + share;
      };
      const sliceBudget = Math.max(1, this.budget - gridBytes(header) - 4 * ACTION_OVERHEAD);
      const slices = sliceBySize(table.rows.length, rowBytes, sliceBudget);
      if (!slices.length) {
        // An empty table keeps one blank body row.
        const blank = tableSlice({ ...table, rows: [[]] }, 0, 1, true, this.dates);
        this.grid(step, row, column, blank);
        continue;
      }
      slices.forEach(([start, end], i) => {
        const grid = tableSlice(table, start, end, i === 0, this.dates);
        this.grid(step, i === 0 ? row : row + 1 + start, column, grid);
      });
    }
  }

  createTables(spec: SheetSpec, names: Map<string, string>) {
    for (const table of spec.tables) {
      const { row, column } = table.origin;
      const address = rangeAddress(row, column, 1 + Math.max(1, table.rows.length), table.columns.length);
      const name = names.get(table.name)!;
      this.op(`creating table ${name}`, jsonBytes([address, name, table.style]), () => {
        const t = this.ws().tables.add(address, true);
        t.name = name;
        t.style = table.style ?? 'TableStyleMedium2';
      });
    }
  }

  formats(spec: SheetSpec) {
    const step = `formatting ${this.name}`;
    for (const table of spec.tables) {
      const { row, column } = table.origin;
      table.columns.forEach((c, i) => {
        if (!c.wrap || !table.rows.length) return;
        const body = rangeAddress(row + 1, column + i, table.rows.length, 1);
        this.op(step, 48, () => (this.ws().getRange(body).format.wrapText = true));
      });
      for (const link of table.links ?? []) {
        if (!this.caps.sheetExtras) {
          this.skipped.push(`${table.name}: links need ExcelApi 1.7`);
          break;
        }
        const hyperlink = toHyperlink(link.target, table.rows[link.row]?.[link.column]);
        if (!hyperlink) continue;
        const address = rangeAddress(row + 1 + link.row, column + link.column, 1, 1);
        this.op(step, jsonBytes(hyperlink) + 64, () => (this.ws().getRange(address).hyperlink = hyperlink));
      }
    }
    for (const block of spec.blocks) {
      const width = Math.max(1, ...block.rows.map((r) => r.length));
      const { row, column } = block.origin;
      if (block.style && block.style !== 'legend' && block.rows.length) {
        const address = rangeAddress(row, column, block.rows.length, width);
        const style = block.style;
        this.op(step, 64, () => {
          const font = this.ws().getRange(address).format.font;
          if (style === 'title') {
            font.bold = true;
            font.size = 14;
          } else if (style === 'heading') {
            font.bold = true;
            font.size = 12;
          } else {
            font.italic = true;
            font.color = '#605E5C';
          }
        });
      }
      block.fills?.forEach((fill, i) => {
        if (!fill) return;
        const address = rangeAddress(row + i, column, 1, width);
        const color = cssColor(fill);
        this.op(step, 64, () => (this.ws().getRange(address).format.fill.color = color));
      });
    }
  }

  /** Conditional formats and drop-downs. */
  rules(spec: SheetSpec) {
    const step = `formatting ${this.name}`;
    if (spec.conditionalFormats.length && !this.caps.conditionalFormats) {
      this.skipped.push(`${spec.name}: conditional formats need ExcelApi 1.6`);
    } else {
      for (const cf of spec.conditionalFormats)
        this.op(step, jsonBytes(cf) + 64, () => addConditionalFormat(this.ws(), cf));
    }
    if (spec.validations.length && !this.caps.validationAndPivots) {
      this.skipped.push(`${spec.name}: drop-down lists need ExcelApi 1.8`);
      return;
    }
    for (const v of spec.validations) {
      if (v.list.some((item) => item.includes(','))) {
        this.skipped.push(`${spec.name}: drop-down list at ${v.range} has an item with a comma`);
        continue;
      }
      const source = v.list.join(',');
      this.op(step, jsonBytes(source) + 64, () => {
        this.ws().getRange(v.range).dataValidation.rule = { list: { inCellDropDown: true, source } };
      });
    }
  }
}

/** What a slice of cells adds to a request: its values and number formats as JSON, and the range paths. */
function gridBytes(grid: CellGrid): number {
  const rows = grid.values.length;
  const columns = rows ? grid.values[0].length : 0;
  return jsonBytes(grid.values) + jsonBytes(grid.formats) + rangeWriteOverhead(rows, columns);
}

/**
 * Internal places and http(s) addresses only (the checks of the .xlsx writer); anything else is not
 * written as a link. The cell's own text is shown, unless Excel could read it as a formula.
 */
export function toHyperlink(target: string, cell: unknown): Excel.RangeHyperlink | undefined {
  const safe = safeLinkTarget(target);
  if (!safe) return undefined;
  const text = typeof cell === 'string' && cell !== '' && !/^[=+\-@]/.test(cell) ? cell : undefined;
  const shown = text === undefined ? {} : { textToDisplay: text };
  return safe.startsWith('#') ? { documentReference: safe.slice(1), ...shown } : { address: safe, ...shown };
}

const OPERATORS = { greaterThan: 'GreaterThan', lessThan: 'LessThan', equal: 'EqualTo' } as const;

function addConditionalFormat(ws: Excel.Worksheet, cf: ConditionalFormat): void {
  const range = ws.getRange(cf.range);
  if (cf.kind === 'colorScale') {
    const colors = cf.colors.map(cssColor);
    const scale = range.conditionalFormats.add('ColorScale').colorScale;
    const maximum = { type: 'HighestValue' as const, color: colors[colors.length - 1] };
    const minimum = { type: 'LowestValue' as const, color: colors[0] };
    scale.criteria =
      colors.length > 2
        ? { minimum, midpoint: { type: 'Percentile', formula: '50', color: colors[1] }, maximum }
        : { minimum, maximum };
    return;
  }
  const cellValue = range.conditionalFormats.add('CellValue').cellValue;
  cellValue.format.fill.color = cssColor(cf.fill);
  if (cf.font) cellValue.format.font.color = cssColor(cf.font);
  cellValue.rule =
    cf.kind === 'textEquals'
      ? { formula1: `="${cf.text.replace(/"/g, '""')}"`, operator: 'EqualTo' }
      : { formula1: String(cf.value), operator: OPERATORS[cf.operator] };
}
