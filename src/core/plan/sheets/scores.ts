import { groupAverages, sectionHasYesNo, type GroupAverage, type ResponseScores } from '../../compare';
import { responseKey } from '../../model';
import { rangeRef } from '../a1';
import { column } from '../columns';
import type { PlanContext } from '../context';
import { countScale, shareScale, tabColours } from '../palette';
import { safeSheetName, safeTableName } from '../text-safety';
import type { CellValue, ChartSpec, ColumnSpec, ConditionalFormat, SheetSpec, TableSpec } from '../types';
import { titleBlocks } from './layout';

const tableTop = 2;

function colourScales(
  top: number,
  rowCount: number,
  columns: { index: number; scale: string[] }[],
): ConditionalFormat[] {
  if (!rowCount) return [];
  return columns.map((c) => ({
    kind: 'colorScale',
    range: rangeRef(top + 1, c.index, top + rowCount, c.index),
    colors: c.scale,
  }));
}

/** `shares` share columns from `first` on, then the two issue-count columns that follow them. */
function shareAndCountScales(first: number, shares: number): { index: number; scale: string[] }[] {
  return [
    ...Array.from({ length: shares }, (_, k) => ({ index: first + k, scale: shareScale })),
    ...[0, 1].map((k) => ({ index: first + shares + k, scale: countScale })),
  ];
}

/** Countries (current responses) × sections: Yes shares, completeness and issue counts. */
export function sectionScoresSheet(ctx: PlanContext, scores: ResponseScores[]): SheetSpec {
  const sections = ctx.def.sections;
  const scored = sections.map((s, i) => ({ s, i })).filter(({ s }) => sectionHasYesNo(ctx.def, s.id));
  const columns: ColumnSpec[] = [
    column(ctx.rowHeader, 'text', 24),
    column('ISO3', 'text', 7),
    column('Region', 'text', 11),
    column('Sub-region', 'text', 20),
    ...scored.map(({ s }) => column(`${s.id}: Yes share`, 'percent', 10)),
    ...sections.map((s) => column(`${s.id}: Complete`, 'percent', 10)),
    column('Completeness', 'percent', 12),
    column('Errors', 'integer', 8),
    column('Warnings', 'integer', 10),
    column('Info', 'integer', 7),
    column('Response', 'text', 26),
  ];
  const rows: CellValue[][] = scores.map((sc) => [
    ctx.rowLabel(sc.response),
    sc.response.country.iso3,
    sc.response.country.region,
    sc.response.country.subregion,
    ...scored.map(({ i }) => sc.sections[i].yesShare),
    ...sc.sections.map((s) => s.completeness.share),
    sc.completeness.share,
    sc.issues.error,
    sc.issues.warning,
    sc.issues.info,
    responseKey(sc.response),
  ]);
  const scales = shareAndCountScales(4, scored.length + sections.length + 1);
  return {
    name: safeSheetName('Section scores', ctx.sheetNames),
    tabColor: tabColours.scores,
    freeze: { rows: tableTop + 1, columns: 1 },
    blocks: titleBlocks(
      'Section scores',
      'Yes share: Yes answers among the answered Yes/No questions of the section. Complete: answered share of the questions that apply and whose answer the file records. Current responses only.',
    ),
    tables: [
      {
        name: safeTableName('SectionScores', ctx.tableNames),
        origin: { row: tableTop, column: 0 },
        style: 'TableStyleLight1',
        columns,
        rows,
      },
    ],
    conditionalFormats: colourScales(tableTop, rows.length, scales),
    validations: [],
  };
}

function averagesTable(
  ctx: PlanContext,
  name: string,
  groupHeader: string,
  top: number,
  averages: GroupAverage[],
  scoredIndexes: number[],
): { table: TableSpec; formats: ConditionalFormat[] } {
  const sections = ctx.def.sections;
  const columns: ColumnSpec[] = [
    column(groupHeader, 'text', 24),
    column('Responses', 'integer', 10),
    column('Countries', 'integer', 10),
    ...scoredIndexes.map((i) => column(`${sections[i].id}: Yes share`, 'percent', 10)),
    column('Completeness', 'percent', 12),
    { ...column('Errors per response', 'number', 10), numberFormat: '0.0' },
    { ...column('Warnings per response', 'number', 10), numberFormat: '0.0' },
  ];
  const rows: CellValue[][] = averages.map((a) => [
    a.group,
    a.responses,
    a.countries,
    ...scoredIndexes.map((i) => a.yesShares[i]),
    a.completeness,
    a.errors,
    a.warnings,
  ]);
  const scales = shareAndCountScales(3, scoredIndexes.length + 1);
  // The last row is the overall average: leave it out of the scales.
  const formats = colourScales(top, Math.max(rows.length - 1, 0), scales);
  return {
    table: {
      name: safeTableName(name, ctx.tableNames),
      origin: { row: top, column: 0 },
      style: 'TableStyleLight1',
      columns,
      rows,
    },
    formats,
  };
}

/**
 * Yes share of each scored section by region: a column chart over the Regions table (its regions,
 * without the closing all-regions row), to the right of the tables.
 */
function regionsChart(
  ctx: PlanContext,
  table: TableSpec,
  regionCount: number,
  scoredIndexes: number[],
): ChartSpec | undefined {
  // The Yes-share columns follow Region, Responses and Countries.
  const shares = table.rows.slice(0, regionCount).flatMap((r) => r.slice(3, 3 + scoredIndexes.length));
  if (!shares.some((v) => typeof v === 'number')) return undefined;
  const { row, column } = table.origin;
  const first = row + 1;
  const last = row + regionCount;
  return {
    kind: 'column',
    title: 'Yes share by region and section',
    categories: rangeRef(first, column, last, column),
    series: scoredIndexes.map((i, k) => ({
      name: ctx.def.sections[i].title,
      values: rangeRef(first, column + 3 + k, last, column + 3 + k),
    })),
    valueAxis: { numberFormat: '0%', min: 0, max: 1 },
    anchor: { row, column: column + table.columns.length + 1, columns: 10, rows: 20 },
  };
}

/** Averages of the section scores by UN region, then by sub-region, and a chart of the regions. */
export function regionsSheet(ctx: PlanContext, scores: ResponseScores[]): SheetSpec {
  const scoredIndexes = ctx.def.sections.flatMap((s, i) => (sectionHasYesNo(ctx.def, s.id) ? [i] : []));
  const byRegion = groupAverages(scores, 'region');
  const bySubregion = groupAverages(scores, 'subregion');
  const regions = averagesTable(ctx, 'Regions', 'Region', tableTop, byRegion, scoredIndexes);
  const subTop = tableTop + Math.max(byRegion.length, 1) + 3;
  const subregions = averagesTable(ctx, 'Subregions', 'Sub-region', subTop, bySubregion, scoredIndexes);
  // The last row averages all regions.
  const chart = regionsChart(ctx, regions.table, Math.max(byRegion.length - 1, 0), scoredIndexes);
  return {
    name: safeSheetName('Regions', ctx.sheetNames),
    tabColor: tabColours.scores,
    freeze: { rows: 0, columns: 1 },
    blocks: [
      ...titleBlocks(
        'Averages by UN region',
        'Means of the per-country scores (each current response counts once); the last row covers all regions.',
      ),
      { origin: { row: subTop - 1, column: 0 }, rows: [['Averages by sub-region']], style: 'heading' },
    ],
    tables: [regions.table, subregions.table],
    conditionalFormats: [...regions.formats, ...subregions.formats],
    validations: [],
    ...(chart && { charts: [chart] }),
  };
}
