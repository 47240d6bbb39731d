/** Shapes shared by the sheet builders. */
import type { PlanContext } from '../context';
import { safeSheetName, safeTableName } from '../text-safety';
import type { BlockSpec, CellValue, ColumnSpec, LinkSpec, SheetSpec, ValidationSpec } from '../types';

export interface TableSheetSpec {
  /** Wanted sheet and table names; made safe and unique here. */
  sheet: string;
  table: string;
  tabColor: string;
  style: string;
  columns: ColumnSpec[];
  rows: CellValue[][];
  links?: LinkSpec[];
  /** Columns frozen besides the header row. */
  frozenColumns?: number;
  validations?: ValidationSpec[];
}

/** A sheet holding one table at A1, its header row frozen. */
export function tableSheet(ctx: PlanContext, spec: TableSheetSpec): SheetSpec {
  return {
    name: safeSheetName(spec.sheet, ctx.sheetNames),
    tabColor: spec.tabColor,
    freeze: { rows: 1, columns: spec.frozenColumns ?? 0 },
    blocks: [],
    tables: [
      {
        name: safeTableName(spec.table, ctx.tableNames),
        origin: { row: 0, column: 0 },
        style: spec.style,
        columns: spec.columns,
        rows: spec.rows,
        ...(spec.links && { links: spec.links }),
      },
    ],
    conditionalFormats: [],
    validations: spec.validations ?? [],
  };
}

/** A title in A1 over a note in A2. */
export function titleBlocks(title: string, note: string): BlockSpec[] {
  return [
    { origin: { row: 0, column: 0 }, rows: [[title]], style: 'title' },
    { origin: { row: 1, column: 0 }, rows: [[note]], style: 'note' },
  ];
}
