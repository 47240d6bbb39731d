/**
 * An in-memory stand-in for the part of the Excel JavaScript API the add-in uses. It behaves
 * like Excel where the add-in depends on it:
 * - actions are queued and run only at `context.sync()`; properties read before a load and a
 *   sync throw PropertyNotLoaded;
 * - a request (one sync) whose payload exceeds 5 MB fails with RequestPayloadSizeLimitExceeded
 *   and nothing in it is applied; a response over 5 MB (the values a request loads) fails with
 *   ResponsePayloadSizeLimitExceeded and loads nothing;
 * - `getItemOrNullObject` gives an object whose `isNullObject` is known only after a sync;
 * - a string starting with "=", "+", "-" or "@" written to a cell becomes a formula unless the
 *   cell's number format is "@" (or it is a plain number); a plain number written as text into a
 *   General cell becomes a number;
 * - formulas the add-in or the analyst write are evaluated where it matters: DATE(1904,1,1) (the
 *   date system), ROWS/COUNTA/COUNTIF over a structured reference (`Answers[Value]`) and a reference
 *   to another sheet; a reference whose table or sheet was deleted shows #REF!, one whose table
 *   moved or grew follows it;
 * - a cell formatted as Text ("@") holding over 255 characters shows "####", as some Excel versions do;
 * - a workbook may use the 1904 date system (serial 0 is 1904-01-01);
 * - conditional formats are evaluated as Excel would (operator, text quoted in the formula);
 * - inserting and deleting cells shift what is below and grow or shrink the tables they fall in;
 * - adding a table column (`columns.add`: before an existing column on ExcelApi 1.1, at the end on
 *   1.4) or deleting one (`TableColumn.delete`) inserts or deletes the cells of the table's rows only,
 *   shifting what lies right of them in those rows (a table there moves, one that would be shifted in
 *   part is refused); a new column is named "Column1", "Column2"… until its header cell is written;
 * - a structured reference holds on to its column: it follows a renamed header and shows #REF! once
 *   the column is deleted (a plain cell reference is not moved by inserted or deleted cells);
 * - values and number formats must match the range's shape; table and sheet names are unique;
 * - members newer than the configured ExcelApi version fail with ApiNotFound.
 */

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Ids, paths and property names a queued action adds to a request. */
const ACTION_BYTES = 120;

export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(
    readonly code: string,
    message: string,
    location = '',
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation: location };
  }
}

// ---------------------------------------------------------------------------------------------
// Addresses

export interface Box {
  top: number;
  left: number;
  rows: number;
  columns: number;
  /** Whole columns ("B:D"). */
  wholeColumns?: boolean;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Splits `'Sheet'!A1:B2` into sheet and local address. */
export function splitAddress(address: string): { sheet?: string; local: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(address);
  if (!m) return { local: address };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], local: m[3] };
}

