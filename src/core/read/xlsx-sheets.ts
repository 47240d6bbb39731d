import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ReadError } from './errors';
import { assertZipSizes, declaredEntrySize, streamEntryText } from './zip-bounds';
import type { ExportCell } from './export';

/** A drop-down list of a worksheet: its options, or the formula that gives them when not resolved. */
export type SheetValidation = { ref: string; list: string[] } | { ref: string; formula: string };

/** A worksheet as rows of cells, the first row at index 0 and blank rows kept as `[]`. */
export interface SheetCells {
  name: string;
  rows: ExportCell[][];
  /** The sheet's drop-down lists (list data validations), where it has any. */
  validations?: SheetValidation[];
}

/**
 * A part larger than this once inflated is refused: a response workbook of 16 MB holds far less,
 * and a ZIP bomb must not be inflated to find that out.
 */
export const MAX_PART_BYTES = 128 * 1024 * 1024;

/** Excel's limits: no cell lies beyond them. */
const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

/**
 * The worksheets of an .xlsx, in workbook order, as the cells show them: text (shared, inline, rich
 * text runs joined), numbers, truth values, dates (cells formatted as dates, as UTC `Date`s of their
 * wall-clock time), formulas as their cached result; errors and blanks as null.
 *
 * The package is read part by part with a streaming XML parser: only the workbook, its relations,
 * the shared strings, the styles and the worksheets, each checked for its inflated size first.
 *
 * A workbook is parsed once per bytes: deriving a definition from a batch and then reading the batch
 * share the result, which callers must therefore not modify.
 */
export function readWorkbookSheets(bytes: Uint8Array): Promise<SheetCells[]> {
  let sheets = parsed.get(bytes);
  if (!sheets) {
    sheets = parseWorkbook(bytes);
    parsed.set(bytes, sheets);
  }
  return sheets;
}

const parsed = new WeakMap<Uint8Array, Promise<SheetCells[]>>();

async function parseWorkbook(bytes: Uint8Array): Promise<SheetCells[]> {
  assertZipSizes(bytes, 'The Excel workbook');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw damaged(e);
  }
  try {
    return await readPackage(zip);
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw damaged(e);
  }
}

function damaged(e: unknown): ReadError {
  return new ReadError(
    'malformed',
    `The Excel workbook is damaged and could not be opened (${e instanceof Error ? e.message : String(e)}).`,
  );
}

interface Relation {
  type: string;
  target: string;
}

async function readPackage(zip: JSZip): Promise<SheetCells[]> {
  const root = await readRelations(zip, '');
  const workbookPath = root.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbook = await readWorkbook(zip, workbookPath);
  const rels = await readRelations(zip, workbookPath);
  const byId = new Map(rels.map((r) => [r.id, r] as const));
  const partOf = (suffix: string) => rels.find((r) => r.type.endsWith(suffix))?.target;
  const strings = await readSharedStrings(
    zip,
    partOf('/sharedStrings') ?? siblingPath(workbookPath, 'sharedStrings.xml'),
  );
  const dateStyles = await readDateStyles(zip, partOf('/styles') ?? siblingPath(workbookPath, 'styles.xml'));
  const context: SheetContext = { strings, dateStyles, date1904: workbook.date1904 };

  const sheets: SheetCells[] = [];
  const pending: { sheet: SheetCells; formulas: PendingValidation[] }[] = [];
  for (const { name, rid } of workbook.sheets) {
    const rel = byId.get(rid);
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets
    const { rows, validations } = await readWorksheet(zip, rel.target, context);
    const sheet: SheetCells = { name, rows };
    sheets.push(sheet);
    if (validations.length) pending.push({ sheet, formulas: validations });
  }
  for (const { sheet, formulas } of pending)
    sheet.validations = formulas.map((v) => resolveValidation(v, sheet, sheets, workbook.names));
  return sheets;
}

// ---------------------------------------------------------------------------------------------
// Parts and XML

