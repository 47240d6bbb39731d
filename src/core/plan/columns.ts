import type { ColumnKind, ColumnSpec } from './types';

const formats: Record<ColumnKind, string> = {
  text: '@',
  integer: '0',
  number: '0.0',
  percent: '0%',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** A column spec with the number format of its kind; text columns get "@" so nothing typed there becomes a formula. */
export function column(header: string, kind: ColumnKind, width: number, wrap?: boolean): ColumnSpec {
  const spec: ColumnSpec = { header, kind, width, numberFormat: formats[kind] };
  if (wrap) spec.wrap = true;
  return spec;
}

/** Column headers of the tables a later import reads back; renaming one breaks reading older workbooks. */
export const responseHeaders = {
  id: 'Response id',
  file: 'File',
  format: 'Format',
  country: 'Country',
  iso3: 'ISO3',
  region: 'Region',
  subregion: 'Sub-region',
  countrySource: 'Country source',
  submitted: 'Submitted',
  minutes: 'Time to complete (minutes)',
  status: 'Status',
  completeness: 'Completeness %',
  errors: 'Errors',
  warnings: 'Warnings',
  respondent: 'Respondent',
  startTime: 'Start time',
  completionTime: 'Completion time',
  durationSeconds: 'Duration (s)',
  choicesRecorded: 'Choices recorded',
  /** Yes or No where the survey tool says whether the respondent submitted; blank where it does not. */
  finished: 'Finished',
  written: 'Country as written',
  evidence: 'Country evidence',
  supersededBy: 'Superseded by',
  /** A country name or ISO code the analyst sets; kept across imports and winning over the answer. */
  countrySet: 'Country set by analyst',
} as const;

export const answerHeaders = {
  response: 'Response',
  file: 'File',
  country: 'Country',
  iso3: 'ISO3',
  region: 'Region',
  section: 'Section',
  questionId: 'Question id',
  number: 'Number',
  text: 'Question text',
  value: 'Value',
  valueStatus: 'Value status',
  score: 'Score',
  links: 'Link count',
  issues: 'Issue count',
  status: 'Status',
  choices: 'Choices',
  other: 'Other',
  basis: 'Basis',
} as const;

export const issueHeaders = {
  response: 'Response',
  country: 'Country',
  section: 'Section',
  question: 'Question',
  rule: 'Rule',
  severity: 'Severity',
  message: 'Message',
  evidence: 'Evidence',
  review: 'Review',
  note: 'Note',
  responseStatus: 'Response status',
  key: 'Issue key',
} as const;

export const tableNames = {
  responses: 'Responses',
  answers: 'Answers',
  issues: 'Issues',
  questions: 'Questions',
  files: 'Files',
  definition: 'Definition',
} as const;

/** Columns of the hidden Definition table: the definition as JSON, cut into parts a cell can hold. */
export const definitionHeaders = { part: 'Part', json: 'Definition JSON' } as const;

export const reviewValues = ['Open', 'Confirmed', 'Dismissed', 'Fixed'] as const;