export function parseBox(address: string): Box {
  const local = splitAddress(address).local.replace(/\$/g, '').toUpperCase();
  const cols = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(local);
  if (cols) {
    const left = columnIndex(cols[1]);
    return { top: 0, left, rows: 1_048_576, columns: columnIndex(cols[2]) - left + 1, wholeColumns: true };
  }
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(local);
  if (!m) throw new FakeOfficeError('InvalidArgument', `The address "${address}" is not valid.`, 'getRange');
  const top = Number(m[2]) - 1;
  const left = columnIndex(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? columnIndex(m[3]) : left;
  if (bottom < top || right < left) throw new FakeOfficeError('InvalidArgument', `Bad range ${address}`);
  return { top, left, rows: bottom - top + 1, columns: right - left + 1 };
}

export function boxAddress(b: Box): string {
  const a = `${columnLetters(b.left)}${b.top + 1}`;
  if (b.rows === 1 && b.columns === 1) return a;
  return `${a}:${columnLetters(b.left + b.columns - 1)}${b.top + b.rows}`;
}

function overlaps(a: Box, b: Box): boolean {
  return (
    a.left < b.left + b.columns &&
    b.left < a.left + a.columns &&
    a.top < b.top + b.rows &&
    b.top < a.top + a.rows
  );
}

// ---------------------------------------------------------------------------------------------
// The workbook model

export type CellValue = string | number | boolean;

export interface Cell {
  value: CellValue;
  /** Set when Excel took the written text as a formula. */
  formula?: string;
  /** What the formula refers to, bound when it was written (as Excel keeps references to objects). */
  refs?: FormulaRefs;
  numberFormat: string;
  hyperlink?: { address?: string; documentReference?: string; textToDisplay?: string };
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
}

export interface ConditionalFormatModel {
  address: string;
  type: string;
  criteria?: unknown;
  rule?: { formula1: string; operator: string };
  fill?: string;
  font?: string;
}

export interface ChartModel {
  type: string;
  source: string;
  categories?: string;
  seriesBy?: string;
  title?: string;
  name?: string;
  position?: [string, string?];
  /** Names given to the series, by index. */
  seriesNames?: string[];
  valueAxis?: { minimum?: number; maximum?: number; numberFormat?: string };
}

export interface PivotModel {
  name: string;
  source: TableModel;
  destination: string;
  rows: string[];
  columns: string[];
  filters: string[];
  filterItems: Record<string, string[]>;
  values: { field: string; summarizeBy?: string; name?: string; numberFormat?: string }[];
  refreshes?: number;
}

/**
 * The objects a formula refers to: tables and their columns (structured references) and sheets. A
 * structured reference names a column but holds on to the column itself, as Excel does: renamed, it
 * follows (Excel rewrites the formula with the new name); deleted, it shows #REF!.
 */
export interface FormulaRefs {
  tables: TableModel[];
  sheets: SheetModel[];
  /** The column each structured reference named when the formula was entered (by table, in order). */
  columns?: { table: TableModel; id: number }[];
}

export class SheetModel {
  cells = new Map<string, Cell>();
  visibility = 'Visible';
  /** The workbook it belongs to (for evaluating formulas). */
  book?: WorkbookModel;
  tabColor?: string;
  freeze?: { rows: number; columns: number };
  columnWidths = new Map<number, number>();
  conditionalFormats: ConditionalFormatModel[] = [];
  validations: { address: string; rule: unknown }[] = [];
  charts: ChartModel[] = [];
  pivots: PivotModel[] = [];
  deleted = false;
  constructor(public name: string) {}

  cell(row: number, column: number): Cell {
    const key = `${row},${column}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { value: '', numberFormat: 'General' };
      this.cells.set(key, c);
    }
    return c;
  }

  peek(row: number, column: number): Cell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  /** Values of a box as Excel returns them ('' where nothing was written, formulas evaluated). */
  values(b: Box): CellValue[][] {
    return Array.from({ length: b.rows }, (_, r) =>
      Array.from({ length: b.columns }, (_, c) => this.valueAt(b.top + r, b.left + c)),
    );
  }

  valueAt(row: number, column: number): CellValue {
    const cell = this.peek(row, column);
    if (!cell) return '';
    return cell.formula !== undefined ? evaluate(cell, this) : cell.value;
  }

  /** The text the cell shows: "####" for Text-formatted text over 255 characters. */
  shown(row: number, column: number): string {
    const cell = this.peek(row, column);
    const value = this.valueAt(row, column);
    if (cell?.numberFormat === '@' && typeof value === 'string' && value.length > 255) return '####';
    return String(value);
  }

  /** The fill a conditional format gives the cell, evaluated as Excel does; undefined when none applies. */
  conditionalFill(row: number, column: number): string | undefined {
    const value = this.valueAt(row, column);
    for (const cf of this.conditionalFormats) {
      if (!cf.rule || !inBox(parseBox(cf.address), row, column)) continue;
      if (ruleMatches(cf.rule, value)) return cf.fill;
    }
    return undefined;
  }

  /** Moves the cells of columns [left, left+columns) at and below `from` by `delta` rows (removing those deleted). */
  shiftRows(from: number, delta: number, left: number, columns: number, removeRows = 0): void {
    const moved = new Map<string, Cell>();
    for (const [key, cell] of this.cells) {
      const [r, c] = key.split(',').map(Number);
      const inColumns = c >= left && c < left + columns;
      if (!inColumns || r < from) {
        moved.set(key, cell);
        continue;
      }
      if (removeRows && r < from + removeRows) continue;
      moved.set(`${r + delta},${c}`, cell);
    }
    this.cells = moved;
  }

  /** Moves the cells of rows [top, top+rows) at and right of `from` by `delta` columns (removing those deleted). */
  shiftColumns(from: number, delta: number, top: number, rows: number, removeColumns = 0): void {
    const moved = new Map<string, Cell>();
    for (const [key, cell] of this.cells) {
      const [r, c] = key.split(',').map(Number);
      const inRows = r >= top && r < top + rows;
      if (!inRows || c < from) {
        moved.set(key, cell);
        continue;
      }
      if (removeColumns && c < from + removeColumns) continue;
      moved.set(`${r},${c + delta}`, cell);
    }
    this.cells = moved;
  }
}

function inBox(b: Box, row: number, column: number): boolean {
  return row >= b.top && row < b.top + b.rows && column >= b.left && column < b.left + b.columns;
}

/** A conditional-format operand as Excel reads `formula1`: a number, a quoted text, or (unquoted text) an error. */
function operand(formula: string): CellValue | undefined {
  const f = formula.startsWith('=') ? formula.slice(1) : formula;
  if (/^-?\d+(\.\d+)?$/.test(f.trim())) return Number(f);
  const quoted = /^"((?:[^"]|"")*)"$/.exec(f);
  if (quoted) return quoted[1].replace(/""/g, '"');
  return undefined; // #NAME?: an unquoted text is read as a name, which is not defined
}

/** Excel's comparison: numbers before text, text ignoring case. */
function compare(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function ruleMatches(
  rule: { formula1: string; formula2?: string; operator: string },
  value: CellValue,
): boolean {
  const x = operand(rule.formula1);
  if (x === undefined) return false;
  if (value === '') return false;
  const c = compare(value, x);
  switch (rule.operator) {
    case 'EqualTo':
      return c === 0;
    case 'NotEqualTo':
      return c !== 0;
    case 'GreaterThan':
      return c > 0;
    case 'GreaterThanOrEqual':
      return c >= 0;
    case 'LessThan':
      return c < 0;
    case 'LessThanOrEqual':
      return c <= 0;
    default:
      throw new FakeOfficeError('InvalidArgument', `Unknown operator ${rule.operator}`);
  }
}

const STRUCTURED = /([A-Za-z_\\][A-Za-z0-9_.]*)\[([^\]]*)\]/g;
const SHEET_REF = /(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_. ]*))!\$?([A-Z]{1,3})\$?(\d+)/g;

/** Binds the tables and sheets a formula names, as Excel does when the formula is entered. */
function bindFormula(formula: string, book: WorkbookModel | undefined): FormulaRefs {
  const refs: FormulaRefs = { tables: [], sheets: [] };
  if (!book) return refs;
  refs.columns = [];
  for (const m of formula.matchAll(STRUCTURED)) {
    const t = book.table(m[1]);
    if (!t) continue;
    refs.tables.push(t);
    const i = t.headers.findIndex((h) => h.toLowerCase() === m[2].toLowerCase());
    if (i >= 0) refs.columns.push({ table: t, id: t.columnIds[i] });
  }
  for (const m of formula.matchAll(SHEET_REF)) {
    const s = book.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
    if (s) refs.sheets.push(s);
  }
  return refs;
}

/** The few formulas the tests need, evaluated over the workbook as it is now. */
function evaluate(cell: Cell, sheet: SheetModel): CellValue {
  const f = cell.formula ?? '';
  const book = sheet.book;
  if (/^=DATE\(1904,\s*1,\s*1\)$/i.test(f)) return book?.date1904 ? 0 : 1462;
  const refs = cell.refs ?? { tables: [], sheets: [] };
  if (!book) return '#REF!';
  if (refs.tables.some((t) => !book.tables.includes(t)) || refs.sheets.some((s) => s.deleted)) return '#REF!';
  const column = (name: string, header: string): CellValue[] | undefined => {
    const t = refs.tables.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? book.table(name);
    if (!t) return undefined;
    // The column bound when the formula was entered, wherever it is and whatever it is called now.
    const bound = refs.columns?.find((c) => c.table === t);
    const i = bound
      ? t.columnIds.indexOf(bound.id)
      : t.headers.findIndex((h) => h.toLowerCase() === header.toLowerCase());
    if (i < 0) return undefined;
    const body = { top: t.box.top + 1, left: t.box.left + i, rows: t.box.rows - 1, columns: 1 };
    return t.sheet.values(body).map((r) => r[0]);
  };
  const agg =
    /^=(ROWS|COUNTA|COUNTIF)\(([A-Za-z_\\][A-Za-z0-9_.]*)\[([^\]]*)\](?:,\s*"((?:[^"]|"")*)")?\)$/i.exec(f);
  if (agg) {
    // The formula follows a renamed table: its bound table, whatever it is called now.
    const bound = refs.tables[0];
    const values = bound ? column(bound.name, agg[3]) : column(agg[2], agg[3]);
    if (!values) return '#REF!';
    const fn = agg[1].toUpperCase();
    if (fn === 'ROWS') return values.length;
    if (fn === 'COUNTA') return values.filter((v) => v !== '').length;
    const want = (agg[4] ?? '').replace(/""/g, '"');
    return values.filter((v) => compare(v, want) === 0).length;
  }
  const ref = /^=(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_. ]*))!\$?([A-Z]{1,3})\$?(\d+)$/.exec(f);
  if (ref) {
    const target = refs.sheets[0];
    if (!target) return '#REF!';
    return target.valueAt(Number(ref[4]) - 1, columnIndex(ref[3]));
  }
  return '#NAME?';
}

/** What Excel makes of a string written to a cell of this number format. */
function entered(cell: Cell, v: string, book: WorkbookModel | undefined): void {
  if (cell.numberFormat === '@') {
    cell.value = v;
    cell.formula = undefined;
    cell.refs = undefined;
    return;
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(v.trim())) {
    cell.value = Number(v);
    cell.formula = undefined;
    cell.refs = undefined;
    return;
  }
  if (/^[=+\-@]/.test(v)) {
    cell.value = v;
    cell.formula = v;
    cell.refs = bindFormula(v, book);
    return;
  }
  cell.value = v;
  cell.formula = undefined;
  cell.refs = undefined;
}

let nextColumnId = 1;

export class TableModel {
  style = 'TableStyleMedium2';
  /** Each column's identity, by position: what a structured reference holds on to. */
  columnIds: number[];
  constructor(
    public name: string,
    public sheet: SheetModel,
    public box: Box,
    public headers: string[],
  ) {
    this.columnIds = headers.map(() => nextColumnId++);
  }
  get bodyRows(): number {
    return this.box.rows - 1;
  }
  /** A new column's identity. */
  static newColumnId(): number {
    return nextColumnId++;
  }
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  /** The 1904 date system (Excel for Mac's older default): serial 0 is 1904-01-01. */
  date1904 = false;
  tables: TableModel[] = [];
  properties = { title: '', subject: '' };
  active?: SheetModel;
  selection?: { sheet: string; address: string };
  /** Calls of tables.add that created a table. */
  tableAddCalls = 0;

  constructor() {
    this.addSheet('Sheet1');
    this.active = this.sheets[0];
  }

  addSheet(name: string): SheetModel {
    const sheet = new SheetModel(name);
    sheet.book = this;
    this.sheets.push(sheet);
    return sheet;
  }

  /** The calendar date (yyyy-mm-dd) of a serial in this workbook's date system. */
  dateOf(serial: number): string {
    const epoch = this.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    return new Date(epoch + Math.floor(serial) * 86400000).toISOString().slice(0, 10);
  }

  /** Writes a formula as the analyst would type it. */
  typeFormula(sheet: SheetModel, row: number, column: number, formula: string): void {
    const cell = sheet.cell(row, column);
    cell.numberFormat = 'General';
    entered(cell, formula, this);
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

interface Action {
  bytes: number;
  run: () => void;
}

function payload(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') + ACTION_BYTES;
}

function versionAtLeast(have: string, need: string): boolean {
  const [a1, a2] = have.split('.').map(Number);
  const [b1, b2] = need.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

export interface RequestLog {
  bytes: number;
  actions: number;
  ok: boolean;
  /** Bytes of the values the request loaded (the response). */
  responseBytes: number;
}

export class FakeExcel {
  model = new WorkbookModel();
  requests: RequestLog[] = [];
  calculationSuspensions = 0;
  createdWorkbooks: string[] = [];
  /**
   * Makes a request fail as Excel would midway through a build (cell-edit mode, a lost session):
   * called with the 0-based number of each request that has actions; an error returned fails it
   * with nothing of it applied.
   */
  failOn?: (request: number) => FakeOfficeError | undefined;
  /** Bytes a request may hold (the fake's own estimate); the Office.js harness counts real bytes instead. */
  payloadLimit = PAYLOAD_LIMIT;

  constructor(public apiVersion = '1.8') {}

  get syncs(): number {
    return this.requests.length;
  }

  async run<T>(batch: (context: FakeContext) => Promise<T>): Promise<T> {
    const context = new FakeContext(this);
    const result = await batch(context);
    await context.sync();
    return result;
  }

  /** Sets the `Excel` and `Office` globals to this fake; returns a function that removes them. */
  install(): () => void {
    const g = globalThis as Record<string, unknown>;
    const before = { Excel: g.Excel, Office: g.Office };
    g.Excel = {
      run: (batch: (c: FakeContext) => Promise<unknown>) => this.run(batch),
      createWorkbook: async (base64?: string) => {
        this.require('1.8', 'createWorkbook');
        // The whole file travels in one request, under the same limit as any other.
        if (payload(base64 ?? '') > this.payloadLimit) {
          throw new FakeOfficeError(
            'RequestPayloadSizeLimitExceeded',
            'The request payload size has exceeded the limit.',
            'Excel.createWorkbook',
          );
        }
        this.createdWorkbooks.push(base64 ?? '');
      },
    };
    g.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version?: string) =>
            name === 'ExcelApi' && versionAtLeast(this.apiVersion, version ?? '1.1'),
        },
      },
    };
    return () => {
      g.Excel = before.Excel;
      g.Office = before.Office;
    };
  }

  require(version: string, member: string): void {
    if (!versionAtLeast(this.apiVersion, version)) {
      throw new FakeOfficeError('ApiNotFound', `${member} needs ExcelApi ${version}.`, member);
    }
  }
}

export class FakeContext {
  private queue: Action[] = [];
  private response = { bytes: 0, commits: [] as (() => void)[] };
  readonly workbook: FakeWorkbook;
  readonly application: { suspendApiCalculationUntilNextSync: () => void };

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        this.enqueue(null, () => {
          this.excel.require('1.6', 'suspendApiCalculationUntilNextSync');
          this.excel.calculationSuspensions++;
        }),
    };
  }

  get model(): WorkbookModel {
    return this.excel.model;
  }

  enqueue(data: unknown, run: () => void): void {
    this.queue.push({ bytes: payload(data), run });
  }

  /** Called by a queued load: `data` goes back in the response, `commit` makes it readable. */
  respond(data: unknown, commit: () => void): void {
    this.response.bytes += payload(data) - ACTION_BYTES;
    this.response.commits.push(commit);
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    if (!actions.length) return;
    const bytes = actions.reduce((n, a) => n + a.bytes, 0);
    const injected = this.excel.failOn?.(this.excel.requests.length);
    if (injected) {
      this.excel.requests.push({ bytes, actions: actions.length, ok: false, responseBytes: 0 });
      throw injected;
    }
    if (bytes > this.excel.payloadLimit) {
      this.excel.requests.push({ bytes, actions: actions.length, ok: false, responseBytes: 0 });
      throw new FakeOfficeError(
        'RequestPayloadSizeLimitExceeded',
        'The request payload size has exceeded the limit.',
        'context.sync',
      );
    }
    const log: RequestLog = { bytes, actions: actions.length, ok: true, responseBytes: 0 };
    this.excel.requests.push(log);
    this.response = { bytes: 0, commits: [] };
    // Like Excel, actions before a failing one stay applied; the rest of the batch is dropped.
    for (const a of actions) a.run();
    const { bytes: responseBytes, commits } = this.response;
    log.responseBytes = responseBytes;
    if (responseBytes > PAYLOAD_LIMIT) {
      log.ok = false;
      throw new FakeOfficeError(
        'ResponsePayloadSizeLimitExceeded',
        'The response payload size has exceeded the limit.',
        'context.sync',
      );
    }
    for (const commit of commits) commit();
  }
}

/** A proxy whose target is found when its first action runs, then kept (like Office.js ids). */
class Bound<T> {
  private target?: T;
  constructor(private readonly find: () => T) {}
  get(): T {
    if (this.target === undefined) this.target = this.find();
    return this.target;
  }
}

class Loadable {
  protected loaded = new Map<string, unknown>();
  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Load it first.`,
      );
    }
    return this.loaded.get(prop) as T;
  }
}

