/**
 * What only a live workbook gets: a chart of section scores and the plan's PivotTables, each in its
 * own request so that a host without the feature still gets everything else.
 */
import { cellRef } from '../core/plan/a1';
import type { PivotSpec, TableSpec, WorkbookPlan } from '../core/plan/types';
import { rangeAddress } from './a1';
import type { Capabilities } from './capabilities';
import { describeExcelError } from './errors';
import type { SheetRecord } from './registry';

export interface ExtrasContext {
  /** The live name of a plan table (a name the analyst used is never taken). */
  tableName: (planName: string) => string;
  /** The registry record of a sheet, where a chart and PivotTables made earlier are noted (and noted now). */
  recorded: (sheet: string) => SheetRecord | undefined;
  /** Whether the sheet was in the workbook before this build. */
  existed: (sheet: string) => boolean;
}

const CHART_NAME = 'Survey Atlas section scores';

const SUMMARIES = { sum: 'Sum', average: 'Average', count: 'Count' } as const;

export interface ChartSource {
  sheet: string;
  table: TableSpec;
  /** Column of category labels and the run of share columns, table-relative. */
  labelColumn: number;
  firstSeries: number;
  seriesCount: number;
}

/** The regional averages table (or the first small table of section shares) to chart. */
export function sectionChartSource(plan: WorkbookPlan): ChartSource | undefined {
  const candidates = plan.sheets.flatMap((sheet) =>
    sheet.tables.map((table) => ({ sheet: sheet.name, table })),
  );
  const withShares = candidates.filter(
    ({ table }) =>
      table.rows.length > 0 &&
      table.rows.length <= 40 &&
      table.columns.some((c) => c.kind === 'percent' && /yes share/i.test(c.header)),
  );
  const pick = withShares.find(({ table }) => /^regions$/i.test(table.name)) ?? withShares[0];
  if (!pick) return undefined;
  const cols = pick.table.columns;
  const firstSeries = cols.findIndex((c) => c.kind === 'percent' && /yes share/i.test(c.header));
  let seriesCount = 0;
  while (
    cols[firstSeries + seriesCount]?.kind === 'percent' &&
    /yes share/i.test(cols[firstSeries + seriesCount].header)
  )
    seriesCount++;
  const labelColumn = Math.max(
    0,
    cols.findIndex((c) => c.kind === 'text'),
  );
  return { sheet: pick.sheet, table: pick.table, labelColumn, firstSeries, seriesCount };
}

export async function addLiveExtras(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  caps: Capabilities,
  sync: () => Promise<void>,
  skipped: string[],
  live: ExtrasContext,
): Promise<void> {
  const source = sectionChartSource(plan);
  const chartRecord = source ? live.recorded(source.sheet) : undefined;
  // A chart made by an earlier build reads the same (resized) table: it is kept as it is.
  if (source && !chartRecord?.chart) {
    try {
      addSectionChart(context, source, caps);
      await sync();
      if (chartRecord) chartRecord.chart = true;
    } catch (error) {
      skipped.push(`Chart of section scores: ${describeExcelError(error)}`);
    }
  }
  if (plan.pivots.length && !caps.validationAndPivots) {
    skipped.push('PivotTables need ExcelApi 1.8; the Pivot sheet explains how to make one');
    return;
  }
  for (const pivot of plan.pivots) {
    const record = live.recorded(pivot.sheet);
    const remember = () => {
      if (record) record.pivots = [...new Set([...(record.pivots ?? []), pivot.name])];
    };
    const refresh = async () => {
      // A PivotTable of an earlier build reads the resized table: refreshed, its layout kept.
      context.workbook.worksheets.getItem(pivot.sheet).pivotTables.getItem(pivot.name).refresh();
      await sync();
      remember();
    };
    let made = false;
    // A workbook built before the registry may hold the PivotTable already.
    if (!record?.pivots?.includes(pivot.name) && live.existed(pivot.sheet)) {
      made = await refresh().then(
        () => true,
        () => false,
      );
    }
    try {
      if (made) {
        // refreshed above
      } else if (record?.pivots?.includes(pivot.name)) {
        await refresh();
      } else {
        addPivot(context, plan, pivot, caps, live);
        await sync();
        remember();
      }
    } catch (error) {
      skipped.push(`PivotTable ${pivot.name}: ${describeExcelError(error)}`);
      continue;
    }
    if (pivot.filterItems && Object.keys(pivot.filterItems).length && !caps.pivotFilters) {
      const wanted = Object.entries(pivot.filterItems)
        .map(
          ([field, items]) =>
            `${field} ${items.map((v) => `"${v === null || v === '' ? '(blank)' : String(v)}"`).join(' and ')}`,
        )
        .join(', ');
      skipped.push(
        `PivotTable ${pivot.name}: this Excel cannot filter PivotTable items (ExcelApi 1.12), so it includes superseded responses; set its filters by hand: ${wanted}`,
      );
    }
  }
}

function addSectionChart(context: Excel.RequestContext, src: ChartSource, caps: Capabilities): void {
  const ws = context.workbook.worksheets.getItem(src.sheet);
  const { row, column } = src.table.origin;
  const rows = src.table.rows.length;
  const data = ws.getRange(rangeAddress(row, column + src.firstSeries, rows + 1, src.seriesCount));
  const chart = ws.charts.add('ColumnClustered', data, 'Columns');
  chart.name = CHART_NAME;
  chart.title.text = 'Yes share by section';
  const right = column + src.table.columns.length + 1;
  chart.setPosition(cellRef(row, right), cellRef(row + 18, right + 8));
  if (caps.sheetExtras) {
    chart.axes.categoryAxis.setCategoryNames(
      ws.getRange(rangeAddress(row + 1, column + src.labelColumn, rows, 1)),
    );
  }
}

function addPivot(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  spec: PivotSpec,
  caps: Capabilities,
  live: ExtrasContext,
): void {
  const book = context.workbook;
  const host = plan.sheets.some((s) => s.name === spec.sheet)
    ? book.worksheets.getItem(spec.sheet)
    : book.worksheets.add(spec.sheet);
  const pivot = host.pivotTables.add(
    spec.name,
    book.tables.getItem(live.tableName(spec.sourceTable)),
    host.getRange(cellRef(spec.origin.row, spec.origin.column)),
  );
  const field = (name: string) => pivot.hierarchies.getItem(name);
  for (const name of spec.rows) pivot.rowHierarchies.add(field(name));
  for (const name of spec.columns) pivot.columnHierarchies.add(field(name));
  const canFilter = caps.pivotFilters;
  for (const name of spec.filters ?? []) {
    const filter = pivot.filterHierarchies.add(field(name));
    const items = spec.filterItems?.[name];
    if (items && canFilter) {
      const selectedItems = items.map((v) => (v === null || v === '' ? '(blank)' : String(v)));
      filter.fields.getItem(name).applyFilter({ manualFilter: { selectedItems } });
    }
  }
  for (const value of spec.values) {
    const data = pivot.dataHierarchies.add(field(value.field));
    data.summarizeBy = SUMMARIES[value.summarize];
    if (value.name && value.name.toLowerCase() !== value.field.toLowerCase()) data.name = value.name;
    if (value.numberFormat) data.numberFormat = value.numberFormat;
  }
}
