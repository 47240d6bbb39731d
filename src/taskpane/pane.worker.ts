/**
 * The pane's work off the main thread, so the pane never freezes: reading and checking a batch, and
 * making its workbook (the plan, and the .xlsx written from it). One task per worker: the page
 * terminates the worker when the task ends or is cancelled. Large arrays arrive and leave in slices
 * (messages.ts, transfer.ts); the .xlsx leaves as a Blob, which the page receives without a copy.
 */
import type { Response } from '../core/model';
import { importInStages } from './choose-and-import';
import { issueRows } from './issue-rows';
import { makePlan, makeXlsx } from './make-workbook';
import type { FromWorker, ToWorker } from './messages';
import type { StageProgress } from './progress';
import { XLSX_TYPE } from './workbook-main-thread';
import { planMessages, resultMessages } from './transfer';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: FromWorker, transfer?: Transferable[]) => scope.postMessage(message, transfer);

/** Responses sent ahead of the task, in slices. */
const received: Response[] = [];

async function run(msg: ToWorker): Promise<void> {
  if (msg.type === 'responses') {
    received.push(...msg.items);
    return;
  }
  if (msg.type === 'import') {
    const result = await importInStages(
      {
        files: msg.files,
        previous: msg.previous && { ...msg.previous, responses: received },
        questionnaire: msg.questionnaire,
        stored: msg.stored,
        perCountry: msg.perCountry,
        encodings: msg.encodings,
      },
      (p) => post({ type: 'progress', ...p }),
    );
    // The worklist's rows are made here too: ordering and the search text are work the page is spared.
    const rows = issueRows(result.definition, result.responses, result.issues);
    for (const message of resultMessages(result, rows)) post(message);
    return;
  }
  const input = { ...msg.input, responses: received };
  const onProgress = (p: StageProgress) => post({ type: 'progress', ...p });
  if (msg.kind === 'xlsx') {
    const made = await makeXlsx(input, onProgress);
    const file = new Blob([made.bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE });
    post({ type: 'xlsx', file, sheets: made.sheets, places: made.places });
    return;
  }
  const { plan, places } = makePlan(input, onProgress);
  for (const message of planMessages(plan, places)) post(message);
}

scope.onmessage = async (event) => {
  try {
    await run(event.data);
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};

post({ type: 'ready' });
