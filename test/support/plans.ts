import type { Definition } from '../../src/core/definition';
import { responseKey, type Response } from '../../src/core/model';
import type { BatchResult } from '../../src/core/pipeline';
import { buildWorkbookPlan, type ReviewEntry } from '../../src/core/plan/build';
import type { WorkbookPlan } from '../../src/core/plan/types';

/** The plan of some of a batch's responses, with their issues only. */
export function planOfResponses(
  batch: BatchResult,
  responses: Response[],
  options: { def: Definition; importedAt: string; reviews?: Map<string, ReviewEntry> },
): WorkbookPlan {
  const kept = new Set(responses.map(responseKey));
  return buildWorkbookPlan({
    ...batch,
    def: options.def,
    responses,
    issues: batch.issues.filter((i) => kept.has(responseKey(i))),
    reviews: options.reviews ?? new Map(),
    importedAt: options.importedAt,
  });
}
