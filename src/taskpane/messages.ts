/**
 * What the pane and its worker say to each other. Large arrays (responses, issues, the rows of a
 * plan's tables) travel in slices, each a message of its own: a message is copied (structured clone)
 * in one piece on the thread that posts it and on the thread that reads it, so a slice costs the main
 * thread a few milliseconds where the whole array would hold it for hundreds (see docs/taskpane.md).
 */
import type { Definition } from '../core/definition';
import type { InputFile, Response } from '../core/model';
import type { PlanInput, ReviewEntry } from '../core/plan/build';
import type { CellValue, SheetSpec, WorkbookPlan } from '../core/plan/types';
import type { BatchResult, ImportOptions, PerCountry } from '../core/pipeline';
import type { WorkbookPlace } from '../excel/a1';
import type { IssueRow } from './issue-rows';
import type { StageProgress } from './progress';

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

/** What a workbook is made as: the .xlsx file, or the plan (for the live workbook, built on the page). */
export type WorkbookKind = 'xlsx' | 'plan';

export type ToWorker =
  /** Responses for the task that follows (the earlier waves of an import, the batch of a workbook), in slices. */
  | { type: 'responses'; items: Response[] }
  | ({
      type: 'import';
      files: InputFile[];
      /** The earlier waves; their responses are the slices sent before. */
      previous?: Omit<PreviousBatch, 'responses'>;
      /** Several responses from one country: the latest only (default), or every one. */
      perCountry?: PerCountry;
      encodings?: ImportOptions['encodings'];
    } & DefinitionRequest)
  | { type: 'workbook'; kind: WorkbookKind; input: Omit<PlanInput, 'responses'> };

/** A row of the worklist, and where its issue stands in the result's issues. */
export type PlacedRow = IssueRow & { at: number };

/** An import's result without the responses and issues, which come before it in slices. */
export type BatchHead = Omit<BatchResult, 'responses' | 'issues'>;

/** Where each issue's row points in the workbook made, by issue key. */
export type Places = [string, WorkbookPlace][];

export type FromWorker =
  | { type: 'ready' }
  | ({ type: 'progress' } & StageProgress)
  | { type: 'failed'; message: string }
  /**
   * An import's result: how many responses and issues the slices bring, the slices, then the rest.
   * The issues come as the worklist's rows (issue-rows.ts), each with its issue's place in the result.
   */
  | { type: 'result'; responses: number; issues: number }
  | { type: 'responses'; items: Response[] }
  | { type: 'issue-rows'; items: PlacedRow[] }
  | { type: 'done'; result: BatchHead }
  /** The .xlsx file, as a Blob: the page gets a handle to the worker's bytes, not a copy. */
  | { type: 'xlsx'; file: Blob; sheets: number; places: Places }
  /** A plan: its size in table cells, each sheet with its tables' rows left out, the rows in slices, the rest. */
  | { type: 'plan-size'; cells: number }
  | { type: 'sheet'; sheet: SheetSpec }
  | { type: 'rows'; sheet: number; table: number; rows: CellValue[][] }
  | { type: 'plan'; plan: Omit<WorkbookPlan, 'sheets'>; places: Places };
