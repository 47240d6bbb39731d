/**
 * Makes the comparison workbook in the pane's worker: the batch's responses go in slices, the worker
 * builds the plan and either writes the .xlsx (a Blob, for a download or a new workbook) or sends
 * the plan back in slices (for the live workbook, which only the page can write).
 * On the main thread only where a worker cannot start. Cancelling terminates the worker.
 */
import { RUNNING_MAX, type StageProgress } from './progress';
import { RESPONSES_PER_SLICE, slices } from './slices';
import {
  placesOf,
  workbookOnMainThread,
  type LivePlan,
  type MakeWorkbook,
  type WorkbookRequest,
  type XlsxFile,
} from './workbook-main-thread';
import { planReceiver } from './transfer';
import { inWorker, NO_WORKER, postEach, type WorkerTask } from './worker-task';

/**
 * Shares of the comparing stage: the responses sent to the worker, the plan built there, and (for the
 * live workbook) the plan's way back to the page.
 */
const SENT = 0.1;
const BUILT = { xlsx: 1, plan: 0.8 };

/** The worker's progress, placed within the stage as the page sees it. */
function relay(req: WorkbookRequest, kind: 'xlsx' | 'plan', p: StageProgress) {
  const fraction = p.stage === 'comparing' ? SENT + (BUILT[kind] - SENT) * p.fraction : p.fraction;
  req.onProgress?.({ ...p, fraction });
}

/** The batch's responses, in slices, then what the plan is made of but them. */
async function sendInput(
  req: WorkbookRequest,
  kind: 'xlsx' | 'plan',
  post: Parameters<WorkerTask<unknown>['send']>[0],
) {
  const { responses, ...input } = req.input;
  await postEach(
    slices(responses, RESPONSES_PER_SLICE),
    (items) => post({ type: 'responses', items }),
    (done, total) =>
      req.onProgress?.({
        stage: 'comparing',
        fraction: (SENT * done) / total,
        detail: 'sending the responses',
      }),
  );
  post({ type: 'workbook', kind, input });
}

function xlsxTask(req: WorkbookRequest): WorkerTask<XlsxFile> {
  return {
    send: (post) => sendInput(req, 'xlsx', post),
    receive(msg) {
      if (msg.type === 'progress') relay(req, 'xlsx', msg);
      else if (msg.type === 'xlsx')
        return { value: { file: msg.file, sheets: msg.sheets, places: placesOf(msg.places) } };
      return undefined;
    },
  };
}

function planTask(req: WorkbookRequest): WorkerTask<LivePlan> {
  const plan = planReceiver((fraction) =>
    req.onProgress?.({
      stage: 'comparing',
      fraction: BUILT.plan + (RUNNING_MAX - BUILT.plan) * fraction,
      detail: 'receiving the sheets',
    }),
  );
  return {
    send: (post) => sendInput(req, 'plan', post),
    receive(msg) {
      if (msg.type === 'progress') relay(req, 'plan', msg);
      const done = plan.take(msg);
      return done && { value: done };
    },
  };
}

export const workbookInWorker: MakeWorkbook = {
  async xlsx(req) {
    const made = await inWorker(xlsxTask(req), req.signal);
    return made === NO_WORKER ? workbookOnMainThread.xlsx(req) : made;
  },
  async plan(req) {
    const made = await inWorker(planTask(req), req.signal);
    return made === NO_WORKER ? workbookOnMainThread.plan(req) : made;
  },
};
