import JSZip from 'jszip';

/**
 * Reads every PivotTable cache of a written .xlsx back and compares it with its source range, with
 * JSZip and regular expressions only (neither the writer nor the product's reader): field names
 * against the header cells, shared items against the distinct values of their column, `count`
 * attributes, and every record against its row, value by value.
 */

type Value = string | number | boolean | null;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&amp;/g, '&')
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

const attr = (tag: string, name: string) => {
  const v = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return v === undefined ? undefined : unescape(v);
};

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function parseRef(ref: string): { row: number; column: number } {
  const [, letters, digits] = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref)!;
  return { row: Number(digits), column: columnNumber(letters) };
}

/** A cache item or inline record value: `<s v>`, `<n v>`, `<b v>`, `<m/>` (and `<x v>` as an index). */
function itemValue(tag: string, kind: string): Value {
  const v = attr(tag, 'v');
  if (kind === 'm') return null;
  if (kind === 'n') return Number(v);
  if (kind === 'b') return v === '1' || v === 'true';
  return v ?? '';
}

/** Pivot items match ignoring case (as Excel does); other values match exactly. */
const same = (a: Value, b: Value) =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
const itemKey = (v: Value) => (typeof v === 'string' ? `s:${v.toLowerCase()}` : `${typeof v}:${v}`);

export interface CacheCheck {
  cache: string;
  sheet: string;
  records: number;
  fields: { name: string; items: number; distinct: number }[];
  problems: string[];
}

