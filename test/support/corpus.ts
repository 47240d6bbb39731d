import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InputFile } from '../../src/core/model';

/** The labelled corpus and the seed live outside the repository, beside it. */
export const SHARED = resolve(__dirname, '../../../shared');
export const CORPUS_FILES = join(SHARED, 'corpus/msq-2022/files');
export const SEED_FILE = join(SHARED, 'seed/000_a61f6b65a0a42cc9.txt');

/** The path of a file of the corpus. */
export const corpusFile = (name: string) => join(CORPUS_FILES, name);

export function loadFile(path: string): InputFile {
  const data = readFileSync(path);
  return {
    name: path.replace(/^.*\//, ''),
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

export function corpusInputFiles(): InputFile[] {
  return readdirSync(CORPUS_FILES)
    .sort()
    .map((name) => loadFile(corpusFile(name)));
}

/** Bytes read as UTF-8, without a byte-order mark. */
export const utf8Text = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');

/** A file's text, read as UTF-8. */
export const readText = (path: string) => utf8Text(readFileSync(path));

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
