/** What the pane and its import worker say to each other. */
import type { Definition } from '../core/definition';
import type { InputFile, Response } from '../core/model';
import type { ReviewEntry } from '../core/plan/build';
import type { BatchResult, ImportOptions, ImportProgress, PerCountry } from '../core/pipeline';

export interface PreviousBatch {
  responses: Response[];
  reviews: Map<string, ReviewEntry>;
  /** Countries the analyst set, by file name or `file/response id`. */
  countries?: Map<string, string>;
}

/** Which definition to read the batch against, as `chooseDefinition` takes it. */
export interface DefinitionRequest {
  /** A built-in id, or a definition file (.json, XLSForm, template) the analyst loaded; else chosen from the files. */
  questionnaire?: string | InputFile;
  /** The definition of the batch already held (the pane's, or the workbook's). */
  stored?: Definition;
}

export type ToWorker = {
  type: 'import';
  files: InputFile[];
  previous?: PreviousBatch;
  /** Several responses from one country: the latest only (default), or every one. */
  perCountry?: PerCountry;
  encodings?: ImportOptions['encodings'];
} & DefinitionRequest;

export type FromWorker =
  | { type: 'ready' }
  | ({ type: 'progress' } & ImportProgress)
  | { type: 'done'; result: BatchResult }
  | { type: 'failed'; message: string };
