/**
 * The sources a definition can come from besides the built-in and JSON definitions: one entry per
 * source, each a pure function into the one definition model. Nothing after `chooseDefinition`
 * knows which source a definition came from (its `source` field says so, for the analyst).
 */
import type { InputFile } from '../model';
import type { SheetCells } from '../read/xlsx-sheets';
import type { Definition, DefinitionSource } from './schema';
import { deriveDefinition } from './derive';
import { definitionFromTemplate } from './template';
import { definitionFromXlsForm } from './xlsform';

/** A definition read from the worksheets of one workbook (an XLSForm, a template workbook). */
export interface WorkbookDefinitionSource {
  kind: DefinitionSource['kind'];
  /** What the analyst calls such a file: "XLSForm", "template workbook". */
  label: string;
  /**
   * True when a filled-in file of this kind is a response too (a country's copy of a template):
   * such a file is the batch's definition file only when it holds no answer.
   */
  mayBeResponse: boolean;
  read: (sheets: SheetCells[], fileName: string) => Definition | undefined;
}

/** A definition derived from a whole batch of responses (the header of exports). */
export interface BatchDefinitionSource {
  kind: DefinitionSource['kind'];
  label: string;
  derive: (files: InputFile[]) => Promise<Definition | undefined>;
}

export interface DefinitionSources {
  workbooks: WorkbookDefinitionSource[];
  batches: BatchDefinitionSource[];
}

/** The registry: a source joins with one import and one entry. */
export const definitionSources: DefinitionSources = {
  workbooks: [
    { kind: 'xlsform', label: 'XLSForm', mayBeResponse: false, read: definitionFromXlsForm },
    { kind: 'template', label: 'template workbook', mayBeResponse: true, read: definitionFromTemplate },
  ],
  batches: [{ kind: 'derived', label: 'the header of the exports', derive: deriveDefinition }],
};
