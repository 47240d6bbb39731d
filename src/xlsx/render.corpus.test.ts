import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { countryFacts } from '../core/countries';
import { loadQuestionnaire } from '../core/definition';
import { buildWorkbookPlan } from '../core/plan/build';
import { expectValidOoxml } from '../../test/support/ooxml';
import { checkPivotCaches } from '../../test/support/pivot-cache';
import { batchFromTruth, loadTruth } from '../../test/support/truth';
import { renderXlsx } from './render';

const def = loadQuestionnaire('msq-2022');
const truth = loadTruth();

/** What the workbook says, read with JSZip and regular expressions only (not the product's reader). */
interface Part {
  path: string;
  xml: string;
}
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#10;/g, '\n')
    .replace(/&amp;/g, '&');

async function inspect(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const read = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  const rels = async (path: string) => {
    const at = path.lastIndexOf('/');
    const xml = await read(`${path.slice(0, at)}/_rels/${path.slice(at + 1)}.rels`);
    const dir = path.slice(0, at).split('/');
    return [...xml.matchAll(/<Relationship [^>]*\/>/g)].map((m) => {
      const target = attr(m[0], 'Target')!;
      const parts = [...dir];
      for (const p of target.split('/'))
        if (p === '..') parts.pop();
        else parts.push(p);
      return { id: attr(m[0], 'Id')!, type: attr(m[0], 'Type')!, path: parts.join('/') };
    });
  };
  const workbook = await read('xl/workbook.xml');
  const workbookRels = await rels('xl/workbook.xml');
  const strings = [
    ...(await read('xl/sharedStrings.xml')).matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g),
  ].map((m) => unescape(m[1]));
  const sheets = new Map<string, Part & { rels: { id: string; type: string; path: string }[] }>();
  for (const m of workbook.matchAll(/<sheet [^>]*\/>/g)) {
    const path = workbookRels.find((r) => r.id === attr(m[0], 'r:id'))!.path;
    sheets.set(unescape(attr(m[0], 'name')!), { path, xml: await read(path), rels: await rels(path) });
  }
  const tables = new Map<string, { sheet: string; ref: string; columns: string[] }>();
  for (const [sheet, part] of sheets)
    for (const rel of part.rels.filter((r) => r.type.endsWith('/table'))) {
      const xml = await read(rel.path);
      const head = /<table [^>]*>/.exec(xml)![0];
      const columns = [...xml.matchAll(/<tableColumn [^>]*name="([^"]*)"/g)].map((c) => unescape(c[1]));
      tables.set(attr(head, 'name')!, { sheet, ref: attr(head, 'ref')!, columns });
    }
  const cells = (sheet: string) => {
    const out = new Map<string, { type?: string; style?: string; value: string | number }>();
    for (const m of sheets.get(sheet)!.xml.matchAll(/<c ([^>]*)>(?:<v>([^<]*)<\/v>)?<\/c>/g)) {
      const type = attr(` ${m[1]}`, 't');
      const v = m[2] ?? '';
      out.set(attr(` ${m[1]}`, 'r')!, {
        type,
        style: attr(` ${m[1]}`, 's'),
        value: type === 's' ? strings[Number(v)] : Number(v),
      });
    }
    return out;
  };
  return {
    zip,
    read,
    rels,
    workbook,
    workbookRels,
    sheets,
    tables,
    cells,
    contentTypes: await read('[Content_Types].xml'),
  };
}

const rowsOf = (ref: string) => {
  const [, a, b] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(ref)!;
  return Number(b) - Number(a);
};

/** The truth's own figures: share of Yes by country and section over current responses that record choices. */
function expectedPivot(): Map<string, number> {
  const superseded = new Set(truth.filter((t) => t.supersedes).map((t) => `${t.file}/${t.supersedes}`));
  const sums = new Map<string, [number, number]>();
  for (const t of truth) {
    if (superseded.has(`${t.file}/${t.response_id}`) || !t.choices_recorded) continue;
    for (const q of def.questions) {
      if (q.type !== 'single' || !q.options?.includes('Yes') || !q.options.includes('No')) continue;
      const v = t.answers[q.id]?.value;
      if (v !== 'Yes' && v !== 'No') continue;
      const key = `${countryFacts(t.country_iso3)!.name}|${def.sections.find((s) => s.id === q.section)!.title}`;
      const [s, n] = sums.get(key) ?? [0, 0];
      sums.set(key, [s + (v === 'Yes' ? 1 : 0), n + 1]);
    }
  }
  return new Map([...sums].map(([k, [s, n]]) => [k, s / n]));
}

