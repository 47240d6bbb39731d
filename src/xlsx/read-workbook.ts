import JSZip from 'jszip';
import { columnIndex, parseRangeRef } from '../core/plan/a1';
import type { CellValue } from '../core/plan/types';
import { attributes, elements, stringItemText, textValue } from './read-xml';

/** A table read from a workbook: its header names and the values of its data rows. */
export interface TableData {
  sheet: string;
  headers: string[];
  rows: CellValue[][];
}

interface TableInfo {
  name: string;
  sheet: string;
  sheetPath: string;
  ref: string;
  headers: string[];
  headerRows: number;
  totalsRows: number;
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const at = part.lastIndexOf('/');
  return at < 0 ? `_rels/${part}.rels` : `${part.slice(0, at)}/_rels/${part.slice(at + 1)}.rels`;
}

async function readText(zip: JSZip, path: string): Promise<string | undefined> {
  const file = zip.file(path);
  return file ? file.async('string') : undefined;
}

async function relationships(
  zip: JSZip,
  part: string,
): Promise<{ id: string; type: string; target: string }[]> {
  const xml = await readText(zip, relsPath(part));
  if (!xml) return [];
  return [...elements(xml, 'Relationship')].map((r) => ({
    id: r.Id,
    type: r.Type ?? '',
    target: r.TargetMode === 'External' ? r.Target : resolvePath(part, r.Target ?? ''),
  }));
}

/**
 * Reads tables back from an .xlsx file, whoever wrote it: shared or inline strings, rich text,
 * numbers, booleans, cached formula results; cell and row references optional.
 */
export class WorkbookReader {
  private sharedStrings: string[] | undefined;

  private constructor(
    private zip: JSZip,
    private tables: Map<string, TableInfo>,
  ) {}

  static async open(bytes: Uint8Array): Promise<WorkbookReader> {
    const zip = await JSZip.loadAsync(bytes);
    const rootRels = await relationships(zip, '');
    const workbookPath =
      rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const workbook = await readText(zip, workbookPath);
    if (!workbook) throw new Error('not an .xlsx workbook: no workbook part');
    const workbookRels = await relationships(zip, workbookPath);
    const tables = new Map<string, TableInfo>();
    for (const sheet of elements(workbook, 'sheet')) {
      const sheetPath = workbookRels.find((r) => r.id === sheet.id)?.target;
      if (!sheetPath) continue;
      for (const rel of await relationships(zip, sheetPath)) {
        if (!rel.type.endsWith('/table')) continue;
        const xml = await readText(zip, rel.target);
        if (!xml) continue;
        const table = attributes(/<(?:[\w.-]+:)?table\b([^>]*)>/.exec(xml)?.[1] ?? '');
        const name = table.displayName || table.name;
        if (!name || !table.ref) continue;
        tables.set(name.toLowerCase(), {
          name,
          sheet: sheet.name,
          sheetPath,
          ref: table.ref,
          headers: [...elements(xml, 'tableColumn')].map((c) => c.name ?? ''),
          headerRows: table.headerRowCount === undefined ? 1 : Number(table.headerRowCount),
          totalsRows: table.totalsRowCount === undefined ? 0 : Number(table.totalsRowCount),
        });
      }
    }
    return new WorkbookReader(zip, tables);
  }

  tableNames(): string[] {
    return [...this.tables.values()].map((t) => t.name);
  }

  private async strings(): Promise<string[]> {
    if (!this.sharedStrings) {
      const path = 'xl/sharedStrings.xml';
      const xml = (await readText(this.zip, path)) ?? '';
      this.sharedStrings = [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) =>
        stringItemText(m[1] ?? ''),
      );
    }
    return this.sharedStrings;
  }

  /** A table's data rows (the header and totals rows left out), or undefined when there is no such table. */
  async table(name: string): Promise<TableData | undefined> {
    const info = this.tables.get(name.toLowerCase());
    if (!info) return undefined;
    const range = parseRangeRef(info.ref);
    const xml = await readText(this.zip, info.sheetPath);
    if (!range || !xml) return { sheet: info.sheet, headers: info.headers, rows: [] };
    const strings = await this.strings();
    const first = range.top + info.headerRows;
    const last = range.bottom - info.totalsRows;
    const width = range.right - range.left + 1;
    const rows: CellValue[][] = Array.from({ length: Math.max(0, last - first + 1) }, () =>
      new Array(width).fill(null),
    );

    const start = xml.indexOf('<sheetData');
    const end = xml.indexOf('</sheetData>', start);
    const data = start < 0 ? '' : xml.slice(start, end < 0 ? undefined : end);
    let rowIndex = -1;
    for (const rowMatch of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = attr(rowMatch[1], 'r');
      rowIndex = r ? Number(r) - 1 : rowIndex + 1;
      if (rowIndex < first || rowIndex > last || !rowMatch[2]) continue;
      const target = rows[rowIndex - first];
      let column = -1;
      for (const cell of rowMatch[2].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = attr(cell[1], 'r');
        column = ref ? columnIndex(ref) : column + 1;
        if (column < range.left || column > range.right) continue;
        target[column - range.left] = cellValue(attr(cell[1], 't'), cell[2] ?? '', strings);
      }
    }
    // Some editors (ExcelJS among them) re-save a table as headerless while keeping its header row.
    const headerKept =
      info.headerRows === 0 &&
      rows.length > 0 &&
      rows[0].every((v, i) => String(v ?? '') === info.headers[i]);
    return { sheet: info.sheet, headers: info.headers, rows: headerKept ? rows.slice(1) : rows };
  }
}

const attrPatterns = { r: /(?:^|\s)r\s*=\s*["']([^"']*)["']/, t: /(?:^|\s)t\s*=\s*["']([^"']*)["']/ };

/** One of the attributes of a row or cell tag, read without parsing them all (these tags are many). */
function attr(tag: string, name: 'r' | 't'): string | undefined {
  return attrPatterns[name].exec(tag)?.[1];
}

function cellValue(type: string | undefined, inner: string, strings: string[]): CellValue {
  if (type === 'inlineStr') {
    const is = /<is>([\s\S]*?)<\/is>/.exec(inner);
    return is ? stringItemText(is[1]) : null;
  }
  const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (v === undefined) return null;
  switch (type) {
    case 's':
      return strings[Number(v)] ?? null;
    case 'str':
    case 'd':
      return textValue(v);
    case 'b':
      return v.trim() === '1';
    case 'e':
      return null;
    default: {
      const n = Number(v);
      return Number.isFinite(n) ? n : textValue(v);
    }
  }
}
