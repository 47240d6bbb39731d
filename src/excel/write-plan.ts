import { safeLinkTarget } from '../core/plan/text-safety';
/**
 * Writes a WorkbookPlan into the open workbook. Requests are sized by payload (Excel on the web
 * rejects requests over 5 MB); text formats go down before values, values before tables and
 * formats, and optional features run only where the requirement set is supported.
 */
import { cellRef } from '../core/plan/a1';
import type { ConditionalFormat, SheetSpec, TableSpec, WorkbookPlan } from '../core/plan/types';
import { columnRange, rangeAddress } from './a1';
import { detectCapabilities, type Capabilities } from './capabilities';
import { blockGrid, cssColor, tableSlice, widthInPoints, type CellGrid } from './cells';
import { toWorkbookError } from './errors';
import { addLiveExtras } from './live-extras';
import { DEFAULT_REQUEST_BUDGET, jsonBytes, RequestBatcher, sliceBySize, ACTION_OVERHEAD } from './payload';

export interface WriteProgress {
  /** Estimated bytes sent so far and in all. */
  done: number;
  total: number;
  step: string;
}

export interface WriteOptions {
  /** Largest request the writer sends, in bytes (default 4 MB). */
  maxRequestBytes?: number;
  onProgress?: (p: WriteProgress) => void;
  signal?: AbortSignal;
  /** Overrides the requirement-set checks (tests, or hosts that misreport). */
  capabilities?: Capabilities;
}

export interface WriteSummary {
  /** Requests sent (context.sync calls). */
  requests: number;
  largestRequestBytes: number;
  tables: number;
  /** Optional features left out, with the reason. */
  skipped: string[];
}

interface Op {
  bytes: number;
  step: string;
  queue: () => void;
}

/** Sheets not part of the plan keep their content; plan sheets already there are replaced. */
export async function writePlan(plan: WorkbookPlan, opts: WriteOptions = {}): Promise<WriteSummary> {
  const state = { step: 'reading the workbook' };
  try {
    return await Excel.run((context) => writeInContext(context, plan, opts, state));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw toWorkbookError(error, state.step);
  }
}

async function writeInContext(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  opts: WriteOptions,
  state: { step: string },
): Promise<WriteSummary> {
  const caps = opts.capabilities ?? detectCapabilities();
  const budget = opts.maxRequestBytes ?? DEFAULT_REQUEST_BUDGET;
  const book = context.workbook;
  const skipped: string[] = [];
  let requests = 0;
  const sync = async () => {
    if (opts.signal?.aborted) throw new DOMException('Writing the workbook was cancelled', 'AbortError');
    await context.sync();
    requests++;
  };

  book.worksheets.load('items/name');
  await sync();
  const existing = new Set(book.worksheets.items.map((w) => w.name.toLowerCase()));

  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => sheets.get(name)!;
  const ops: Op[] = [];
  const op = (step: string, bytes: number, queue: () => void) => ops.push({ step, bytes, queue });

  // Sheets: plan sheets already in the workbook are renamed out of the way, the new ones added,
  // then the old ones deleted, so the workbook never runs out of sheets.
  const old: Excel.Worksheet[] = [];
  const replacing = plan.sheets.some((spec) => existing.has(spec.name.toLowerCase()));
  plan.sheets.forEach((spec, i) => {
    if (!existing.has(spec.name.toLowerCase())) return;
    const temp = freeName(existing, `Replaced ${i + 1}`);
    op('replacing sheets', 64, () => {
      const ws = book.worksheets.getItem(spec.name);
      ws.name = temp;
      old.push(ws);
    });
  });
  for (const spec of plan.sheets) {
    op('adding sheets', 64, () => sheets.set(spec.name, book.worksheets.add(spec.name)));
  }
  if (replacing) op('replacing sheets', 32, () => old.forEach((ws) => ws.delete()));
  for (const spec of plan.sheets) sheetSetupOps(spec, caps, sheet, op, skipped);

  // Values, in slices sized to fit a request: number formats first, then the values.
  for (const spec of plan.sheets) {
    for (const block of spec.blocks) {
      const grid = blockGrid(block);
      gridOp(op, `writing ${spec.name}`, () => sheet(spec.name), block.origin.row, block.origin.column, grid);
    }
    for (const table of spec.tables) tableValueOps(spec, table, budget, sheet, op);
  }

  // Tables over the written ranges, then styles, conditional formats, validations and links.
  for (const spec of plan.sheets) formatOps(spec, caps, sheet, op, skipped);
  if (caps.sheetExtras) {
    const { title, subject } = plan.properties;
    op('setting document properties', jsonBytes([title, subject]), () => {
      book.properties.title = title;
      book.properties.subject = subject;
    });
  }
  if (plan.sheets.length) op('activating the first sheet', 32, () => sheet(plan.sheets[0].name).activate());

  const total = ops.reduce((n, o) => n + o.bytes, 0);
  let done = 0;
  // What the request in flight does, for an error message.
  const steps = new Set<string>();
  const batcher = new RequestBatcher(
    async () => {
      state.step = [...steps].slice(0, 3).join(', ');
      await sync();
      steps.clear();
      opts.onProgress?.({ done, total, step: state.step });
    },
    budget,
    caps.conditionalFormats ? () => context.application.suspendApiCalculationUntilNextSync() : undefined,
  );
  for (const o of ops) {
    await batcher.add(o.bytes, () => {
      state.step = o.step;
      steps.add(o.step);
      o.queue();
    });
    done += o.bytes;
  }
  await batcher.flush();

  state.step = 'adding charts and PivotTables';
  await addLiveExtras(context, plan, caps, sync, skipped);
  opts.onProgress?.({ done: total, total, step: 'done' });

  return {
    requests,
    largestRequestBytes: batcher.largestRequest,
    tables: plan.sheets.reduce((n, s) => n + s.tables.length, 0),
    skipped,
  };
}

