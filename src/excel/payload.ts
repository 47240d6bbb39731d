/**
 * Request sizes. Excel on the web rejects a request (one `context.sync()`) whose payload exceeds
 * 5 MB, so the writer estimates what each queued action adds and syncs before the budget is spent.
 */

/** What the writer allows itself per request, well under the 5 MB limit. */
export const DEFAULT_REQUEST_BUDGET = 4 * 1024 * 1024;
/** Object paths, ids and property names that each queued action carries besides its data. */
export const ACTION_OVERHEAD = 256;

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

/**
 * Queues actions and syncs whenever the next one would take the request over budget,
 * so every request stays within it and there is one sync per full request.
 */
export class RequestBatcher {
  private pending = 0;
  private actions = 0;
  requests = 0;
  largestRequest = 0;

  constructor(
    private readonly sync: () => Promise<void>,
    private readonly maxBytes: number,
    /** Queued at the start of each request (e.g. suspending calculation until its sync). */
    private readonly opening?: () => void,
  ) {}

  async add(bytes: number, queue: () => void): Promise<void> {
    const size = bytes + ACTION_OVERHEAD;
    if (this.actions > 0 && this.pending + size > this.maxBytes) await this.flush();
    if (this.actions === 0 && this.opening) {
      this.opening();
      this.pending += ACTION_OVERHEAD;
    }
    queue();
    this.pending += size;
    this.actions++;
  }

  /** Syncs what is queued, if anything. */
  async flush(): Promise<void> {
    if (this.actions === 0) return;
    const size = this.pending;
    this.pending = 0;
    this.actions = 0;
    await this.sync();
    this.requests++;
    this.largestRequest = Math.max(this.largestRequest, size);
  }
}