function props(arg: string | string[] | { select?: string } | undefined): string[] {
  if (!arg) return [];
  const list =
    typeof arg === 'string' ? arg.split(',') : Array.isArray(arg) ? arg : (arg.select ?? '').split(',');
  return list.map((p) => p.trim()).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Workbook, sheets, tables

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly properties: { title: string; subject: string };
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.tables = new FakeTableCollection(ctx, undefined);
    const setProperty = (key: 'title' | 'subject') => (value: string) =>
      ctx.enqueue(value, () => {
        ctx.excel.require('1.7', 'DocumentProperties');
        ctx.model.properties[key] = value;
      });
    this.properties = {
      set title(v: string) {
        setProperty('title')(v);
      },
      get title() {
        throw new FakeOfficeError('PropertyNotLoaded', 'title');
      },
      set subject(v: string) {
        setProperty('subject')(v);
      },
      get subject() {
        throw new FakeOfficeError('PropertyNotLoaded', 'subject');
      },
    };
  }
}

export class FakeWorksheetCollection extends Loadable {
  constructor(private readonly ctx: FakeContext) {
    super();
  }

  get items(): FakeWorksheet[] {
    return this.read('items');
  }

  load(what?: string): this {
    this.ctx.enqueue(what ?? '', () => {
      const items = this.ctx.model.sheets.map((s) => {
        const ws = new FakeWorksheet(this.ctx, new Bound(() => s));
        ws.markLoaded(s);
        return ws;
      });
      this.loaded.set('items', items);
    });
    return this;
  }

