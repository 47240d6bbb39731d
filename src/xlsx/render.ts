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
import { pivotParts } from './pivot';
import { SharedStrings } from './shared-strings';
import { StyleBook } from './styles';
import { worksheetPart, type CellRun, type Relationship } from './worksheet';
import { relTypes } from './xml';
import { zipEntries } from './zip';

const badSheetName = /[[\]:*?/\\]/;

function checkNames(plan: WorkbookPlan): void {
  const sheets = new Set<string>();
  const tables = new Set<string>();
  for (const sheet of plan.sheets) {
    const lower = sheet.name.toLowerCase();
    if (!sheet.name || sheet.name.length > 31 || badSheetName.test(sheet.name) || /^'|'$/.test(sheet.name))
      throw new Error(`invalid sheet name "${sheet.name}"`);
    if (sheets.has(lower)) throw new Error(`sheet name "${sheet.name}" is used twice`);
    sheets.add(lower);
    for (const t of sheet.tables) {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(t.name)) throw new Error(`invalid table name "${t.name}"`);
      if (tables.has(t.name.toLowerCase())) throw new Error(`table name "${t.name}" is used twice`);
      tables.add(t.name.toLowerCase());
      if (!t.columns.length) throw new Error(`table "${t.name}" has no columns`);
    }
  }
}

/**
 * Writes a WorkbookPlan as an .xlsx file: SpreadsheetML parts written directly and zipped with
 * JSZip, PivotTables included (see docs/workbook.md for why not through ExcelJS).
 */
export async function renderXlsx(plan: WorkbookPlan): Promise<Uint8Array> {
  checkNames(plan);
  const styles = new StyleBook();
  const strings = new SharedStrings();
  const files: [string, string | Uint8Array][] = [];
  const overrides: [string, string][] = [];
  const part = (path: string, data: string | Uint8Array, type?: string) => {
    files.push([path, data]);
    if (type) overrides.push([path, type]);
  };

  const tablesByName = new Map<string, { sheet: string; table: TableSpec }>();
  for (const sheet of plan.sheets)
    for (const table of sheet.tables)
      tablesByName.set(table.name.toLowerCase(), { sheet: sheet.name, table });

  // PivotTables first: their laid-out cells join their sheet's cells.
  const refreshed = excelSerial(plan.properties.created) ?? undefined;
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
    part(`xl/pivotCache/pivotCacheRecords${n}.xml`, parts.records, contentTypes.pivotCacheRecords);
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
  }

  let tableId = 0;
  const workbookRels: Relationship[] = [];
  plan.sheets.forEach((sheet, i) => {
    const sheetPart = worksheetPart(sheet, {
      selected: i === 0,
      styles,
      strings,
      extraRuns: pivotRuns.get(sheet.name),
      nextTableId: () => ++tableId,
    });
    const rels = [...sheetPart.rels];
    for (const n of pivotsBySheet.get(sheet.name) ?? [])
      rels.push({
        id: `rId${rels.length + 1}`,
        type: relTypes.pivotTable,
        target: `../pivotTables/pivotTable${n}.xml`,
      });
    part(`xl/worksheets/sheet${i + 1}.xml`, sheetPart.xml, contentTypes.worksheet);
    if (rels.length) part(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, relsXml(rels));
    for (const t of sheetPart.tables) part(t.path, t.xml, contentTypes.table);
    workbookRels.push({
      id: `rId${i + 1}`,
      type: relTypes.worksheet,
      target: `worksheets/sheet${i + 1}.xml`,
    });
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

  part('xl/sharedStrings.xml', strings.toXml(), contentTypes.sharedStrings);
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
  part('docProps/core.xml', corePropsXml(plan.properties), contentTypes.coreProps);
  part('docProps/app.xml', appPropsXml(), contentTypes.appProps);

  const modified = Number.isNaN(Date.parse(plan.properties.created))
    ? new Date(0)
    : new Date(plan.properties.created);
  return zipEntries(
    [
      { path: '[Content_Types].xml', data: contentTypesXml(overrides) },
      { path: '_rels/.rels', data: rootRelsXml() },
      ...files.map(([path, data]) => ({ path, data })),
    ],
    modified,
  );
}