export async function checkPivotCaches(bytes: Uint8Array): Promise<CacheCheck[]> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  const rels = async (path: string) => {
    const at = path.lastIndexOf('/');
    const xml = await read(`${path.slice(0, at)}/_rels/${path.slice(at + 1)}.rels`);
    const out = new Map<string, string>();
    for (const m of xml.matchAll(/<Relationship [^>]*\/>/g)) {
      const parts = path.slice(0, at).split('/');
      for (const p of attr(m[0], 'Target')!.split('/'))
        if (p === '..') parts.pop();
        else parts.push(p);
      out.set(attr(m[0], 'Id')!, parts.join('/'));
    }
    return out;
  };
  const workbook = await read('xl/workbook.xml');
  const workbookRels = await rels('xl/workbook.xml');
  const strings = [...(await read('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>|<t\/>/g)].map((t) => unescape(t[1] ?? '')).join(''),
  );
  const sheetPath = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*\/>/g))
    sheetPath.set(attr(m[0], 'name')!, workbookRels.get(attr(m[0], 'r:id')!)!);

  const checks: CacheCheck[] = [];
  for (const m of workbook.matchAll(/<pivotCache [^>]*\/>/g)) {
    const path = workbookRels.get(attr(m[0], 'r:id')!)!;
    const definition = await read(path);
    const problems: string[] = [];
    const source = /<worksheetSource [^>]*\/>/.exec(definition)![0];
    const sheet = attr(source, 'sheet')!;
    const [from, to] = attr(source, 'ref')!.split(':').map(parseRef);

    // The source cells, by row and column.
    const cells = new Map<string, Value>();
    const sheetXml = await read(sheetPath.get(sheet)!);
    for (const c of sheetXml.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = ` ${c[1]}`;
      const v = /<v>([^<]*)<\/v>/.exec(c[2] ?? '')?.[1];
      if (v === undefined) continue;
      const t = attr(tag, 't');
      const value =
        t === 's' ? strings[Number(v)] : t === 'b' ? v === '1' : t === 'str' ? unescape(v) : Number(v);
      const { row, column } = parseRef(attr(tag, 'r')!);
      cells.set(`${row},${column}`, value);
    }
    const cell = (row: number, column: number): Value => cells.get(`${row},${column}`) ?? null;
    const width = to.column - from.column + 1;
    const rows = to.row - from.row;

    // Fields and their shared items.
    const fieldXml = [...definition.matchAll(/<cacheField ([^>]*)>([\s\S]*?)<\/cacheField>/g)];
    const declared = Number(attr(/<cacheFields [^>]*>/.exec(definition)![0], 'count'));
    if (declared !== fieldXml.length)
      problems.push(`cacheFields count=${declared}, ${fieldXml.length} fields`);
    if (fieldXml.length !== width) problems.push(`${fieldXml.length} fields over a source ${width} wide`);
    const fields = fieldXml.map((f, k) => {
      const name = attr(` ${f[1]}`, 'name')!;
      const header = cell(from.row, from.column + k);
      if (header !== name)
        problems.push(`field ${k} is named ${JSON.stringify(name)}, header cell ${JSON.stringify(header)}`);
      const shared = /<sharedItems([^>]*?)(?:\/>|>([\s\S]*?)<\/sharedItems>)/.exec(f[2])!;
      const items = [...(shared[2] ?? '').matchAll(/<([snbmde])(?:\s[^>]*)?\/>/g)].map((i) =>
        itemValue(i[0], i[1]),
      );
      const count = attr(shared[1], 'count');
      if (items.length && Number(count) !== items.length)
        problems.push(`field ${name}: sharedItems count=${count}, ${items.length} items`);
      const column: Value[] = [];
      for (let r = 1; r <= rows; r++) column.push(cell(from.row + r, from.column + k));
      const distinct = new Set(column.map(itemKey));
      if (items.length) {
        const keys = new Set(items.map(itemKey));
        if (keys.size !== items.length) problems.push(`field ${name}: repeated shared items`);
        if (keys.size !== distinct.size || [...distinct].some((d) => !keys.has(d)))
          problems.push(
            `field ${name}: ${items.length} shared items, ${distinct.size} distinct values in the column`,
          );
      }
      const flag = (a: string, dflt: boolean) => (attr(shared[1], a) ?? (dflt ? '1' : '0')) === '1';
      const values = items.length ? items : column;
      const numbers = values.filter((v): v is number => typeof v === 'number');
      if (flag('containsBlank', false) !== values.includes(null))
        problems.push(`field ${name}: containsBlank`);
      if (flag('containsNumber', false) !== numbers.length > 0)
        problems.push(`field ${name}: containsNumber`);
      if (values.some((v) => typeof v === 'string') && !flag('containsString', true))
        problems.push(`field ${name}: text but containsString="0"`);
      if (
        numbers.length &&
        (Number(attr(shared[1], 'minValue')) !== Math.min(...numbers) ||
          Number(attr(shared[1], 'maxValue')) !== Math.max(...numbers))
      )
        problems.push(`field ${name}: minValue/maxValue`);
      return { name, items, distinct: distinct.size };
    });

    // Records, one per source row, value by value.
    const recordsPath = (await rels(path)).get(
      attr(/<pivotCacheDefinition [^>]*>/.exec(definition)![0], 'r:id')!,
    )!;
    const recordsXml = await read(recordsPath);
    const records = [...recordsXml.matchAll(/<r>([\s\S]*?)<\/r>|<r\/>/g)];
    const recordCount = attr(/<pivotCacheDefinition [^>]*>/.exec(definition)![0], 'recordCount');
    const recordsAttr = attr(/<pivotCacheRecords [^>]*>/.exec(recordsXml)![0], 'count');
    if (records.length !== rows || Number(recordCount) !== rows || Number(recordsAttr) !== rows)
      problems.push(
        `${records.length} records (recordCount=${recordCount}, count=${recordsAttr}) for ${rows} rows`,
      );
    let shown = 0;
    records.forEach((r, i) => {
      const values = [...(r[1] ?? '').matchAll(/<([xsnbmde])(\s[^>]*)?\/>/g)];
      const fail = (msg: string) => {
        if (shown++ < 20) problems.push(`record ${i}: ${msg}`);
      };
      if (values.length !== fields.length) fail(`${values.length} values for ${fields.length} fields`);
      values.forEach((v, k) => {
        const field = fields[k];
        if (!field) return;
        const expected = cell(from.row + 1 + i, from.column + k);
        if (v[1] === 'x') {
          const index = attr(v[0], 'v');
          if (index === undefined) return fail(`field ${field.name}: <x> without v`);
          if (!field.items.length)
            return fail(`field ${field.name}: index into a field without shared items`);
          const item = field.items[Number(index)];
          if (!/^\d+$/.test(index) || Number(index) >= field.items.length)
            return fail(`field ${field.name}: index ${index} out of ${field.items.length} items`);
          if (!same(item, expected))
            fail(
              `field ${field.name}: item ${index} is ${JSON.stringify(item)}, cell ${JSON.stringify(expected)}`,
            );
        } else {
          if (field.items.length) return fail(`field ${field.name}: inline value where shared items exist`);
          const value = itemValue(v[0], v[1]);
          if (value !== expected)
            fail(`field ${field.name}: ${JSON.stringify(value)}, cell ${JSON.stringify(expected)}`);
        }
      });
    });
    if (shown > 20) problems.push(`… ${shown - 20} more record problems`);
    checks.push({
      cache: path,
      sheet,
      records: records.length,
      fields: fields.map((f) => ({ name: f.name, items: f.items.length, distinct: f.distinct })),
      problems,
    });
  }
  return checks;
}
