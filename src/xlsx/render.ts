import { excelSerial } from '../core/plan/dates';
import type { TableSpec, WorkbookPlan } from '../core/plan/types';
import {
  appPropsXml,
  contentTypes,
  contentTypesXml,
  corePropsXml,
  relsXml,
  rootRelsXml,
  themeXml,
  workbookXml,
} from './package-parts';
import { chartXml, drawable, drawingXml } from './chart';
import { documentDate, limits, zipDate } from './limits';
import { pivotParts } from './pivot';
import { SharedStrings } from './shared-strings';
import { StyleBook } from './styles';
import { worksheetPart, type CellRun, type Relationship } from './worksheet';
import { relTypes, XmlSink } from './xml';
import { ZipWriter, type Deflater } from './zip';

// eslint-disable-next-line no-control-regex -- control characters are among those refused
const badSheetName = /[[\]:*?/\\\u0000-\u001f]/;

interface Area {
  name: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const tableArea = (t: TableSpec): Area => ({
  name: t.name,
  top: t.origin.row,
  left: t.origin.column,
  bottom: t.origin.row + Math.max(t.rows.length, 1),
  right: t.origin.column + t.columns.length - 1,
});

const overlaps = (a: Area, b: Area) =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/**
 * Refuses a plan Excel could not open as written: names it refuses, and sheets past its grid. The
 * plan builder makes names safe (src/core/plan/text-safety.ts); this guards any other plan.
 */
function checkPlan(plan: WorkbookPlan): void {
  const sheets = new Set<string>();
  const tables = new Set<string>();
  for (const sheet of plan.sheets) {
    const lower = sheet.name.toLowerCase();
    if (
      !sheet.name ||
      sheet.name.length > limits.sheetName ||
      badSheetName.test(sheet.name) ||
      /^'|'$/.test(sheet.name) ||
      lower === 'history'
    )
      throw new Error(`invalid sheet name "${sheet.name}"`);
    if (sheets.has(lower)) throw new Error(`sheet name "${sheet.name}" is used twice`);
    sheets.add(lower);
    let rows = 0;
    let columns = 0;
    const areas: Area[] = [];
    for (const t of sheet.tables) {
      const area = tableArea(t);
      if (area.top < 0 || area.left < 0) throw new Error(`table "${t.name}" starts outside the sheet`);
      const other = areas.find((a) => overlaps(a, area));
      if (other) throw new Error(`tables "${other.name}" and "${t.name}" overlap on sheet "${sheet.name}"`);
      areas.push(area);
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(t.name) || t.name.length > limits.tableName)
        throw new Error(`invalid table name "${t.name}"`);
      if (tables.has(t.name.toLowerCase())) throw new Error(`table name "${t.name}" is used twice`);
      tables.add(t.name.toLowerCase());
      if (!t.columns.length) throw new Error(`table "${t.name}" has no columns`);
      rows = Math.max(rows, t.origin.row + 1 + Math.max(t.rows.length, 1));
      columns = Math.max(columns, t.origin.column + t.columns.length);
    }
    for (const b of sheet.blocks) {
      if (b.origin.row < 0 || b.origin.column < 0)
        throw new Error(`a block starts outside sheet "${sheet.name}"`);
      rows = Math.max(rows, b.origin.row + b.rows.length);
      for (const r of b.rows) columns = Math.max(columns, b.origin.column + r.length);
    }
    if (rows > limits.rows || columns > limits.columns)
      throw new Error(
        `sheet "${sheet.name}" needs ${rows} rows and ${columns} columns; Excel holds ${limits.rows} by ${limits.columns}`,
      );
  }
  const pivots = new Set<string>();
  for (const p of plan.pivots) {
    const key = `${p.sheet}\n${p.name}`.toLowerCase();
    if (!p.name.trim() || p.name.length > limits.tableName || pivots.has(key))
      throw new Error(`invalid or repeated PivotTable name "${p.name}" on sheet "${p.sheet}"`);
    pivots.add(key);
  }
}

export interface RenderOptions {
  /** How parts are deflated; the platform's gzip stream (or fflate) unless given. */
  deflater?: Deflater;
  /**
   * The share of the file written so far (0–1, never 1 before the file is whole): the PivotTables'
   * parts, then the sheets by their cells, then the last parts deflated, weighted by what each took
   * of the time at 1,150 responses.
   */
  onProgress?: (fraction: number) => void;
}

const RENDER_SHARE = { pivots: 0.3, sheets: 0.65 };

