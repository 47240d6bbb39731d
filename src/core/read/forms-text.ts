/**
 * A Microsoft Forms per-respondent page saved as text (.txt/.md). The page prints every choice
 * question's options without marking the chosen one, so selections are not recorded; only an
 * "Other" answer shows, as its typed text printed in place of the option.
 */
import { isChoiceType, type Definition, type Question } from '../definition';
import type { RawAnswer, RawResponse } from '../model';
import { ReadError } from './errors';
import {
  detectTextLayout,
  normalizeLabel,
  splitIntoBlocks,
  textAnswer,
  withoutBullet,
  type QuestionBlock,
} from './text-lines';

interface PageHeader {
  responseId: string;
  respondent?: string;
  durationSeconds?: number;
}

const DURATION = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/;

/** "173:55" is minutes and seconds; "1:02:03" hours, minutes and seconds. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const [a, b, c] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
  return c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
}

/** Reads "Respondent / 102 / Anonymous / 173:55 / Time to complete" above the first question. */
function readPageHeader(preamble: readonly string[]): PageHeader {
  const lines = preamble.map((l) => l.replace(/[\s\u200b]+/g, ' ').trim()).filter((l) => l !== '');
  const header: PageHeader = { responseId: '' };
  const timeLabel = lines.findIndex((l) => /^time to complete:?$/i.test(l));
  const durationAt = [timeLabel - 1, timeLabel + 1].find(
    (i) => timeLabel >= 0 && DURATION.test(lines[i] ?? ''),
  );
  if (durationAt !== undefined) header.durationSeconds = parseDuration(lines[durationAt]);

  const label = lines.findIndex((l) => /^respondent\b/i.test(l));
  if (label < 0) return header;
  let next = label + 1;
  const inline = /^respondent\s*:?\s*#?\s*(\d+)$/i.exec(lines[label]);
  if (inline) header.responseId = inline[1];
  else if (/^#?\d+$/.test(lines[next] ?? '')) header.responseId = lines[next++].replace('#', '');
  const name = lines[next];
  if (name !== undefined && next !== timeLabel && next !== durationAt) header.respondent = name;
  return header;
}

/** The options a page lists, minus the known ones: what is left is typed "Other" text. */
function choiceAnswer(question: Question, block: QuestionBlock): RawAnswer {
  const known = new Set([...(question.options ?? []), question.otherOption ?? ''].map(normalizeLabel));
  const typed = block.lines
    .map((line) => withoutBullet(line).trim())
    .filter((label) => label !== '' && !known.has(normalizeLabel(label)));
  if (!question.otherOption || typed.length === 0) return {};
  return { selected: [question.otherOption], other: typed.join('\n') };
}

export function readFormsText(text: string, def: Definition): RawResponse {
  try {
    const { preamble, blocks } = splitIntoBlocks(text, def);
    const header = readPageHeader(preamble);
    const answers: Record<string, RawAnswer> = {};
    for (const block of blocks) {
      const q = block.question;
      answers[q.id] = isChoiceType(q.type) ? choiceAnswer(q, block) : { text: textAnswer(block.lines) };
    }
    const response: RawResponse = {
      responseId: header.responseId,
      format: 'forms-text',
      choicesRecorded: false,
      answers,
    };
    if (header.respondent !== undefined) response.respondent = header.respondent;
    if (header.durationSeconds !== undefined) response.durationSeconds = header.durationSeconds;
    return response;
  } catch (err) {
    if (err instanceof ReadError) throw err;
    throw new ReadError('malformed', `could not read the Forms page: ${String(err)}`);
  }
}

export function looksLikeFormsText(text: string, def: Definition): boolean {
  return detectTextLayout(text, def) === 'forms-text';
}