  add(name: string): FakeWorksheet {
    let created: SheetModel | undefined;
    this.ctx.enqueue(name, () => {
      validSheetName(name);
      if (this.ctx.model.sheet(name)) {
        throw new FakeOfficeError(
          'ItemAlreadyExists',
          `A sheet named ${name} already exists.`,
          'Worksheets.add',
        );
      }
      created = this.ctx.model.addSheet(name);
    });
    return new FakeWorksheet(
      this.ctx,
      new Bound(() => {
        if (!created) throw new FakeOfficeError('InvalidOperation', 'sheet not created yet');
        return created;
      }),
    );
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(
      this.ctx,
      new Bound(() => {
        const s = this.ctx.model.sheet(name);
        if (!s || s.deleted)
          throw new FakeOfficeError('ItemNotFound', `No sheet ${name}.`, 'Worksheets.getItem');
        return s;
      }),
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, new Bound(() => this.ctx.model.active ?? this.ctx.model.sheets[0]));
  }
}

function validSheetName(name: string): void {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
    throw new FakeOfficeError('InvalidArgument', `"${name}" is not a valid sheet name.`, 'Worksheet.name');
  }
}

export class FakeWorksheet extends Loadable {
  readonly tables: FakeTableCollection;
  readonly charts: { add: (type: string, source: FakeRange, seriesBy?: string) => FakeChart };
  readonly pivotTables: {
    getItem: (name: string) => { refresh: () => void };
    add: (
      name: string,
      source: FakeTable | FakeRange | string,
      destination: FakeRange | string,
    ) => FakePivotTable;
  };
  readonly freezePanes: {
    freezeRows: (n: number) => void;
    freezeColumns: (n: number) => void;
    freezeAt: (r: FakeRange | string) => void;
  };

  constructor(
    private readonly ctx: FakeContext,
    readonly ref: Bound<SheetModel>,
  ) {
    super();
    this.tables = new FakeTableCollection(ctx, this);
    const freeze = (rows: number, columns: number) =>
      ctx.enqueue([rows, columns], () => {
        ctx.excel.require('1.7', 'freezePanes');
        ref.get().freeze = { rows, columns };
      });
    this.freezePanes = {
      freezeRows: (n) => freeze(n, 0),
      freezeColumns: (n) => freeze(0, n),
      freezeAt: (r) => {
        const range = typeof r === 'string' ? this.getRange(r) : r;
        ctx.enqueue(null, () => {
          ctx.excel.require('1.7', 'freezePanes');
          const b = range.box();
          ref.get().freeze = { rows: b.top + b.rows, columns: b.left + b.columns };
        });
      },
    };
    this.charts = {
      add: (type, source, seriesBy) => {
        const chart: ChartModel = { type, source: '', seriesBy };
        ctx.enqueue([type, seriesBy], () => {
          chart.source = boxAddress(source.box());
          ref.get().charts.push(chart);
        });
        return new FakeChart(ctx, chart);
      },
    };
    this.pivotTables = {
      getItem: (name) => ({
        refresh: () =>
          ctx.enqueue(name, () => {
            ctx.excel.require('1.3', 'PivotTable.refresh');
            const pivot = ref.get().pivots.find((p) => p.name.toLowerCase() === name.toLowerCase());
            if (!pivot)
              throw new FakeOfficeError('ItemNotFound', `No PivotTable ${name}.`, 'PivotTables.getItem');
            pivot.refreshes = (pivot.refreshes ?? 0) + 1;
          }),
      }),
      add: (name, source, destination) => {
        const pivot: PivotModel = {
          name,
          source: undefined as unknown as TableModel,
          destination: '',
          rows: [],
          columns: [],
          filters: [],
          filterItems: {},
          values: [],
        };
        ctx.enqueue([name], () => {
          ctx.excel.require('1.8', 'PivotTableCollection.add');
          const table =
            source instanceof FakeTable
              ? source.ref.get()
              : typeof source === 'string'
                ? ctx.model.table(source)
                : undefined;
          if (!table) throw new FakeOfficeError('InvalidArgument', 'PivotTable source must be a table here.');
          pivot.source = table;
          pivot.destination = typeof destination === 'string' ? destination : boxAddress(destination.box());
          ref.get().pivots.push(pivot);
        });
        return new FakePivotTable(ctx, pivot);
      },
    };
  }

  markLoaded(s: SheetModel): void {
    this.loaded.set('name', s.name);
  }

