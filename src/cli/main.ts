import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { countryOfSetting } from '../core/countries';
import { builtInQuestionnaires, type Definition } from '../core/definition';
import { chooseDefinition, DefinitionError, type Choice } from '../core/definition/choose';
import type { InputFile } from '../core/model';
import { importBatch, type BatchResult } from '../core/pipeline';
import { buildWorkbookPlan } from '../core/plan/build';
import type { WorkbookState } from '../core/plan/state';
import { TIDY_COLUMNS, tidyTables, type TidyTables } from '../core/tables';
import { readWorkbookState } from '../xlsx/read-back';
import { renderXlsx } from '../xlsx/render';
import { toCsv } from './csv';
import { threadDeflater } from './deflate';
import { parseEncodingChoices } from './encodings';
import { collectPaths, loadInputFile } from './files';
import { formatSummary } from './summary';

const USAGE = `Usage: survey-atlas import <file|folder>... [options]
       survey-atlas define <file|folder>... [--out definition.json] [--questionnaire ID|FILE]

import reads a batch of questionnaire responses (Forms pages saved as .txt/.md, Word
questionnaires .docx/.txt, exports of survey tools .xlsx/.csv), flags missing and
inconsistent answers, and writes tables and a comparison workbook.
define writes the questionnaire definition the files give (an XLSForm, a template
workbook, the built-in questionnaire they match, or one derived from their header)
as JSON, for the analyst to review, edit and name with --questionnaire.

Options:
  --questionnaire X    the questionnaire: a built-in id (${builtInQuestionnaires.join(', ')}), a definition
                       .json, an XLSForm or a template workbook. Without it: a definition file
                       among the files, the one an earlier import stored in --out, the built-in
                       one the files match, else one derived from the files
  --out FILE           import: write the comparison workbook (.xlsx); an existing one is merged
                       with this batch. define: write the definition (.json; default: standard output)
  --replace            with --out: start the workbook afresh instead of merging
  --tables DIR         write responses.csv, answers.csv, issues.csv, import-report.csv
  --excel-safe-csv     with --tables: prefix cells a spreadsheet would run as formulas with '
  --country FILE=C     set the country of the responses of FILE (or of FILE/RESPONSE-ID) to C, a
                       country name or ISO code; repeatable; kept in the workbook for later imports
  --per-country MODE   several responses from one country: latest (default; earlier ones are
                       superseded) or all (each kept as a separate respondent)
  --encoding LABEL     read every text file not in Unicode in this encoding (e.g. windows-1250)
  --encoding FILE=LABEL  read this file in this encoding (repeatable); otherwise detected
  --quiet              no progress or summary
  -h, --help           this text

Exit status: 0 every file was read, 2 some files were rejected, 1 usage error.`;

export const EXIT = { ok: 0, usage: 1, rejected: 2 } as const;

class UsageError extends Error {}

