/**
 * Which definition a batch is read against, and how it was chosen:
 * (a) the one the analyst named (a built-in id, a definition .json, an XLSForm, a template workbook);
 * (b) a definition file among the batch's files (an XLSForm, a blank template);
 * (c) the definition stored in the workbook an earlier wave built;
 * (d) the built-in definition a sample of the files reads as;
 * (e) else one derived from the batch itself.
 * Definition files found among the files are never read as responses, whichever definition is chosen.
 */
import type { InputFile, RawResponse } from '../model';
import { readFile } from '../read';
import { decodeText } from '../read/decode';
import { headerKey } from '../read/export-columns';
import { signatureOf } from '../read/sniff';
import { readWorkbookSheets, type SheetCells } from '../read/xlsx-sheets';
import { builtInQuestionnaires, loadQuestionnaire, parseDefinition } from './index';
import type { Definition, DefinitionSource } from './schema';
import { definitionSources, type DefinitionSources } from './sources';

export interface ChooseOptions {
  /** What the analyst named: a built-in id, or the bytes of a definition .json, XLSForm or template. */
  named?: string | InputFile;
  /** The definition stored in the workbook this batch is merged into. */
  stored?: Definition;
  /** The definition sources; the registry unless a test gives others. */
  sources?: DefinitionSources;
  /** Files read per layout when matching the built-in definitions (default 3). */
  sampleSize?: number;
  /** What to tell the analyst to do when no definition fits (default: the command line's options). */
  help?: string;
  /**
   * Told how the choice goes, step by step: the files looked through for a definition among them,
   * the sample files read against the built-in questionnaires, and deriving one from the files' header.
   */
  onProgress?: (step: ChooseStep, done: number, total: number) => void;
}

export type ChooseStep = 'looking' | 'matching' | 'deriving';

export type Choice =
  | {
      ok: true;
      /** The definition, its `source` saying where it came from and how it was chosen. */
      definition: Definition;
      /** Files of the batch that are a questionnaire's definition, with the import report's line. */
      definitionFiles: Map<string, string>;
    }
  | { ok: false; message: string; definitionFiles: Map<string, string> };

/** Why a named questionnaire cannot be used; the caller reports it as a usage error. */
export class DefinitionError extends Error {}

export const NO_DEFINITION_HELP =
  'Name the questionnaire with --questionnaire (a built-in id, a definition .json, an XLSForm or a ' +
  'template workbook), or write a definition to review with `survey-atlas define <file…>`.';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "27 questions in 3 sections". */
export function definitionSize(def: Definition): string {
  return `${plural(def.questions.length, 'question')} in ${plural(def.sections.length, 'section')}`;
}

function withSource(def: Definition, kind: DefinitionSource['kind'], description: string): Definition {
  return { ...def, source: { kind, description } };
}

const extension = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const baseName = (name: string) => name.replace(/^.*[\\/]/, '');

/** A definition in a file, judged by content: definition JSON, or a workbook one of the sources reads. */
async function definitionInFile(
  file: InputFile,
  sources: DefinitionSources,
): Promise<
  | { definition: Definition; label: string; kind: DefinitionSource['kind']; mayBeResponse: boolean }
  | undefined
