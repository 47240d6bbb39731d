/**
 * How a live table's columns become the plan's when they differ (a column the plan gained, such as
 * Responses' Finished, or questions a new questionnaire version added or dropped): which table
 * columns to delete and where to add new ones, so that every column the plan keeps stays the same
 * Excel column. A formula of the analyst's that names a column (`Responses[Country as written]`)
 * then still reads that column, because Excel's structured references follow the column object.
 *
 * Columns are matched by header, ignoring case as Excel does (the longest run kept in order). Between
 * two matched columns, a live column the plan no longer has and a plan column the workbook does not
 * have yet are paired in order: that column is kept and renamed by the header write, so a reference to
 * it follows the new name (a renamed row header). What is left over is deleted or added there.
 */
export interface ColumnChanges {
  /** Live column indexes to delete, highest first (each index is valid when its turn comes). */
  deletes: number[];
  /** Column indexes in the plan's order to add a column at, lowest first, after the deletes. */
  inserts: number[];
}

export function alignColumns(live: readonly string[], plan: readonly string[]): ColumnChanges {
  const key = (h: string) => h.toLowerCase();
  const L = live.map(key);
  const P = plan.map(key);
  const inLive = new Set(L);
  const inPlan = new Set(P);

  // Longest common subsequence of the headers: the columns kept where they are.
  const n = L.length;
  const m = P.length;
  const dp = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i][j] = L[i] === P[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const anchors: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (L[i] === P[j]) anchors.push([i++, j++]);
    else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }

  const deletes: number[] = [];
  const inserts: number[] = [];
  const gaps = [...anchors, [n, m] as [number, number]];
  let [li, pj] = [0, 0];
  for (const [la, pa] of gaps) {
    // Live columns li..la-1 and plan columns pj..pa-1 lie between two kept columns.
    const gone: number[] = [];
    const fresh: number[] = [];
    for (let i = li; i < la; i++) (inPlan.has(L[i]) ? deletes : gone).push(i);
    for (let j = pj; j < pa; j++) (inLive.has(P[j]) ? inserts : fresh).push(j);
    const paired = Math.min(gone.length, fresh.length);
    deletes.push(...gone.slice(paired));
    inserts.push(...fresh.slice(paired));
    [li, pj] = [la + 1, pa + 1];
  }
  return { deletes: deletes.sort((a, b) => b - a), inserts: inserts.sort((a, b) => a - b) };
}

/** Whether the table needs columns added or deleted (a rename alone is done by writing the header). */
export function changesColumns(c: ColumnChanges): boolean {
  return c.deletes.length > 0 || c.inserts.length > 0;
}
