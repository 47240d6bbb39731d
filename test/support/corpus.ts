import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InputFile } from '../../src/core/model';

/** The labelled corpus and the seed live outside the repository, beside it. */
export const SHARED = resolve(__dirname, '../../../shared');
export const CORPUS_FILES = join(SHARED, 'corpus/msq-2022/files');
export const SEED_FILE = join(SHARED, 'seed/000_a61f6b65a0a42cc9.txt');

export interface TruthAnswer {
  value: string | string[];
  other?: string;
}

export interface TruthResponse {
  response_id: string;
  file: string;
  format: 'forms-text' | 'word' | 'export';
  country_iso3: string;
  country_written: string;
  country_source: 'answer' | 'inferred';
  choices_recorded: boolean;
  answers: Record<string, TruthAnswer>;
  expected: [string, string][];
  allowed: [string, string][];
  supersedes?: string;
}

export function loadTruth(): TruthResponse[] {
  return JSON.parse(readFileSync(join(SHARED, 'corpus/msq-2022/truth/responses.json'), 'utf8')).responses;
}

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
    .map((name) => loadFile(join(CORPUS_FILES, name)));
}

/** Truth's answer in the product's display form: option labels, `Other: <text>`, choices joined by "; ". */
export function truthDisplayValue(a: TruthAnswer): string {
  const parts = Array.isArray(a.value) ? a.value : a.value === '' ? [] : [a.value];
  return parts.map((p) => (p === 'Other' && a.other ? `Other: ${a.other}` : p)).join('; ');
}

export const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
