/** Why a file could not be read; shown per file in the import report. */
export type ReadErrorCode =
  'empty' | 'binary' | 'truncated' | 'too-large' | 'not-a-response' | 'unsupported' | 'malformed';

export class ReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}