/** Cells of a sheet: its tables' header and data rows and its blocks, for the progress of writing it. */
const cellsOf = (sheet: WorkbookPlan['sheets'][number]) =>
  sheet.tables.reduce((n, t) => n + (t.rows.length + 1) * t.columns.length, 0) +
  sheet.blocks.reduce((n, b) => n + b.rows.reduce((m, r) => m + r.length, 0), 0);

/**
 * Writes a WorkbookPlan as an .xlsx file: SpreadsheetML parts written directly and zipped by
 * `zip.ts`, PivotTables included (see docs/workbook.md for why not through ExcelJS). Each part is
 * deflated while the next is built.
 */
export async function renderXlsx(plan: WorkbookPlan, options: RenderOptions = {}): Promise<Uint8Array> {
  checkPlan(plan);
  const report = options.onProgress ?? (() => undefined);
  const styles = new StyleBook();
  const strings = new SharedStrings();
  const zip = new ZipWriter(options.deflater);
  // The package's first parts, written last: only then are the content types known.
  const contentTypesPart = zip.open('[Content_Types].xml');
  zip.add('_rels/.rels', rootRelsXml());
  const overrides: [string, string][] = [];
  const part = (path: string, data: string, type?: string) => {
    zip.add(path, data);
    if (type) overrides.push([path, type]);
  };
  /** A large part, built in pieces. */
  const streamed = (path: string, type: string) => {
    overrides.push([path, type]);
    return new XmlSink(zip.open(path));
  };

  const tablesByName = new Map<string, { sheet: string; table: TableSpec }>();
  for (const sheet of plan.sheets)
    for (const table of sheet.tables)
      tablesByName.set(table.name.toLowerCase(), { sheet: sheet.name, table });

  // PivotTables first: their laid-out cells join their sheet's cells.
  const created = documentDate(plan.properties.created);
  const serial = created && excelSerial(plan.properties.created);
  const refreshed = serial && serial >= 1 ? serial : undefined;
  const pivotRuns = new Map<string, CellRun[]>();
  const pivotsBySheet = new Map<string, number[]>();
  const caches: { cacheId: number; relId: string }[] = [];
  let pivotCount = 0;
  for (const spec of plan.pivots) {
    const source = tablesByName.get(spec.sourceTable.toLowerCase());
    if (!source) throw new Error(`PivotTable ${spec.name}: no table named ${spec.sourceTable}`);
    const target = plan.sheets.find((s) => s.name === spec.sheet);
    if (!target) throw new Error(`PivotTable ${spec.name}: no sheet named ${spec.sheet}`);
    if (!source.table.rows.length) continue;
    const n = pivotCount + 1;
    const parts = pivotParts(spec, source, n, styles, refreshed);
    if (!parts) continue;
    // Excel refuses a PivotTable (its filters included) over a table.
    const cells = parts.runs.map((r) => ({
      name: spec.name,
      top: r.row,
      left: r.column,
      bottom: r.row,
      right: r.column + r.values.length - 1,
    }));
    if (cells.some((c) => c.top < 0 || c.left < 0))
      throw new Error(`PivotTable ${spec.name} starts outside sheet ${spec.sheet}`);
    const covered = target.tables.map(tableArea).find((t) => cells.some((c) => overlaps(c, t)));
    if (covered) throw new Error(`PivotTable ${spec.name} overlaps table ${covered.name}`);
    pivotCount = n;
    part(
      `xl/pivotCache/pivotCacheDefinition${n}.xml`,
      parts.cacheDefinition,
      contentTypes.pivotCacheDefinition,
    );
    part(
      `xl/pivotCache/_rels/pivotCacheDefinition${n}.xml.rels`,
      relsXml([{ id: 'rId1', type: relTypes.pivotCacheRecords, target: `pivotCacheRecords${n}.xml` }]),
    );
    parts.writeRecords(streamed(`xl/pivotCache/pivotCacheRecords${n}.xml`, contentTypes.pivotCacheRecords));
    part(`xl/pivotTables/pivotTable${n}.xml`, parts.table, contentTypes.pivotTable);
    part(
      `xl/pivotTables/_rels/pivotTable${n}.xml.rels`,
      relsXml([
        {
          id: 'rId1',
          type: relTypes.pivotCacheDefinition,
          target: `../pivotCache/pivotCacheDefinition${n}.xml`,
        },
      ]),
    );
    pivotRuns.set(spec.sheet, [...(pivotRuns.get(spec.sheet) ?? []), ...parts.runs]);
    pivotsBySheet.set(spec.sheet, [...(pivotsBySheet.get(spec.sheet) ?? []), n]);
    caches.push({ cacheId: n, relId: '' });
    report((RENDER_SHARE.pivots * n) / plan.pivots.length);
  }
  report(RENDER_SHARE.pivots);

  const sheetNames = new Set(plan.sheets.map((s) => s.name.toLowerCase()));
  let tableId = 0;
  let drawingCount = 0;
  let chartCount = 0;
  const workbookRels: Relationship[] = [];
  const cells = plan.sheets.map(cellsOf);
  const allCells = cells.reduce((n, c) => n + c, 0) || 1;
  let cellsDone = 0;
  plan.sheets.forEach((sheet, i) => {
    // Charts: a chart part each, one drawing part per sheet anchoring them.
    const charts = (sheet.charts ?? []).filter(drawable);
    let drawing: string | undefined;
    if (charts.length) {
      const n = ++drawingCount;
      const anchored = charts.map((spec, k) => {
        const m = ++chartCount;
        part(`xl/charts/chart${m}.xml`, chartXml(spec, sheet)!, contentTypes.chart);
        return { spec, relId: `rId${k + 1}`, target: `../charts/chart${m}.xml` };
      });
      part(`xl/drawings/drawing${n}.xml`, drawingXml(anchored), contentTypes.drawing);
      part(
        `xl/drawings/_rels/drawing${n}.xml.rels`,
        relsXml(anchored.map((c) => ({ id: c.relId, type: relTypes.chart, target: c.target }))),
      );
      drawing = `../drawings/drawing${n}.xml`;
    }
    const sheetPart = worksheetPart(
      sheet,
      {
        sheetNames,
        selected: i === 0,
        styles,
        strings,
        extraRuns: pivotRuns.get(sheet.name),
        nextTableId: () => ++tableId,
        drawing,
      },
      streamed(`xl/worksheets/sheet${i + 1}.xml`, contentTypes.worksheet),
    );
    const rels = [...sheetPart.rels];
    for (const n of pivotsBySheet.get(sheet.name) ?? [])
      rels.push({
        id: `rId${rels.length + 1}`,
        type: relTypes.pivotTable,
        target: `../pivotTables/pivotTable${n}.xml`,
      });
    if (rels.length) part(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, relsXml(rels));
    for (const t of sheetPart.tables) part(t.path, t.xml, contentTypes.table);
    workbookRels.push({
      id: `rId${i + 1}`,
      type: relTypes.worksheet,
      target: `worksheets/sheet${i + 1}.xml`,
    });
    cellsDone += cells[i];
    report(RENDER_SHARE.pivots + (RENDER_SHARE.sheets * cellsDone) / allCells);
  });
  const nextRel = () => `rId${workbookRels.length + 1}`;
  workbookRels.push({ id: nextRel(), type: relTypes.styles, target: 'styles.xml' });
  workbookRels.push({ id: nextRel(), type: relTypes.sharedStrings, target: 'sharedStrings.xml' });
  workbookRels.push({ id: nextRel(), type: relTypes.theme, target: 'theme/theme1.xml' });
  for (const cache of caches) {
    cache.relId = nextRel();
    workbookRels.push({
      id: cache.relId,
      type: relTypes.pivotCacheDefinition,
      target: `pivotCache/pivotCacheDefinition${cache.cacheId}.xml`,
    });
  }

  strings.write(streamed('xl/sharedStrings.xml', contentTypes.sharedStrings));
  part('xl/styles.xml', styles.toXml(), contentTypes.styles);
  part('xl/theme/theme1.xml', themeXml(), contentTypes.theme);
  part(
    'xl/workbook.xml',
    workbookXml(
      plan.sheets.map((s, i) => ({ name: s.name, relId: `rId${i + 1}`, hidden: s.hidden })),
      caches,
    ),
    contentTypes.workbook,
  );
  part('xl/_rels/workbook.xml.rels', relsXml(workbookRels));
  part('docProps/core.xml', corePropsXml(plan.properties, created), contentTypes.coreProps);
  part('docProps/app.xml', appPropsXml(), contentTypes.appProps);
  contentTypesPart.write(contentTypesXml(overrides));
  contentTypesPart.end();
  const bytes = await zip.finish(zipDate(created));
  // Short of 1 until the caller has the file.
  report(0.99);
  return bytes;
}
