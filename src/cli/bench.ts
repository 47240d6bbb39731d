import { parseArgs } from 'node:util';
import { loadQuestionnaire } from '../core/definition';
import { importBatch } from '../core/pipeline';
import { buildWorkbookPlan } from '../core/plan/build';
import { generateSampleBatch } from '../sample/batch';
import { readWorkbookState } from '../xlsx/read-back';
import { renderXlsx } from '../xlsx/render';

const mib = (bytes: number) => (bytes / 1048576).toFixed(1);

/** Times one stage and reports the heap in use after it. */
async function stage<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  const heap = process.memoryUsage().heapUsed;
  console.log(
    `${name.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(7)} s   heap ${mib(heap).padStart(7)} MiB`,
  );
  return result;
}

/**
 * The whole job on a large generated batch (1,130 responses by default): generate, import
 * (read, align, check), build the workbook plan, render the .xlsx, read it back for a next wave.
 */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { responses: { type: 'string', default: '1130' }, seed: { type: 'string', default: '2022' } },
  });
  const count = Number(values.responses);
  const def = loadQuestionnaire('msq-2022');
  console.log(`Survey Atlas benchmark: ${count} responses, ${def.questions.length} questions each`);
  const batch = await stage('generate batch', () =>
    generateSampleBatch({ count, seed: Number(values.seed), def }),
  );
  const bytesIn = batch.files.reduce((n, f) => n + f.bytes.length, 0);
  const result = await stage('import (read+check)', () => importBatch(batch.files, def));
  const plan = await stage('workbook plan', () =>
    buildWorkbookPlan({ def, ...result, importedAt: new Date().toISOString() }),
  );
  const xlsx = await stage('render .xlsx', () => renderXlsx(plan));
  const state = await stage('read back (next wave)', () => readWorkbookState(xlsx, def));
  console.log('');
  console.log(`files in                   ${batch.files.length} (${mib(bytesIn)} MiB)`);
  console.log(
    `responses / answer rows    ${result.responses.length} / ${result.responses.length * def.questions.length}`,
  );
  console.log(`issues                     ${result.issues.length}`);
  console.log(
    `workbook                   ${mib(xlsx.length)} MiB, ${state.responses.length} responses read back`,
  );
  console.log(`peak resident memory       ${mib(process.resourceUsage().maxRSS * 1024)} MiB`);
  return state.responses.length === result.responses.length ? 0 : 1;
}