  get name(): string {
    return this.read('name');
  }
  set name(value: string) {
    this.ctx.enqueue(value, () => {
      validSheetName(value);
      const s = this.ref.get();
      const clash = this.ctx.model.sheet(value);
      if (clash && clash !== s)
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${value} exists.`);
      s.name = value;
    });
  }

  set tabColor(value: string) {
    this.ctx.enqueue(value, () => {
      this.ctx.excel.require('1.7', 'Worksheet.tabColor');
      this.ref.get().tabColor = value;
    });
  }

  set visibility(value: string) {
    this.ctx.enqueue(value, () => {
      this.ctx.excel.require('1.1', 'Worksheet.visibility');
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(value))
        throw new FakeOfficeError('InvalidArgument', `Unknown visibility ${value}.`);
      this.ref.get().visibility = value;
    });
  }

  load(what?: string | string[]): this {
    const wanted = props(what);
    this.ctx.enqueue(wanted, () => {
      const s = this.ref.get();
      if (wanted.includes('name') || !wanted.length) this.loaded.set('name', s.name);
    });
    return this;
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this.ref, () => parseBox(address ?? 'A1'));
  }

  activate(): void {
    this.ctx.enqueue(null, () => (this.ctx.model.active = this.ref.get()));
  }

  delete(): void {
    this.ctx.enqueue(null, () => {
      const s = this.ref.get();
      const model = this.ctx.model;
      if (s.visibility === 'Visible' && model.sheets.filter((x) => x.visibility === 'Visible').length === 1) {
        throw new FakeOfficeError(
          'InvalidOperation',
          'A workbook must contain at least one visible worksheet.',
        );
      }
      s.deleted = true;
      model.sheets = model.sheets.filter((x) => x !== s);
      model.tables = model.tables.filter((t) => t.sheet !== s);
      if (model.active === s) model.active = model.sheets.find((x) => x.visibility === 'Visible');
    });
  }
}

export class FakeTableCollection extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    private readonly worksheet: FakeWorksheet | undefined,
  ) {
    super();
  }

  get items(): FakeTable[] {
    return this.read('items');
  }

  load(what?: string): this {
    this.ctx.enqueue(what ?? '', () => {
      const own = this.worksheet ? this.worksheet.ref.get() : undefined;
      const tables = this.ctx.model.tables.filter((t) => !own || t.sheet === own);
      this.loaded.set(
        'items',
        tables.map((t) => {
          const table = new FakeTable(this.ctx, new Bound(() => t));
          table.markLoaded(t);
          return table;
        }),
      );
    });
    return this;
  }

  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let created: TableModel | undefined;
    this.ctx.enqueue(typeof address === 'string' ? address : null, () => {
      const model = this.ctx.model;
      let sheet: SheetModel;
      let box: Box;
      if (typeof address === 'string') {
        const { sheet: named } = splitAddress(address);
        const s = named ? model.sheet(named) : this.worksheet?.ref.get();
        if (!s) throw new FakeOfficeError('InvalidArgument', `No sheet for ${address}.`, 'Tables.add');
        sheet = s;
        box = parseBox(address);
      } else {
        this.ctx.excel.require('1.3', 'TableCollection.add(Range)');
        sheet = address.sheet();
        box = address.box();
      }
      if (model.tables.some((t) => t.sheet === sheet && overlaps(t.box, box))) {
        throw new FakeOfficeError('InvalidOperation', 'A table cannot overlap another table.', 'Tables.add');
      }
      if (!hasHeaders) box = { ...box, top: box.top - 1, rows: box.rows + 1 };
      // A header-only range gets one empty body row, as in Excel.
      if (box.rows === 1) box = { ...box, rows: 2 };
      const headers = tableHeaders(sheet, box);
      headers.forEach((h, i) => {
        const c = sheet.cell(box.top, box.left + i);
        c.value = h;
        c.formula = undefined;
      });
      let n = model.tables.length + 1;
      while (model.table(`Table${n}`)) n++;
      created = new TableModel(`Table${n}`, sheet, box, headers);
      model.tables.push(created);
      model.tableAddCalls++;
    });
    return new FakeTable(
      this.ctx,
      new Bound(() => {
        if (!created) throw new FakeOfficeError('InvalidOperation', 'table not created yet');
        return created;
      }),
    );
  }

  getItem(name: string): FakeTable {
    return new FakeTable(
      this.ctx,
      new Bound(() => {
        const t = this.ctx.model.table(name);
        if (!t) throw new FakeOfficeError('ItemNotFound', `No table ${name}.`, 'Tables.getItem');
        return t;
      }),
    );
  }

  /** ExcelApi 1.4: the table, or a null object (`isNullObject` after a sync) when there is none. */
  getItemOrNullObject(name: string): FakeTable {
    const own = this.worksheet;
    const find = () =>
      this.ctx.model.tables.find(
        (t) => t.name.toLowerCase() === name.toLowerCase() && (!own || t.sheet === own.ref.get()),
      );
    const table = new FakeTable(
      this.ctx,
      new Bound(() => {
        const t = find();
        if (!t) throw new FakeOfficeError('InvalidObjectPath', `The table ${name} is a null object.`);
        return t;
      }),
    );
    this.ctx.enqueue(name, () => {
      this.ctx.excel.require('1.4', 'TableCollection.getItemOrNullObject');
      const isNull = !find();
      this.ctx.respond(isNull, () => table.markNull(isNull));
    });
    return table;
  }
}

/** Header names as Excel makes them: blanks become ColumnN, repeats get a number. */
function tableHeaders(sheet: SheetModel, box: Box): string[] {
  const seen = new Set<string>();
  return Array.from({ length: box.columns }, (_, i) => {
    const raw = sheet.peek(box.top, box.left + i)?.value;
    let name = raw === undefined || raw === '' ? `Column${i + 1}` : String(raw);
    const base = name;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

export class FakeTable extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    readonly ref: Bound<TableModel>,
  ) {
    super();
  }

  markLoaded(t: TableModel): void {
    this.loaded.set('name', t.name);
  }

  markNull(isNull: boolean): void {
    this.loaded.set('isNullObject', isNull);
  }

  /** Known after the sync that follows `getItemOrNullObject`. */
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  get name(): string {
    return this.read('name');
  }
  set name(value: string) {
    this.ctx.enqueue(value, () => {
      const t = this.ref.get();
      const clash = this.ctx.model.table(value);
      if (clash && clash !== t)
        throw new FakeOfficeError('ItemAlreadyExists', `A table named ${value} exists.`);
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(value)) throw new FakeOfficeError('InvalidArgument', value);
      t.name = value;
    });
  }

  set style(value: string) {
    this.ctx.enqueue(value, () => (this.ref.get().style = value));
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, new Bound(() => this.ref.get().sheet));
  }

  load(what?: string | string[]): this {
    this.ctx.enqueue(props(what), () => this.markLoaded(this.ref.get()));
    return this;
  }

  /** ExcelApi 1.1: the table's columns. */
  get columns(): FakeTableColumnCollection {
    return new FakeTableColumnCollection(this.ctx, this.ref);
  }

  getRange(): FakeRange {
    return new FakeRange(this.ctx, new Bound(() => this.ref.get().sheet), () => this.ref.get().box);
  }

  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.ctx, new Bound(() => this.ref.get().sheet), () => ({
      ...this.ref.get().box,
      rows: 1,
    }));
  }

  getDataBodyRange(): FakeRange {
    return new FakeRange(this.ctx, new Bound(() => this.ref.get().sheet), () => {
      const b = this.ref.get().box;
      return { ...b, top: b.top + 1, rows: b.rows - 1 };
    });
  }
}

/**
 * The tables that adding or deleting table columns at `from` moves sideways: those to the right of
 * the table in its rows. Excel inserts or deletes the cells of the table's rows only, shifting what
 * lies right of them in those rows, and refuses to shift part of a table.
 */
function besideInRows(t: TableModel, from: number, model: WorkbookModel, where: string): TableModel[] {
  const out: TableModel[] = [];
  const top = t.box.top;
  const bottom = t.box.top + t.box.rows;
  for (const other of model.tables) {
    if (other === t || other.sheet !== t.sheet) continue;
    const otherBottom = other.box.top + other.box.rows;
    const sharesRows = other.box.top < bottom && top < otherBottom;
    if (!sharesRows || other.box.left + other.box.columns <= from) continue;
    if (other.box.top < top || otherBottom > bottom) {
      throw new FakeOfficeError(
        'InvalidOperation',
        'This operation is not allowed. The operation is attempting to shift cells in a table on your worksheet.',
        where,
      );
    }
    out.push(other);
  }
  return out;
}

/** A new table column's name, as Excel gives it: the first free "ColumnN". */
function defaultColumnName(headers: string[]): string {
  const taken = new Set(headers.map((h) => h.toLowerCase()));
  let n = 1;
  while (taken.has(`column${n}`)) n++;
  return `Column${n}`;
}

interface ColumnRef {
  table: TableModel;
  id: number;
}

/** ExcelApi 1.1: a table's columns. */
export class FakeTableColumnCollection {
  constructor(
    private readonly ctx: FakeContext,
    private readonly table: Bound<TableModel>,
  ) {}

  /**
   * Adds a column at `index` (ExcelApi 1.1, which needs an index below the column count), or at the
   * end when it is null or -1 (ExcelApi 1.4). The cells of the table's rows from there on shift right,
   * with whatever lies right of the table in those rows; the new column's header is "ColumnN" (or
   * `name`, ExcelApi 1.4) until its header cell is written, and its body is empty.
   */
  add(index?: number | null, values?: unknown, name?: string | null): FakeTableColumn {
    let created: ColumnRef | undefined;
    this.ctx.enqueue([index ?? null, values ?? null, name ?? null], () => {
      const t = this.table.get();
      if (values !== undefined && values !== null) {
        throw new FakeOfficeError('NotImplemented', 'TableColumnCollection.add with values');
      }
      if (name !== undefined && name !== null)
        this.ctx.excel.require('1.4', 'TableColumnCollection.add(name)');
      const count = t.columnIds.length;
      let at: number;
      if (index === undefined || index === null || index === -1) {
        this.ctx.excel.require('1.4', 'TableColumnCollection.add at the end');
        at = count;
      } else if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new FakeOfficeError(
          'InvalidArgument',
          'The argument is invalid or missing or has an incorrect format.',
          'TableColumnCollection.add',
        );
      } else at = index;
      const column = t.box.left + at;
      const moved = besideInRows(t, column, this.ctx.model, 'TableColumnCollection.add');
      t.sheet.shiftColumns(column, 1, t.box.top, t.box.rows);
      for (const o of moved) o.box = { ...o.box, left: o.box.left + 1 };
      const header = name ?? defaultColumnName(t.headers);
      t.box = { ...t.box, columns: t.box.columns + 1 };
      t.headers.splice(at, 0, header);
      const id = TableModel.newColumnId();
      t.columnIds.splice(at, 0, id);
      const cell = t.sheet.cell(t.box.top, column);
      cell.value = header;
      created = { table: t, id };
    });
    return new FakeTableColumn(
      this.ctx,
      new Bound(() => {
        if (!created) throw new FakeOfficeError('InvalidOperation', 'column not added yet');
        return created;
      }),
    );
  }

  /** ExcelApi 1.1: the column at a position, found when the request reaches it. */
  getItemAt(index: number): FakeTableColumn {
    return new FakeTableColumn(
      this.ctx,
      new Bound(() => {
        const t = this.table.get();
        if (!Number.isInteger(index) || index < 0 || index >= t.columnIds.length) {
          throw new FakeOfficeError(
            'InvalidArgument',
            `No column at ${index}.`,
            'TableColumnCollection.getItemAt',
          );
        }
        return { table: t, id: t.columnIds[index] };
      }),
    );
  }

  /** ExcelApi 1.1: a column by name (ignoring case) or id. */
  getItem(key: string | number): FakeTableColumn {
    return new FakeTableColumn(
      this.ctx,
      new Bound(() => {
        const t = this.table.get();
        const i =
          typeof key === 'number'
            ? t.columnIds.indexOf(key)
            : t.headers.findIndex((h) => h.toLowerCase() === key.toLowerCase());
        if (i < 0)
          throw new FakeOfficeError('ItemNotFound', `No column ${key}.`, 'TableColumnCollection.getItem');
        return { table: t, id: t.columnIds[i] };
      }),
    );
  }
}

export class FakeTableColumn extends Loadable {
  constructor(
    private readonly ctx: FakeContext,
    readonly ref: Bound<ColumnRef>,
  ) {
    super();
  }

  get name(): string {
    return this.read('name');
  }

  load(what?: string | string[]): this {
    this.ctx.enqueue(props(what), () => {
      const { table, id } = this.ref.get();
      const i = table.columnIds.indexOf(id);
      this.ctx.respond({ name: table.headers[i], index: i }, () => {
        this.loaded.set('name', table.headers[i]);
        this.loaded.set('index', i);
      });
    });
    return this;
  }

  /**
   * ExcelApi 1.1: deletes the column from the table: the cells of the table's rows right of it shift
   * left, with whatever lies right of the table in those rows; a formula naming it shows #REF!.
   */
  delete(): void {
    this.ctx.enqueue(null, () => {
      const { table: t, id } = this.ref.get();
      const i = t.columnIds.indexOf(id);
      if (i < 0) throw new FakeOfficeError('ItemNotFound', 'The column was deleted.', 'TableColumn.delete');
      if (t.columnIds.length === 1) {
        throw new FakeOfficeError('InvalidOperation', 'A table keeps one column.', 'TableColumn.delete');
      }
      const column = t.box.left + i;
      const moved = besideInRows(t, column + 1, this.ctx.model, 'TableColumn.delete');
      t.sheet.shiftColumns(column, -1, t.box.top, t.box.rows, 1);
      for (const o of moved) o.box = { ...o.box, left: o.box.left - 1 };
      t.box = { ...t.box, columns: t.box.columns - 1 };
      t.headers.splice(i, 1);
      t.columnIds.splice(i, 1);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

function shapeOf(values: unknown, b: Box, what: string): unknown[][] {
  if (
    !Array.isArray(values) ||
    values.length !== b.rows ||
    values.some((r) => !Array.isArray(r) || r.length !== b.columns)
  ) {
    throw new FakeOfficeError(
      'InvalidArgument',
      `The number of rows or columns in the ${what} array does not match the size of the range.`,
      `Range.${what}`,
    );
  }
  return values as unknown[][];
}

export class FakeRange extends Loadable {
  readonly format: {
    columnWidth: number;
    wrapText: boolean;
    font: { bold: boolean; italic: boolean; size: number; color: string };
    fill: { color: string };
  };
  readonly conditionalFormats: { add: (type: string) => FakeConditionalFormat; clearAll: () => void };
  readonly dataValidation: { rule: unknown; clear: () => void };

  constructor(
    private readonly ctx: FakeContext,
    private readonly sheetRef: Bound<SheetModel>,
    private readonly locate: () => Box,
  ) {
    super();
    const each = (apply: (c: Cell) => void) => () => {
      const b = this.box();
      if (b.wholeColumns) return;
      for (let r = 0; r < b.rows; r++)
        for (let c = 0; c < b.columns; c++) apply(this.sheet().cell(b.top + r, b.left + c));
    };
    const set = (data: unknown, run: () => void) => ctx.enqueue(data, run);
    const font = {
      set bold(v: boolean) {
        set(
          v,
          each((c) => (c.bold = v)),
        );
      },
      set italic(v: boolean) {
        set(
          v,
          each((c) => (c.italic = v)),
        );
      },
      set size(v: number) {
        set(
          v,
          each((c) => (c.size = v)),
        );
      },
      set color(v: string) {
        set(
          v,
          each((c) => (c.fontColor = v)),
        );
      },
    } as FakeRange['format']['font'];
    const fill = {
      set color(v: string) {
        set(
          v,
          each((c) => (c.fill = v)),
        );
      },
    } as FakeRange['format']['fill'];
    const box = () => this.box();
    const sheet = () => this.sheet();
    this.format = {
      set columnWidth(points: number) {
        set(points, () => {
          ctx.excel.require('1.2', 'RangeFormat.columnWidth');
          const b = box();
          for (let c = 0; c < b.columns; c++) sheet().columnWidths.set(b.left + c, points);
        });
      },
      set wrapText(v: boolean) {
        set(
          v,
          each((c) => (c.wrap = v)),
        );
      },
      font,
      fill,
    } as FakeRange['format'];
    this.conditionalFormats = {
      add: (type) => {
        const cf: ConditionalFormatModel = { address: '', type };
        set(type, () => {
          ctx.excel.require('1.6', 'ConditionalFormatCollection.add');
          cf.address = boxAddress(this.box());
          this.sheet().conditionalFormats.push(cf);
        });
        return new FakeConditionalFormat(ctx, cf);
      },
      clearAll: () =>
        set(null, () => {
          ctx.excel.require('1.6', 'ConditionalFormatCollection.clearAll');
          const b = this.box();
          const s = this.sheet();
          s.conditionalFormats = s.conditionalFormats.filter((cf) => !overlaps(parseBox(cf.address), b));
        }),
    };
    this.dataValidation = {
      set rule(rule: unknown) {
        set(rule, () => {
          ctx.excel.require('1.8', 'DataValidation.rule');
          sheet().validations.push({ address: boxAddress(box()), rule });
        });
      },
      clear: () =>
        set(null, () => {
          ctx.excel.require('1.8', 'DataValidation.clear');
          const s = sheet();
          s.validations = s.validations.filter((v) => !overlaps(parseBox(v.address), box()));
        }),
    } as { rule: unknown; clear: () => void };
  }

  sheet(): SheetModel {
    return this.sheetRef.get();
  }

  box(): Box {
    return this.locate();
  }

  set numberFormat(formats: unknown) {
    this.ctx.enqueue(formats, () => {
      const b = this.box();
      const grid = shapeOf(formats, b, 'numberFormat');
      grid.forEach((row, r) =>
        row.forEach((f, c) => (this.sheet().cell(b.top + r, b.left + c).numberFormat = String(f))),
      );
    });
  }

  set values(values: unknown) {
    this.ctx.enqueue(values, () => {
      const b = this.box();
      const grid = shapeOf(values, b, 'values');
      grid.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null) return; // null leaves a cell as it is
          if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
            throw new FakeOfficeError(
              'InvalidArgument',
              `Unsupported cell value ${String(v)}`,
              'Range.values',
            );
          }
          const cell = this.sheet().cell(b.top + r, b.left + c);
          if (typeof v === 'string') entered(cell, v, this.ctx.model);
          else {
            cell.value = v;
            cell.formula = undefined;
            cell.refs = undefined;
          }
          this.syncHeader(b.top + r, b.left + c);
        }),
      );
    });
  }

  /** Writing a table's header cell renames its column, as in Excel. */
  private syncHeader(row: number, column: number): void {
    for (const t of this.ctx.model.tables) {
      if (t.sheet !== this.sheet() || t.box.top !== row) continue;
      const i = column - t.box.left;
      if (i >= 0 && i < t.box.columns) t.headers[i] = String(this.sheet().valueAt(row, column));
    }
  }

  /** ExcelApi 1.1: formulas (a plain value is entered as a value). */
  set formulas(formulas: unknown) {
    this.ctx.enqueue(formulas, () => {
      const b = this.box();
      const grid = shapeOf(formulas, b, 'formulas');
      grid.forEach((row, r) =>
        row.forEach((v, c) => {
          const cell = this.sheet().cell(b.top + r, b.left + c);
          if (typeof v === 'string') entered(cell, v, this.ctx.model);
          else cell.value = v as CellValue;
        }),
      );
    });
  }

  /** ExcelApi 1.1: inserts cells, shifting those below down; a table the cells fall in grows. */
  insert(shift: string): FakeRange {
    this.ctx.enqueue(shift, () => {
      if (shift !== 'Down') throw new FakeOfficeError('NotImplemented', `insert(${shift})`);
      const b = this.box();
      const tables = this.shifted(b);
      this.sheet().shiftRows(b.top, b.rows, b.left, b.columns);
      for (const t of tables) {
        if (t.box.top < b.top) t.box = { ...t.box, rows: t.box.rows + b.rows };
        else t.box = { ...t.box, top: t.box.top + b.rows };
      }
    });
    return this;
  }

  /** ExcelApi 1.1: deletes cells, shifting those below up; a table they fall in shrinks. */
  delete(shift: string): void {
    this.ctx.enqueue(shift, () => {
      if (shift !== 'Up') throw new FakeOfficeError('NotImplemented', `delete(${shift})`);
      const b = this.box();
      const tables = this.shifted(b);
      for (const t of tables) {
        const bottom = t.box.top + t.box.rows;
        if (t.box.top >= b.top && t.box.top < b.top + b.rows) {
          throw new FakeOfficeError(
            'InvalidOperation',
            'Deleting a table header row this way is not supported.',
          );
        }
        if (t.box.top < b.top && bottom > b.top) {
          const removed = Math.min(bottom, b.top + b.rows) - b.top;
          if (t.box.rows - removed < 2)
            throw new FakeOfficeError('InvalidOperation', 'A table keeps one body row.');
          t.box = { ...t.box, rows: t.box.rows - removed };
        } else if (t.box.top >= b.top + b.rows) t.box = { ...t.box, top: t.box.top - b.rows };
      }
      this.sheet().shiftRows(b.top, -b.rows, b.left, b.columns, b.rows);
    });
  }

  /**
   * The tables that shifting the rows below `b` (in its columns) moves or resizes. Excel refuses to
   * shift part of a table: each must lie within the columns shifted.
   */
  private shifted(b: Box): TableModel[] {
    const out: TableModel[] = [];
    for (const t of this.ctx.model.tables) {
      if (t.sheet !== this.sheet()) continue;
      const overlapsColumns = t.box.left < b.left + b.columns && b.left < t.box.left + t.box.columns;
      if (!overlapsColumns || t.box.top + t.box.rows <= b.top) continue;
      if (t.box.left < b.left || t.box.left + t.box.columns > b.left + b.columns) {
        throw new FakeOfficeError(
          'InvalidOperation',
          'This operation is not allowed. The operation is attempting to shift cells in a table on your worksheet.',
          'Range.insert',
        );
      }
      out.push(t);
    }
    for (const p of this.sheet().pivots) void p;
    return out;
  }

  /** ExcelApi 1.1: clears values and formats. */
  clear(): void {
    this.ctx.enqueue(null, () => {
      const b = this.box();
      for (const key of [...this.sheet().cells.keys()]) {
        const [r, c] = key.split(',').map(Number);
        if (inBox(b, r, c)) this.sheet().cells.delete(key);
      }
    });
  }

  /** ExcelApi 1.9: copies another range's cells (values, formats, links) here, from this range's top-left cell. */
  copyFrom(source: string | FakeRange, copyType = 'All'): void {
    this.ctx.enqueue([typeof source === 'string' ? source : null, copyType], () => {
      this.ctx.excel.require('1.9', 'Range.copyFrom');
      let from: SheetModel;
      let box: Box;
      if (typeof source === 'string') {
        const { sheet } = splitAddress(source);
        const s = sheet ? this.ctx.model.sheet(sheet) : this.sheet();
        if (!s) throw new FakeOfficeError('InvalidArgument', `No sheet for ${source}.`, 'Range.copyFrom');
        from = s;
        box = parseBox(source);
      } else {
        from = source.sheet();
        box = source.box();
      }
      const to = this.box();
      const sheet = this.sheet();
      for (let r = 0; r < box.rows; r++)
        for (let c = 0; c < box.columns; c++) {
          const src = from.peek(box.top + r, box.left + c);
          const key = `${to.top + r},${to.left + c}`;
          if (!src) sheet.cells.delete(key);
          else sheet.cells.set(key, { ...src, hyperlink: src.hyperlink && { ...src.hyperlink } });
          this.syncHeader(to.top + r, to.left + c);
        }
    });
  }

  get values(): CellValue[][] {
    return this.read('values');
  }
  get address(): string {
    return this.read('address');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }

  set hyperlink(link: Cell['hyperlink']) {
    this.ctx.enqueue(link, () => {
      this.ctx.excel.require('1.7', 'Range.hyperlink');
      const b = this.box();
      const cell = this.sheet().cell(b.top, b.left);
      cell.hyperlink = link;
      if (link?.textToDisplay !== undefined) cell.value = link.textToDisplay;
    });
  }

  /** Loads what is asked (everything when nothing is named); values count towards the response. */
  load(what?: string | string[]): this {
    const wanted = props(what);
    this.ctx.enqueue(wanted, () => {
      const b = this.box();
      const s = this.sheet();
      const data: Record<string, unknown> = {
        address: `${quote(s.name)}!${boxAddress(b)}`,
        rowCount: b.rows,
        columnCount: b.columns,
      };
      if (!wanted.length || wanted.includes('values')) data.values = s.values(b);
      if (wanted.includes('text')) {
        data.text = Array.from({ length: b.rows }, (_, r) =>
          Array.from({ length: b.columns }, (_, c) => s.shown(b.top + r, b.left + c)),
        );
      }
      this.ctx.respond(data, () => Object.entries(data).forEach(([k, v]) => this.loaded.set(k, v)));
    });
    return this;
  }

  select(): void {
    this.ctx.enqueue(null, () => {
      const s = this.sheet();
      this.ctx.model.active = s;
      this.ctx.model.selection = { sheet: s.name, address: boxAddress(this.box()) };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetRef, () => {
      const b = this.box();
      return { top: b.top + row, left: b.left + column, rows: 1, columns: 1 };
    });
  }

  getRow(row: number): FakeRange {
    return new FakeRange(this.ctx, this.sheetRef, () => {
      const b = this.box();
      if (row < 0 || row >= b.rows) throw new FakeOfficeError('InvalidArgument', `No row ${row}.`, 'getRow');
      return { ...b, top: b.top + row, rows: 1 };
    });
  }

  /** ExcelApi 1.1: the smallest range holding this one and another. */
  getBoundingRect(other: FakeRange | string): FakeRange {
    return new FakeRange(this.ctx, this.sheetRef, () => {
      const a = this.box();
      const b = typeof other === 'string' ? parseBox(other) : other.box();
      const top = Math.min(a.top, b.top);
      const left = Math.min(a.left, b.left);
      const bottom = Math.max(a.top + a.rows, b.top + b.rows);
      const right = Math.max(a.left + a.columns, b.left + b.columns);
      return { top, left, rows: bottom - top, columns: right - left };
    });
  }

  /** ExcelApi 1.2: the range grown (or shrunk) by the given rows and columns. */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    this.ctx.excel.require('1.2', 'Range.getResizedRange');
    return new FakeRange(this.ctx, this.sheetRef, () => {
      const b = this.box();
      const rows = b.rows + deltaRows;
      const columns = b.columns + deltaColumns;
      if (rows < 1 || columns < 1) {
        throw new FakeOfficeError('InvalidArgument', 'The resized range is empty.', 'getResizedRange');
      }
      return { ...b, rows, columns };
    });
  }
}

function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export class FakeConditionalFormat {
  readonly colorScale: { criteria: unknown };
  readonly cellValue: {
    format: { fill: { color: string }; font: { color: string } };
    rule: { formula1: string; operator: string };
  };
  constructor(ctx: FakeContext, cf: ConditionalFormatModel) {
    const set = (data: unknown, run: () => void) => ctx.enqueue(data, run);
    this.colorScale = {
      set criteria(v: unknown) {
        set(v, () => (cf.criteria = v));
      },
    } as { criteria: unknown };
    this.cellValue = {
      format: {
        fill: {
          set color(v: string) {
            set(v, () => (cf.fill = v));
          },
        } as { color: string },
        font: {
          set color(v: string) {
            set(v, () => (cf.font = v));
          },
        } as { color: string },
      },
      set rule(v: { formula1: string; operator: string }) {
        set(v, () => (cf.rule = v));
      },
    } as FakeConditionalFormat['cellValue'];
  }
}

export class FakeChart {
  readonly title: { text: string };
  readonly axes: {
    categoryAxis: { setCategoryNames: (r: FakeRange) => void };
    valueAxis: { minimum: number; maximum: number; numberFormat: string };
  };
  readonly series: { getItemAt: (index: number) => { name: string } };
  constructor(
    private readonly ctx: FakeContext,
    private readonly chart: ChartModel,
  ) {
    const axis = (key: 'minimum' | 'maximum' | 'numberFormat', since: string) => ({
      set: (v: number | string) =>
        ctx.enqueue(v, () => {
          ctx.excel.require(since, `ChartAxis.${key}`);
          chart.valueAxis = { ...chart.valueAxis, [key]: v };
        }),
    });
    const valueAxis = {};
    Object.defineProperties(valueAxis, {
      minimum: axis('minimum', '1.1'),
      maximum: axis('maximum', '1.1'),
      numberFormat: axis('numberFormat', '1.8'),
    });
    this.axes = {
      categoryAxis: {
        setCategoryNames: (r) =>
          ctx.enqueue(null, () => {
            ctx.excel.require('1.7', 'ChartAxis.setCategoryNames');
            chart.categories = boxAddress(r.box());
          }),
      },
      valueAxis: valueAxis as { minimum: number; maximum: number; numberFormat: string },
    };
    this.series = {
      getItemAt: (index) => ({
        set name(v: string) {
          ctx.enqueue(v, () => {
            // Excel makes one series per column of the block the chart was added with.
            const [, from, to] =
              /^([A-Z]+)\d+(?::([A-Z]+)\d+)?$/.exec(chart.source.replace(/^.*!/, '')) ?? [];
            const count = from ? columnIndex(to ?? from) - columnIndex(from) + 1 : 0;
            if (index >= count)
              throw new FakeOfficeError('ItemNotFound', `The chart has no series ${index}.`);
            const names = [...(chart.seriesNames ?? [])];
            names[index] = v;
            chart.seriesNames = names;
          });
        },
      }),
    };
    this.title = {
      set text(v: string) {
        ctx.enqueue(v, () => (chart.title = v));
      },
    } as { text: string };
  }
  set name(v: string) {
    this.ctx.enqueue(v, () => (this.chart.name = v));
  }
  setPosition(start: string | FakeRange, end?: string | FakeRange): void {
    const a = (x: string | FakeRange) => (typeof x === 'string' ? x : boxAddress(x.box()));
    this.ctx.enqueue(null, () => (this.chart.position = [a(start), end === undefined ? undefined : a(end)]));
  }
}

interface FakeFilterHierarchy {
  fields: {
    getItem: (name: string) => { applyFilter: (f: { manualFilter: { selectedItems: string[] } }) => void };
  };
}

export class FakePivotTable {
  readonly hierarchies: { getItem: (name: string) => { field: string } };
  readonly rowHierarchies: { add: (h: { field: string }) => void };
  readonly columnHierarchies: { add: (h: { field: string }) => void };
  readonly filterHierarchies: { add: (h: { field: string }) => FakeFilterHierarchy };
  readonly dataHierarchies: {
    add: (h: { field: string }) => { summarizeBy: string; name: string; numberFormat: string };
  };

  constructor(ctx: FakeContext, pivot: PivotModel) {
    const field = (name: string) => {
      if (!pivot.source.headers.some((h) => h.toLowerCase() === name.toLowerCase())) {
        throw new FakeOfficeError(
          'ItemNotFound',
          `No field ${name} in ${pivot.source.name}.`,
          'PivotHierarchy',
        );
      }
    };
    const into = (list: string[]) => ({
      add: (h: { field: string }) => ctx.enqueue(h.field, () => (field(h.field), list.push(h.field))),
    });
    this.hierarchies = { getItem: (name) => ({ field: name }) };
    this.rowHierarchies = into(pivot.rows);
    this.columnHierarchies = into(pivot.columns);
    this.filterHierarchies = {
      add: (h) => {
        into(pivot.filters).add(h);
        return {
          fields: {
            getItem: (name) => ({
              applyFilter: (filter) =>
                ctx.enqueue(filter, () => {
                  ctx.excel.require('1.12', 'PivotField.applyFilter');
                  pivot.filterItems[name] = filter.manualFilter.selectedItems;
                }),
            }),
          },
        };
      },
    };
    this.dataHierarchies = {
      add: (h) => {
        const value: PivotModel['values'][number] = { field: h.field };
        ctx.enqueue(h.field, () => {
          field(h.field);
          pivot.values.push(value);
        });
        return {
          set summarizeBy(v: string) {
            ctx.enqueue(v, () => (value.summarizeBy = v));
          },
          set name(v: string) {
            ctx.enqueue(v, () => {
              if (v.toLowerCase() === h.field.toLowerCase()) {
                throw new FakeOfficeError(
                  'InvalidArgument',
                  'A data field name cannot equal its source field.',
                );
              }
              value.name = v;
            });
          },
          set numberFormat(v: string) {
            ctx.enqueue(v, () => (value.numberFormat = v));
          },
        } as { summarizeBy: string; name: string; numberFormat: string };
      },
    };
  }
}
