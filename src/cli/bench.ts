import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadQuestionnaire } from '../core/definition';
import { generateSampleBatch } from '../sample/batch';
import { readWorkbookState } from '../xlsx/read-back';
import { libraryFloor } from './bench-floor';
import { collectPaths, loadInputFile } from './files';
import { EXIT, main as cli } from './main';

const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** What one measured run reports: its wall time and its process's resident-memory high-water. */
interface Measure {
  ms: number;
  /** Processor time (user and system): steadier than wall time on a shared machine. */
  cpuMs: number;
  peakRss: number;
}

/** A stage run in a process of its own, so that each peak resident memory is its own. */
function measured(stage: 'floor' | 'import', dir: string, rows: number): Measure {
  const run = spawnSync(
    process.execPath,
    [process.argv[1], '--stage', stage, '--dir', dir, '--rows', `${rows}`],
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

/** Runs one stage in this process and prints its measure as the last line of output. */
async function runStage(stage: string, dir: string, rows: number): Promise<number> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  if (stage === 'floor') {
    const files = await Promise.all((await collectPaths([dir])).map(loadInputFile));
    await libraryFloor(files, rows);
  } else {
    // The command line exactly as a user runs it, output file written.
    const quiet = { write: () => true, isTTY: false };
    const code = await cli(
      ['import', dir, '--replace', '--quiet', '--out', join(dir, 'out', 'comparison.xlsx')],
      quiet,
      quiet,
    );
    if (code !== EXIT.ok && code !== EXIT.rejected) return code;
  }
  const cpu = process.cpuUsage(cpuStart);
  const result: Measure = {
    ms: performance.now() - start,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
  console.log(JSON.stringify(result));
  return 0;
}

/**
 * The command line's import to a workbook against the library floor (`bench-floor.ts`) on generated
 * batches of every layout, each measured in a fresh process: wall time, peak resident memory, the
 * cost per response and the ratio of import to floor.
 */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      responses: { type: 'string', default: '230,1150' },
      seed: { type: 'string', default: '2022' },
      stage: { type: 'string' },
      dir: { type: 'string' },
      rows: { type: 'string', default: '0' },
    },
  });
  if (values.stage) return runStage(values.stage, values.dir!, Number(values.rows));

  const def = loadQuestionnaire('msq-2022');
  const sizes = values.responses.split(',').map(Number);
  console.log(
    `Survey Atlas benchmark: ${def.questions.length} questions, batches of ${sizes.join(' and ')} responses`,
  );
  let failed = false;
  for (const count of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'survey-atlas-bench-'));
    try {
      const batch = await generateSampleBatch({ count, seed: Number(values.seed), def });
      for (const f of batch.files) writeFileSync(join(dir, f.name), f.bytes);
      const bytesIn = batch.files.reduce((n, f) => n + f.bytes.length, 0);
      const rows = batch.truth.length * def.questions.length;
      const floor = measured('floor', dir, rows);
      const run = measured('import', dir, rows);
      const xlsx = readFileSync(join(dir, 'out', 'comparison.xlsx'));
      const state = await readWorkbookState(new Uint8Array(xlsx), def);
      failed ||= state.responses.length === 0;
      console.log('');
      console.log(
        `${count} responses: ${batch.files.length} files (${mib(bytesIn)} MiB), ${rows} answer rows`,
      );
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
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return failed ? 1 : 0;
}
