import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { InputFile } from '../core/model';

/** Expands files and folders (recursively, hidden entries skipped) into a name-sorted list of paths. */
export async function collectPaths(args: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const arg of args) {
    const info = await stat(arg);
    if (info.isDirectory()) {
      const entries = await readdir(arg, { withFileTypes: true });
      const children = entries.filter((e) => !e.name.startsWith('.')).map((e) => join(arg, e.name));
      found.push(...(await collectPaths(children)));
    } else {
      found.push(arg);
    }
  }
  return [...new Set(found)].sort((a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b));
}

export async function loadInputFile(path: string): Promise<InputFile> {
  const data = await readFile(path);
  return { name: basename(path), bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
