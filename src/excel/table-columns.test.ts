import fc from 'fast-check';
import { alignColumns, changesColumns } from './table-columns';

/** The live columns after the changes, as Excel's columns.getItemAt(i).delete() and columns.add(i) leave them. */
function apply(live: string[], plan: string[]) {
  const changes = alignColumns(live, plan);
  const columns: { header: string | null; from?: number }[] = live.map((header, from) => ({ header, from }));
  for (const i of changes.deletes) {
    expect(i).toBeLessThan(columns.length);
    columns.splice(i, 1);
  }
  for (const i of changes.inserts) {
    expect(i).toBeLessThanOrEqual(columns.length);
    columns.splice(i, 0, { header: null });
  }
  return { changes, columns };
}

describe('aligning a live table with the plan', () => {
  it('adds a column in the middle and keeps every other column where it was', () => {
    const before = ['Response', 'Choices recorded', 'Country as written', 'Superseded by'];
    const now = ['Response', 'Choices recorded', 'Finished', 'Country as written', 'Superseded by'];
    const { changes, columns } = apply(before, now);
    expect(changes).toEqual({ deletes: [], inserts: [2] });
    expect(columns.map((c) => c.from)).toEqual([0, 1, undefined, 2, 3]);
  });

  it('deletes the columns the plan dropped and adds those it gained, matching headers ignoring case', () => {
    const { changes, columns } = apply(
      ['Country', 'Q1', 'Q2', 'Q3', 'Response'],
      ['country', 'Q1', 'Q3', 'Q4', 'Q5', 'Response'],
    );
    expect(changes).toEqual({ deletes: [2], inserts: [3, 4] });
    expect(columns.map((c) => c.from)).toEqual([0, 1, 3, undefined, undefined, 4]);
  });

  it('keeps a column whose header the plan renamed (a row header), so a reference to it follows', () => {
    const { changes, columns } = apply(['Country', 'ISO3', 'Q1'], ['Respondent', 'ISO3', 'Q1']);
    expect(changesColumns(changes)).toBe(false);
    expect(columns.map((c) => c.from)).toEqual([0, 1, 2]);
  });

  it('adds or deletes at the right end when nothing matches', () => {
    expect(alignColumns(['Column1', 'Column2'], ['A', 'B', 'C'])).toEqual({ deletes: [], inserts: [2] });
    expect(alignColumns(['A', 'B', 'C'], ['X'])).toEqual({ deletes: [2, 1], inserts: [] });
  });

  it('always ends with the plan: every column kept is one the plan has there, or one it renames', () => {
    const headers = fc.uniqueArray(fc.constantFrom(...'ABCDEFGHIJ'), { maxLength: 10 });
    fc.assert(
      fc.property(headers, headers, (live, plan) => {
        if (!plan.length) return;
        const { columns } = apply(live, plan);
        expect(columns).toHaveLength(plan.length);
        columns.forEach((c, j) => {
          if (c.header === null) return;
          const same = c.header === plan[j];
          const renamed = !plan.includes(c.header) && !live.includes(plan[j]);
          expect(same || renamed).toBe(true);
        });
        // Kept columns stay in their order, and every header both have in order is kept.
        const kept = columns.filter((c) => c.from !== undefined).map((c) => c.from!);
        expect(kept).toEqual([...kept].sort((a, b) => a - b));
        const shared = live.filter((h) => plan.includes(h));
        const inOrder = shared.every((h, k) => k === 0 || plan.indexOf(h) > plan.indexOf(shared[k - 1]));
        if (inOrder) expect(shared.every((h) => kept.includes(live.indexOf(h)))).toBe(true);
      }),
    );
  });
});
