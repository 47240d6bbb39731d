/** The import on the main thread, for where a worker cannot start; its code loads on first use. */
import type { BatchResult } from '../core/pipeline';
import type { ImportRequest } from './import-client';

export const QUESTIONNAIRE = 'msq-2022';

export async function importOnMainThread(req: ImportRequest): Promise<BatchResult> {
  const [{ importBatch }, { loadQuestionnaire }] = await Promise.all([
    import(/* webpackChunkName: "import-main" */ '../core/pipeline'),
    import(/* webpackChunkName: "import-main" */ '../core/definition'),
  ]);
  return importBatch(req.files, loadQuestionnaire(QUESTIONNAIRE), {
    previous: req.previous,
    encodings: req.encodings,
    onProgress: req.onProgress,
    signal: req.signal,
  });
}
