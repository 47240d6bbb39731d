import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadQuestionnaire, type Definition } from '../core/definition';
import { namedDefinition } from '../core/definition/choose';
import { definitionSources } from '../core/definition/sources';
import { generateSampleBatch } from '../sample/batch';
import { readWorkbookState } from '../xlsx/read-back';
import { libraryFloor } from './bench-floor';
import { collectPaths, loadInputFile } from './files';
import { EXIT, main as cli } from './main';

const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * The questionnaire of the derived batches: one the tool does not know (the XLSForm of the foreign
 * sample, National Statistical Capacity Survey 2025), whose batches are read against the definition
 * derived from their exports' header.
 */
const UNKNOWN_QUESTIONNAIRE = resolve(
  __dirname,
  '../../../../shared/corpus/foreign-sample/files/kobo-xlsform/form.xlsx',
);

type Stage = 'floor' | 'import' | 'derived';

/** What one measured run reports: its wall time and its process's resident-memory high-water. */
interface Measure {
  ms: number;
  /** Processor time (user and system, every thread): steadier than wall time on a shared machine. */
  cpuMs: number;
  peakRss: number;
  /** The derived stage: wall and processor time spent deriving the definition, within `ms`. */
  deriveMs?: number;
  deriveCpuMs?: number;
  /** Deriving again after the import, over the same files: the workbooks and texts already parsed. */
  rederiveMs?: number;
}

/** A stage run in a process of its own, so that each peak resident memory is its own. */
function measured(stage: Stage, dir: string, out: string, rows: number): Measure {
  const run = spawnSync(
    process.execPath,
    [process.argv[1], '--stage', stage, '--dir', dir, '--out', out, '--rows', `${rows}`],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  const last = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !last.startsWith('{'))
    throw new Error(`the ${stage} run failed (${run.status}): ${run.stderr || run.stdout}`);
  return JSON.parse(last) as Measure;
}

/** Each figure's median over the runs. */
function median(runs: Measure[]): Measure {
  const of = (pick: (m: Measure) => number | undefined) => {
    const values = runs.map(pick).filter((v): v is number => v !== undefined);
    values.sort((a, b) => a - b);
    const mid = values.length >> 1;
    return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  };
  return {
    ms: of((m) => m.ms),
    cpuMs: of((m) => m.cpuMs),
    peakRss: of((m) => m.peakRss),
    ...(runs[0].deriveMs !== undefined && {
      deriveMs: of((m) => m.deriveMs),
      deriveCpuMs: of((m) => m.deriveCpuMs),
      rederiveMs: of((m) => m.rederiveMs),
    }),
  };
}

/** Stages measured in turn, `runs` times over, each figure the median of its runs. */
function measuredInTurn(stages: Stage[], dir: string, out: string, rows: number, runs: number): Measure[] {
  const all: Measure[][] = stages.map(() => []);
  for (let k = 0; k < runs; k++) stages.forEach((stage, i) => all[i].push(measured(stage, dir, out, rows)));
  return all.map(median);
}

const cpuNow = () => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
};

/**
 * Times every derivation of a definition from a batch, through the registry the import uses; `again`
 * derives once more from the files of the last one.
 */
function timeDerivations(): { ms: number; cpuMs: number; again(): Promise<number> } {
  let last: (() => Promise<unknown>) | undefined;
  const spent = {
    ms: 0,
    cpuMs: 0,
    again: async () => {
      const start = performance.now();
      await last?.();
      return performance.now() - start;
    },
  };
  definitionSources.batches = definitionSources.batches.map((source) => ({
    ...source,
    derive: async (files) => {
      last = () => source.derive(files);
      const start = performance.now();
      const cpuStart = cpuNow();
      try {
        return await source.derive(files);
      } finally {
        spent.ms += performance.now() - start;
        spent.cpuMs += cpuNow() - cpuStart;
      }
    },
  }));
  return spent;
}

/** Runs one stage in this process and prints its measure as the last line of output. */
async function runStage(stage: string, dir: string, out: string, rows: number): Promise<number> {
  const derivation = stage === 'derived' ? timeDerivations() : undefined;
  const start = performance.now();
  const cpuStart = cpuNow();
  if (stage === 'floor') {
    const files = await Promise.all((await collectPaths([dir])).map(loadInputFile));
    await libraryFloor(files, rows);
  } else {
    // The command line exactly as a user runs it, output file written.
    const quiet = { write: () => true, isTTY: false };
    const code = await cli(['import', dir, '--replace', '--quiet', '--out', out], quiet, quiet);
    if (code !== EXIT.ok && code !== EXIT.rejected) return code;
  }
  const result: Measure = {
    ms: performance.now() - start,
    cpuMs: cpuNow() - cpuStart,
    peakRss: process.resourceUsage().maxRSS * 1024,
    ...(derivation && {
      deriveMs: derivation.ms,
      deriveCpuMs: derivation.cpuMs,
      rederiveMs: await derivation.again(),
    }),
  };
  console.log(JSON.stringify(result));
  return 0;
}

