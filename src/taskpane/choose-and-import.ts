/** The definition chosen for the files (as the command line chooses it), then the import: in the worker or not. */
import { chooseDefinition } from '../core/definition/choose';
import type { InputFile } from '../core/model';
import {
  importBatch,
  type BatchResult,
  type ImportOptions,
  type ImportProgress,
  type PerCountry,
} from '../core/pipeline';
import type { DefinitionRequest, PreviousBatch } from './messages';

export const PANE_HELP =
  'Choose the questionnaire above: a built-in one, or load its definition (.json), its XLSForm or its template workbook.';

export interface ChooseAndImport extends DefinitionRequest {
  files: InputFile[];
  previous?: PreviousBatch;
  perCountry?: PerCountry;
  /** The analyst's encodings: per file name, or for the batch's files that are not Unicode. */
  encodings?: ImportOptions['encodings'];
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

export async function chooseAndImport(req: ChooseAndImport): Promise<BatchResult> {
  const choice = await chooseDefinition(req.files, {
    named: req.questionnaire,
    stored: req.stored,
    help: PANE_HELP,
  });
  if (!choice.ok) throw new Error(choice.message);
  return importBatch(req.files, choice.definition, {
    previous: req.previous,
    definitionFiles: choice.definitionFiles,
    perCountry: req.perCountry,
    encodings: req.encodings,
    onProgress: req.onProgress,
    signal: req.signal,
  });
}