type OpSink = (step: string, bytes: number, queue: () => void) => void;
type SheetOf = (name: string) => Excel.Worksheet;

function freeName(taken: Set<string>, base: string): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

function gridOp(
  op: OpSink,
  step: string,
  ws: () => Excel.Worksheet,
  row: number,
  col: number,
  grid: CellGrid,
) {
  if (!grid.values.length || !grid.values[0].length) return;
  const address = rangeAddress(row, col, grid.values.length, grid.values[0].length);
  op(step, jsonBytes(grid.values) + jsonBytes(grid.formats) + ACTION_OVERHEAD, () => {
    const range = ws().getRange(address);
    range.numberFormat = grid.formats;
    range.values = grid.values;
  });
}

function sheetSetupOps(spec: SheetSpec, caps: Capabilities, sheet: SheetOf, op: OpSink, skipped: string[]) {
  const step = `setting up ${spec.name}`;
  if (spec.tabColor && caps.sheetExtras) {
    const color = cssColor(spec.tabColor);
    op(step, 32, () => (sheet(spec.name).tabColor = color));
  }
  if (spec.hidden) op(step, 32, () => (sheet(spec.name).visibility = 'Hidden'));
  const widths = new Map<number, number>();
  for (const [col, chars] of Object.entries(spec.widths ?? {})) widths.set(Number(col), chars);
  for (const table of spec.tables) {
    table.columns.forEach((c, i) => widths.set(table.origin.column + i, c.width));
  }
  for (const [col, chars] of widths) {
    const points = widthInPoints(chars);
    op(step, 32, () => (sheet(spec.name).getRange(columnRange(col)).format.columnWidth = points));
  }
  if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.columns > 0)) {
    if (!caps.sheetExtras) {
      skipped.push(`${spec.name}: frozen panes need ExcelApi 1.7`);
      return;
    }
    const { rows, columns } = spec.freeze;
    op(step, 48, () => {
      const panes = sheet(spec.name).freezePanes;
      if (!columns) panes.freezeRows(rows);
      else if (!rows) panes.freezeColumns(columns);
      else panes.freezeAt(sheet(spec.name).getRange(rangeAddress(0, 0, rows, columns)));
    });
  }
}

