import { columnLetter, parseRangeRef, quoteSheet } from '../core/plan/a1';
import type { CellValue, ChartSpec, SheetSpec } from '../core/plan/types';
import { tableHeaders } from './worksheet';
import { attr, ns, xmlHeader, xmlText } from './xml';

/**
 * Charts as DrawingML (ECMA-376 Part 1, §21.2): a chart part per chart, with references to the
 * sheet's cells and a cache of their values (what a reader shows before it recalculates), and one
 * drawing part per sheet anchoring the charts to cells.
 */

const chartNs = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const drawingMainNs = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const sheetDrawingNs = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

type Range = { top: number; left: number; bottom: number; right: number };

/** The values the sheet's tables and blocks put in its cells. */
function sheetValues(sheet: SheetSpec): (row: number, column: number) => CellValue {
  const cells = new Map<string, CellValue>();
  const put = (row: number, column: number, values: readonly CellValue[]) =>
    values.forEach((v, k) => cells.set(`${row},${column + k}`, v));
  sheet.blocks.forEach((b) => b.rows.forEach((r, i) => put(b.origin.row + i, b.origin.column, r)));
  for (const t of sheet.tables) {
    put(t.origin.row, t.origin.column, tableHeaders(t));
    t.rows.forEach((r, i) => put(t.origin.row + 1 + i, t.origin.column, r.slice(0, t.columns.length)));
  }
  return (row, column) => cells.get(`${row},${column}`) ?? null;
}

/** One column of cells, as the plan gives it; undefined for anything else. */
function columnRange(ref: string): Range | undefined {
  const r = parseRangeRef(ref);
  return r && r.left === r.right && r.bottom >= r.top && r.top >= 0 && r.left >= 0 ? r : undefined;
}

const absolute = (sheet: string, r: Range) =>
  `${quoteSheet(sheet)}!$${columnLetter(r.left)}$${r.top + 1}:$${columnLetter(r.right)}$${r.bottom + 1}`;

/** A chart whose ranges are one column each and equally long; undefined when the plan's chart is not. */
function resolve(spec: ChartSpec) {
  const categories = columnRange(spec.categories);
  if (!categories || !spec.series.length) return undefined;
  const length = categories.bottom - categories.top;
  const series = spec.series.map((s) => ({ name: s.name, values: columnRange(s.values) }));
  if (series.some((s) => !s.values || s.values.bottom - s.values.top !== length)) return undefined;
  return { categories, series: series as { name: string; values: Range }[] };
}

export function drawable(spec: ChartSpec): boolean {
  return resolve(spec) !== undefined;
}

/** Text for a DrawingML string (no Excel escape there): characters XML cannot hold are dropped. */
const plain = (s: string) =>
  // eslint-disable-next-line no-control-regex -- removing them is the point
  attr(s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));

const finite = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** The chart part (`xl/charts/chartN.xml`) of a chart on `sheet`, or undefined when it cannot be drawn. */
export function chartXml(spec: ChartSpec, sheet: SheetSpec): string | undefined {
  const r = resolve(spec);
  if (!r) return undefined;
  const valueAt = sheetValues(sheet);
  const count = r.categories.bottom - r.categories.top + 1;
  const rows = Array.from({ length: count }, (_, i) => i);

  const categoryCache = rows
    .map((i) => {
      const v = valueAt(r.categories.top + i, r.categories.left);
      return v === null ? '' : `<c:pt idx="${i}"><c:v>${xmlText(String(v))}</c:v></c:pt>`;
    })
    .join('');
  const format = spec.valueAxis?.numberFormat ?? 'General';
  const series = r.series.map((s, k) => {
    const points = rows
      .map((i) => {
        const v = valueAt(s.values.top + i, s.values.left);
        return typeof v === 'number' && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '';
      })
      .join('');
    return (
      `<c:ser><c:idx val="${k}"/><c:order val="${k}"/><c:tx><c:v>${xmlText(s.name)}</c:v></c:tx>` +
      '<c:invertIfNegative val="0"/>' +
      `<c:cat><c:strRef><c:f>${attr(absolute(sheet.name, r.categories))}</c:f><c:strCache><c:ptCount val="${count}"/>${categoryCache}</c:strCache></c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${attr(absolute(sheet.name, s.values))}</c:f><c:numCache><c:formatCode>${xmlText(format)}</c:formatCode><c:ptCount val="${count}"/>${points}</c:numCache></c:numRef></c:val>` +
      '</c:ser>'
    );
  });
  const { min, max } = spec.valueAxis ?? {};
  const scaling =
    '<c:scaling><c:orientation val="minMax"/>' +
    (finite(max) ? `<c:max val="${max}"/>` : '') +
    (finite(min) && (!finite(max) || min < max) ? `<c:min val="${min}"/>` : '') +
    '</c:scaling>';
  const text = (s: string) =>
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${plain(s)}</a:t></a:r></a:p></c:rich></c:tx>`;
  return (
    xmlHeader +
    `<c:chartSpace xmlns:c="${chartNs}" xmlns:a="${drawingMainNs}" xmlns:r="${ns.rel}">` +
    '<c:roundedCorners val="0"/>' +
    '<c:chart>' +
    `<c:title>${text(spec.title)}<c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/>' +
    '<c:plotArea><c:layout/>' +
    '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    series.join('') +
    '<c:gapWidth val="150"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>' +
    '<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>' +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>' +
    '<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="1002"/>${scaling}<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="${attr(format)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    '<c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea>' +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' +
    '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    '</c:chart>' +
    '</c:chartSpace>'
  );
}

/** The drawing part of a sheet: each chart anchored by its top-left and bottom-right cells. */
export function drawingXml(charts: { spec: ChartSpec; relId: string }[]): string {
  const marker = (tag: string, row: number, column: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const anchors = charts.map(({ spec, relId }, k) => {
    const row = Math.max(0, Math.round(spec.anchor.row) || 0);
    const column = Math.max(0, Math.round(spec.anchor.column) || 0);
    const columns = Math.max(1, Math.round(spec.anchor.columns) || 1);
    const rows = Math.max(1, Math.round(spec.anchor.rows) || 1);
    return (
      '<xdr:twoCellAnchor editAs="oneCell">' +
      marker('from', row, column) +
      marker('to', row + rows, column + columns) +
      '<xdr:graphicFrame macro="">' +
      `<xdr:nvGraphicFramePr><xdr:cNvPr id="${k + 2}" name="${attr(`Chart ${k + 1}`)}" descr="${plain(spec.title).replace(/\n/g, '&#10;')}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${chartNs}"><c:chart xmlns:c="${chartNs}" r:id="${relId}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
    );
  });
  return (
    xmlHeader +
    `<xdr:wsDr xmlns:xdr="${sheetDrawingNs}" xmlns:a="${drawingMainNs}" xmlns:r="${ns.rel}">${anchors.join('')}</xdr:wsDr>`
  );
}
