import { rangeRef } from '../core/plan/a1';
import type { CellValue, PivotSpec, TableSpec } from '../core/plan/types';
import { cellText, limits } from './limits';
import type { StyleBook } from './styles';
import type { CellRun } from './worksheet';
import { tableHeaders } from './worksheet';
import { attr, ns, xmlAttr, xmlHeader, XmlSink } from './xml';

/**
 * PivotTable parts per ECMA-376 Part 1, §18.10: a cache definition over a worksheet range, the cache
 * records (so Excel can refresh without re-reading anything), and the PivotTable definition with its
 * laid-out row and column items. The cells the PivotTable covers are filled with the same figures,
 * so the sheet reads right even before a refresh.
 */

export interface PivotParts {
  cacheDefinition: string;
  /** Writes the cache records part to `sink`. */
  writeRecords(sink: XmlSink): void;
  table: string;
  runs: CellRun[];
}

type Key = string;

/** Excel matches pivot items ignoring case; an empty string cell is text, not a blank cell. */
function keyOf(v: CellValue): Key {
  if (v === null || v === undefined) return 'm:';
  if (typeof v === 'number') return `n:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  return `s:${v.toLowerCase()}`;
}

/** A source value as the cell holds it: absent and non-finite numbers are blank, text as written. */
function normal(v: CellValue | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return typeof v === 'string' ? cellText(v) : v;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Excel's ascending order: numbers, then text, then booleans, blanks last. */
function ascending(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue) => (v === null ? 3 : typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)))
  );
}

/** How many values of a field the records remember as written. */
const WRITTEN_KEPT = 4096;

function itemXml(v: CellValue): string {
  if (v === null) return '<m/>';
  if (typeof v === 'number') return `<n v="${v}"/>`;
  if (typeof v === 'boolean') return `<b v="${v ? 1 : 0}"/>`;
  return `<s v="${xmlAttr(v)}"/>`;
}

interface FieldStats {
  string: boolean;
  number: boolean;
  boolean: boolean;
  blank: boolean;
  integer: boolean;
  long: boolean;
  min: number;
  max: number;
}

function statsOf(values: Iterable<CellValue>): FieldStats {
  const s: FieldStats = {
    string: false,
    number: false,
    boolean: false,
    blank: false,
    integer: true,
    long: false,
    min: Infinity,
    max: -Infinity,
  };
  for (const v of values) {
    if (v === null) s.blank = true;
    else if (typeof v === 'number') {
      s.number = true;
      if (!Number.isInteger(v)) s.integer = false;
      if (v < s.min) s.min = v;
      if (v > s.max) s.max = v;
    } else if (typeof v === 'boolean') s.boolean = true;
    else {
      s.string = true;
      if (v.length > 255) s.long = true;
    }
  }
  return s;
}

/**
 * The attributes of `<sharedItems>` describing what a field holds. Excel counts booleans as text
 * for `containsString` and `containsSemiMixedTypes` (MS-OI29500 §2.1.1048): a field of booleans
 * keeps both at their default, true.
 */
function sharedItemsAttrs(s: FieldStats): string {
  const a: string[] = [];
  const textual = s.string || s.boolean;
  if (!textual && !s.blank) a.push('containsSemiMixedTypes="0"');
  if (!textual) a.push('containsString="0"');
  if (s.blank) a.push('containsBlank="1"');
  if ([s.string, s.number, s.boolean].filter(Boolean).length > 1) a.push('containsMixedTypes="1"');
  if (s.number) {
    a.push('containsNumber="1"');
    if (s.integer) a.push('containsInteger="1"');
    a.push(`minValue="${s.min}"`, `maxValue="${s.max}"`);
  }
  if (s.long) a.push('longText="1"');
  return a.length ? ` ${a.join(' ')}` : '';
}

interface AxisField {
  index: number;
  items: CellValue[];
  itemOf: Map<Key, number>;
  /** The item of each source row. */
  rowItems: Uint32Array;
}

function axisField(index: number, rows: readonly CellValue[][], sort: boolean): AxisField {
  const firstSeen = new Map<Key, CellValue>();
  const keys: Key[] = new Array(rows.length);
  // Most rows repeat the value of the row above (the rows of one response).
  let last: { raw: CellValue | undefined; key: Key } | undefined;
  rows.forEach((row, i) => {
    const raw = row[index];
    if (last && raw === last.raw) {
      keys[i] = last.key;
      return;
    }
    const v = normal(raw);
    const k = (keys[i] = keyOf(v));
    if (!firstSeen.has(k)) firstSeen.set(k, v);
    last = { raw, key: k };
  });
  const items = [...firstSeen.values()];
  if (sort) items.sort(ascending);
  const itemOf = new Map(items.map((v, i) => [keyOf(v), i]));
  return { index, items, itemOf, rowItems: Uint32Array.from(keys, (k) => itemOf.get(k)!) };
}

const label = (v: CellValue) => (v === null ? '(blank)' : v);

/**
 * The caption of the data field: Excel refuses one equal (ignoring case) to a source field's name,
 * such as "Score" over a column Score, and itself adds a trailing space in that case.
 */
export function dataCaption(name: string, fieldNames: readonly string[]): string {
  const taken = new Set(fieldNames.map((f) => f.toLowerCase()));
  let caption = (name.trim() ? name : 'Values').slice(0, limits.tableName - 5); // room for the spaces
  while (taken.has(caption.toLowerCase())) caption += ' ';
  return caption;
}

export function pivotParts(
  spec: PivotSpec,
  source: { sheet: string; table: TableSpec },
  cacheId: number,
  styles: StyleBook,
  refreshedDate?: number,
): PivotParts | undefined {
  const { table } = source;
  const headers = tableHeaders(table);
  const fieldIndex = (name: string) => {
    const i = headers.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (i < 0) throw new Error(`PivotTable ${spec.name}: no column "${name}" in table ${table.name}`);
    return i;
  };
  if (spec.rows.length !== 1 || spec.columns.length > 1 || spec.values.length !== 1)
    throw new Error(
      `PivotTable ${spec.name}: one row field, at most one column field and one value are supported`,
    );
  const rows = table.rows;
  if (!rows.length) throw new Error(`PivotTable ${spec.name}: table ${table.name} has no rows`);

  const rowField = axisField(fieldIndex(spec.rows[0]), rows, true);
  const colField = spec.columns.length ? axisField(fieldIndex(spec.columns[0]), rows, false) : undefined;
  const pageFields = (spec.filters ?? []).map((name) => {
    const field = axisField(fieldIndex(name), rows, true);
    const wanted = spec.filterItems?.[name];
    const keep = wanted ? new Set(wanted.map((v) => keyOf(normal(v)))) : undefined;
    const visible = field.items.map((v) => !keep || keep.has(keyOf(v)));
    return { name, field, visible };
  });
  const value = spec.values[0];
  const dataIndex = fieldIndex(value.field);
  const caption = dataCaption(value.name, headers);
  const axis = new Map<number, AxisField>();
  for (const f of [rowField, colField, ...pageFields.map((p) => p.field)]) if (f) axis.set(f.index, f);

  // The figures the PivotTable shows. Cells are indexed row * (columns + 1) + column, the last row
  // and column holding the totals.
  const width = (colField?.items.length ?? 1) + 1;
  const size = (rowField.items.length + 1) * width;
  const sums = new Float64Array(size);
  const numbers = new Uint32Array(size);
  const filled = new Uint32Array(size);
  const usedRows = new Set<number>();
  const usedCols = new Set<number>();
  const totalsRow = rowField.items.length * width;
  rows.forEach((row, i) => {
    if (pageFields.some((p) => !p.visible[p.field.rowItems[i]])) return;
    const r = rowField.rowItems[i];
    const c = colField ? colField.rowItems[i] : 0;
    usedRows.add(r);
    usedCols.add(c);
    const v = normal(row[dataIndex]);
    if (v === null) return;
    for (const k of [r * width + c, r * width + width - 1, totalsRow + c, totalsRow + width - 1]) {
      filled[k]++;
      if (typeof v === 'number') {
        sums[k] += v;
        numbers[k]++;
      }
    }
  });

  // The records: shared items by index, the other fields inline.
  const writeRecords = (sink: XmlSink) => {
    sink.push(
      `${xmlHeader}<pivotCacheRecords xmlns="${ns.main}" xmlns:r="${ns.rel}" count="${rows.length}">`,
    );
    const indexed = headers.map((_, f) => axis.get(f)?.rowItems);
    // Each field's values as written: most recur from row to row (ids, files, question texts), and
    // many repeat the row above (the rows of one response).
    const written = headers.map(() => new Map<CellValue, Uint8Array>());
    const lastValue: CellValue[] = [];
    const lastXml: Uint8Array[] = [];
    rows.forEach((row, i) => {
      sink.push('<r>');
      for (let f = 0; f < indexed.length; f++) {
        const items = indexed[f];
        if (items) {
          // `v` is required on a record's index (CT_Index), even for the first item.
          sink.push('<x v="');
          sink.int(items[i]);
          sink.push('"/>');
          continue;
        }
        const v = row[f];
        if (v === lastValue[f] && i > 0) {
          sink.bytes(lastXml[f]);
          continue;
        }
        const known = written[f];
        let xml = known.get(v);
        if (xml === undefined) {
          xml = XmlSink.encode(itemXml(normal(v)));
          if (known.size >= WRITTEN_KEPT) known.clear();
          known.set(v, xml);
        }
        lastValue[f] = v;
        lastXml[f] = xml;
        sink.bytes(xml);
      }
      sink.push('</r>');
    });
    sink.push('</pivotCacheRecords>');
    sink.close();
  };

  // Cache definition.
  const fieldXml = headers.map((name, f) => {
    const ax = axis.get(f);
    if (ax) {
      const s = statsOf(ax.items);
      return `<cacheField name="${xmlAttr(name)}" numFmtId="0"><sharedItems${sharedItemsAttrs(s)} count="${ax.items.length}">${ax.items.map(itemXml).join('')}</sharedItems></cacheField>`;
    }
    const s = statsOf(rows.map((row) => normal(row[f])));
    return `<cacheField name="${xmlAttr(name)}" numFmtId="0"><sharedItems${sharedItemsAttrs(s)}/></cacheField>`;
  });
  const { row: top, column: left } = table.origin;
  const sourceRef = rangeRef(top, left, top + rows.length, left + headers.length - 1);
  const cacheDefinition =
    xmlHeader +
    `<pivotCacheDefinition xmlns="${ns.main}" xmlns:r="${ns.rel}" r:id="rId1" refreshOnLoad="1" refreshedBy="Survey Atlas"` +
    (refreshedDate !== undefined ? ` refreshedDate="${refreshedDate}"` : '') +
    ` createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="${rows.length}">` +
    `<cacheSource type="worksheet"><worksheetSource ref="${sourceRef}" sheet="${xmlAttr(source.sheet)}"/></cacheSource>` +
    `<cacheFields count="${headers.length}">${fieldXml.join('')}</cacheFields>` +
    '</pivotCacheDefinition>';

  // Nothing passes the filters: Excel cannot lay out an empty PivotTable body.
  if (!usedRows.size) return undefined;

  // Layout: filters above, then the compact-form body.
  const visibleRows = rowField.items.map((_, i) => i).filter((i) => usedRows.has(i));
  const visibleCols = colField ? colField.items.map((_, i) => i).filter((i) => usedCols.has(i)) : [0];
  const { row: pTop, column: pLeft } = spec.origin;
  const headerRows = colField ? 2 : 1;
  const bottom = pTop + headerRows + visibleRows.length;
  const right = pLeft + (colField ? visibleCols.length + 1 : 1);
  const valueFormat = styles.formatId(value.numberFormat);
  const valueStyle = styles.xf({ numberFormat: value.numberFormat });
  const textStyle = styles.xf({ numberFormat: '@' });
  const boldText = styles.xf({ numberFormat: '@', font: { bold: true } });
  const boldValue = styles.xf({ numberFormat: value.numberFormat, font: { bold: true } });

  const runs: CellRun[] = [];
  const text = (row: number, column: number, values: CellValue[], style = textStyle) =>
    runs.push({ row, column, values, styles: values.map(() => style) });
  pageFields.forEach((p, k) => {
    const shown = p.field.items.filter((_, i) => p.visible[i]);
    const shownAs =
      shown.length === p.field.items.length
        ? '(All)'
        : shown.length === 1
          ? label(shown[0])
          : '(Multiple Items)';
    text(pTop - 1 - pageFields.length + k, pLeft, [headers[p.field.index], shownAs], boldText);
  });
  const result = (r: number, c: number) => {
    const k = (r < 0 ? rowField.items.length : r) * width + (c < 0 ? width - 1 : c);
    if (value.summarize === 'count') return filled[k] || null;
    if (!numbers[k]) return null;
    return value.summarize === 'sum' ? sums[k] : sums[k] / numbers[k];
  };
  if (colField) {
    text(pTop, pLeft, [caption, 'Column Labels'], boldText);
    text(
      pTop + 1,
      pLeft,
      ['Row Labels', ...visibleCols.map((c) => label(colField.items[c])), 'Grand Total'],
      boldText,
    );
  } else text(pTop, pLeft, ['Row Labels', caption], boldText);
  visibleRows.forEach((r, i) => {
    const figures = colField ? [...visibleCols.map((c) => result(r, c)), result(r, -1)] : [result(r, -1)];
    runs.push({
      row: pTop + headerRows + i,
      column: pLeft,
      values: [label(rowField.items[r]), ...figures],
      styles: [textStyle, ...figures.map(() => valueStyle)],
    });
  });
  const totals = colField ? [...visibleCols.map((c) => result(-1, c)), result(-1, -1)] : [result(-1, -1)];
  runs.push({
    row: bottom,
    column: pLeft,
    values: ['Grand Total', ...totals],
    styles: [boldText, ...totals.map(() => boldValue)],
  });

  // PivotTable definition.
  const pageByField = new Map(pageFields.map((p) => [p.field.index, p]));
  const itemsXml = (f: AxisField, hidden?: boolean[]) =>
    `<items count="${f.items.length + 1}">` +
    f.items.map((_, i) => `<item x="${i}"${hidden && !hidden[i] ? ' h="1"' : ''}/>`).join('') +
    '<item t="default"/></items>';
  const pivotFields = headers.map((_, f) => {
    const isData = f === dataIndex ? ' dataField="1"' : '';
    if (f === rowField.index)
      return `<pivotField axis="axisRow"${isData} showAll="0" sortType="ascending">${itemsXml(rowField)}</pivotField>`;
    if (colField && f === colField.index)
      return `<pivotField axis="axisCol"${isData} showAll="0">${itemsXml(colField)}</pivotField>`;
    const page = pageByField.get(f);
    if (page) {
      const multiple = page.visible.filter(Boolean).length > 1 && page.visible.some((v) => !v);
      return `<pivotField axis="axisPage"${isData}${multiple ? ' multipleItemSelectionAllowed="1"' : ''} showAll="0">${itemsXml(page.field, multiple ? page.visible : undefined)}</pivotField>`;
    }
    return `<pivotField${isData} showAll="0"/>`;
  });
  const axisItems = (indexes: number[]) =>
    indexes.map((x) => (x ? `<i><x v="${x}"/></i>` : '<i><x/></i>')).join('') + '<i t="grand"><x/></i>';
  const pageXml = pageFields.map((p) => {
    const shown = p.visible.filter(Boolean).length;
    const single = shown === 1 && p.field.items.length > 1 ? ` item="${p.visible.indexOf(true)}"` : '';
    return `<pageField fld="${p.field.index}"${single} hier="-1"/>`;
  });
  const definition =
    xmlHeader +
    `<pivotTableDefinition xmlns="${ns.main}" name="${attr(spec.name)}" cacheId="${cacheId}" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" outline="1" outlineData="1" multipleFieldFilters="0">` +
    `<location ref="${rangeRef(pTop, pLeft, bottom, right)}" firstHeaderRow="1" firstDataRow="${headerRows}" firstDataCol="1"` +
    (pageFields.length ? ` rowPageCount="${pageFields.length}" colPageCount="1"` : '') +
    '/>' +
    `<pivotFields count="${headers.length}">${pivotFields.join('')}</pivotFields>` +
    `<rowFields count="1"><field x="${rowField.index}"/></rowFields>` +
    `<rowItems count="${visibleRows.length + 1}">${axisItems(visibleRows)}</rowItems>` +
    (colField
      ? `<colFields count="1"><field x="${colField.index}"/></colFields><colItems count="${visibleCols.length + 1}">${axisItems(visibleCols)}</colItems>`
      : '<colItems count="1"><i/></colItems>') +
    (pageFields.length ? `<pageFields count="${pageFields.length}">${pageXml.join('')}</pageFields>` : '') +
    `<dataFields count="1"><dataField name="${xmlAttr(caption)}" fld="${dataIndex}" subtotal="${value.summarize}" baseField="0" baseItem="0"${valueFormat ? ` numFmtId="${valueFormat}"` : ''}/></dataFields>` +
    '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/>' +
    '</pivotTableDefinition>';
  return { cacheDefinition, writeRecords, table: definition, runs };
}