> {
  const signature = signatureOf(file.bytes);
  if (signature === 'zip') {
    if (!sources.workbooks.length || !['xlsx', 'xlsm'].includes(extension(file.name))) return undefined;
    let sheets: SheetCells[];
    try {
      sheets = await readWorkbookSheets(file.bytes);
    } catch {
      return undefined;
    }
    for (const source of sources.workbooks) {
      const definition = source.read(sheets, baseName(file.name));
      if (definition)
        return { definition, label: source.label, kind: source.kind, mayBeResponse: source.mayBeResponse };
    }
    return undefined;
  }
  if (signature !== 'other') return undefined;
  const text = decodeText(file.bytes).text.trim();
  if (!text.startsWith('{')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  // An object with questions and sections means to be a definition: a flaw in it is worth a message.
  const shaped = typeof json === 'object' && json !== null && 'questions' in json && 'sections' in json;
  if (!shaped) return undefined;
  return { definition: parseDefinition(json), label: 'definition file', kind: 'file', mayBeResponse: false };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether a file read against a definition holds no answer at all (a blank template). */
async function isBlank(file: InputFile, def: Definition): Promise<boolean> {
  const outcome = await readFile(file, def);
  if (!outcome.ok) return true;
  return outcome.responses.every((r) => !hasAnswer(r));
}

function hasAnswer(r: RawResponse): boolean {
  return Object.values(r.answers).some(
    (a) => !!a.text?.trim() || (a.selected?.length ?? 0) > 0 || !!a.other?.trim(),
  );
}

/** The analyst's named questionnaire. Throws DefinitionError with a sentence saying what is wrong. */
export async function namedDefinition(
  named: string | InputFile,
  sources: DefinitionSources = definitionSources,
): Promise<Definition> {
  if (typeof named === 'string') {
    if (!builtInQuestionnaires.includes(named))
      throw new DefinitionError(
        `unknown questionnaire "${named}" (built in: ${builtInQuestionnaires.join(', ')}; or name a definition .json, an XLSForm or a template workbook)`,
      );
    const def = loadQuestionnaire(named);
    return withSource(def, 'built-in', `built-in ${def.title}, named with --questionnaire`);
  }
  let found;
  try {
    found = await definitionInFile(named, sources);
  } catch (e) {
    throw new DefinitionError(
      `${named.name} is not a valid questionnaire definition: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (!found) {
    const known = ['definition .json', ...sources.workbooks.map((s) => s.label)];
    const list =
      known.length > 1 ? `${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}` : known[0];
    throw new DefinitionError(`${named.name} is not a questionnaire definition (expected a ${list})`);
  }
  return withSource(
    found.definition,
    found.definition.source?.kind ?? found.kind,
    `${found.label} ${baseName(named.name)}: ${definitionSize(found.definition)}`,
  );
}

const KEPT = 'kept in the workbook from an earlier import';

/** The stored definition, saying where it first came from (once, however many waves kept it). */
function keptFromWorkbook(stored: Definition): Definition {
  const first = stored.source?.description;
  const description = !first ? KEPT : first.startsWith(KEPT) ? first : `${KEPT} (${first})`;
  return withSource(stored, stored.source?.kind ?? 'file', description);
}

/** Up to `n` files of each layout (told apart by extension): a sample of every layout of the batch. */
function samplePerLayout(files: InputFile[], n: number): InputFile[][] {
  const byLayout = new Map<string, InputFile[]>();
  for (const f of files) {
    const key = extension(f.name);
    const group = byLayout.get(key) ?? [];
    if (group.length < n) group.push(f);
    byLayout.set(key, group);
  }
  return [...byLayout.values()];
}

/**
 * The built-in definition that reads the most of a sample of the files, provided that at least half
 * the sample of one layout reads as it (files that are no response at all, such as PDFs beside the
 * replies, do not stop a match).
 */
async function matchBuiltIn(
  files: InputFile[],
  sampleSize: number,
  onRead?: (done: number, total: number) => void,
): Promise<{ def: Definition; matched: number; sampled: number } | undefined> {
  const layouts = samplePerLayout(files, sampleSize);
  const sampled = layouts.reduce((n, g) => n + g.length, 0);
  const reads = sampled * builtInQuestionnaires.length;
  let done = 0;
  let best: { def: Definition; matched: number; sampled: number } | undefined;
  for (const id of builtInQuestionnaires) {
    const def = loadQuestionnaire(id);
    let matched = 0;
    let fits = false;
    for (const group of layouts) {
      let read = 0;
      for (const file of group) {
        onRead?.(done++, reads);
        if ((await readFile(file, def)).ok) read++;
      }
      matched += read;
      fits ||= read * 2 >= group.length && read > 0;
    }
    if (fits && matched > (best?.matched ?? 0)) best = { def, matched, sampled };
  }
  return best;
}

/** The share of a derived definition's questions a built-in one asks too, for the built-in to fit. */
const SAME_QUESTIONNAIRE = 0.5;

/** Of the questions derived from the files' header, the share whose text (or one of its wordings) `def` has. */
function sharedQuestionShare(derived: Definition, def: Definition): number {
  const texts = new Set(
    def.questions.flatMap((q) =>
      [q.text, q.subLabel ? `${q.text} ${q.subLabel}` : '', ...(q.aliases ?? [])]
        .filter(Boolean)
        .map(headerKey),
    ),
  );
  const shared = derived.questions.filter((q) => texts.has(headerKey(q.text))).length;
  return derived.questions.length ? shared / derived.questions.length : 0;
}

/** Picks the definition for a batch and says how; see the module comment for the order. */
export async function chooseDefinition(files: InputFile[], opts: ChooseOptions = {}): Promise<Choice> {
  const sources = opts.sources ?? definitionSources;
  const definitionFiles = new Map<string, string>();
  const inBatch: {
    file: InputFile;
    definition: Definition;
    label: string;
    kind: DefinitionSource['kind'];
  }[] = [];
  const filledSamples: typeof inBatch = [];
  for (const [i, file] of files.entries()) {
    opts.onProgress?.('looking', i, files.length);
    let found;
    try {
      found = await definitionInFile(file, sources);
    } catch {
      continue; // a JSON file that is not a valid definition is left to the readers to reject
    }
    if (!found) continue;
    if (found.mayBeResponse && !(await isBlank(file, found.definition))) {
      filledSamples.push({ file, ...found });
      continue;
    }
    inBatch.push({ file, ...found });
  }

  const named = opts.named === undefined ? undefined : await namedDefinition(opts.named, sources);
  const fromBatch = inBatch[0];
  const namedFile = typeof opts.named === 'object' ? opts.named : undefined;
  for (const d of inBatch) {
    const isNamed = !!namedFile && sameBytes(namedFile.bytes, d.file.bytes);
    const use =
      (!named && d === fromBatch) || isNamed
        ? 'used as the definition of this batch'
        : 'not used: another definition was chosen';
    definitionFiles.set(
      d.file.name,
      `The questionnaire's definition, not a response (${d.label}: ${definitionSize(d.definition)}); ${use}.`,
    );
  }
  const done = (definition: Definition): Choice => ({ ok: true, definition, definitionFiles });
  if (named) return done(named);
  if (fromBatch)
    return done(
      withSource(
        fromBatch.definition,
        fromBatch.definition.source?.kind ?? fromBatch.kind,
        `${fromBatch.label} ${baseName(fromBatch.file.name)}, found among the files: ${definitionSize(fromBatch.definition)}`,
      ),
    );
  if (opts.stored) return done(keptFromWorkbook(opts.stored));

  const responses = files.filter((f) => !definitionFiles.has(f.name));
  let derivedOnce: Promise<
    { derived: Definition; label: string; kind: DefinitionSource['kind'] } | undefined
  >;
  const derive = () =>
    (derivedOnce ??= (async () => {
      opts.onProgress?.('deriving', 0, 1);
      for (const source of sources.batches) {
        const derived = await source.derive(responses);
        if (derived) return { derived, label: source.label, kind: source.kind };
      }
      return undefined;
    })());
  let builtIn = await matchBuiltIn(responses, opts.sampleSize ?? 3, (done, total) =>
    opts.onProgress?.('matching', done, total),
  );
  // An export whose columns are headed by short names (Qualtrics' Q1, Q2…) can read against a built-in
  // questionnaire by its ids alone: the built-in fits only where the questions' texts are its own.
  const fromHeader = builtIn && (await derive());
  if (builtIn && fromHeader && sharedQuestionShare(fromHeader.derived, builtIn.def) < SAME_QUESTIONNAIRE)
    builtIn = undefined;
  if (builtIn)
    return done(
      withSource(
        builtIn.def,
        'built-in',
        `built-in ${builtIn.def.title}, matched by ${builtIn.matched} of ${plural(builtIn.sampled, 'file')} sampled`,
      ),
    );

  const sample = filledSamples[0];
  if (sample)
    return done(
      withSource(
        sample.definition,
        sample.definition.source?.kind ?? sample.kind,
        `read from the layout of ${baseName(sample.file.name)} (${sample.label}): ${definitionSize(sample.definition)}`,
      ),
    );
  const derived = await derive();
  if (derived)
    return done(
      withSource(
        derived.derived,
        derived.derived.source?.kind ?? derived.kind,
        derived.derived.source?.description ??
          `derived from ${derived.label}: ${definitionSize(derived.derived)}`,
      ),
    );
  return {
    ok: false,
    definitionFiles,
    message: `No questionnaire definition fits these files: they match no built-in questionnaire (${builtInQuestionnaires.join(', ')}) and no definition could be derived from them. ${opts.help ?? NO_DEFINITION_HELP}`,
  };
}
