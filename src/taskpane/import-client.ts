/**
 * Runs an import in the worker, posting the files' bytes as transferables and relaying progress;
 * on the main thread only where a worker cannot start.
 */
import type { InputFile } from '../core/model';
import type { BatchResult } from '../core/pipeline';
import type { FromWorker, ToWorker } from './messages';
import type { ChooseAndImport } from './choose-and-import';
import { importOnMainThread } from './import-main-thread';
import { spawnImportWorker } from './spawn-worker';

/** What an import is asked: the same in the worker and on the main thread. */
export type ImportRequest = ChooseAndImport;

export type RunImport = (request: ImportRequest) => Promise<BatchResult>;

const aborted = () => new DOMException('The import was cancelled', 'AbortError');

/** Resolves with the worker once it has started, or undefined when it cannot start. */
function startWorker(): Promise<Worker | undefined> {
  if (typeof Worker === 'undefined') return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = spawnImportWorker();
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

export const runImport: RunImport = async (req) => {
  if (req.signal?.aborted) throw aborted();
  const worker = await startWorker();
  if (!worker) return importOnMainThread(req);
  if (req.signal?.aborted) {
    worker.terminate();
    throw aborted();
  }
  return new Promise<BatchResult>((resolve, reject) => {
    const finish = () => {
      worker.terminate();
      req.signal?.removeEventListener('abort', onAbort);
    };
    // The worker may be busy inside one file: stop it outright.
    const onAbort = () => {
      finish();
      reject(aborted());
    };
    req.signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === 'progress') req.onProgress?.(msg);
      else if (msg.type === 'done') {
        finish();
        resolve(msg.result);
      } else if (msg.type === 'failed') {
        finish();
        reject(new Error(msg.message));
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      finish();
      reject(new Error(`The import stopped: ${e.message || 'the worker failed'}`));
    };
    const message: ToWorker = {
      type: 'import',
      questionnaire: req.questionnaire,
      stored: req.stored,
      perCountry: req.perCountry,
      files: req.files,
      previous: req.previous,
      encodings: req.encodings,
    };
    const named = typeof req.questionnaire === 'object' ? [req.questionnaire] : [];
    const transfer = uniqueBuffers([...req.files, ...named]);
    worker.postMessage(message, transfer);
  });
};

/** Each file's buffer once; a view of a shared buffer is copied so transferring it detaches nothing else. */
function uniqueBuffers(files: InputFile[]): ArrayBuffer[] {
  const seen = new Set<ArrayBufferLike>();
  for (const f of files) {
    if (
      f.bytes.byteOffset !== 0 ||
      f.bytes.byteLength !== f.bytes.buffer.byteLength ||
      seen.has(f.bytes.buffer)
    ) {
      f.bytes = f.bytes.slice();
    }
    seen.add(f.bytes.buffer);
  }
  return [...seen].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
