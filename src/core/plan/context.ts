import type { Definition, Question } from '../definition';
import type { FileReport, Issue, Response } from '../model';
import type { ReviewEntry } from './build';

/** What every sheet builder reads, computed once. */
export interface PlanContext {
  def: Definition;
  /** All responses, in import order. */
  responses: Response[];
  /** Current responses, ordered by country: the only ones comparisons see. */
  current: Response[];
  issues: Issue[];
  reports: FileReport[];
  reviews: Map<string, ReviewEntry>;
  importedAt: string;
  questionById: Map<string, Question>;
  sectionTitle: Map<string, string>;
  /** Names already taken, lower-cased. */
  sheetNames: Set<string>;
  tableNames: Set<string>;
}

export function questionLabel(q: Question): string {
  return q.subLabel ? `${q.text} – ${q.subLabel}` : q.text;
}
