/** What the pane and its import worker say to each other. */
import type { InputFile, Response } from '../core/model';
import type { ReviewEntry } from '../core/plan/build';
import type { BatchResult, ImportOptions, ImportProgress } from '../core/pipeline';

export interface PreviousBatch {
  responses: Response[];
  reviews: Map<string, ReviewEntry>;
}

export type ToWorker = {
  type: 'import';
  questionnaire: string;
  files: InputFile[];
  previous?: PreviousBatch;
  encodings?: ImportOptions['encodings'];
};

export type FromWorker =
  | { type: 'ready' }
  | ({ type: 'progress' } & ImportProgress)
  | { type: 'done'; result: BatchResult }
  | { type: 'failed'; message: string };
