// The progress the pane shows: each task's stages in order, the bar moving on and never full while the
// task runs, on the corpus's own files read, checked, compared and written.
import JSZip from 'jszip';
import { corpusFile, loadFile, SEED_FILE } from '../../test/support/corpus';
import { importInStages } from './choose-and-import';
import { makeXlsx } from './make-workbook';
import { barValue, ProgressStore, RUNNING_MAX, stageLine, TASK_STAGES, type StageProgress } from './progress';

const FILES = [SEED_FILE, corpusFile('MSQ2022_EST.docx'), corpusFile('031_cog.txt')];

/** The reports of a task, and checks that hold for every task: stages in order, fractions 0–1. */
function recorder(task: keyof typeof TASK_STAGES) {
  const seen: StageProgress[] = [];
  const order = TASK_STAGES[task].map(([stage]) => stage);
  return {
    seen,
    report: (p: StageProgress) => seen.push(p),
    /** The bar's values as the store would show them. */
    bar: () => seen.map((p) => barValue(task, p)),
    stagesInOrder: () => {
      const at = seen.map((p) => order.indexOf(p.stage));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect(at).toEqual([...at].sort((a, b) => a - b));
    },
  };
}

const nonDecreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]);

describe('an import in stages', () => {
  it('reads, then checks, by bytes and by rules, and is never done before the result is', async () => {
    const files = FILES.map(loadFile);
    const r = recorder('import');
    const result = await importInStages({ files }, r.report);
    expect(result.responses).toHaveLength(3);
    r.stagesInOrder();
    const reading = r.seen.filter((p) => p.stage === 'reading');
    const checking = r.seen.filter((p) => p.stage === 'checking');
    // First the questionnaire is chosen from the files: looked through, a sample read against each
    // built-in questionnaire, the header compared.
    const choosing = reading.filter((p) => p.detail.startsWith('choosing the questionnaire'));
    expect(choosing[0].detail).toBe('choosing the questionnaire: looking for a definition (1 of 3)');
    expect(
      choosing.some((p) => /matching the built-in ones \(\d+ of \d+ sample reads\)/.test(p.detail)),
    ).toBe(true);
    // Then a report per file as it starts, naming it, and one when all are read.
    const perFile = reading.slice(choosing.length);
    expect(perFile.map((p) => p.detail)).toEqual([
      ...files.map((f, i) => `${f.name} (${i + 1} of 3)`),
      '3 files',
    ]);
    // Measured by bytes: the second file starts after the first one's share of what is left.
    const total = files.reduce((n, f) => n + f.bytes.length, 0);
    const chosen = perFile[0].fraction;
    expect(chosen).toBeGreaterThan(choosing.at(-1)!.fraction);
    expect(perFile[1].fraction).toBeCloseTo(chosen + ((1 - chosen) * files[0].bytes.length) / total);
    expect(perFile.at(-1)!.fraction).toBe(1);
    expect(checking.length).toBeGreaterThan(5);
    expect(checking[0].detail).toBe(`rule 1 of ${checking.length}`);
    expect(nonDecreasing(r.bar())).toBe(true);
    expect(Math.max(...r.bar())).toBeLessThan(RUNNING_MAX);
  });
});

describe('making the .xlsx in stages', () => {
  it('compares (the plan), then writes the file, never full until the file is made', async () => {
    const files = FILES.map(loadFile);
    const batch = await importInStages({ files }, () => undefined);
    const r = recorder('xlsx');
    const made = await makeXlsx(
      {
        def: batch.definition,
        responses: batch.responses,
        issues: batch.issues,
        reports: batch.reports,
        reviews: batch.reviews,
        importedAt: '2024-05-01T10:00:00Z',
      },
      r.report,
    );
    r.stagesInOrder();
    expect(r.seen.some((p) => p.stage === 'comparing')).toBe(true);
    const writing = r.seen.filter((p) => p.stage === 'writing');
    // Sheet by sheet, then part by part: many reports, rising, short of the end.
    expect(writing.length).toBeGreaterThan(10);
    expect(nonDecreasing(r.seen.map((p) => p.fraction).filter((_, i) => r.seen[i].stage === 'writing'))).toBe(
      true,
    );
    expect(Math.max(...writing.map((p) => p.fraction))).toBeLessThan(1);
    expect(nonDecreasing(r.bar())).toBe(true);
    // What was made is the workbook, and it says where each issue points.
    const zip = await JSZip.loadAsync(made.bytes);
    expect(Object.keys(zip.files)).toContain('xl/workbook.xml');
    expect(made.places.map(([key]) => key).sort()).toEqual(batch.issues.map((i) => i.key).sort());
  });
});

describe('the bar', () => {
  it('weights each stage by its share of the task, and names the step', () => {
    expect(barValue('import', { stage: 'reading', fraction: 0 })).toBe(0);
    expect(barValue('import', { stage: 'reading', fraction: 1 })).toBeCloseTo(TASK_STAGES.import[0][1]);
    expect(barValue('import', { stage: 'checking', fraction: 0.5 })).toBeCloseTo(
      TASK_STAGES.import[0][1] + TASK_STAGES.import[1][1] / 2,
    );
    // Full only when the task has ended, whatever a stage says.
    expect(barValue('import', { stage: 'checking', fraction: 1 })).toBe(RUNNING_MAX);
    expect(stageLine('xlsx', { stage: 'writing', fraction: 0.2, detail: 'the .xlsx file' })).toBe(
      'Step 2 of 2, writing: the .xlsx file',
    );
    expect(stageLine('recheck', { stage: 'checking', fraction: 0.2, detail: 'rule 3 of 20' })).toBe(
      'Checking: rule 3 of 20',
    );
  });

  it('moves on and never back in the store, and tells its listener', () => {
    const store = new ProgressStore();
    const heard: (number | undefined)[] = [];
    const stop = store.subscribe(() => heard.push(store.get()?.value));
    store.start('xlsx', { stage: 'comparing', fraction: 0, detail: '' });
    store.report({ stage: 'writing', fraction: 0.5, detail: '' });
    // A late report of an earlier stage does not pull the bar back.
    store.report({ stage: 'comparing', fraction: 0.9, detail: '' });
    expect(store.get()?.stage).toBe('comparing');
    store.end();
    stop();
    store.start('xlsx', { stage: 'comparing', fraction: 0, detail: '' });
    const writingHalf = barValue('xlsx', { stage: 'writing', fraction: 0.5 });
    expect(heard).toEqual([0, writingHalf, writingHalf, undefined]);
  });
});
