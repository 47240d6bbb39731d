import { cellRef, columnLetter, rangeRef } from '../core/plan/a1';
import { safeLinkTarget } from '../core/plan/text-safety';
import type {
  BlockSpec,
  CellValue,
  ColumnSpec,
  ConditionalFormat,
  SheetSpec,
  TableSpec,
} from '../core/plan/types';
import { argbColour, limits, textLiteral, validationList } from './limits';
import type { SharedStrings } from './shared-strings';
import type { CellStyle, StyleBook } from './styles';
import { attr, ns, relTypes, xmlAttr, xmlHeader, xmlText, type XmlSink } from './xml';

/** A run of cells along one row, each with its format index. */
export interface CellRun {
  row: number;
  column: number;
  values: readonly CellValue[];
  styles: readonly number[];
  /** Formats overriding `styles` at some offsets (linked cells). */
  override?: Map<number, number>;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external?: boolean;
}

export interface TablePart {
  path: string;
  xml: string;
}

export interface SheetPart {
  rels: Relationship[];
  tables: TablePart[];
}

const kindFormats: Record<ColumnSpec['kind'], string> = {
  text: '@',
  integer: '0',
  number: '0.0',
  percent: '0%',
  datetime: 'yyyy-mm-dd hh:mm',
};

const blockStyles: Record<NonNullable<BlockSpec['style']> | 'plain', CellStyle> = {
  title: { font: { bold: true, size: 14, color: '1F4E78' } },
  heading: { font: { bold: true, size: 12 } },
  note: { font: { italic: true, color: '595959' } },
  legend: {},
  plain: {},
};

const linkFont = { color: '0563C1', underline: true };

export function columnStyle(col: ColumnSpec): CellStyle {
  return { numberFormat: col.numberFormat ?? kindFormats[col.kind], ...(col.wrap ? { wrap: true } : {}) };
}

