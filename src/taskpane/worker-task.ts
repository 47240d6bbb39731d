/**
 * One task in a worker of its own: the worker is started, sent the task (slices first, the page
 * yielding between them), listened to, and terminated when the task ends, fails or is cancelled.
 * Cancelling terminates the worker at once, whatever it is doing.
 */
import type { FromWorker, ToWorker } from './messages';
import { nextTask } from './slices';
import { spawnPaneWorker } from './spawn-worker';

export interface WorkerTask<T> {
  /** Posts the task's messages in order; `post` drops them once the task is over. */
  send(post: (message: ToWorker, transfer?: Transferable[]) => void): Promise<void>;
  /** Each message of the worker's but `ready` and `failed`; returns `{ value }` once the task has its result. */
  receive(message: FromWorker): { value: T } | undefined;
}

/** The worker could not start (no Worker in this web view, or its script refused): run on the page. */
export const NO_WORKER = Symbol('no worker');

export const cancelled = () => new DOMException('The task was cancelled', 'AbortError');

/** Resolves with the worker once it has started, or undefined when it cannot start. */
function startWorker(): Promise<Worker | undefined> {
  if (typeof Worker === 'undefined') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = spawnPaneWorker();
    } catch {
      resolve(undefined);
      return;
    }
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === 'ready') resolve(worker);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      resolve(undefined);
    };
  });
}

/** Posts each item's message, the page yielding between them so no task of its own runs long. */
export async function postEach<T>(
  items: T[],
  post: (item: T) => void,
  onPosted?: (done: number, total: number) => void,
): Promise<void> {
  for (const [i, item] of items.entries()) {
    post(item);
    onPosted?.(i + 1, items.length);
    await nextTask();
  }
}

export async function inWorker<T>(task: WorkerTask<T>, signal?: AbortSignal): Promise<T | typeof NO_WORKER> {
  if (signal?.aborted) throw cancelled();
  const worker = await startWorker();
  if (!worker) return NO_WORKER;
  return new Promise<T>((resolve, reject) => {
    let over = false;
    const end = () => {
      over = true;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown) => {
      if (over) return;
      end();
      reject(error);
    };
    const onAbort = () => fail(cancelled());
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (over) return;
      const message = e.data;
      if (message.type === 'failed') {
        fail(new Error(message.message));
        return;
      }
      try {
        const done = task.receive(message);
        if (done) {
          end();
          resolve(done.value);
        }
      } catch (error) {
        fail(error);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail(new Error(`The task stopped: ${e.message || 'the worker failed'}`));
    };
    task
      .send((message, transfer) => {
        if (!over) worker.postMessage(message, transfer ?? []);
      })
      .catch(fail);
  });
}
