/** Reads the analyst's Review and Note back from the Issues table of the open workbook. */
import { issueHeaders, reviewValues, tableNames } from '../core/plan/columns';
import type { ReviewEntry } from '../core/plan/build';
import { toWorkbookError } from './errors';

const same = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.toLowerCase();

/** Issue key → review, for every row whose review is not Open or whose note is not empty. */
export function reviewsFromRows(header: unknown[], body: unknown[][]): Map<string, ReviewEntry> {
  const key = header.findIndex((h) => same(h, issueHeaders.key));
  const review = header.findIndex((h) => same(h, issueHeaders.review));
  const note = header.findIndex((h) => same(h, issueHeaders.note));
  const out = new Map<string, ReviewEntry>();
  if (key < 0 || review < 0) return out;
  for (const row of body) {
    const k = String(row[key] ?? '').trim();
    if (!k) continue;
    const written = String(row[review] ?? '').trim();
    const value = reviewValues.find((v) => v.toLowerCase() === written.toLowerCase()) ?? 'Open';
    const text = note >= 0 ? String(row[note] ?? '') : '';
    if (value !== 'Open' || text.trim()) out.set(k, { review: value, note: text });
  }
  return out;
}

/** Empty when the workbook has no Issues table (nothing built yet). */
export async function readReviews(): Promise<Map<string, ReviewEntry>> {
  try {
    return await Excel.run(async (context) => {
      const tables = context.workbook.tables.load('items/name');
      await context.sync();
      const headers = tables.items.map((t) => ({ table: t, header: t.getHeaderRowRange().load('values') }));
      await context.sync();
      const matches = headers.filter(({ header }) => {
        const row = header.values[0] ?? [];
        return row.some((h) => same(h, issueHeaders.key)) && row.some((h) => same(h, issueHeaders.review));
      });
      const pick = matches.find(({ table }) => table.name === tableNames.issues) ?? matches[0];
      if (!pick) return new Map<string, ReviewEntry>();
      const body = pick.table.getDataBodyRange().load('values');
      await context.sync();
      return reviewsFromRows(pick.header.values[0], body.values);
    });
  } catch (error) {
    throw toWorkbookError(error, 'reading reviews from the Issues table');
  }
}
