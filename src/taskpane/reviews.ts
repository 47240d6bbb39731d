import type { ReviewEntry } from '../core/plan/build';

/**
 * Reviews to carry into the next import: the pane's, then what the analyst changed in the
 * workbook's Issues table, then what was changed in the pane since the workbook last got them.
 */
export function mergeReviews(
  fromWorkbook: Map<string, ReviewEntry>,
  inPane: Map<string, ReviewEntry>,
  editedInPane: Set<string>,
): Map<string, ReviewEntry> {
  const merged = new Map([...inPane, ...fromWorkbook]);
  for (const key of editedInPane) {
    const entry = inPane.get(key);
    if (entry) merged.set(key, entry);
  }
  return merged;
}