/** Header names Excel accepts for a table: non-empty, unique ignoring case, short enough for a cell. */
export function tableHeaders(table: TableSpec): string[] {
  const seen = new Set<string>();
  return table.columns.map((c, i) => {
    const base = (c.header.trim() || `Column${i + 1}`).slice(0, limits.cellText - 8);
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** The table's range: header plus data rows (at least one row, as Excel requires). */
export function tableRange(table: TableSpec): string {
  const { row, column } = table.origin;
  return rangeRef(row, column, row + Math.max(table.rows.length, 1), column + table.columns.length - 1);
}

function paneXml(freeze: SheetSpec['freeze']): string {
  const rows = freeze?.rows ?? 0;
  const columns = freeze?.columns ?? 0;
  if (!rows && !columns) return '';
  const topLeft = cellRef(rows, columns);
  const active = rows && columns ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
  return (
    `<pane${columns ? ` xSplit="${columns}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>` +
    (rows && columns ? '<selection pane="topRight"/><selection pane="bottomLeft"/>' : '') +
    `<selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>`
  );
}

/** One conditional format, or nothing when Excel could not hold it (too few colours, too long a text). */
function conditionalXml(cf: ConditionalFormat, priority: number, styles: StyleBook): string {
  const sqref = attr(cf.range);
  if (cf.kind === 'colorScale') {
    const colors = cf.colors.slice(0, 3).map(argbColour);
    if (colors.length < 2 || colors.some((c) => !c)) return '';
    const cfvo =
      colors.length === 3
        ? '<cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>'
        : '<cfvo type="min"/><cfvo type="max"/>';
    return `<conditionalFormatting sqref="${sqref}"><cfRule type="colorScale" priority="${priority}"><colorScale>${cfvo}${colors.map((c) => `<color rgb="${c}"/>`).join('')}</colorScale></cfRule></conditionalFormatting>`;
  }
  const formula =
    cf.kind === 'textEquals' ? textLiteral(cf.text) : String(Number.isFinite(cf.value) ? cf.value : 0);
  if (formula === undefined) return '';
  const dxf = styles.dxf(cf.fill, cf.font);
  const operator = cf.kind === 'textEquals' ? 'equal' : cf.operator;
  return `<conditionalFormatting sqref="${sqref}"><cfRule type="cellIs" dxfId="${dxf}" priority="${priority}" operator="${operator}"><formula>${xmlText(formula)}</formula></cfRule></conditionalFormatting>`;
}

/** Whether an internal link's sheet is in the workbook (external links always pass). */
function placeExists(target: string, sheetNames: Set<string> | undefined): boolean {
  if (!target.startsWith('#') || !sheetNames) return true;
  const m = /^#(?:'((?:[^']|'')+)'|([^!]+))!/.exec(target);
  const sheet = m?.[1]?.replace(/''/g, "'") ?? m?.[2];
  return sheet !== undefined && sheetNames.has(sheet.toLowerCase());
}

/**
 * One worksheet part, written to `sink`; returns its tables and relationships. Strings are always
 * written as shared strings (`t="s"`), so no value becomes a formula; no cell formula is ever written.
 */
export function worksheetPart(
  sheet: SheetSpec,
  options: {
    selected: boolean;
    /** The workbook's sheet names, lower case: a link to any other place is dropped. */
    sheetNames?: Set<string>;
    styles: StyleBook;
    strings: SharedStrings;
    extraRuns?: CellRun[];
    nextTableId: () => number;
    /** The sheet's drawing part (its charts), relative to the worksheet part. */
    drawing?: string;
  },
  sink: XmlSink,
): SheetPart {
  const { styles, strings } = options;
  const runs: CellRun[] = [...(options.extraRuns ?? [])];
  const widths = new Map<number, { width: number; style?: number }>();
  const rels: Relationship[] = [];
  const tables: TablePart[] = [];
  const hyperlinks: string[] = [];
  const tablePartIds: string[] = [];

  for (const [col, width] of Object.entries(sheet.widths ?? {}))
    if (Number.isInteger(Number(col)) && Number(col) >= 0 && Number(col) < limits.columns)
      widths.set(Number(col), { width });

  for (const block of sheet.blocks) {
    const base = blockStyles[block.style ?? 'plain'];
    block.rows.forEach((values, i) => {
      const fill = block.fills?.[i];
      const textStyle = styles.xf({ ...base, ...(fill ? { fill } : {}), numberFormat: '@' });
      const otherStyle = styles.xf({ ...base, ...(fill ? { fill } : {}) });
      runs.push({
        row: block.origin.row + i,
        column: block.origin.column,
        values,
        styles: values.map((v) => (typeof v === 'string' ? textStyle : otherStyle)),
      });
    });
  }

  for (const table of sheet.tables) {
    const { row: top, column: left } = table.origin;
    const headers = tableHeaders(table);
    const headerStyle = styles.xf({ numberFormat: '@' });
    runs.push({ row: top, column: left, values: headers, styles: headers.map(() => headerStyle) });
    const columnStyles = table.columns.map((c) => styles.xf(columnStyle(c)));
    table.columns.forEach((c, i) => {
      if (!widths.has(left + i)) widths.set(left + i, { width: c.width, style: columnStyles[i] });
    });
    const linkStyles = new Map<number, number>();
    const linked = new Map<number, Map<number, number>>();
    for (const link of table.links ?? []) {
      const target = safeLinkTarget(link.target);
      if (!target || target.length > limits.url || !placeExists(target, options.sheetNames)) continue;
      if (link.row >= table.rows.length || link.column >= table.columns.length) continue;
      // Excel holds at most 65,530 links on a sheet; later ones stay plain text.
      if (hyperlinks.length >= limits.hyperlinksPerSheet) break;
      let linkStyle = linkStyles.get(link.column);
      if (linkStyle === undefined) {
        linkStyle = styles.xf({ ...columnStyle(table.columns[link.column]), font: linkFont });
        linkStyles.set(link.column, linkStyle);
      }
      let rowMap = linked.get(link.row);
      if (!rowMap) linked.set(link.row, (rowMap = new Map()));
      rowMap.set(link.column, linkStyle);
      const ref = cellRef(top + 1 + link.row, left + link.column);
      if (target.startsWith('#')) {
        hyperlinks.push(`<hyperlink ref="${ref}" location="${xmlAttr(target.slice(1))}"/>`);
      } else {
        const id = `rId${rels.length + 1}`;
        rels.push({ id, type: relTypes.hyperlink, target, external: true });
        hyperlinks.push(`<hyperlink ref="${ref}" r:id="${id}"/>`);
      }
    }
    table.rows.forEach((values, i) => {
      runs.push({
        row: top + 1 + i,
        column: left,
        values: values.length > table.columns.length ? values.slice(0, table.columns.length) : values,
        styles: columnStyles,
        override: linked.get(i),
      });
    });

    const id = options.nextTableId();
    const relId = `rId${rels.length + 1}`;
    rels.push({ id: relId, type: relTypes.table, target: `../tables/table${id}.xml` });
    tablePartIds.push(relId);
    const ref = tableRange(table);
    tables.push({
      path: `xl/tables/table${id}.xml`,
      xml:
        xmlHeader +
        `<table xmlns="${ns.main}" id="${id}" name="${attr(table.name)}" displayName="${attr(table.name)}" ref="${ref}" totalsRowShown="0">` +
        `<autoFilter ref="${ref}"/>` +
        `<tableColumns count="${headers.length}">` +
        headers.map((h, i) => `<tableColumn id="${i + 1}" name="${xmlAttr(h)}"/>`).join('') +
        '</tableColumns>' +
        `<tableStyleInfo name="${attr(table.style ?? 'TableStyleMedium2')}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
        '</table>',
    });
  }

  runs.sort((a, b) => a.row - b.row || a.column - b.column);
  let maxRow = 0;
  let maxCol = 0;
  for (const t of sheet.tables) {
    maxRow = Math.max(maxRow, t.origin.row + Math.max(t.rows.length, 1));
    maxCol = Math.max(maxCol, t.origin.column + t.columns.length - 1);
  }
  for (const r of runs) {
    maxRow = Math.max(maxRow, r.row);
    maxCol = Math.max(maxCol, r.column + r.values.length - 1);
  }
  const letters = Array.from({ length: maxCol + 1 }, (_, i) => columnLetter(i));

  sink.push(`${xmlHeader}<worksheet xmlns="${ns.main}" xmlns:r="${ns.rel}">`);
  const tabColour = argbColour(sheet.tabColor);
  const tab = tabColour ? `<tabColor rgb="${tabColour}"/>` : '';
  const fit = sheet.print?.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : '';
  if (tab || fit) sink.push(`<sheetPr>${tab}${fit}</sheetPr>`);
  sink.push(`<dimension ref="A1:${letters[maxCol]}${maxRow + 1}"/>`);
  sink.push(
    `<sheetViews><sheetView workbookViewId="0"${options.selected ? ' tabSelected="1"' : ''}>${paneXml(sheet.freeze)}</sheetView></sheetViews>`,
  );
  sink.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (widths.size) {
    sink.push('<cols>');
    for (const [col, w] of [...widths].sort((a, b) => a[0] - b[0])) {
      // Widths are in characters plus the cell padding; Excel holds at most 255.
      const width = Number.isFinite(w.width)
        ? Math.min(limits.columnWidth, Math.max(1, w.width) + 0.71)
        : 8.71;
      sink.push(
        `<col min="${col + 1}" max="${col + 1}" width="${width}" customWidth="1"${w.style !== undefined ? ` style="${w.style}"` : ''}/>`,
      );
    }
    sink.push('</cols>');
  }

  sink.push('<sheetData>');
  // What every cell repeats, and each column's last text and its shared string: the rows of a
  // response repeat its id, file and country down the sheet.
  const cellStarts = letters.map((letter) => `<c r="${letter}`);
  // `" s="3" t="s"><v>` for each format and kind of value.
  const styleParts = new Map<number, { string: string; number: string }>();
  const styled = (s: number) => {
    let part = styleParts.get(s);
    if (part === undefined)
      styleParts.set(s, (part = { string: `" s="${s}" t="s"><v>`, number: `" s="${s}"><v>` }));
    return part;
  };
  const lastText: (string | undefined)[] = [];
  const lastId: number[] = [];
  let i = 0;
  while (i < runs.length) {
    const row = runs[i].row;
    const ref = row + 1;
    let lastCol = -1;
    sink.push('<row r="');
    sink.int(ref);
    sink.push('">');
    for (; i < runs.length && runs[i].row === row; i++) {
      const run = runs[i];
      for (let k = 0; k < run.values.length; k++) {
        const col = run.column + k;
        const v = run.values[k];
        if (col <= lastCol || v === null || v === undefined) continue;
        const kind = typeof v;
        if (kind === 'number' ? !Number.isFinite(v) : kind !== 'string' && kind !== 'boolean') continue;
        // Written piece by piece: <c r="B7" s="3" t="s"><v>12</v></c>.
        sink.push(cellStarts[col]);
        sink.int(ref);
        const style = run.override?.get(k) ?? run.styles[k] ?? 0;
        if (kind === 'string') {
          sink.push(styled(style).string);
          if (lastText[col] === v) sink.int(strings.again(lastId[col]));
          else {
            lastText[col] = v as string;
            sink.int((lastId[col] = strings.id(v as string)));
          }
        } else if (kind === 'number') {
          sink.push(styled(style).number);
          sink.int(v as number);
        } else {
          sink.push('" s="');
          sink.int(style);
          sink.push(v ? '" t="b"><v>1' : '" t="b"><v>0');
        }
        sink.push('</v></c>');
        lastCol = col;
      }
    }
    sink.push('</row>');
  }
  sink.push('</sheetData>');

  let priority = 0;
  for (const cf of sheet.conditionalFormats) {
    const xml = conditionalXml(cf, priority + 1, styles);
    if (xml) priority++;
    sink.push(xml);
  }
  const validations = sheet.validations.flatMap((v) => {
    // A list too long for Excel keeps the items that fit and then accepts other values too.
    const list = validationList(v.list);
    if (list.formula === '""') return [];
    return [
      `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="${list.complete ? 1 : 0}" sqref="${attr(v.range)}"><formula1>${xmlText(list.formula)}</formula1></dataValidation>`,
    ];
  });
  if (validations.length)
    sink.push(`<dataValidations count="${validations.length}">${validations.join('')}</dataValidations>`);
  if (hyperlinks.length) sink.push(`<hyperlinks>${hyperlinks.join('')}</hyperlinks>`);
  sink.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (sheet.print) {
    const orientation = sheet.print.landscape ? 'landscape' : 'portrait';
    const fitting = sheet.print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : '';
    sink.push(`<pageSetup orientation="${orientation}"${fitting}/>`);
  }
  if (options.drawing) {
    const id = `rId${rels.length + 1}`;
    rels.push({ id, type: relTypes.drawing, target: options.drawing });
    sink.push(`<drawing r:id="${id}"/>`);
  }
  if (tablePartIds.length)
    sink.push(
      `<tableParts count="${tablePartIds.length}">${tablePartIds.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`,
    );
  sink.push('</worksheet>');
  sink.close();
  return { rels, tables };
}
