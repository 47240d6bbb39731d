import JSZip from 'jszip';
import { expectValidOoxml } from '../../test/support/ooxml';
import { checkPivotCaches } from '../../test/support/pivot-cache';
import { placeLink } from '../core/plan/a1';
import type { CellValue, ColumnSpec, SheetSpec, WorkbookPlan } from '../core/plan/types';
import { limits, textLiteral, validationList } from './limits';
import { renderXlsx } from './render';

/**
 * Plans at Excel's limits and with every character XML treats specially, reaching each branch of
 * the writer; every workbook written is validated against the OOXML schemas and its pivot caches
 * read back against their source cells.
 */

const col = (header: string, kind: ColumnSpec['kind'] = 'text', width = 12): ColumnSpec => ({
  header,
  kind,
  width,
});
const sheet = (name: string, parts: Partial<SheetSpec>): SheetSpec => ({
  name,
  blocks: [],
  tables: [],
  conditionalFormats: [],
  validations: [],
  ...parts,
});
const plan = (sheets: SheetSpec[], extra: Partial<WorkbookPlan> = {}): WorkbookPlan => ({
  sheets,
  pivots: [],
  properties: { title: 'Limits', subject: 'Test', created: '2024-05-01T10:00:00Z' },
  ...extra,
});

/** Characters XML escapes, Excel's own `_xHHHH_` escape, a control character and an astral one. */
const special = `A & B <c> "q" 'x' _x0041_ \u0001 😀`;
const header = `Name & <kind> "quoted"`;
const dataSheet = `Data & "notes" <x>'s`;

async function parts(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  return { zip, read: async (path: string) => (await zip.file(path)?.async('string')) ?? '' };
}

