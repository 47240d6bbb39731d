import { parseRangeRef, placeLink, columnLetter } from './a1';
import { fitCellText, maxCellText, safeLinkTarget, safeSheetName, safeTableName } from './text-safety';
import { excelSerial } from './dates';
import fc from 'fast-check';

/** What Excel reads as a cell reference, written here from its rules, not from the code under test. */
function readsAsCell(name: string): boolean {
  return (
    /^\$?[A-Za-z]{1,3}\$?\d+$/.test(name) || // A1 style: up to three column letters and a row
    /^[Rr]\d*[Cc]\d*$/.test(name) || // R1C1 style, R, C, RC, R1, C1…
    /^[RrCc]$/.test(name)
  );
}

describe('cell, sheet, table and link limits', () => {
  it('cuts text over 32,767 characters with a visible marker, never splitting a surrogate pair', () => {
    expect(fitCellText('short')).toEqual({ text: 'short', truncated: false });
    const long = fitCellText('😀'.repeat(20000));
    expect(long.truncated).toBe(true);
    expect(long.text.length).toBeLessThanOrEqual(maxCellText);
    expect(long.text).toMatch(/\[truncated: 40000 characters\]$/);
    expect(long.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('makes sheet names Excel accepts, unique ignoring case', () => {
    const used = new Set<string>();
    expect(safeSheetName('Compare A', used)).toBe('Compare A');
    expect(safeSheetName('compare a', used)).toBe('compare a (2)');
    const odd = safeSheetName("'Q[1]: a/b\\c*d?' and a name far longer than thirty-one", used);
    expect(odd.length).toBeLessThanOrEqual(31);
    expect(odd).not.toMatch(/[[\]:*?/\\]|^'|'$/);
    expect(safeSheetName('History', used)).toBe('Sheet');
  });

  it('makes table names Excel accepts, unique ignoring case', () => {
    const used = new Set<string>();
    expect(safeTableName('Answers', used)).toBe('Answers');
    expect(safeTableName('answers', used)).toBe('answers_2');
    expect(safeTableName('Compare contact', used)).toBe('Compare_contact');
    expect(safeTableName('1st table', used)).toMatch(/^T_/);
    expect(safeTableName('A1', used)).toBe('T_A1');
    expect(safeTableName('R1C1', used)).toBe('T_R1C1');
    expect(safeTableName('C', used)).toBe('T_C');
  });

  it('keeps de-duplicated sheet names within 31 characters, whatever the names and however many', () => {
    const used = new Set<string>();
    const long = 'Compare section with a very long name indeed';
    const names = Array.from({ length: 120 }, () => safeSheetName(long, used));
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names[1]).toBe(`${long.slice(0, 27)} (2)`);
    expect(names[119]).toBe(`${long.slice(0, 25)} (120)`);

    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60, unit: 'grapheme' }), { maxLength: 30 }), (wanted) => {
        const seen = new Set<string>();
        const made = wanted.map((w) => safeSheetName(w, seen));
        for (const name of made) {
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(31);
          // eslint-disable-next-line no-control-regex -- control characters must not survive
          expect(name).not.toMatch(/[[\]:*?/\\\u0000-\u001f]|^'|'$/);
          expect(name.toLowerCase()).not.toBe('history');
        }
        expect(new Set(made.map((n) => n.toLowerCase())).size).toBe(made.length);
      }),
    );
  });

  it('never names a table like a cell, in either reference style', () => {
    const used = new Set<string>();
    for (const cellLike of [
      'A1',
      'ABC1',
      'abc12',
      'XFD1048576',
      'R1C1',
      'r10c2',
      'R',
      'C',
      'c',
      'RC',
      'R1',
      'C1',
    ]) {
      const name = safeTableName(cellLike, used);
      expect([cellLike, readsAsCell(name)]).toEqual([cellLike, false]);
      expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_.]*$/);
    }
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 300 }),
            fc.stringMatching(/^[A-Za-z]{1,3}\d{1,7}$/),
            fc.stringMatching(/^[RrCc]\d{0,3}([Cc]\d{0,3})?$/),
          ),
          { maxLength: 20 },
        ),
        (wanted) => {
          const seen = new Set<string>();
          const made = wanted.map((w) => safeTableName(w, seen));
          for (const name of made) {
            expect(readsAsCell(name)).toBe(false);
            expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_.]*$/);
            expect(name.length).toBeLessThanOrEqual(255);
          }
          expect(new Set(made.map((n) => n.toLowerCase())).size).toBe(made.length);
        },
      ),
    );
  });

  it('keeps only internal and http(s) links', () => {
    expect(safeLinkTarget(placeLink("Bob's answers", 4, 9))).toBe("#'Bob''s answers'!J5");
    expect(safeLinkTarget('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'mailto:x@y.z',
      'http://a b',
      '#Sheet!A1; rm',
      'data:text/html,x',
    ])
      expect(safeLinkTarget(bad)).toBeUndefined();
  });

  it('converts references and dates', () => {
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnLetter(701)).toBe('ZZ');
    expect(columnLetter(702)).toBe('AAA');
    expect(parseRangeRef('B3:AA10')).toEqual({ top: 2, left: 1, bottom: 9, right: 26 });
    expect(excelSerial('1900-03-01T00:00:00Z')).toBe(61);
    expect(excelSerial('2022-03-01T12:00:00+02:00')).toBe(44621.5);
    expect(excelSerial('not a date')).toBeNull();
  });
});