/** Streams one part of the package through a SAX parser. A missing part is read as empty. */
async function parsePart(
  zip: JSZip,
  path: string,
  handlers: {
    open?: (name: string, attrs: Record<string, string>) => void;
    close?: (name: string) => void;
    text?: (text: string) => void;
  },
): Promise<boolean> {
  const file = zip.file(path);
  if (!file) return false;
  const size = declaredEntrySize(file);
  if (size !== undefined && size > MAX_PART_BYTES)
    throw new ReadError(
      'too-large',
      `The Excel workbook's part ${path} inflates to ${(size / 1024 / 1024).toFixed(0)} MB, ` +
        `more than the ${MAX_PART_BYTES / 1024 / 1024} MB a questionnaire response can hold.`,
    );
  const parser = new SaxesParser();
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag: SaxesTagPlain) => open(localName(tag.name), tag.attributes));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag: SaxesTagPlain) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  // Declared sizes can lie; the inflated text is counted as it arrives.
  await streamEntryText(
    file,
    MAX_PART_BYTES,
    (chunk) => parser.write(chunk),
    () => new ReadError('too-large', `The Excel workbook's part ${path} is too large.`),
  );
  parser.close();
  return true;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The folder a part lies in, with a trailing `/` (empty for the package root). */
function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

function siblingPath(path: string, name: string): string {
  return folderOf(path) + name;
}

/** A relation's target: absolute (`/xl/tables/table1.xml`, as openpyxl writes) or relative to the source part. */
function resolveTarget(source: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURI(target);
  } catch {
    // a stray % stays as written
  }
  const parts = (decoded.startsWith('/') ? decoded.slice(1) : folderOf(source) + decoded).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

async function readRelations(zip: JSZip, source: string): Promise<(Relation & { id: string })[]> {
  const path = `${folderOf(source)}_rels/${source.slice(folderOf(source).length)}.rels`;
  const rels: (Relation & { id: string })[] = [];
  await parsePart(zip, path, {
    open(name, a) {
      if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Target) return;
      rels.push({ id: a.Id ?? '', type: a.Type ?? '', target: resolveTarget(source, a.Target) });
    },
  });
  return rels;
}

interface WorkbookInfo {
  sheets: { name: string; rid: string }[];
  date1904: boolean;
  /** Defined names (workbook-wide ones), for the ranges drop-down lists name. */
  names: Map<string, string>;
}

async function readWorkbook(zip: JSZip, path: string): Promise<WorkbookInfo> {
  const info: WorkbookInfo = { sheets: [], date1904: false, names: new Map() };
  let definedName: string | undefined;
  let text = '';
  const found = await parsePart(zip, path, {
    open(name, a) {
      if (name === 'sheet') info.sheets.push({ name: a.name ?? '', rid: a['r:id'] ?? relationId(a) });
      else if (name === 'workbookPr') info.date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'definedName' && a.localSheetId === undefined) {
        definedName = a.name;
        text = '';
      }
    },
    text(t) {
      if (definedName !== undefined) text += t;
    },
    close(name) {
      if (name === 'definedName' && definedName !== undefined) {
        info.names.set(definedName.toLowerCase(), text.trim());
        definedName = undefined;
      }
    },
  });
  if (!found) throw new ReadError('malformed', 'The Excel workbook has no workbook part.');
  return info;
}

/** The relationship id attribute under whatever prefix the file binds it to. */
function relationId(attrs: Record<string, string>): string {
  const key = Object.keys(attrs).find((k) => localName(k) === 'id' && k.includes(':'));
  return key ? attrs[key] : '';
}

// ---------------------------------------------------------------------------------------------
// Shared strings and styles

/** OOXML writes characters XML cannot hold (and carriage returns) as `_xHHHH_`; `_x005F_` is `_`. */
function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function readSharedStrings(zip: JSZip, path: string): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let inText = false;
  // Phonetic guides (<rPh>) repeat the reading of East Asian text; they are not the cell's text.
  let phonetic = 0;
  await parsePart(zip, path, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inText = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    text(t) {
      if (inText) current += t;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') strings.push(unescapeOoxml(current));
    },
  });
  return strings;
}

/** Excel's built-in number formats that show a date or time (27–36 and 50–58 in East Asian locales). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a custom number format shows a date or time: d, m, y or h outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  return /[dmyh]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** The indexes of cell formats (`s` attributes) that show dates. */
async function readDateStyles(zip: JSZip, path: string): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, path, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  xfFormats.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATE_FORMATS.has(id)) dates.add(index);
  });
  return dates;
}

