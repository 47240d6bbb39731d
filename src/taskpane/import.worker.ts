/** Reads and checks a batch off the main thread, so the pane stays responsive. */
import { chooseAndImport } from './choose-and-import';
import type { FromWorker, ToWorker } from './messages';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: FromWorker) => scope.postMessage(message);

scope.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type !== 'import') return;
  try {
    const result = await chooseAndImport({
      files: msg.files,
      previous: msg.previous,
      questionnaire: msg.questionnaire,
      stored: msg.stored,
      perCountry: msg.perCountry,
      encodings: msg.encodings,
      onProgress: (p) => post({ type: 'progress', ...p }),
    });
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};

post({ type: 'ready' });