/** A generated batch written to a fresh temporary folder, and where its workbook goes (outside it). */
async function writeBatch(count: number, seed: number, def: Definition) {
  const root = mkdtempSync(join(tmpdir(), 'survey-atlas-bench-'));
  const dir = join(root, 'batch');
  mkdirSync(dir);
  const batch = await generateSampleBatch({ count, seed, def });
  for (const f of batch.files) writeFileSync(join(dir, f.name), f.bytes);
  const bytes = batch.files.reduce((n, f) => n + f.bytes.length, 0);
  return {
    root,
    dir,
    out: join(root, 'comparison.xlsx'),
    files: batch.files.length,
    bytes,
    responses: batch.truth.length,
  };
}

/** The definition of the derived batches, or why there is none. */
async function unknownQuestionnaire(): Promise<Definition | string> {
  if (!existsSync(UNKNOWN_QUESTIONNAIRE)) return `${UNKNOWN_QUESTIONNAIRE} is not there`;
  const bytes = new Uint8Array(readFileSync(UNKNOWN_QUESTIONNAIRE));
  return namedDefinition({ name: 'form.xlsx', bytes });
}

/**
 * The command line's import to a workbook against the library floor (`bench-floor.ts`) on generated
 * batches of every layout, each measured in a fresh process: wall time, peak resident memory, the
 * cost per response and the ratio of import to floor. Then the same layouts for a questionnaire the
 * tool does not know, imported against the definition derived from the batch: what deriving costs
 * of the import.
 */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      responses: { type: 'string', default: '230,1150' },
      seed: { type: 'string', default: '2022' },
      runs: { type: 'string', default: '3' },
      stage: { type: 'string' },
      dir: { type: 'string' },
      out: { type: 'string' },
      rows: { type: 'string', default: '0' },
    },
  });
  if (values.stage) return runStage(values.stage, values.dir!, values.out!, Number(values.rows));
  const runs = Math.max(1, Number(values.runs));

  const def = loadQuestionnaire('msq-2022');
  const unknown = await unknownQuestionnaire();
  const sizes = values.responses.split(',').map(Number);
  const seed = Number(values.seed);
  console.log(
    `Survey Atlas benchmark: ${def.questions.length} questions, batches of ${sizes.join(' and ')} responses; medians of ${runs} run${runs === 1 ? '' : 's'}`,
  );
  let failed = false;
  for (const count of sizes) {
    const batch = await writeBatch(count, seed, def);
    try {
      const rows = batch.responses * def.questions.length;
      const [floor, run] = measuredInTurn(['floor', 'import'], batch.dir, batch.out, rows, runs);
      const xlsx = readFileSync(batch.out);
      const state = await readWorkbookState(new Uint8Array(xlsx), def);
      failed ||= state.responses.length === 0;
      console.log('');
      console.log(`${count} responses: ${batch.files} files (${mib(batch.bytes)} MiB), ${rows} answer rows`);
      console.log(
        `  library floor            ${seconds(floor.ms).padStart(9)}   cpu ${seconds(floor.cpuMs).padStart(8)}   peak RSS ${mib(floor.peakRss).padStart(6)} MiB`,
      );
      console.log(
        `  import --out (CLI)       ${seconds(run.ms).padStart(9)}   cpu ${seconds(run.cpuMs).padStart(8)}   peak RSS ${mib(run.peakRss).padStart(6)} MiB`,
      );
      console.log(
        `  import ÷ floor           ${(run.ms / floor.ms).toFixed(1).padStart(7)} ×     cpu ${(run.cpuMs / floor.cpuMs).toFixed(1)} ×`,
      );
      console.log(
        `  per response             ${(run.ms / count).toFixed(1).padStart(7)} ms   (floor ${(floor.ms / count).toFixed(1)} ms)`,
      );
      console.log(
        `  workbook                 ${mib(xlsx.length).padStart(7)} MiB, ${state.responses.length} responses read back`,
      );
    } finally {
      rmSync(batch.root, { recursive: true, force: true });
    }

    if (typeof unknown === 'string') {
      console.log(`  deriving the definition: not measured (${unknown})`);
      continue;
    }
    const derivedBatch = await writeBatch(count, seed, unknown);
    try {
      const [run] = measuredInTurn(['derived'], derivedBatch.dir, derivedBatch.out, 0, runs);
      const xlsx = readFileSync(derivedBatch.out);
      const state = await readWorkbookState(new Uint8Array(xlsx));
      const derived = state.definition?.source?.kind === 'derived';
      failed ||= !derived || state.responses.length === 0;
      const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
      console.log(
        `  ${unknown.title}, the same layouts (${derivedBatch.files} files), read against the definition derived from its exports:`,
      );
      console.log(
        `  deriving the definition: ${run.deriveMs!.toFixed(0)} ms of ${run.ms.toFixed(0)} ms import (${share(run.deriveMs!, run.ms)}; cpu ${run.deriveCpuMs!.toFixed(0)} ms of ${run.cpuMs.toFixed(0)} ms, ${share(run.deriveCpuMs!, run.cpuMs)})${derived ? '' : ' — but the definition was not derived'}`,
      );
      console.log(
        `  deriving it again, from the files as the import left them (workbooks parsed, texts decoded): ${run.rederiveMs!.toFixed(0)} ms (${share(run.rederiveMs!, run.ms)})`,
      );
    } finally {
      rmSync(derivedBatch.root, { recursive: true, force: true });
    }
  }
  return failed ? 1 : 0;
}
