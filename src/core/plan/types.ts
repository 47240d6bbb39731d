/**
 * A workbook described as plain data. Both renderers (the .xlsx writer and the live
 * Office.js writer) draw exactly this; no layout decision lives in a renderer.
 */

export type CellValue = string | number | boolean | null;

export type ColumnKind = 'text' | 'integer' | 'number' | 'percent' | 'datetime';

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** Width in characters. */
  width: number;
  /** Excel number format; text columns use "@" so no value ever becomes a formula. */
  numberFormat?: string;
  wrap?: boolean;
}

/** A link from a cell to a place in the workbook or to an http(s) address. */
export interface LinkSpec {
  row: number; // 0-based data row
  column: number; // 0-based column
  /** `#'Sheet'!A1` for a place in the workbook, or an http(s) URL. */
  target: string;
}

export interface TableSpec {
  /** Excel table name (letters, digits, underscores; unique in the workbook). */
  name: string;
  /** Top-left cell of the header row, 0-based. */
  origin: { row: number; column: number };
  columns: ColumnSpec[];
  rows: CellValue[][];
  style?: string;
  links?: LinkSpec[];
}

export type ConditionalFormat =
  | {
      kind: 'colorScale';
      /** A1 range on the sheet. */
      range: string;
      /** Colours (hex RGB, no #) for min, (mid,) max. */
      colors: string[];
    }
  | {
      kind: 'textEquals';
      range: string;
      text: string;
      fill: string;
      font?: string;
    }
  | {
      kind: 'cellIs';
      range: string;
      operator: 'greaterThan' | 'lessThan' | 'equal';
      value: number;
      fill: string;
      font?: string;
    };

export interface ValidationSpec {
  /** A1 range. */
  range: string;
  /** Allowed values for a drop-down list. */
  list: string[];
}

/** A free block of cells (titles, legends, notes), written as values only. */
export interface BlockSpec {
  origin: { row: number; column: number };
  rows: CellValue[][];
  /** Optional style per block: a title is bold and larger. */
  style?: 'title' | 'heading' | 'note' | 'legend';
  /** Fill colour per row (hex RGB), for legends. */
  fills?: (string | undefined)[];
}

export interface PivotSpec {
  name: string;
  /** Table the pivot reads from. */
  sourceTable: string;
  /** Sheet that holds the pivot and its top-left cell. */
  sheet: string;
  origin: { row: number; column: number };
  rows: string[];
  columns: string[];
  values: { field: string; summarize: 'sum' | 'average' | 'count'; name: string; numberFormat?: string }[];
  filters?: string[];
  /** Items a filter field keeps (null for blank cells); a filter not named here keeps all. */
  filterItems?: Record<string, CellValue[]>;
}

/**
 * A native chart of clustered columns drawn from cells of the sheet it sits on: one series per
 * value column, over one column of category labels. Ranges are A1 references on that sheet, so a
 * renderer only binds them (a DrawingML chart part in the file, `worksheet.charts.add` live).
 */
export interface ChartSpec {
  kind: 'column';
  title: string;
  /** A1 range of the category labels: one column. */
  categories: string;
  /** The series in order: legend name, and A1 range of the values (one column, as long as `categories`). */
  series: { name: string; values: string }[];
  /** The value axis: number format (e.g. `0%`) and fixed bounds. */
  valueAxis?: { numberFormat?: string; min?: number; max?: number };
  /** Top-left cell (0-based) and size, in columns and rows of the sheet. */
  anchor: { row: number; column: number; columns: number; rows: number };
}

export interface SheetSpec {
  name: string;
  /** Hidden from the sheet tabs (data the workbook keeps for itself, such as its definition). */
  hidden?: boolean;
  tabColor?: string;
  /** Rows and columns frozen at the top-left. */
  freeze?: { rows: number; columns: number };
  blocks: BlockSpec[];
  tables: TableSpec[];
  conditionalFormats: ConditionalFormat[];
  validations: ValidationSpec[];
  /** Column widths for columns outside tables, by 0-based index. */
  widths?: Record<number, number>;
  /** How the sheet prints: orientation, and whether all columns fit on one page's width. */
  print?: { landscape: boolean; fitToWidth: boolean };
  /** Charts floating over the sheet. */
  charts?: ChartSpec[];
}

export interface WorkbookPlan {
  sheets: SheetSpec[];
  pivots: PivotSpec[];
  /** Document properties. */
  properties: { title: string; subject: string; created: string };
}
