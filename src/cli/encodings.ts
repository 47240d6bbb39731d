import { basename, normalize } from 'node:path';
import { encodingName } from '../core/read';
import type { InputPath } from './files';

export interface EncodingChoices {
  batch?: string;
  files?: Record<string, string>;
}

/**
 * The analyst's `--encoding` values: `LABEL` for every text file of the batch, `FILE=LABEL` for one
 * file (named as the reports name it, by its path, or by its base name). Throws a message for the
 * usage error: an unknown label, a file not in the batch, two labels for the batch.
 */
export function parseEncodingChoices(values: string[], paths: InputPath[]): EncodingChoices {
  const choices: EncodingChoices = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const [file, label] = at < 0 ? [undefined, value] : [value.slice(0, at), value.slice(at + 1)];
    const encoding = encodingName(label);
    if (!encoding)
      throw new Error(`--encoding: "${label}" is not a known encoding (e.g. windows-1250, koi8-r)`);
    if (file === undefined) {
      if (choices.batch && choices.batch !== encoding)
        throw new Error('--encoding: two encodings given for the whole batch');
      choices.batch = encoding;
      continue;
    }
    const matches = paths.filter(
      (p) => p.name === file || normalize(p.path) === normalize(file) || basename(p.path) === file,
    );
    if (!matches.length) throw new Error(`--encoding: "${file}" is not a file of this batch`);
    choices.files = { ...choices.files };
    for (const p of matches) choices.files[p.name] = encoding;
  }
  return choices;
}
