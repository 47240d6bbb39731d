import { Worker } from 'node:worker_threads';
import { fromGzip, platformDeflater, type DeflatedPart, type Deflater } from '../xlsx/zip';

/**
 * The worker thread's code: one gzip stream (Node's zlib) per part, fed the part's pieces
 * as they come; the whole gzip member goes back when the part ends.
 */
const THREAD = `
const { parentPort } = require('node:worker_threads');
const { createGzip } = require('node:zlib');
const parts = new Map();
parentPort.on('message', ({ id, chunk, end }) => {
  let part = parts.get(id);
  if (!part) {
    const gzip = createGzip({ level: 5 });
    part = { gzip, chunks: [], length: 0 };
    gzip.on('data', (c) => {
      part.chunks.push(c);
      part.length += c.length;
    });
    gzip.on('end', () => {
      const gz = new Uint8Array(part.length);
      let at = 0;
      for (const c of part.chunks) {
        gz.set(c, at);
        at += c.length;
      }
      parts.delete(id);
      parentPort.postMessage({ id, gz }, [gz.buffer]);
    });
    gzip.on('error', (e) => parentPort.postMessage({ id, error: String((e && e.message) || e) }));
    parts.set(id, part);
  }
  if (chunk !== undefined) part.gzip.write(chunk);
  if (end) part.gzip.end();
});
`;

/**
 * Deflates workbook parts on a worker thread, so that on a machine with a second core the parts are
 * deflated while the main thread builds the next ones; where no worker can start, on the main
 * thread. `close` ends the thread.
 */
export function threadDeflater(): { deflater: Deflater; close(): Promise<void> } {
  let worker: Worker | undefined;
  let failure: Error | undefined;
  const waiting = new Map<number, { resolve(p: DeflatedPart): void; reject(e: Error): void }>();
  let next = 0;
  const fail = (e: Error) => {
    failure = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const start = () => {
    const thread = new Worker(THREAD, { eval: true });
    thread.on('message', ({ id, gz, error }: { id: number; gz?: Uint8Array; error?: string }) => {
      const w = waiting.get(id);
      waiting.delete(id);
      if (!w) return;
      if (error !== undefined) w.reject(new Error(`deflating a workbook part failed: ${error}`));
      else {
        try {
          w.resolve(fromGzip(gz!));
        } catch (e) {
          w.reject(e as Error);
        }
      }
    });
    thread.on('error', fail);
    thread.on('exit', () => fail(failure ?? new Error('the deflating thread stopped')));
    return thread;
  };
  const deflater: Deflater = () => {
    const id = next++;
    let thread: Worker;
    try {
      thread = worker ??= start();
    } catch {
      return platformDeflater(); // no worker thread here: deflate on this one
    }
    return {
      write: (chunk, handOver) => {
        if (!chunk.length) return;
        if (typeof chunk === 'string') thread.postMessage({ id, chunk });
        // A buffer handed over moves to the thread; any other chunk is copied (the view, not its buffer).
        else if (handOver) thread.postMessage({ id, chunk }, [chunk.buffer as ArrayBuffer]);
        else thread.postMessage({ id, chunk: chunk.slice() });
      },
      end: () =>
        new Promise<DeflatedPart>((resolve, reject) => {
          if (failure) return reject(failure);
          waiting.set(id, { resolve, reject });
          thread.postMessage({ id, end: true });
        }),
    };
  };
  return {
    deflater,
    close: async () => {
      const thread = worker;
      worker = undefined;
      if (thread) {
        failure ??= new Error('the deflating thread was closed');
        await thread.terminate();
      }
    },
  };
}
