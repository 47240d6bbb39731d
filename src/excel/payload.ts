/**
 * Request sizes. Excel on the web refuses a request (one `context.sync()`) whose payload exceeds
 * 5 MB, so the writer estimates what each queued action adds and syncs before the budget is spent.
 * The estimate is checked against the Office.js library itself (test/excel/officejs-harness.ts):
 * the library sends each action with its object path, so the overhead per action is counted here.
 */
import { excelErrorCode } from './errors';

/** What the writer allows itself per request, as the library serialises it: under the 5 MB limit. */
export const DEFAULT_REQUEST_BUDGET = 4 * 1024 * 1024;
/**
 * Object paths, ids and property names that each queued action carries besides its data: about 470
 * bytes for a property set on a range of a sheet found by name, as the library serialises it
 * (measured with test/excel/officejs-harness.ts), more once ids run to six or seven digits.
 */
export const ACTION_OVERHEAD = 560;

/** Cells per property set: the library splits a larger write into row slices of about this many cells. */
const LIBRARY_CHUNK_CELLS = 1500;
/** What each such slice adds: its own range path (two rows and their bounding rectangle) and action. */
const LIBRARY_CHUNK_BYTES = 900;

/**
 * What setting `properties` (values, number formats) on a rows × columns range adds to a request
 * beyond the JSON of the data: the library writes a range of more than 1,500 cells as slices of rows,
 * each with a range path of its own.
 */
export function rangeWriteOverhead(rows: number, columns: number, properties = 2): number {
  if (rows * columns <= LIBRARY_CHUNK_CELLS) return properties * 200;
  const rowsPerSlice = Math.max(1, Math.round(LIBRARY_CHUNK_CELLS / columns));
  return properties * Math.ceil(rows / rowsPerSlice) * LIBRARY_CHUNK_BYTES;
}

/** UTF-8 length of a string. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** UTF-8 length of a value serialised as JSON, the form in which Office.js sends it. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? '');
}

/**
 * Splits rows into consecutive slices whose estimated size stays within `maxBytes`.
 * `rowBytes(i)` is the size of row i; a row larger than the budget becomes a slice of its own.
 */
export function sliceBySize(
  count: number,
  rowBytes: (i: number) => number,
  maxBytes: number,
): [number, number][] {
  const slices: [number, number][] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < count; i++) {
    const bytes = rowBytes(i);
    if (i > start && size + bytes > maxBytes) {
      slices.push([start, i]);
      start = i;
      size = 0;
    }
    size += bytes;
  }
  if (count > start) slices.push([start, count]);
  return slices;
}

/** One queued action (or a few that belong together) with its estimated size and the step it is part of. */
export interface Op {
  bytes: number;
  step: string;
  queue: () => void;
  /** The same work as two or more smaller ops, when Excel refuses it as too large. */
  split?: () => Op[];
}

/**
 * Queues ops and syncs whenever the next one would take the request over budget, so every request
 * stays within it. A request Excel refuses as too large (nothing of it is applied) is sent again in
 * halves, down to single ops split by rows.
 */
export class RequestBatcher {
  private batch: Op[] = [];
  private pending = 0;
  requests = 0;
  largestRequest = 0;
  /** Requests Excel refused as too large and that were sent again in halves. */
  retries = 0;

  constructor(
    private readonly sync: (steps: string[]) => Promise<void>,
    private readonly maxBytes: number,
    /** Queued at the start of each request (e.g. suspending calculation until its sync). */
    private readonly opening?: () => void,
  ) {}

  async add(op: Op): Promise<void> {
    const size = op.bytes + ACTION_OVERHEAD;
    if (this.batch.length > 0 && this.pending + size > this.maxBytes) await this.flush();
    // A request opens with its own action (suspending calculation), counted with the first op.
    if (this.batch.length === 0 && this.opening) this.pending = ACTION_OVERHEAD;
    this.batch.push(op);
    this.pending += size;
  }

  /** Syncs what is queued, if anything. */
  async flush(): Promise<void> {
    const ops = this.batch;
    this.batch = [];
    this.pending = 0;
    if (ops.length) await this.send(ops);
  }

  private async send(ops: Op[]): Promise<void> {
    if (this.opening) this.opening();
    for (const op of ops) op.queue();
    const size = ops.reduce((n, o) => n + o.bytes + ACTION_OVERHEAD, this.opening ? ACTION_OVERHEAD : 0);
    try {
      await this.sync([...new Set(ops.map((o) => o.step))]);
    } catch (error) {
      if (excelErrorCode(error) !== 'RequestPayloadSizeLimitExceeded') throw error;
      const halves = halve(ops);
      if (!halves) throw error;
      this.retries++;
      for (const half of halves) await this.send(half);
      return;
    }
    this.requests++;
    this.largestRequest = Math.max(this.largestRequest, size);
  }
}

function halve(ops: Op[]): Op[][] | undefined {
  if (ops.length > 1) {
    const mid = Math.ceil(ops.length / 2);
    return [ops.slice(0, mid), ops.slice(mid)];
  }
  const parts = ops[0].split?.();
  if (!parts || parts.length < 2) return undefined;
  const mid = Math.ceil(parts.length / 2);
  return [parts.slice(0, mid), parts.slice(mid)];
}
