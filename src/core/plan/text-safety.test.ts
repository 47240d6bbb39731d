import { parseRangeRef, placeLink, columnLetter } from './a1';
import { fitCellText, maxCellText, safeLinkTarget, safeSheetName, safeTableName } from './text-safety';
import { excelSerial } from './dates';

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
