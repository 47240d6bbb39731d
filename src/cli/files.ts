import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, normalize, sep } from 'node:path';
import type { InputFile } from '../core/model';

/** A file to import and the name it goes by in reports and tables. */
export interface InputPath {
  path: string;
  name: string;
}

/** Office's lock files ("~$report.docx") and hidden entries are not part of a batch. */
const skipped = (name: string) => name.startsWith('.') || name.startsWith('~$');

async function walk(path: string, found: string[]): Promise<void> {
  if ((await stat(path)).isDirectory()) {
    const entries = await readdir(path, { withFileTypes: true });
    for (const e of entries.filter((x) => !skipped(x.name))) await walk(join(path, e.name), found);
  } else {
    found.push(path);
  }
}

/**
 * Expands files and folders (recursively) into a name-sorted list. A file goes by its name; where
 * two files share a name, each goes by its path as given, so neither replaces the other.
 */
export async function collectPaths(args: string[]): Promise<InputPath[]> {
  const found: string[] = [];
  for (const arg of args) await walk(arg, found);
  const unique = [...new Set(found.map((p) => normalize(p)))];
  const count = new Map<string, number>();
  for (const p of unique) count.set(basename(p), (count.get(basename(p)) ?? 0) + 1);
  return unique
    .map((path) => ({
      path,
      name: count.get(basename(path))! > 1 ? path.split(sep).join('/') : basename(path),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function loadInputFile({ path, name }: InputPath): Promise<InputFile> {
  const data = await readFile(path);
  return { name, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
