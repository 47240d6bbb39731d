import { cellRef as cellAddress, columnLetter as columnName } from '../../src/core/plan/a1';
import { parsePlace, rangeAddress } from '../../src/excel/a1';
import { looksLikeFormula, tableSlice } from '../../src/excel/cells';
import { describeExcelError, toWorkbookError } from '../../src/excel/errors';
import { jsonBytes, RequestBatcher, sliceBySize, utf8Bytes, type Op } from '../../src/excel/payload';
import { toHyperlink } from '../../src/excel/write-plan';
import { FakeOfficeError } from './fake-excel';

describe('A1 addresses', () => {
  it('names columns past Z and ZZ', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(rangeAddress(2, 1, 3, 2)).toBe('B3:C5');
    expect(cellAddress(0, 0)).toBe('A1');
  });

  it('parses places inside the workbook, quoted or not, and nothing else', () => {
    expect(parsePlace("#'Compare A'!J5")).toEqual({ sheet: 'Compare A', address: 'J5' });
    expect(parsePlace("#'Côte d''Ivoire'!$B$2:$C$9")).toEqual({ sheet: "Côte d'Ivoire", address: 'B2:C9' });
    expect(parsePlace('#Answers!A10')).toEqual({ sheet: 'Answers', address: 'A10' });
    expect(parsePlace('https://gov.example/A1')).toBeUndefined();
    expect(parsePlace('#Answers')).toBeUndefined();
  });
});

describe('request sizes', () => {
  it('counts UTF-8 bytes of JSON, escapes included', () => {
    expect(utf8Bytes('Minsk')).toBe(5);
    expect(utf8Bytes('Мінск')).toBe(10);
    expect(utf8Bytes('日本')).toBe(6);
    expect(utf8Bytes('🇧🇾')).toBe(8);
    expect(jsonBytes([['a"b\n']])).toBe(Buffer.byteLength(JSON.stringify([['a"b\n']])));
  });

  it('slices rows within the budget, a row too big for it alone', () => {
    const sizes = [40, 40, 40, 150, 10, 10];
    const slices = sliceBySize(sizes.length, (i) => sizes[i], 100);
    expect(slices).toEqual([
      [0, 2],
      [2, 3],
      [3, 4],
      [4, 6],
    ]);
    expect(sliceBySize(0, () => 1, 100)).toEqual([]);
  });

  it('syncs before an action would take the request over budget', async () => {
    const syncs: number[] = [];
    let queued = 0;
    const batcher = new RequestBatcher(
      async () => void syncs.push(queued),
      3000,
      () => queued++,
    );
    for (let i = 0; i < 5; i++) await batcher.add({ bytes: 1000, step: 'writing', queue: () => queued++ });
    await batcher.flush();
    // Each request: the opening action and one 1000-byte action (with overheads, two do not fit).
    expect(syncs).toEqual([2, 4, 6, 8, 10]);
    expect(batcher.requests).toBe(5);
    expect(batcher.largestRequest).toBeLessThanOrEqual(3000);
  });

  it('sends a request Excel refuses as too large again in halves, down to rows', async () => {
    const sent: number[][] = [];
    let queued: number[] = [];
    const refuse = Object.assign(new Error('too large'), { code: 'RequestPayloadSizeLimitExceeded' });
    // Excel here takes at most 3 rows a request, though the estimate allowed 8.
    const batcher = new RequestBatcher(async () => {
      const rows = queued;
      queued = [];
      if (rows.length > 3) throw refuse;
      sent.push(rows);
    }, 1_000_000);
    const op = (rows: number[]): Op => ({
      bytes: rows.length,
      step: 'writing',
      queue: () => queued.push(...rows),
      split:
        rows.length > 1
          ? () => [op(rows.slice(0, Math.ceil(rows.length / 2))), op(rows.slice(Math.ceil(rows.length / 2)))]
          : undefined,
    });
    await batcher.add(op([0, 1, 2, 3, 4, 5]));
    await batcher.add(op([6, 7]));
    await batcher.flush();
    expect(sent.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sent.every((r) => r.length <= 3)).toBe(true);
    expect(batcher.retries).toBeGreaterThan(0);
    // A single row Excel still refuses is an error, not a loop.
    const stuck = new RequestBatcher(async () => {
      throw refuse;
    }, 1000);
    await stuck.add(op([1]));
    await expect(stuck.flush()).rejects.toBe(refuse);
  });
});

describe('cells', () => {
  it('formats text columns and formula-like strings as text', () => {
    const grid = tableSlice(
      {
        name: 'T',
        origin: { row: 0, column: 0 },
        columns: [
          { header: 'Text', kind: 'text', width: 10 },
          { header: 'N', kind: 'integer', width: 5, numberFormat: '0' },
          { header: 'When', kind: 'datetime', width: 12 },
        ],
        rows: [
          ['=SUM(A1)', '=1', '2022-03-01T10:30:00Z'],
          [null, 3, null],
        ],
      },
      0,
      2,
      true,
    );
    expect(grid.values).toEqual([
      ['Text', 'N', 'When'],
      ['=SUM(A1)', '=1', 44621 + 10.5 / 24],
      ['', 3, ''],
    ]);
    expect(grid.formats).toEqual([
      ['@', '@', '@'],
      ['@', '@', 'yyyy-mm-dd hh:mm'],
      ['@', '0', 'yyyy-mm-dd hh:mm'],
    ]);
    expect(['=x', '+1', '-', '@a', 'a=b', 3].map((v) => looksLikeFormula(v))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('links only to places in the workbook and http(s) addresses', () => {
    expect(toHyperlink("#'Answers'!J5", 'Q3')).toEqual({
      documentReference: "'Answers'!J5",
      textToDisplay: 'Q3',
    });
    expect(toHyperlink('https://www.gov.by/', null)).toEqual({ address: 'https://www.gov.by/' });
    expect(toHyperlink("#'Compare A'!A5", '=HYPERLINK("http://x")')).toEqual({
      documentReference: "'Compare A'!A5",
    });
    expect(toHyperlink('https://x.org/ javascript:1', 'x')).toBeUndefined();
    expect(toHyperlink('javascript:alert(1)', 'x')).toBeUndefined();
    expect(toHyperlink('file:///C:/secret.xlsx', 'x')).toBeUndefined();
  });
});

describe('error sentences', () => {
  it('explains known Office.js codes and keeps unknown ones visible', () => {
    const edit = new FakeOfficeError('InvalidOperationInCellEditMode', 'edit mode', 'Range.values');
    expect(describeExcelError(edit, 'writing Answers')).toMatch(
      /^While writing Answers: Excel is busy editing a cell\. Press Enter or Esc.*\(edit mode; Range\.values\)$/,
    );
    const odd = toWorkbookError(new FakeOfficeError('SomethingNew', 'strange'));
    expect(odd.message).toBe('strange (SomethingNew)');
    expect(odd.code).toBe('SomethingNew');
    expect(describeExcelError('plain text')).toBe('plain text');
  });
});
