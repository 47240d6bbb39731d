/**
 * The progress bar of a task: the stages it goes through, named, each weighted by its share of the
 * task's time, so the bar moves as the work does and is full only when the task has ended.
 */

export type Stage = 'reading' | 'checking' | 'comparing' | 'writing';

export const STAGE_NAMES: Record<Stage, string> = {
  reading: 'Reading',
  checking: 'Checking',
  comparing: 'Comparing',
  writing: 'Writing',
};

/** Where a task is: its stage, the share of that stage done (0–1), and what it is doing, in words. */
export interface StageProgress {
  stage: Stage;
  fraction: number;
  detail: string;
}

export type Task = 'import' | 'recheck' | 'xlsx' | 'build';

/**
 * Each task's stages with their shares of its time, as measured with 1,153 generated responses in
 * Chromium (`npm run bench:pane`, docs/taskpane.md): reading the files (opening them, choosing the
 * questionnaire from a sample, reading each) is about four fifths of an import and the checks the
 * rest; building the plan (the comparisons) about a tenth of making the .xlsx and writing the file
 * the rest. Writing into a live workbook depends on Excel; it is given the same shares.
 */
export const TASK_STAGES: Record<Task, readonly (readonly [Stage, number])[]> = {
  import: [
    ['reading', 0.8],
    ['checking', 0.2],
  ],
  recheck: [['checking', 1]],
  xlsx: [
    ['comparing', 0.1],
    ['writing', 0.9],
  ],
  build: [
    ['comparing', 0.1],
    ['writing', 0.9],
  ],
};

/** The share of the checking stage done when the checks end; the rest is the result's way to the page. */
export const CHECKED_SHARE = 0.9;

/**
 * The share of the reading stage that opening the chosen files takes (their bytes read on the page),
 * before the worker reads what they hold.
 */
export const OPENING_SHARE = 0.05;

/** The bar never shows full while the task runs: its end (the result shown) is work too. */
export const RUNNING_MAX = 0.99;

const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** The bar's value: the stages before this one, and this one's share of its own. */
export function barValue(task: Task, p: Pick<StageProgress, 'stage' | 'fraction'>): number {
  let before = 0;
  for (const [stage, share] of TASK_STAGES[task]) {
    if (stage === p.stage) return Math.min(RUNNING_MAX, before + share * clamp(p.fraction));
    before += share;
  }
  return Math.min(RUNNING_MAX, before);
}

/** "Step 1 of 2, reading: 031_cog.txt (3 of 99)". */
export function stageLine(task: Task, p: StageProgress): string {
  const stages = TASK_STAGES[task];
  const at = stages.findIndex(([stage]) => stage === p.stage);
  const name = STAGE_NAMES[p.stage];
  const step =
    stages.length > 1 && at >= 0 ? `Step ${at + 1} of ${stages.length}, ${name.toLowerCase()}` : name;
  return p.detail ? `${step}: ${p.detail}` : step;
}

/** Where the running task is, with the bar's value (which never goes back). */
export interface TaskProgress extends StageProgress {
  task: Task;
  value: number;
}

/**
 * The running task's progress, held apart from the pane's state: a report re-renders the progress bar
 * alone, not the pane and its lists.
 */
export class ProgressStore {
  private current: TaskProgress | undefined;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly get = () => this.current;

  /** A task starts: its first stage, at the start of the bar. */
  start(task: Task, first: StageProgress): void {
    this.current = { ...first, task, value: barValue(task, first) };
    this.notify();
  }

  /** A report of the running task; the bar moves on, never back. A stage not of this task is passed over. */
  report(p: StageProgress): void {
    if (!this.current) return;
    const { task, value } = this.current;
    if (!TASK_STAGES[task].some(([stage]) => stage === p.stage)) return;
    this.current = { ...p, task, value: Math.max(value, barValue(task, p)) };
    this.notify();
  }

  end(): void {
    this.current = undefined;
    this.notify();
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }
}
