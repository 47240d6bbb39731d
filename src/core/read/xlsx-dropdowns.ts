import JSZip from 'jszip';
import { assertZipSizes } from './zip-bounds';
import { cellText } from './export';
import type { SheetCells } from './xlsx-sheets';

/** A drop-down list (a list data validation) over some cells of a worksheet, with its options. */
export interface DropDown {
  /** The cells it covers, 0-based and inclusive. */
  ranges: CellRange[];
  options: string[];
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A worksheet with the drop-down lists its cells offer. */
export type SheetWithDropDowns = SheetCells & { dropDowns?: DropDown[] };

/**
 * Adds to each worksheet the drop-down lists of its cells, with their options resolved: written in
 * the validation (`"Yes,No"`) or a range of cells on any sheet (`AnswerOptions!$B$3:$E$3`), whether
 * stored as a plain data validation or in the extension Excel uses for lists on another sheet.
 * A package whose validations cannot be read leaves the sheets as they are.
 */
export async function withDropDowns(sheets: SheetCells[], bytes: Uint8Array): Promise<SheetWithDropDowns[]> {
  if (sheets.some((s) => (s as WithValidations).validations?.length)) return sheets;
  let found: { validations: Map<string, RawValidation[]>; names: Map<string, string> };
  try {
    found = await listValidations(bytes);
  } catch {
    return sheets;
  }
  return sheets.map((sheet) => {
    const raw = found.validations.get(sheet.name);
    if (!raw?.length) return sheet;
    // A list may name a range ("=YesNo") that the workbook defines.
    const named = (formula: string) =>
      found.names.get(formula.trim().replace(/^=/, '').toLowerCase()) ?? formula;
    const dropDowns = raw
      .map((v) => ({ ranges: parseSqref(v.sqref), options: resolveList(named(v.formula), sheet, sheets) }))
      .filter((d) => d.ranges.length && d.options.length);
    return { ...sheet, dropDowns };
  });
}

/** Drop-down lists a sheet reader may already give (`validations`: the cells' sqref and the options). */
type WithValidations = { validations?: readonly { ref: string; list?: readonly string[] }[] };

const fromValidations = new WeakMap<SheetCells, DropDown[]>();

/** The sheet's drop-down lists: added by `withDropDowns`, or given by the sheet reader. */
function dropDownsOf(sheet: SheetWithDropDowns): DropDown[] {
  if (sheet.dropDowns) return sheet.dropDowns;
  let lists = fromValidations.get(sheet);
  if (!lists) {
    lists = ((sheet as WithValidations).validations ?? [])
      .filter((v) => v.list?.length)
      .map((v) => ({ ranges: parseSqref(v.ref), options: [...v.list!] }));
    fromValidations.set(sheet, lists);
  }
  return lists;
}

/** The options a cell's drop-down list offers, if it has one. */
export function dropDownAt(sheet: SheetWithDropDowns, row: number, col: number): string[] | undefined {
  return dropDownsOf(sheet).find((d) =>
    d.ranges.some((r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right),
  )?.options;
}

interface RawValidation {
  sqref: string;
  formula: string;
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The list validations of every worksheet, by sheet name, and the workbook's defined names. */
async function listValidations(
  bytes: Uint8Array,
): Promise<{ validations: Map<string, RawValidation[]>; names: Map<string, string> }> {
  assertZipSizes(bytes, 'The Excel workbook');
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, RawValidation[]>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const path = targets.get(attr(m[0], 'r:id') ?? '');
    const xml = path ? await zip.file(path)?.async('string') : undefined;
    if (name && xml) out.set(decodeXml(name), sheetValidations(xml));
  }
  const names = new Map<string, string>();
  for (const m of workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const name = attr(m[0], 'name');
    if (name && !/\blocalSheetId=/.test(m[1]))
      names.set(decodeXml(name).toLowerCase(), decodeXml(m[2]).trim());
  }
  return { validations: out, names };
}

function sheetValidations(xml: string): RawValidation[] {
  const out: RawValidation[] = [];
  // <dataValidation type="list" sqref="C17"><formula1>"Yes,No"</formula1></dataValidation>
  for (const m of xml.matchAll(/<dataValidation\b([^>]*)>([\s\S]*?)<\/dataValidation>/g)) {
    const formula = /<formula1>([\s\S]*?)<\/formula1>/.exec(m[2])?.[1];
    const sqref = attr(m[1], 'sqref');
    if (attr(m[1], 'type') === 'list' && formula && sqref) out.push({ sqref, formula: decodeXml(formula) });
  }
  // Excel 2010 keeps lists that point at another sheet in an extension: x14:dataValidation.
  for (const m of xml.matchAll(/<x14:dataValidation\b([^>]*)>([\s\S]*?)<\/x14:dataValidation>/g)) {
    const formula = /<x14:formula1>\s*<xm:f>([\s\S]*?)<\/xm:f>/.exec(m[2])?.[1];
    const sqref = /<xm:sqref>([\s\S]*?)<\/xm:sqref>/.exec(m[2])?.[1];
    if (attr(m[1], 'type') === 'list' && formula && sqref) out.push({ sqref, formula: decodeXml(formula) });
  }
  return out;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function parseRef(ref: string): CellRange | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const [top, bottom] = [Number(m[2]) - 1, Number(m[4] ?? m[2]) - 1];
  const [left, right] = [columnIndex(m[1]), columnIndex(m[3] ?? m[1])];
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

function parseSqref(sqref: string): CellRange[] {
  return sqref
    .split(/\s+/)
    .map(parseRef)
    .filter((r): r is CellRange => r !== undefined);
}

/** The options of a list formula: `"a,b,c"`, or a range on this sheet or another (`Lists!$A$1:$A$5`). */
function resolveList(formula: string, own: SheetCells, sheets: SheetCells[]): string[] {
  const f = formula.trim().replace(/^=/, '');
  const literal = /^"([\s\S]*)"$/.exec(f);
  if (literal)
    return literal[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const m = /^(?:(?:'((?:[^']|'')+)'|([^!]+))!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$/.exec(
    f,
  );
  if (!m) return [];
  const sheetName = m[1]?.replace(/''/g, "'") ?? m[2];
  const sheet = sheetName ? sheets.find((s) => s.name === sheetName) : own;
  const range = parseRef(m[3]);
  if (!sheet || !range) return [];
  const options: string[] = [];
  for (let r = range.top; r <= range.bottom; r++)
    for (let c = range.left; c <= range.right; c++) {
      const text = cellText(sheet.rows[r]?.[c] ?? null).trim();
      if (text) options.push(text);
    }
  return options;
}