// ---------------------------------------------------------------------------------------------
// Worksheets

interface SheetContext {
  strings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

interface PendingValidation {
  ref: string;
  formula: string;
}

/** Excel's day 0 is 1899-12-30 (1904-01-01 in the 1904 date system). */
const EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const EPOCH_1904_MS = Date.UTC(1904, 0, 1);

/** A date serial as the UTC `Date` of its wall-clock time, to the nearest second. */
function serialToDate(serial: number, date1904: boolean): Date {
  const seconds = Math.round(serial * 86400);
  return new Date((date1904 ? EPOCH_1904_MS : EPOCH_1900_MS) + seconds * 1000);
}

/** `AB12` → column index 27 (0-based); -1 when the reference has no column. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 97 || code > 122) break;
    col = col * 26 + (code - 96);
  }
  return i === 0 ? -1 : col - 1;
}

async function readWorksheet(
  zip: JSZip,
  path: string,
  { strings, dateStyles, date1904 }: SheetContext,
): Promise<{ rows: ExportCell[][]; validations: PendingValidation[] }> {
  const rows: ExportCell[][] = [];
  const validations: PendingValidation[] = [];
  let row: ExportCell[] | undefined;
  let rowIndex = -1;
  let colIndex = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inline = '';
  let inValue = false;
  let inInline = false;
  let inInlineText = false;
  let phonetic = 0;
  // Drop-down lists: <dataValidation type="list" sqref><formula1>, and Excel 2010's
  // <x14:dataValidation type="list"><x14:formula1><xm:f>…</xm:f></x14:formula1><xm:sqref>.
  let validation: { list: boolean; ref: string; formula: string } | undefined;
  let inFormula1 = false;
  let inSqref = false;
  const merges: string[] = [];

  const finishCell = () => {
    if (!row || colIndex < 0 || colIndex >= MAX_COLUMNS) return;
    let cell: ExportCell = null;
    switch (type) {
      case 's': {
        const s = strings[Number(value)];
        cell = s ? s : null;
        break;
      }
      case 'str':
        cell = value === '' ? null : unescapeOoxml(value);
        break;
      case 'inlineStr':
        cell = inline === '' ? null : unescapeOoxml(inline);
        break;
      case 'b':
        cell = value === '' ? null : value.trim() === '1' || value.trim().toLowerCase() === 'true';
        break;
      case 'e':
        cell = null;
        break;
      case 'd':
        // ISO 8601 date cells (Strict files): their wall-clock time.
        cell = value ? new Date(`${value.trim().replace(/Z$|[+-]\d{2}:\d{2}$/, '')}Z`) : null;
        if (cell instanceof Date && Number.isNaN(cell.getTime())) cell = value;
        break;
      default: {
        const text = value.trim();
        if (text === '') break;
        const n = Number(text);
        if (!Number.isFinite(n)) cell = text;
        else cell = dateStyles.has(style) ? serialToDate(n, date1904) : n;
      }
    }
    while (row.length < colIndex) row.push(null);
    row[colIndex] = cell;
  };

  await parsePart(zip, path, {
    open(name, a) {
      switch (name) {
        case 'row': {
          const r = a.r ? Number(a.r) - 1 : rowIndex + 1;
          rowIndex = Number.isInteger(r) && r >= 0 ? r : rowIndex + 1;
          colIndex = -1;
          row = rowIndex < MAX_ROWS ? [] : undefined;
          if (row) rows[rowIndex] = row;
          break;
        }
        case 'c': {
          const c = a.r ? columnOf(a.r) : -1;
          colIndex = c >= 0 ? c : colIndex + 1;
          type = a.t ?? 'n';
          style = a.s ? Number(a.s) : 0;
          value = '';
          inline = '';
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 't':
          inInlineText = inInline && phonetic === 0;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'mergeCell':
          if (a.ref) merges.push(a.ref);
          break;
        case 'dataValidation':
          validation = { list: a.type === 'list', ref: a.sqref ?? '', formula: '' };
          break;
        case 'formula1':
          inFormula1 = validation !== undefined;
          break;
        case 'sqref':
          inSqref = validation !== undefined;
          break;
      }
    },
    text(t) {
      if (inValue) value += t;
      else if (inInlineText) inline += t;
      else if (inFormula1 && validation) validation.formula += t;
      else if (inSqref && validation) validation.ref += t;
    },
    close(name) {
      switch (name) {
        case 'c':
          finishCell();
          break;
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 't':
          inInlineText = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'formula1':
          inFormula1 = false;
          break;
        case 'sqref':
          inSqref = false;
          break;
        case 'dataValidation':
          if (validation?.list && validation.formula.trim())
            validations.push({ ref: validation.ref.trim(), formula: validation.formula.trim() });
          validation = undefined;
          break;
      }
    },
  });
  // Rows that only carry formatting at the end of a sheet (row 1048576 with a height) hold nothing.
  let end = rows.length;
  while (end > 0 && !(rows[end - 1] ?? []).some((c) => c !== null && c !== undefined)) end--;
  // ...unless a merged area reaches over them.
  for (const ref of merges) {
    const last = Number(/(\d+)$/.exec(ref)?.[1] ?? 0);
    if (last > end && last <= rows.length && last - end <= MAX_MERGE_CELLS) end = last;
  }
  const dense = Array.from({ length: end }, (_, i) => rows[i] ?? []);
  for (const ref of merges) spreadMerge(dense, ref);
  return { rows: dense, validations };
}

/** The largest merged area whose value is repeated into each of its cells. */
const MAX_MERGE_CELLS = 10000;

/**
 * A merged area shows its first cell's value across the whole area: every cell of it reads as that
 * value (as Excel's own cell lookups and ExcelJS give it), up to the sheet's last row.
 */
function spreadMerge(rows: ExportCell[][], ref: string): void {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return;
  const [c1, r1, c2, r2] = [columnOf(m[1]), Number(m[2]) - 1, columnOf(m[3]), Number(m[4]) - 1];
  const lastRow = Math.min(r2, rows.length - 1);
  if (r1 > lastRow || c2 < c1 || (lastRow - r1 + 1) * (c2 - c1 + 1) > MAX_MERGE_CELLS) return;
  const value = rows[r1]?.[c1] ?? null;
  if (value === null) return;
  for (let r = r1; r <= lastRow; r++) {
    const row = rows[r];
    while (row.length <= c2) row.push(null);
    for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) row[c] = value;
  }
}

