/** The import on the main thread, for where a worker cannot start; its code loads on first use. */
import type { BatchResult } from '../core/pipeline';
import type { ImportRequest } from './import-client';

export async function importOnMainThread(req: ImportRequest): Promise<BatchResult> {
  const { importInStages } = await import(/* webpackChunkName: "import-main" */ './choose-and-import');
  return importInStages(req, (p) => req.onProgress?.(p));
}
