/** Predicates and wording shared by the check rules. */
import type { Question } from '../definition';
import type { Answer } from '../model';
import { collapseWhitespace, isNegativeJustification, isPlaceholder } from '../text';

const EVIDENCE_LIMIT = 200;

/** The answer text an issue quotes: on one line, cut to about 200 characters. */
export function evidence(text: string): string {
  return shorten(text, EVIDENCE_LIMIT);
}

/** Nothing written or selected. A choice the file does not record is unknown, not blank. */
export function isBlank(answer: Answer | undefined): boolean {
  if (!answer) return true;
  if (answer.status === 'empty') return true;
  return answer.status === 'answered' && answer.value.trim() === '';
}

/** The options a file records as chosen; undefined where the choice is unknown or only inferred. */
export function recordedChoices(answer: Answer | undefined): string[] | undefined {
  if (!answer || (answer.status !== 'answered' && answer.status !== 'empty')) return undefined;
  if (answer.choices) return answer.choices;
  return answer.value
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);
}

/** True when the file records that `label` was chosen. */
export function recordedAs(answer: Answer | undefined, label: string): boolean {
  return recordedChoices(answer)?.includes(label) ?? false;
}

export { isNegativeJustification, isPlaceholder };

/** Text that says something: not blank and not a stand-in like "-" or "N/A". */
export function hasContent(text: string, placeholders: readonly string[]): boolean {
  return text.trim() !== '' && !isPlaceholder(text, placeholders);
}

/** "Q5 (Email)": the number and a short form of the question, for messages. */
export function describeQuestion(q: Question): string {
  const label = q.subLabel ? q.subLabel.replace(/^-\s*/, '') : q.text;
  return `Q${q.number} (${shorten(label, 60)})`;
}

function shorten(text: string, max: number): string {
  const flat = collapseWhitespace(text);
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Orders ids and file names as people read them: "9" before "10". */
export function compareNatural(a: string, b: string): number {
  return natural.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Milliseconds of an ISO 8601 timestamp. One without a zone ("2024-03-31T01:30:00", as Forms exports
 * write them) is a wall-clock time of an unknown zone, read as if it were UTC: the same instant on
 * every machine, and the difference of two such times is their wall-clock difference (a response
 * begun at 01:30 and completed at 03:30 the night clocks go forward took 2 h by the clock).
 */
export function timestampMs(timestamp: string): number {
  const t = timestamp.trim();
  const zoned = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(t);
  const dateTime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t);
  return Date.parse(dateTime && !zoned ? `${t.replace(' ', 'T')}Z` : t);
}