describe('a workbook at Excel’s limits, with XML-special text everywhere', () => {
  const longText = 'L'.repeat(40_000);
  const options = Array.from({ length: 40 }, (_, i) => `Option number ${i + 1}`);
  const mixed: CellValue[] = [1, 'one', true, null, '', 2.5, 'ONE', false, 'Two', 1];
  const rows: CellValue[][] = mixed.map((m, i) => [
    i % 3 ? special : `${special} ${i % 2}`,
    i % 2 === 0,
    m,
    i % 4 ? i / 10 : Number.NaN,
    i === 0 ? longText : `text ${i} & <more>`,
  ]);
  const small: CellValue[][] = [
    ['North & <east>', 0.25, 0.5],
    ['South "quoted"', null, 0.75],
    ['West', 1, 0],
  ];
  const edge = plan(
    [
      sheet(dataSheet, {
        tabColor: 'not a colour',
        freeze: { rows: 1, columns: 1 },
        tables: [
          {
            name: 'Data',
            origin: { row: 0, column: 0 },
            columns: [
              col(header),
              col('Flag'),
              col('Mixed'),
              col('Score', 'number'),
              col('Text', 'text', 500),
            ],
            rows,
            links: [
              { row: 0, column: 0, target: placeLink(dataSheet, 5, 2) },
              { row: 1, column: 0, target: 'https://example.org/search?a=1&b=%3Cc%3E' },
              { row: 2, column: 0, target: `https://example.org/${'p'.repeat(2100)}` },
              { row: 3, column: 0, target: 'javascript:alert(1)' },
              { row: 4, column: 0, target: placeLink('Nowhere', 1, 1) },
            ],
          },
        ],
        validations: [
          { range: 'B2:B11', list: options },
          { range: 'C2:C11', list: ['Yes', 'No', 'say "hi"', 'a, b', '&<>'] },
          { range: 'D2:D11', list: ['a,b'] },
        ],
        conditionalFormats: [
          { kind: 'textEquals', range: 'A2:A11', text: special, fill: 'FFC7CE', font: '9C0006' },
          { kind: 'textEquals', range: 'E2:E11', text: `"${'q'.repeat(300)}"`, fill: 'FFEB9C' },
          { kind: 'textEquals', range: 'E2:E11', text: 'x'.repeat(9000), fill: 'FFEB9C' },
          { kind: 'cellIs', range: 'D2:D11', operator: 'greaterThan', value: Number.NaN, fill: '#c6efce' },
          { kind: 'colorScale', range: 'D2:D11', colors: ['F8696B'] },
          { kind: 'colorScale', range: 'D2:D11', colors: ['F8696B', 'not hex'] },
          { kind: 'colorScale', range: 'D2:D11', colors: ['F8696B', 'FFEB84', '63BE7B', '000000'] },
        ],
        widths: { 10: 500, 11: Number.NaN, 12: -3, 20000: 10 },
      }),
      sheet('Chart <&>', {
        blocks: [
          { origin: { row: 0, column: 0 }, rows: [[special]], style: 'title' },
          {
            origin: { row: 1, column: 0 },
            rows: [[longText], [true, 3, null]],
            style: 'note',
            fills: ['zz'],
          },
        ],
        tables: [
          {
            name: 'Small',
            origin: { row: 3, column: 0 },
            columns: [
              col('Group & <kind>'),
              col('First "share"', 'percent'),
              col("Second's share", 'percent'),
            ],
            rows: small,
          },
          {
            name: 'LongHeader',
            origin: { row: 3, column: 5 },
            columns: [col(longText), col(longText), col('')],
            rows: [[1, 2, 3]],
          },
        ],
        charts: [
          {
            kind: 'column',
            title: `Shares & <more> "quoted" \u0002`,
            categories: 'A5:A7',
            series: [
              { name: 'First & <one>', values: 'B5:B7' },
              { name: `Second "two" ${special}`, values: 'C5:C7' },
            ],
            valueAxis: { numberFormat: '0%', min: 0, max: 1 },
            anchor: { row: 10, column: 1, columns: 8, rows: 15 },
          },
          // Ranges of different lengths cannot be drawn: left out.
          {
            kind: 'column',
            title: 'Bad',
            categories: 'A5:A7',
            series: [{ name: 'x', values: 'B5:C9' }],
            anchor: { row: 0, column: 9, columns: 4, rows: 4 },
          },
        ],
      }),
      sheet('Pivot', {}),
    ],
    {
      pivots: [
        {
          name: 'P&L <"pivot">',
          sourceTable: 'Data',
          sheet: 'Pivot',
          origin: { row: 3, column: 0 },
          rows: ['Flag'],
          columns: ['Mixed'],
          // Named like a source column: Excel would refuse the caption as it stands.
          values: [{ field: 'Score', summarize: 'average', name: 'score', numberFormat: '0.0' }],
          filters: [header],
          filterItems: { [header]: [special] },
        },
        {
          name: 'ByMixed',
          sourceTable: 'Data',
          sheet: 'Pivot',
          origin: { row: 3, column: 12 },
          rows: ['Mixed'],
          columns: [],
          values: [{ field: header, summarize: 'count', name: `Count of ${header}` }],
        },
      ],
      properties: { title: `Title ${special}`, subject: '<subject> & "more"', created: 'not a date' },
    },
  );
  let bytes: Uint8Array;
  let read: (path: string) => Promise<string>;
  let zip: JSZip;

  beforeAll(async () => {
    bytes = await renderXlsx(edge);
    ({ zip, read } = await parts(bytes));
  });

  it('is valid against the OOXML schemas and Excel’s rules across parts', () => {
    expectValidOoxml(bytes, 'the edge workbook');
  });

  it('caches boolean-only, mixed and escaped fields exactly, the records pointing at their rows', async () => {
    const caches = await checkPivotCaches(bytes);
    expect(caches).toHaveLength(2);
    for (const c of caches) expect(c.problems).toEqual([]);
    const field = (name: string) => caches[0].fields.find((f) => f.name === name)!;
    expect(field('Flag').items).toBe(2);
    expect(field(header).items).toBe(3);
    // 1, 'one'/'ONE', true, blank, '', 2.5, false, 'Two': text matched ignoring case, '' not blank.
    expect(field('Mixed').items).toBe(8);
    expect(caches[0].records).toBe(rows.length);
    const definition = await read('xl/pivotCache/pivotCacheDefinition1.xml');
    const flag = /<cacheField name="Flag"[^>]*><sharedItems([^>]*)>/.exec(definition)![1];
    // Booleans count as text for Excel: no containsString="0" or containsSemiMixedTypes="0".
    expect(flag).not.toMatch(/containsString|containsSemiMixedTypes/);
    expect(definition).toContain('<cacheField name="Name &amp; &lt;kind&gt; &quot;quoted&quot;"');
  });

  it('gives the data field a caption Excel accepts and escapes the PivotTable’s names', async () => {
    const pivot = await read('xl/pivotTables/pivotTable1.xml');
    expect(pivot).toContain('<dataField name="score " fld="3"');
    expect(pivot).toContain('name="P&amp;L &lt;&quot;pivot&quot;&gt;"');
    const second = await read('xl/pivotTables/pivotTable2.xml');
    expect(second).toContain('<dataField name="Count of Name &amp; &lt;kind&gt; &quot;quoted&quot;"');
  });

  it('escapes a table column name alike in its header cell, the table part and the cache', async () => {
    const table = await read('xl/tables/table1.xml');
    expect(table).toContain('<tableColumn id="1" name="Name &amp; &lt;kind&gt; &quot;quoted&quot;"/>');
    expect(await read('xl/sharedStrings.xml')).toContain('<t>Name &amp; &lt;kind&gt; "quoted"</t>');
  });

  it('keeps drop-down lists within 255 characters, without items holding commas', async () => {
    const xml = await read('xl/worksheets/sheet1.xml');
    const lists = [
      ...xml.matchAll(/<dataValidation [^>]*showErrorMessage="(\d)"[^>]*><formula1>([^<]*)<\/formula1>/g),
    ];
    expect(lists).toHaveLength(2);
    const [long, short] = lists;
    expect(long[1]).toBe('0');
    expect(long[2].length - 2).toBeLessThanOrEqual(limits.formulaLiteral);
    expect(long[2]).toMatch(/^"Option number 1,Option number 2,.*"$/);
    expect(short[1]).toBe('0');
    expect(short[2]).toBe('"Yes,No,say ""hi"",&amp;&lt;&gt;"');
    expect(validationList(['Open', 'Fixed'])).toEqual({ formula: '"Open,Fixed"', complete: true });
  });

  it('splits long text conditions into literals of 255 characters and drops what cannot be written', async () => {
    const xml = await read('xl/worksheets/sheet1.xml');
    const rules = [...xml.matchAll(/<cfRule ([^>]*)>/g)].map((m) => m[1]);
    // 7 formats: the 9,000-character text and the two colour scales without two colours are left out.
    expect(rules).toHaveLength(4);
    expect(rules.map((r) => /priority="(\d+)"/.exec(r)![1])).toEqual(['1', '2', '3', '4']);
    const text = `"${'q'.repeat(300)}"`;
    const literal = textLiteral(text)!;
    expect(xml).toContain(`<formula>${literal.replace(/&/g, '&amp;')}</formula>`);
    const pieces = [...literal.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
    expect(pieces.map((p) => p.length)).toEqual([255, 47]);
    expect(pieces.join('')).toBe(text);
    expect(literal).toBe(pieces.map((p) => `"${p.replace(/"/g, '""')}"`).join('&'));
    expect(textLiteral('x'.repeat(9000))).toBeUndefined();
    expect(xml).not.toMatch(
      /<colorScale><cfvo type="min"\/><cfvo type="max"\/><color rgb="FFF8696B"\/><\/colorScale>/,
    );
  });

  it('holds column widths, colours, cell text and links within Excel’s limits', async () => {
    const xml = await read('xl/worksheets/sheet1.xml');
    const widths = [...xml.matchAll(/<col [^>]*width="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(widths.every((w) => w >= 1 && w <= limits.columnWidth)).toBe(true);
    expect(widths).toContain(255);
    expect(xml).not.toContain('<tabColor');
    const links = [...xml.matchAll(/<hyperlink [^>]*\/>/g)].map((m) => m[0]);
    expect(links).toHaveLength(2);
    expect(links[0]).toContain(`location="'Data &amp; &quot;notes&quot; &lt;x&gt;''s'!C6"`);
    const sst = await read('xl/sharedStrings.xml');
    const lengths = [...sst.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1].length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(limits.cellText);
    expect(sst).toContain('_x005F_x0041_');
    expect(sst).toContain('_x0001_');
  });

  it('draws the chart from the sheet’s cells, caching their values, and leaves out one it cannot draw', async () => {
    expect(Object.keys(zip.files).filter((n) => n.startsWith('xl/charts/'))).toEqual([
      'xl/charts/chart1.xml',
    ]);
    const chart = await read('xl/charts/chart1.xml');
    expect(chart).toContain("<c:f>'Chart &lt;&amp;&gt;'!$A$5:$A$7</c:f>");
    expect(chart).toContain("<c:f>'Chart &lt;&amp;&gt;'!$C$5:$C$7</c:f>");
    expect(
      [...chart.matchAll(/<c:pt idx="(\d)"><c:v>([^<]*)<\/c:v>/g)].map((m) => `${m[1]}=${m[2]}`),
    ).toEqual([
      '0=North &amp; &lt;east&gt;',
      '1=South "quoted"',
      '2=West',
      '0=0.25',
      '2=1',
      '0=North &amp; &lt;east&gt;',
      '1=South "quoted"',
      '2=West',
      '0=0.5',
      '1=0.75',
      '2=0',
    ]);
    const rels = await read('xl/worksheets/_rels/sheet2.xml.rels');
    expect(rels).toContain('Target="../drawings/drawing1.xml"');
    expect(await read('xl/drawings/_rels/drawing1.xml.rels')).toContain('Target="../charts/chart1.xml"');
    expect(await read('[Content_Types].xml')).toContain(
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
  });

  it('dates the files 1980 and writes no creation date when the plan’s date cannot be read', async () => {
    for (const entry of Object.values(zip.files)) expect(entry.date.getUTCFullYear()).toBe(1980);
    expect(await read('docProps/core.xml')).not.toContain('dcterms:created');
    expect(await read('xl/pivotCache/pivotCacheDefinition1.xml')).not.toContain('refreshedDate');
  });
});

describe('dates at and past the ends of the zip format', () => {
  const oneSheet = () => [sheet('S', { blocks: [{ origin: { row: 0, column: 0 }, rows: [['x']] }] })];
  it.each([
    ['1970-01-01T00:00:00Z', 1980, '1970-01-01T00:00:00Z'],
    ['2300-06-01', 2107, '2300-06-01T00:00:00Z'],
    ['2024-05-01T10:00:00+02:00', 2024, '2024-05-01T08:00:00Z'],
    ['2024-02-31', 1980, undefined],
  ])('created %s', async (created, zipYear, coreCreated) => {
    const bytes = await renderXlsx(plan(oneSheet(), { properties: { title: 't', subject: 's', created } }));
    expectValidOoxml(bytes, `the workbook created ${created}`);
    const { zip, read } = await parts(bytes);
    for (const entry of Object.values(zip.files)) expect(entry.date.getUTCFullYear()).toBe(zipYear);
    const core = await read('docProps/core.xml');
    if (coreCreated)
      expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${coreCreated}</dcterms:created>`);
    else expect(core).not.toContain('dcterms:created');
  });
});

describe('links past Excel’s 65,530 per sheet', () => {
  it('keeps the first 65,530 and writes a valid sheet', async () => {
    const n = limits.hyperlinksPerSheet + 20;
    const bytes = await renderXlsx(
      plan([
        sheet('Links', {
          tables: [
            {
              name: 'Links',
              origin: { row: 0, column: 0 },
              columns: [col('Target & "place"')],
              rows: Array.from({ length: n }, (_, i) => [`row ${i}`]),
              links: Array.from({ length: n }, (_, i) => ({
                row: i,
                column: 0,
                target: placeLink('Links', i + 1, 0),
              })),
            },
          ],
        }),
      ]),
    );
    const { read } = await parts(bytes);
    const xml = await read('xl/worksheets/sheet1.xml');
    expect(xml.match(/<hyperlink /g)).toHaveLength(limits.hyperlinksPerSheet);
    expectValidOoxml(bytes, 'the workbook of many links');
  }, 120_000);
});

describe('plans Excel could not open as written', () => {
  const table = (row: number) => ({
    name: 'T',
    origin: { row, column: 0 },
    columns: [col('A')],
    rows: [['x']],
  });
  it.each([
    ['a reserved sheet name', plan([sheet('History', {})]), /invalid sheet name/],
    ['a control character in a sheet name', plan([sheet('A\u0001', {})]), /invalid sheet name/],
    [
      'a table past the last row',
      plan([sheet('S', { tables: [table(limits.rows - 1)] })]),
      /Excel holds 1048576/,
    ],
    [
      'two PivotTables of one name on a sheet',
      plan([sheet('S', { tables: [table(0)] })], {
        pivots: ['P', 'p'].map((name) => ({
          name,
          sourceTable: 'T',
          sheet: 'S',
          origin: { row: 5, column: 0 },
          rows: ['A'],
          columns: [],
          values: [{ field: 'A', summarize: 'count' as const, name: 'Count' }],
        })),
      }),
      /repeated PivotTable name/,
    ],
    [
      'two tables over one another',
      plan([sheet('S', { tables: [table(0), { ...table(1), name: 'U' }] })]),
      /tables "T" and "U" overlap/,
    ],
    [
      'a PivotTable over a table',
      plan([sheet('S', { tables: [table(0), { ...table(4), name: 'U' }] })], {
        pivots: [
          {
            name: 'P',
            sourceTable: 'T',
            sheet: 'S',
            origin: { row: 3, column: 0 },
            rows: ['A'],
            columns: [],
            values: [{ field: 'A', summarize: 'count', name: 'Count' }],
          },
        ],
      }),
      /PivotTable P overlaps table U/,
    ],
  ])('refuses %s', async (_, p, message) => {
    await expect(renderXlsx(p)).rejects.toThrow(message);
  });
});
