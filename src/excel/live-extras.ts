/**
 * What a live workbook gets after its cells: the plan's charts and PivotTables, each in its own
 * request so that a host without the feature still gets everything else.
 */
import { cellRef, parseRangeRef, rangeRef } from '../core/plan/a1';
import type { ChartSpec, PivotSpec, WorkbookPlan } from '../core/plan/types';
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

/** Live charts are named so a rebuild finds its own; the first keeps the name earlier builds gave theirs. */
const chartName = (index: number) =>
  index === 0 ? 'Survey Atlas section scores' : `Survey Atlas chart ${index + 1}`;

const SUMMARIES = { sum: 'Sum', average: 'Average', count: 'Count' } as const;

/** The plan's charts with the sheets they sit on, in plan order. */
export function planCharts(plan: WorkbookPlan): { sheet: string; spec: ChartSpec }[] {
  return plan.sheets.flatMap((sheet) => (sheet.charts ?? []).map((spec) => ({ sheet: sheet.name, spec })));
}

/**
 * The one block of cells holding a chart's series, one column each, side by side: Excel builds a
 * chart from a block and takes each column as a series. Undefined where the plan's series are not so.
 */
function seriesBlock(spec: ChartSpec): string | undefined {
  const boxes = spec.series.map((s) => parseRangeRef(s.values.replace(/^.*!/, '').replace(/\$/g, '')));
  if (!boxes.length || boxes.some((b) => !b || b.left !== b.right)) return undefined;
  const [first] = boxes as NonNullable<(typeof boxes)[number]>[];
  const contiguous = boxes.every(
    (b, k) => b!.top === first.top && b!.bottom === first.bottom && b!.left === first.left + k,
  );
  return contiguous
    ? rangeRef(first.top, first.left, first.bottom, first.left + boxes.length - 1)
    : undefined;
}

export async function addLiveExtras(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  caps: Capabilities,
  sync: () => Promise<void>,
  skipped: string[],
  live: ExtrasContext,
): Promise<void> {
  for (const [index, { sheet, spec }] of planCharts(plan).entries()) {
    const record = live.recorded(sheet);
    // A chart made by an earlier build reads the same (resized) table: it is kept as it is.
    if (record?.chart) continue;
    try {
      addPlanChart(context, sheet, spec, index, caps);
      await sync();
      if (record) record.chart = true;
    } catch (error) {
      skipped.push(`Chart "${spec.title}": ${describeExcelError(error)}`);
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

/** A plan chart as a native chart bound to the same cells. */
function addPlanChart(
  context: Excel.RequestContext,
  sheet: string,
  spec: ChartSpec,
  index: number,
  caps: Capabilities,
): void {
  const block = seriesBlock(spec);
  if (!block) throw new Error('its series are not one block of columns');
  const ws = context.workbook.worksheets.getItem(sheet);
  const chart = ws.charts.add('ColumnClustered', ws.getRange(block), 'Columns');
  chart.name = chartName(index);
  chart.title.text = spec.title;
  spec.series.forEach((s, k) => (chart.series.getItemAt(k).name = s.name));
  const { min, max } = spec.valueAxis ?? {};
  if (min !== undefined) chart.axes.valueAxis.minimum = min;
  if (max !== undefined) chart.axes.valueAxis.maximum = max;
  const { row, column, rows, columns } = spec.anchor;
  chart.setPosition(cellRef(row, column), cellRef(row + rows - 1, column + columns - 1));
  // Category names and the axis number format need ExcelApi 1.7 and 1.8; without them Excel numbers the columns.
  if (caps.sheetExtras)
    chart.axes.categoryAxis.setCategoryNames(ws.getRange(spec.categories.replace(/^.*!/, '')));
  if (caps.validationAndPivots && spec.valueAxis?.numberFormat)
    chart.axes.valueAxis.numberFormat = spec.valueAxis.numberFormat;
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
