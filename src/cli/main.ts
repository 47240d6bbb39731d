import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  builtInQuestionnaires,
  loadQuestionnaire,
  parseDefinition,
  type Definition,
} from '../core/definition';
import { importBatch, type BatchResult } from '../core/pipeline';
import { buildWorkbookPlan } from '../core/plan/build';
import { TIDY_COLUMNS, tidyTables, type TidyTables } from '../core/tables';
import { readWorkbookState } from '../xlsx/read-back';
import { renderXlsx } from '../xlsx/render';
import { toCsv } from './csv';
import { parseEncodingChoices } from './encodings';
import { collectPaths, loadInputFile } from './files';
import { formatSummary } from './summary';

const USAGE = `Usage: survey-atlas import <file|folder>... [options]

Reads a batch of questionnaire responses (Forms pages saved as .txt/.md, Word
questionnaires .docx/.txt, Forms exports .xlsx/.csv), flags missing and
inconsistent answers, and writes tables and a comparison workbook.

Options:
  --questionnaire ID   questionnaire: a built-in id (default msq-2022; known: ${builtInQuestionnaires.join(', ')})
                       or a definition file (.json, see docs/architecture.md)
  --out FILE.xlsx      write the comparison workbook; an existing one is merged with this batch
  --replace            with --out: start the workbook afresh instead of merging
  --tables DIR         write responses.csv, answers.csv, issues.csv, import-report.csv
  --excel-safe-csv     with --tables: prefix cells a spreadsheet would run as formulas with '
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
        questionnaire: { type: 'string', default: 'msq-2022' },
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
    if (command !== 'import')
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    if (!inputs.length) throw new UsageError('no files or folders given');
    if (values.out && !/\.xlsx$/i.test(values.out)) throw new UsageError('--out must name an .xlsx file');
    const def = await questionnaire(values.questionnaire!);
    const missing = inputs.filter((p) => !existsSync(p));
    if (missing.length) throw new UsageError(`not found: ${missing.join(', ')}`);
    const paths = await collectPaths(inputs);
    if (!paths.length) throw new UsageError('the folders given hold no files');

    const previous =
      values.out && !values.replace && existsSync(values.out)
        ? await earlierWave(values.out, def)
        : undefined;
    const progress =
      !values.quiet && err.isTTY
        ? (p: { done: number; total: number; file: string }) => {
            err.write(`\r\x1b[K[${p.done}/${p.total}] ${p.file}`);
            if (p.done === p.total) err.write('\r\x1b[K');
          }
        : undefined;
    const encodings = usage(() => parseEncodingChoices(values.encoding!, paths));
    const files = await Promise.all(paths.map(loadInputFile));
    const result = await importBatch(files, def, { onProgress: progress, previous, encodings });

    if (values.tables) await writeTables(values.tables, result, values['excel-safe-csv']!);
    if (values.out) {
      const plan = buildWorkbookPlan({
        def,
        responses: result.responses,
        issues: result.issues,
        reports: result.reports,
        reviews: result.reviews,
        importedAt: new Date().toISOString(),
      });
      await mkdir(dirname(values.out), { recursive: true });
      await writeFile(values.out, await renderXlsx(plan));
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

/** The responses and reviews of the workbook a new wave is merged into. */
async function earlierWave(path: string, def: Definition) {
  try {
    return await readWorkbookState(new Uint8Array(await readFile(path)), def);
  } catch (e) {
    throw new UsageError(
      `${path} cannot be merged into (${(e as Error).message}); choose another --out, or --replace to overwrite it`,
    );
  }
}

/** A built-in questionnaire by id, or a definition file (JSON) of another questionnaire. */
async function questionnaire(idOrPath: string): Promise<Definition> {
  if (!/\.json$/i.test(idOrPath)) {
    if (!builtInQuestionnaires.includes(idOrPath))
      throw new UsageError(`unknown questionnaire "${idOrPath}"`);
    return loadQuestionnaire(idOrPath);
  }
  if (!existsSync(idOrPath)) throw new UsageError(`questionnaire definition not found: ${idOrPath}`);
  try {
    return parseDefinition(JSON.parse(await readFile(idOrPath, 'utf8')));
  } catch (e) {
    throw new UsageError(`${idOrPath} is not a valid questionnaire definition: ${(e as Error).message}`);
  }
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
