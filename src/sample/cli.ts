/**
 * Writes a generated sample batch to disk:
 *   node dist/cli/sample/cli.js [out-dir] [--count N] [--seed N] [--truth FILE] [--questionnaire ID]
 * Files go to out-dir (default sample/batch); the truth, with the file of every response, goes to FILE
 * (default truth.json beside out-dir) so that it is never imported with the batch.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs';
import path from 'path';
import { loadQuestionnaire } from '../core/definition';
import { generateSampleBatch } from './batch';

export interface MakeSampleOptions {
  outDir: string;
  count: number;
  seed: number;
  truthFile: string;
  questionnaire: string;
}

const usage =
  'usage: make-sample [out-dir] [--count N] [--seed N] [--truth FILE] [--questionnaire ID]\n' +
  '  out-dir          where the batch files go (default sample/batch)\n' +
  '  --count N        number of responses (default 120)\n' +
  '  --seed N         generator seed; the same seed gives the same files (default 2022)\n' +
  '  --truth FILE     where the generated truth goes (default truth.json beside out-dir)\n' +
  '  --questionnaire  definition id (default msq-2022)';

/** Names the generator gives its files; only these are replaced when a batch is written again. */
const generatedName = /^(\d{3,}_[a-z]+\.(txt|md)|MSQ2022_\w+\.(docx|txt)|forms-export\.(xlsx|csv))$/;

export function parseArgs(argv: string[]): MakeSampleOptions {
  const opts = { outDir: 'sample/batch', count: 120, seed: 2022, truthFile: '', questionnaire: 'msq-2022' };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const integer = (v: string, min: number) => {
      if (!/^\d+$/.test(v) || Number(v) < min)
        throw new Error(`${arg} takes a whole number of at least ${min}`);
      return Number(v);
    };
    if (arg === '--count') opts.count = integer(value(), 1);
    else if (arg === '--seed') opts.seed = integer(value(), 0);
    else if (arg === '--truth') opts.truthFile = value();
    else if (arg === '--questionnaire') opts.questionnaire = value();
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length > 1) throw new Error('give one output directory');
  if (positional[0]) opts.outDir = positional[0];
  opts.truthFile ||= path.join(path.dirname(path.resolve(opts.outDir)), 'truth.json');
  return opts;
}

export async function makeSample(opts: MakeSampleOptions): Promise<{ files: number; responses: number }> {
  const def = loadQuestionnaire(opts.questionnaire);
  const { files, truth, fileOf } = await generateSampleBatch({ count: opts.count, seed: opts.seed, def });
  mkdirSync(opts.outDir, { recursive: true });
  for (const name of readdirSync(opts.outDir))
    if (generatedName.test(name)) rmSync(path.join(opts.outDir, name));
  for (const f of files) writeFileSync(path.join(opts.outDir, f.name), f.bytes);
  mkdirSync(path.dirname(path.resolve(opts.truthFile)), { recursive: true });
  const record = { definition: def.id, seed: opts.seed, count: opts.count, fileOf, responses: truth };
  writeFileSync(opts.truthFile, JSON.stringify(record, null, 1) + '\n');
  return { files: files.length, responses: truth.length };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  let opts: MakeSampleOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return 2;
  }
  const { files, responses } = await makeSample(opts);
  console.log(`Wrote ${responses} responses in ${files} files to ${opts.outDir}; truth in ${opts.truthFile}`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}
