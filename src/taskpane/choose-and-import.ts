/** The definition chosen for the files (as the command line chooses it), then the import: in the worker or not. */
import { chooseDefinition, type ChooseOptions, type ChooseStep } from '../core/definition/choose';
import type { InputFile } from '../core/model';
import {
  importBatch,
  type BatchResult,
  type ImportOptions,
  type ImportProgress,
  type PerCountry,
} from '../core/pipeline';
import type { DefinitionRequest, PreviousBatch } from './messages';
import { count } from './plural';
import { CHECKED_SHARE, type StageProgress } from './progress';

export const PANE_HELP =
  'Choose the questionnaire above: a built-in one, or load its definition (.json), its XLSForm or its template workbook.';

export interface ChooseAndImport extends DefinitionRequest {
  files: InputFile[];
  previous?: PreviousBatch;
  perCountry?: PerCountry;
  /** The analyst's encodings: per file name, or for the batch's files that are not Unicode. */
  encodings?: ImportOptions['encodings'];
  onProgress?: (p: ImportProgress) => void;
  /** How many of the check rules have run, once the files are read. */
  onChecking?: ImportOptions['onChecking'];
  /** How the choice of the questionnaire goes, before any file is read for its responses. */
  onChoosing?: ChooseOptions['onProgress'];
  signal?: AbortSignal;
}

export async function chooseAndImport(req: ChooseAndImport): Promise<BatchResult> {
  const choice = await chooseDefinition(req.files, {
    named: req.questionnaire,
    stored: req.stored,
    help: PANE_HELP,
    onProgress: req.onChoosing,
  });
  if (!choice.ok) throw new Error(choice.message);
  return importBatch(req.files, choice.definition, {
    previous: req.previous,
    definitionFiles: choice.definitionFiles,
    perCountry: req.perCountry,
    encodings: req.encodings,
    onProgress: req.onProgress,
    onChecking: req.onChecking,
    signal: req.signal,
  });
}

/**
 * The share of reading that choosing the questionnaire takes where it is chosen from the files (they
 * are looked through for a definition, a sample read against each built-in questionnaire, a header
 * compared): about two fifths at 226 and 1,153 generated responses, in thirds of about equal time.
 */
const CHOOSING_SHARE = 0.4;
const CHOOSING_STEPS: ChooseStep[] = ['looking', 'matching', 'deriving'];
const choosingDetail: Record<ChooseStep, (done: number, total: number) => string> = {
  looking: (done, total) => `choosing the questionnaire: looking for a definition (${done + 1} of ${total})`,
  matching: (done, total) =>
    `choosing the questionnaire: matching the built-in ones (${done + 1} of ${total} sample reads)`,
  deriving: () => "choosing the questionnaire: comparing with the files' header",
};

/**
 * The import, its progress told in stages: reading (choosing the questionnaire, then the files by
 * their bytes: an export of 400 rows weighs more than a page of text), then checking, by the rules
 * run; the last tenth of checking is left for the result's way to the page. Where the questionnaire
 * is not chosen from the files (named, or the workbook's), reading starts past its share.
 */
export function importInStages(
  req: Omit<ChooseAndImport, 'onProgress' | 'onChecking' | 'onChoosing'>,
  report: (p: StageProgress) => void,
): Promise<BatchResult> {
  const sizes = req.files.map((f) => f.bytes.length);
  const before: number[] = [];
  let total = 0;
  for (const size of sizes) {
    before.push(total);
    total += size;
  }
  return chooseAndImport({
    ...req,
    onChoosing: (step, done, steps) =>
      report({
        stage: 'reading',
        fraction:
          (CHOOSING_SHARE * (CHOOSING_STEPS.indexOf(step) + done / Math.max(1, steps))) /
          CHOOSING_STEPS.length,
        detail: choosingDetail[step](done, steps),
      }),
    onProgress: (p) =>
      report({
        stage: 'reading',
        fraction:
          CHOOSING_SHARE + (1 - CHOOSING_SHARE) * (p.done < p.total ? before[p.done] / (total || 1) : 1),
        detail: p.file ? `${p.file} (${p.done + 1} of ${p.total})` : count(p.total, 'file'),
      }),
    onChecking: (done, rules) =>
      report({
        stage: 'checking',
        fraction: (CHECKED_SHARE * done) / rules,
        detail: `rule ${done + 1} of ${rules}`,
      }),
  });
}
