/** Files the analyst chose, read into bytes only when the import starts. */
import type { InputFile } from '../core/model';

export interface PendingFile {
  /** Path within a chosen folder, else the file name. */
  name: string;
  size: number;
  read: () => Promise<Uint8Array>;
}

/** Hidden files and Office lock files turn up in folders but are never responses. */
export function isNoise(name: string): boolean {
  const base = name.replace(/^.*[\\/]/, '');
  return base.startsWith('.') || base.startsWith('~$') || /^(thumbs\.db|desktop\.ini)$/i.test(base);
}

/** Blob.arrayBuffer where the web view has it (older Office web views do not), else a FileReader. */
function bytesOf(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${(file as File).name}`));
    reader.readAsArrayBuffer(file);
  });
}

export function fromFile(file: File): PendingFile {
  const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  return { name: relative || file.name, size: file.size, read: () => bytesOf(file) };
}

/** Adds files, replacing an earlier choice of the same name. */
export function mergePending(current: PendingFile[], added: PendingFile[]): PendingFile[] {
  const byName = new Map(current.map((f) => [f.name, f]));
  for (const f of added) if (!isNoise(f.name)) byName.set(f.name, f);
  return [...byName.values()];
}

/** Files read at once: enough to keep the disk busy, few enough that starting them is a short task. */
const READ_AT_ONCE = 8;

/**
 * Reads every file's bytes, a few at a time; `onRead` is told the bytes read so far of all of them.
 * Cancelling stops it between files.
 */
export async function readAll(
  files: PendingFile[],
  onRead?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<InputFile[]> {
  const total = files.reduce((n, f) => n + f.size, 0) || 1;
  const out: InputFile[] = new Array(files.length);
  let done = 0;
  let next = 0;
  const reader = async () => {
    while (next < files.length) {
      if (signal?.aborted) throw new DOMException('The import was cancelled', 'AbortError');
      const i = next++;
      out[i] = { name: files[i].name, bytes: await files[i].read() };
      done += files[i].size;
      onRead?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, files.length) }, reader));
  return out;
}

/** The files of a drop, folders included (read recursively where the browser offers entries). */
export async function fromDataTransfer(data: DataTransfer): Promise<PendingFile[]> {
  const entries = Array.from(data.items ?? [])
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  if (!entries.length) return Array.from(data.files).map(fromFile);
  const out: PendingFile[] = [];
  for (const entry of entries) await collect(entry, '', out);
  return out;
}

async function collect(entry: FileSystemEntry, prefix: string, out: PendingFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push({ ...fromFile(file), name: prefix + file.name });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns the entries in batches until an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (!batch.length) break;
    for (const child of batch) await collect(child, `${prefix}${entry.name}/`, out);
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