/** Figures laid out in a PivotTable body: `Country|Section` → value. */
function pivotFigures(grid: (string | number | undefined)[][]): Map<string, number> {
  const header = grid.findIndex((r) => r.some((c) => typeof c === 'string' && c.startsWith('A. ')));
  const sections = grid[header];
  const out = new Map<string, number>();
  for (const row of grid.slice(header + 1)) {
    const country = row[0];
    if (typeof country !== 'string' || /^(Grand Total|Total Result)$/.test(country)) continue;
    sections.forEach((s, i) => {
      const v = row[i];
      if (i > 0 && typeof s === 'string' && !/^(Grand Total|Total Result)$/.test(s) && typeof v === 'number')
        out.set(`${country}|${s}`, v);
    });
  }
  return out;
}

describe('the comparison workbook for the corpus', () => {
  const batch = batchFromTruth(truth, def);
  let bytes: Uint8Array;
  let book: Awaited<ReturnType<typeof inspect>>;

  beforeAll(async () => {
    const plan = buildWorkbookPlan({ def, ...batch, reviews: new Map(), importedAt: '2024-05-01T10:00:00Z' });
    bytes = await renderXlsx(plan);
    book = await inspect(bytes);
  });

  it('holds the four tables, named, one row per entity, headers matching their cells', () => {
    const expected = { Responses: 108, Answers: 108 * 112, Issues: batch.issues.length, Questions: 112 };
    for (const [name, rows] of Object.entries(expected)) {
      const t = book.tables.get(name)!;
      expect(t).toBeDefined();
      expect(t.sheet).toBe(name);
      expect(rowsOf(t.ref)).toBe(rows);
      const cells = book.cells(name);
      t.columns.forEach((c, i) => expect(cells.get(`${String.fromCharCode(65 + i)}1`)?.value).toBe(c));
    }
    expect(batch.issues.length).toBeGreaterThan(200);
    expect(book.tables.get('Issues')!.columns).toEqual([
      'Response',
      'Country',
      'Section',
      'Question',
      'Rule',
      'Severity',
      'Message',
      'Evidence',
      'Review',
      'Note',
      'Response status',
      'Issue key',
    ]);
  });

  it('is valid against the ECMA-376 schemas and the rules across parts that Excel checks', () => {
    expectValidOoxml(bytes, 'the corpus workbook');
  }, 120_000);

  it('caches the Answers table exactly: shared items, counts and every record', async () => {
    const [cache, ...others] = await checkPivotCaches(bytes);
    expect(others).toHaveLength(0);
    expect(cache.problems).toEqual([]);
    expect(cache.sheet).toBe('Answers');
    expect(cache.records).toBe(108 * 112);
    const field = (name: string) => cache.fields.find((f) => f.name === name)!;
    // The axis fields carry one shared item per distinct value, the others none.
    for (const name of ['Country', 'Section', 'Status', 'Score'])
      expect(field(name).items).toBe(field(name).distinct);
    expect(field('Section').items).toBe(def.sections.length);
    expect(field('Status').items).toBe(new Set(batch.responses.map((r) => r.status)).size);
    expect(field('Score').items).toBe(3); // 0, 1 and blank
    expect(cache.fields.filter((f) => f.items > 0)).toHaveLength(4);
  });

  it('finds a record index or an item count that is off (the cache check can fail)', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const recordsPath = 'xl/pivotCache/pivotCacheRecords1.xml';
    const records = await zip.file(recordsPath)!.async('string');
    const definitionPath = 'xl/pivotCache/pivotCacheDefinition1.xml';
    const definition = await zip.file(definitionPath)!.async('string');
    const broken = async (path: string, xml: string) => {
      const copy = await JSZip.loadAsync(bytes);
      copy.file(path, xml);
      return (await checkPivotCaches(await copy.generateAsync({ type: 'uint8array' })))[0].problems;
    };
    expect(await broken(recordsPath, records.replace('<x v="0"/>', '<x/>'))).toEqual([
      expect.stringMatching(/<x> without v/),
    ]);
    expect(
      (
        await broken(
          recordsPath,
          records.replace(/<x v="(\d+)"\/>/, (_, v) => `<x v="${Number(v) + 1}"/>`),
        )
      ).length,
    ).toBe(1);
    const oneItemLess = definition.replace(
      /(<sharedItems[^>]*count=")(\d+)("[^>]*>)(<[snbm][^>]*\/>)/,
      (_, a, n, b) => `${a}${Number(n) - 1}${b}`,
    );
    expect(oneItemLess).not.toBe(definition);
    expect((await broken(definitionPath, oneItemLess)).length).toBeGreaterThan(0);
  });

  it('draws section Yes shares by region as a native chart, caching the cells it refers to', async () => {
    const drawingRel = book.sheets.get('Regions')!.rels.find((r) => r.type.endsWith('/drawing'))!;
    const chartRel = (await book.rels(drawingRel.path)).find((r) => r.type.endsWith('/chart'))!;
    expect(chartRel.path).toBe('xl/charts/chart1.xml');
    expect(await book.read(drawingRel.path)).toContain(`r:id="${chartRel.id}"`);
    expect(book.contentTypes).toContain('drawingml.chart+xml');
    const chart = await book.read(chartRel.path);
    const cells = book.cells('Regions');
    const ranges = [
      ...chart.matchAll(
        /<c:f>'Regions'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)<\/c:f><c:(str|num)Cache>([\s\S]*?)<\/c:\5Cache>/g,
      ),
    ];
    const sections = [...chart.matchAll(/<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/g)].map((m) => unescape(m[1]));
    expect(sections.length).toBeGreaterThan(2);
    expect(ranges).toHaveLength(2 * sections.length);
    const regionRows = book.tables.get('Regions')!;
    for (const [, left, top, right, bottom, kind, cache] of ranges) {
      expect(left).toBe(right);
      // The regions' rows of the Regions table: all but its last, all-regions row.
      expect(Number(top)).toBe(4);
      expect(Number(bottom)).toBe(3 + rowsOf(regionRows.ref) - 1);
      const points = new Map(
        [...cache.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) => [
          Number(m[1]),
          m[2],
        ]),
      );
      for (let row = Number(top); row <= Number(bottom); row++) {
        const value = cells.get(`${left}${row}`)?.value;
        const point = points.get(row - Number(top));
        expect(
          kind === 'str' ? (point === undefined ? undefined : unescape(point)) : point && Number(point),
        ).toBe(value);
      }
    }
    expect(
      ranges
        .filter((r) => r[5] === 'str')[0][6]
        .match(/<c:v>[^<]*<\/c:v>/g)!
        .map((v) => v.slice(5, -6)),
    ).toEqual([...new Set(truth.map((t) => countryFacts(t.country_iso3)!.region))].sort());
  });

  it('writes no formula anywhere', () => {
    for (const [, part] of book.sheets) expect(part.xml).not.toMatch(/<f[\s>]/);
  });

  it('holds a PivotTable with its cache definition and records, referenced from the workbook', async () => {
    const cacheRef = /<pivotCaches><pivotCache cacheId="(\d+)" r:id="(rId\d+)"\/><\/pivotCaches>/.exec(
      book.workbook,
    )!;
    expect(cacheRef).not.toBeNull();
    const definitionPath = book.workbookRels.find((r) => r.id === cacheRef[2])!.path;
    expect(definitionPath).toBe('xl/pivotCache/pivotCacheDefinition1.xml');
    const definition = await book.read(definitionPath);
    expect(definition).toMatch(
      /<cacheSource type="worksheet"><worksheetSource ref="A1:R12097" sheet="Answers"\/><\/cacheSource>/,
    );
    expect([...definition.matchAll(/<cacheField name="([^"]*)"/g)].map((m) => m[1])).toEqual(
      book.tables.get('Answers')!.columns,
    );
    const recordsRel = (await book.rels(definitionPath)).find((r) => r.type.endsWith('/pivotCacheRecords'))!;
    const records = await book.read(recordsRel.path);
    expect(records.match(/<r>/g)).toHaveLength(108 * 112);
    expect(attr(definition, 'recordCount')).toBe(String(108 * 112));

    const pivotRel = book.sheets.get('Pivot')!.rels.find((r) => r.type.endsWith('/pivotTable'))!;
    const pivot = await book.read(pivotRel.path);
    expect(attr(pivot, 'cacheId')).toBe(cacheRef[1]);
    expect((await book.rels(pivotRel.path))[0].path).toBe(definitionPath);
    expect(pivot).toMatch(/<rowFields count="1"><field x="2"\/><\/rowFields>/);
    expect(pivot).toMatch(/<colFields count="1"><field x="5"\/><\/colFields>/);
    expect(pivot).toMatch(/<dataField name="Average of Score" fld="11" subtotal="average"/);
    for (const type of ['pivotTable', 'pivotCacheDefinition', 'pivotCacheRecords'])
      expect(book.contentTypes).toContain(`spreadsheetml.${type}+xml`);
  });

  it('lays out the PivotTable figures the truth gives', () => {
    const cells = book.cells('Pivot');
    const grid: (string | number | undefined)[][] = [];
    for (const [ref, c] of cells) {
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(ref)!;
      (grid[Number(row) - 1] ??= [])[col.charCodeAt(0) - 65] = c.value;
    }
    const figures = pivotFigures(Array.from(grid, (r) => r ?? []));
    const expected = expectedPivot();
    expect(expected.size).toBeGreaterThan(400);
    expect(figures.size).toBe(expected.size);
    for (const [k, v] of expected) expect(figures.get(k)).toBeCloseTo(v, 12);
  });

  it('colours the comparison sheets by rule and freezes headers', () => {
    const compare = [...book.sheets.keys()].filter((n) => n.startsWith('Compare '));
    expect(compare).toHaveLength(def.sections.length);
    for (const name of compare) {
      const xml = book.sheets.get(name)!.xml;
      expect(xml.match(/<cfRule type="cellIs" dxfId="\d+"/g)!.length).toBeGreaterThanOrEqual(14);
      expect(xml).toContain('<formula>"not recorded"</formula>');
      expect(xml).toMatch(
        /<pane xSplit="1" ySplit="4" topLeftCell="B5" activePane="bottomRight" state="frozen"\/>/,
      );
    }
    for (const name of ['Responses', 'Answers', 'Issues', 'Questions'])
      expect(book.sheets.get(name)!.xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"\/>/);
    expect(book.sheets.get('Section scores')!.xml).toContain('<cfRule type="colorScale"');
  });

  it('offers Open/Confirmed/Dismissed/Fixed under Review and links issues to their answers', () => {
    const issues = book.sheets.get('Issues')!.xml;
    const n = batch.issues.length;
    expect(issues).toContain(
      `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="I2:I${n + 1}"><formula1>"Open,Confirmed,Dismissed,Fixed"</formula1></dataValidation>`,
    );
    const issueCells = book.cells('Issues');
    const answerCells = book.cells('Answers');
    const links = [...issues.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]*)"\/>/g)];
    expect(links).toHaveLength(n);
    for (const [, ref, location] of links) {
      const row = ref.replace(/^[A-Z]+/, '');
      const question = issueCells.get(`D${row}`)?.value;
      if (!question) continue;
      const target = /^'Answers'!J(\d+)$/.exec(unescape(location))!;
      expect(answerCells.get(`G${target[1]}`)?.value).toBe(question);
      expect(`${answerCells.get(`B${target[1]}`)?.value}/${answerCells.get(`A${target[1]}`)?.value}`).toBe(
        issueCells.get(`A${row}`)?.value,
      );
    }
  });

  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find(existsSync);
  if (!soffice && process.env.CI)
    throw new Error('LibreOffice is missing: CI must install libreoffice-calc-nogui (.ci/run does).');
  (soffice ? it : it.skip)(
    'opens in LibreOffice, which recomputes the same PivotTable figures',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'atlas-lo-'));
      try {
        writeFileSync(join(dir, 'book.xlsx'), bytes);
        const sheetNumber = [...book.sheets.keys()].indexOf('Pivot') + 1;
        execFileSync(
          soffice!,
          [
            '--headless',
            '--norestore',
            `-env:UserInstallation=file://${join(dir, 'profile')}`,
            '--convert-to',
            // Comma-separated UTF-8, numbers written in US English (a point for decimals) whatever the
            // machine's locale: under de_DE LibreOffice would otherwise write "0,75".
            `csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,${sheetNumber}`,
            '--outdir',
            dir,
            join(dir, 'book.xlsx'),
          ],
          { stdio: 'ignore', timeout: 150_000, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } },
        );
        const csv = readdirSync(dir).find((f) => f.endsWith('.csv'))!;
        const grid = readFileSync(join(dir, csv), 'utf8')
          .split('\n')
          .map((line) =>
            [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => {
              const cell = m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1];
              return cell !== '' && Number.isFinite(Number(cell)) ? Number(cell) : cell || undefined;
            }),
          );
        const figures = pivotFigures(grid);
        const expected = expectedPivot();
        expect(figures.size).toBe(expected.size);
        for (const [k, v] of expected) expect(figures.get(k)).toBeCloseTo(v, 9);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