function tableValueOps(spec: SheetSpec, table: TableSpec, budget: number, sheet: SheetOf, op: OpSink) {
  const step = `writing ${spec.name}`;
  const ws = () => sheet(spec.name);
  const { row, column } = table.origin;
  const header = tableSlice(table, 0, 0, true);
  const headerBytes = jsonBytes(header.values) + jsonBytes(header.formats);
  const rowBytes = (i: number) => {
    const one = tableSlice(table, i, i + 1, false);
    return jsonBytes(one.values[0]) + jsonBytes(one.formats[0]) + 2;
  };
  // Leave room for the header, the request's opening action and this action's own overhead.
  const sliceBudget = Math.max(1, budget - headerBytes - 4 * ACTION_OVERHEAD);
  const slices = sliceBySize(table.rows.length, rowBytes, sliceBudget);
  if (!slices.length) {
    gridOp(op, step, ws, row, column, header);
    return;
  }
  slices.forEach(([start, end], i) => {
    const grid = tableSlice(table, start, end, i === 0);
    const top = i === 0 ? row : row + 1 + start;
    gridOp(op, step, ws, top, column, grid);
  });
}

function formatOps(spec: SheetSpec, caps: Capabilities, sheet: SheetOf, op: OpSink, skipped: string[]) {
  const ws = () => sheet(spec.name);
  const step = `formatting ${spec.name}`;

  for (const table of spec.tables) {
    const { row, column } = table.origin;
    // An empty table still needs one body row: Excel adds it anyway.
    const address = rangeAddress(row, column, 1 + Math.max(1, table.rows.length), table.columns.length);
    op(`creating table ${table.name}`, jsonBytes([address, table.name, table.style]), () => {
      const t = ws().tables.add(address, true);
      t.name = table.name;
      t.style = table.style ?? 'TableStyleMedium2';
    });
    table.columns.forEach((c, i) => {
      if (!c.wrap || !table.rows.length) return;
      const body = rangeAddress(row + 1, column + i, table.rows.length, 1);
      op(step, 48, () => (ws().getRange(body).format.wrapText = true));
    });
    for (const link of table.links ?? []) {
      if (!caps.sheetExtras) {
        skipped.push(`${table.name}: links need ExcelApi 1.7`);
        break;
      }
      const hyperlink = toHyperlink(link.target, table.rows[link.row]?.[link.column]);
      if (!hyperlink) continue;
      const address = cellRef(row + 1 + link.row, column + link.column);
      op(step, jsonBytes(hyperlink), () => (ws().getRange(address).hyperlink = hyperlink));
    }
  }

  for (const block of spec.blocks) {
    const width = Math.max(1, ...block.rows.map((r) => r.length));
    const { row, column } = block.origin;
    if (block.style && block.style !== 'legend' && block.rows.length) {
      const address = rangeAddress(row, column, block.rows.length, width);
      const style = block.style;
      op(step, 64, () => {
        const font = ws().getRange(address).format.font;
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
      op(step, 64, () => (ws().getRange(address).format.fill.color = color));
    });
  }

  if (spec.conditionalFormats.length && !caps.conditionalFormats) {
    skipped.push(`${spec.name}: conditional formats need ExcelApi 1.6`);
  } else {
    for (const cf of spec.conditionalFormats) op(step, jsonBytes(cf), () => addConditionalFormat(ws(), cf));
  }

  if (spec.validations.length && !caps.validationAndPivots) {
    skipped.push(`${spec.name}: drop-down lists need ExcelApi 1.8`);
  } else {
    for (const v of spec.validations) {
      if (v.list.some((item) => item.includes(','))) {
        skipped.push(`${spec.name}: drop-down list at ${v.range} has an item with a comma`);
        continue;
      }
      const source = v.list.join(',');
      op(step, jsonBytes(source), () => {
        ws().getRange(v.range).dataValidation.rule = { list: { inCellDropDown: true, source } };
      });
    }
  }
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