/** Runs `f`, turning the message it throws into a usage error. */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Where the command writes: standard output and error, or stand-ins in tests. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export async function main(
  argv: string[],
  out: Output = process.stdout,
  err: Output = process.stderr,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        questionnaire: { type: 'string' },
        country: { type: 'string', multiple: true },
        'per-country': { type: 'string', default: 'latest' },
        out: { type: 'string' },
        tables: { type: 'string' },
        'excel-safe-csv': { type: 'boolean', default: false },
        encoding: { type: 'string', multiple: true, default: [] },
        replace: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    err.write(`${(e as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  try {
    const [command, ...inputs] = positionals;
    if (command !== 'import' && command !== 'define')
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    if (!inputs.length) throw new UsageError('no files or folders given');
    const missing = inputs.filter((p) => !existsSync(p));
    if (missing.length) throw new UsageError(`not found: ${missing.join(', ')}`);
    if (command === 'define') return await define(inputs, values, out, err);

    if (values.out && !/\.xlsx$/i.test(values.out)) throw new UsageError('--out must name an .xlsx file');
    const perCountry = values['per-country'];
    if (perCountry !== 'latest' && perCountry !== 'all')
      throw new UsageError(`--per-country must be latest or all, not "${perCountry}"`);
    const countries = countrySettings(values.country ?? []);
    const named =
      values.questionnaire === undefined ? undefined : await namedQuestionnaire(values.questionnaire);
    const paths = await collectPaths(inputs);
    if (!paths.length) throw new UsageError('the folders given hold no files');

    const previous =
      values.out && !values.replace && existsSync(values.out) ? await earlierWave(values.out) : undefined;
    const files = await Promise.all(paths.map(loadInputFile));
    const choice = await choose(files, named, previous?.definition);
    const def = choice.definition;
    const progress =
      !values.quiet && err.isTTY
        ? (p: { done: number; total: number; file: string }) => {
            err.write(`\r\x1b[K[${p.done}/${p.total}] ${p.file}`);
            if (p.done === p.total) err.write('\r\x1b[K');
          }
        : undefined;
    const encodings = usage(() => parseEncodingChoices(values.encoding!, paths));
    const result = await importBatch(files, def, {
      onProgress: progress,
      previous,
      definitionFiles: choice.definitionFiles,
      countries,
      perCountry,
      encodings,
    });

    if (values.tables) await writeTables(values.tables, result, values['excel-safe-csv']!);
    if (values.out) {
      const plan = buildWorkbookPlan({
        def,
        responses: result.responses,
        issues: result.issues,
        reports: result.reports,
        reviews: result.reviews,
        notes: result.notes,
        importedAt: new Date().toISOString(),
      });
      await mkdir(dirname(values.out), { recursive: true });
      const deflating = threadDeflater();
      try {
        await writeFile(values.out, await renderXlsx(plan, { deflater: deflating.deflater }));
      } finally {
        await deflating.close();
      }
    }
    if (!values.quiet) {
      out.write(`${formatSummary(result)}\n`);
      if (previous)
        out.write(`Merged into ${values.out} (${previous.responses.length} responses were there)\n`);
      if (values.out) out.write(`Workbook:   ${values.out}\n`);
      if (values.tables) out.write(`Tables:     ${values.tables}\n`);
    }
    return result.reports.some((f) => f.status === 'rejected') ? EXIT.rejected : EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`survey-atlas: ${(e as Error).message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

/** The responses, reviews, country settings and definition of the workbook a new wave is merged into. */
async function earlierWave(path: string): Promise<WorkbookState> {
  try {
    return await readWorkbookState(new Uint8Array(await readFile(path)));
  } catch (e) {
    throw new UsageError(
      `${path} cannot be merged into (${(e as Error).message}); choose another --out, or --replace to overwrite it`,
    );
  }
}

/** A built-in id stays a name; anything that is a file (or is named like one) is read as one. */
async function namedQuestionnaire(value: string): Promise<string | InputFile> {
  const looksLikeFile = /\.(json|xlsx|xlsm)$/i.test(value) || /[\\/]/.test(value);
  if (!existsSync(value)) {
    if (looksLikeFile) throw new UsageError(`questionnaire definition not found: ${value}`);
    return value;
  }
  const data = await readFile(value);
  return { name: value, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** The definition for the files, or a usage error saying why there is none. */
async function choose(
  files: InputFile[],
  named: string | InputFile | undefined,
  stored: Definition | undefined,
): Promise<Extract<Choice, { ok: true }>> {
  let choice: Choice;
  try {
    choice = await chooseDefinition(files, { named, stored });
  } catch (e) {
    if (e instanceof DefinitionError) throw new UsageError(e.message);
    throw e;
  }
  if (!choice.ok) throw new UsageError(choice.message);
  return choice;
}

/** `--country FILE=COUNTRY` settings, each country checked now rather than after the import. */
function countrySettings(values: string[]): Map<string, string> {
  const settings = new Map<string, string>();
  for (const v of values) {
    const at = v.lastIndexOf('=');
    const file = at > 0 ? v.slice(0, at).trim() : '';
    const country = at > 0 ? v.slice(at + 1).trim() : '';
    if (!file || !country) throw new UsageError(`--country takes FILE=COUNTRY, not "${v}"`);
    const iso3 = countryOfSetting(country);
    if (!iso3) throw new UsageError(`--country ${v}: "${country}" is not a known country name or ISO code`);
    settings.set(file, iso3);
  }
  return settings;
}

/** `survey-atlas define`: the definition the files give, as JSON to review and edit. */
async function define(
  inputs: string[],
  values: { out?: string; questionnaire?: string; quiet?: boolean },
  out: Output,
  err: Output,
): Promise<number> {
  if (values.out && !/\.json$/i.test(values.out))
    throw new UsageError('define: --out must name a .json file');
  const paths = await collectPaths(inputs);
  if (!paths.length) throw new UsageError('the folders given hold no files');
  const named =
    values.questionnaire === undefined ? undefined : await namedQuestionnaire(values.questionnaire);
  const files = await Promise.all(paths.map(loadInputFile));
  const { definition } = await choose(files, named, undefined);
  const json = `${JSON.stringify(definition, null, 2)}\n`;
  if (!values.out) {
    out.write(json);
    if (!values.quiet) err.write(`Definition: ${definition.source?.description ?? definition.title}\n`);
    return EXIT.ok;
  }
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, json, 'utf8');
  if (!values.quiet) {
    out.write(`Definition: ${definition.source?.description ?? definition.title}\n`);
    out.write(`Written:    ${values.out} (review it, then import with --questionnaire ${values.out})\n`);
  }
  return EXIT.ok;
}

async function writeTables(dir: string, result: BatchResult, guardFormulas: boolean): Promise<void> {
  await mkdir(dir, { recursive: true });
  const t = tidyTables(result.definition, result.responses, result.issues, result.reports);
  const write = (name: string, table: keyof TidyTables) =>
    writeFile(join(dir, name), toCsv(t[table], TIDY_COLUMNS[table], guardFormulas), 'utf8');
  await write('responses.csv', 'responses');
  await write('answers.csv', 'answers');
  await write('issues.csv', 'issues');
  await write('import-report.csv', 'importReport');
}
