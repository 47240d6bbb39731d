/** The typed model every stage after reading works on. */

/**
 * The layout a response came in: a Forms page saved as text, a Word questionnaire, a table with one
 * row per response (an export of any survey tool), or a workbook per respondent (a vertical template).
 */
export type SourceFormat = 'forms-text' | 'word' | 'export' | 'workbook';

/** How a value came to be: written in the file, derived, or absent. */
export type ValueStatus = 'answered' | 'empty' | 'not-applicable' | 'not-recorded' | 'inferred';

/** A file of the batch, as bytes: readers never touch a file system. */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * One question's answer as a reader found it, before statuses are decided.
 * Text questions set `text`. Choice questions set `selected` (option labels) when the
 * file records the selection, or leave it undefined when it does not; `other` is the
 * typed text of an "Other" option.
 */
export interface RawAnswer {
  text?: string;
  selected?: string[];
  other?: string;
}

/** One response as a reader found it. */
export interface RawResponse {
  responseId: string;
  format: SourceFormat;
  /** False where the layout does not say which option was chosen (Forms pages). */
  choicesRecorded: boolean;
  respondent?: string;
  /** ISO 8601 timestamps, where the file gives them. */
  startTime?: string;
  completionTime?: string;
  durationSeconds?: number;
  /** False where the tool marks the response unfinished (LimeSurvey, Qualtrics). */
  complete?: boolean;
  /** The country the file's name gives ("DE_ODM 2023.xlsx"), as written there. */
  countryFromFileName?: string;
  answers: Record<string, RawAnswer>;
}

export interface Answer {
  questionId: string;
  /** Display value: the text, an option label, `Other: <text>`, several choices joined by `; `. */
  value: string;
  status: ValueStatus;
  /** Chosen option labels (choice questions, where recorded or inferred). */
  choices?: string[];
  other?: string;
  /** Why an inferred value was inferred. */
  basis?: string;
}

/** Where a response's country comes from: its answer, the file's name, the analyst, inference, or nowhere. */
export type CountrySource = 'answer' | 'file-name' | 'analyst' | 'inferred' | 'unknown';

export interface CountryInfo {
  iso3: string;
  name: string;
  source: CountrySource;
  /** What the respondent wrote, if anything. */
  written: string;
  region: string;
  subregion: string;
  /** The clues behind an inferred country. */
  evidence?: string;
}

/** How a text file's bytes were read into text. */
export interface TextReading {
  /** WHATWG name of the encoding ("utf-8", "windows-1250", "koi8-r"…). */
  encoding: string;
  /**
   * From 0 to 1: 1 for a byte order mark, UTF-8 or UTF-16 bytes, or the analyst's choice; for a
   * detected code page, how far its reading beats the next reading that gives a different text.
   */
  confidence: number;
  /** What decided: a byte order mark, the bytes being Unicode, detection, or the analyst's choice. */
  basis: 'bom' | 'unicode' | 'detected' | 'chosen';
  /** Other encodings reading the file differently and nearly as well, best first. */
  alternatives: { encoding: string; sample: string[] }[];
}

/** Below this confidence a detected encoding is reported as uncertain, for the analyst to check. */
export const CONFIDENT_READING = 0.75;

export interface Response {
  responseId: string;
  sourceFile: string;
  format: SourceFormat;
  choicesRecorded: boolean;
  respondent?: string;
  startTime?: string;
  completionTime?: string;
  durationSeconds?: number;
  /** False where the tool marks the response unfinished (LimeSurvey, Qualtrics); undefined where it does not say. */
  complete?: boolean;
  answers: Record<string, Answer>;
  country: CountryInfo;
  status: 'current' | 'superseded';
  /** `sourceFile/responseId` of the response that replaces this one. */
  supersededBy?: string;
  /**
   * How the file's text was read, where its code page was guessed (not kept in the workbook: a
   * response of an earlier wave comes back without it).
   */
  reading?: TextReading;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  responseId: string;
  sourceFile: string;
  /** Empty for a response-level issue. */
  questionId: string;
  rule: string;
  severity: Severity;
  message: string;
  evidence: string;
  /** Stable across re-runs and re-imports: source file, response, question, rule. */
  key: string;
}

export type Review = 'Open' | 'Confirmed' | 'Dismissed' | 'Fixed';

export interface FileReport {
  sourceFile: string;
  /** `definition`: the questionnaire's definition (an XLSForm, a blank template), not a response. */
  status: 'imported' | 'rejected' | 'definition';
  format?: SourceFormat;
  responses: number;
  message: string;
  /** How the file's text was read, for a text file (the pane offers to read it another way). */
  reading?: TextReading;
  /**
   * Responses of this file that were copies of a submission read from another file of the batch
   * (same answers), merged into that one: `file/id (kept as file/id)`. `responses` still counts them.
   */
  merged?: string[];
}

export function responseKey(r: { sourceFile: string; responseId: string }): string {
  return `${r.sourceFile}/${r.responseId}`;
}

export function issueKey(sourceFile: string, responseId: string, questionId: string, rule: string): string {
  return [sourceFile, responseId, questionId, rule].join('|');
}