// ---------------------------------------------------------------------------------------------
// Drop-down lists

/**
 * A list validation's options: a quoted list (`"Yes,No"`), or a range of cells on this or another
 * sheet, directly or through a defined name. Anything else keeps its formula.
 */
function resolveValidation(
  { ref, formula }: PendingValidation,
  own: SheetCells,
  sheets: SheetCells[],
  names: Map<string, string>,
): SheetValidation {
  const text = formula.replace(/^=/, '').trim();
  const quoted = /^"((?:[^"]|"")*)"$/.exec(text);
  if (quoted)
    return {
      ref,
      list: quoted[1]
        .replace(/""/g, '"')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  const target = names.get(text.toLowerCase()) ?? text;
  const list = rangeValues(target.replace(/^=/, ''), own, sheets);
  return list ? { ref, list } : { ref, formula: text };
}

const RANGE =
  /^(?:(?:'((?:[^']|'')+)'|([^!'"]+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

function rangeValues(text: string, own: SheetCells, sheets: SheetCells[]): string[] | undefined {
  const m = RANGE.exec(text.trim());
  if (!m) return undefined;
  const sheetName = m[1]?.replace(/''/g, "'") ?? m[2];
  const sheet = sheetName ? sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase()) : own;
  if (!sheet) return undefined;
  const [c1, r1] = [columnOf(m[3]), Number(m[4]) - 1];
  const [c2, r2] = m[5] ? [columnOf(m[5]), Number(m[6]) - 1] : [c1, r1];
  if ((r2 - r1 + 1) * (c2 - c1 + 1) > 10000) return undefined;
  const list: string[] = [];
  for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++)
    for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) {
      const cell = sheet.rows[r]?.[c];
      if (cell === null || cell === undefined) continue;
      const s = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
      if (s) list.push(s);
    }
  return list;
}
