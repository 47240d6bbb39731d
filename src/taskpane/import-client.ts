/**
 * Runs an import in the pane's worker: the earlier waves' responses go in slices, the files' bytes as
 * transferables, and the result comes back in slices; progress is relayed in stages. On the main
 * thread only where a worker cannot start.
 */
import type { InputFile } from '../core/model';
import type { BatchResult } from '../core/pipeline';
import type { ChooseAndImport } from './choose-and-import';
import { importOnMainThread } from './import-main-thread';
import type { IssueRow } from './issue-rows';
import { count } from './plural';
import { CHECKED_SHARE, RUNNING_MAX, type StageProgress } from './progress';
import { RESPONSES_PER_SLICE, slices } from './slices';
import { resultReceiver } from './transfer';
import { inWorker, NO_WORKER, postEach, type WorkerTask } from './worker-task';

/** What an import is asked: the same in the worker and on the main thread. */
export interface ImportRequest extends Omit<ChooseAndImport, 'onProgress' | 'onChecking' | 'onChoosing'> {
  onProgress?: (p: StageProgress) => void;
}

/** An import's result, with the worklist's rows where the worker made them. */
export type ImportedBatch = BatchResult & { rows?: IssueRow[] };

export type RunImport = (request: ImportRequest) => Promise<ImportedBatch>;

function importTask(req: ImportRequest): WorkerTask<ImportedBatch> {
  const result = resultReceiver((got, expected) =>
    req.onProgress?.({
      stage: 'checking',
      fraction: CHECKED_SHARE + ((RUNNING_MAX - CHECKED_SHARE) * got) / (expected || 1),
      detail: `listing ${count(result.responses.length, 'response')} and ${count(result.rows.length, 'issue')}`,
    }),
  );
  return {
    async send(post) {
      const earlier = req.previous?.responses ?? [];
      await postEach(slices(earlier, RESPONSES_PER_SLICE), (items) => post({ type: 'responses', items }));
      const named = typeof req.questionnaire === 'object' ? [req.questionnaire] : [];
      post(
        {
          type: 'import',
          questionnaire: req.questionnaire,
          stored: req.stored,
          perCountry: req.perCountry,
          files: req.files,
          previous: req.previous && { reviews: req.previous.reviews, countries: req.previous.countries },
          encodings: req.encodings,
        },
        uniqueBuffers([...req.files, ...named]),
      );
    },
    receive(msg) {
      if (msg.type === 'progress') req.onProgress?.(msg);
      const done = result.take(msg);
      return done && { value: done };
    },
  };
}

export const runImport: RunImport = async (req) => {
  const result = await inWorker(importTask(req), req.signal);
  return result === NO_WORKER ? importOnMainThread(req) : result;
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
