/**
 * A text file may hold several responses: Forms pages saved one after another, or several Word
 * questionnaires saved as text. Each starts again at the questionnaire's first question; the text is
 * cut there, before the page header (Respondent, Time to complete, the title, a separator line)
 * that precedes it, so that no respondent is read as part of another's last answer.
 */
import type { Definition, Question } from '../definition';
import {
  enoughQuestions,
  normalizeLabel,
  questionIndex,
  splitLines,
  unescapeMarkdown,
  type QuestionIndex,
} from './text-lines';

const SEPARATOR = /^\s*(?:[-=_*#~]\s*){3,}$/;

/** The texts of the responses a text holds, in order; the text itself when it holds one. */
export function splitResponses(text: string, def: Definition): string[] {
  const index = questionIndex(def);
  const lines = splitLines(text);
  // The first question printed, and the lines that print its text again: a cheap look first, as
  // most files hold one response; each such line is then confirmed as that question's header.
  let first: Question | undefined;
  for (let i = 0; i < lines.length && !first; i++) first = index.matchHeaders(lines[i], i)[0]?.question;
  if (!first) return [text];
  const wording = normalizeLabel(first.text).replace(/\s*\*+$/, '');
  const question = first;
  const candidates = lines.flatMap((line, i) =>
    index.matchHeaders(line, i).some((h) => h.question === question) && normalizeLabel(line).includes(wording)
      ? [i]
      : [],
  );
  if (candidates.length < 2) return [text];
  // A repeat starts a response when the questions that follow it, up to the next repeat, are
  // enough for one; each segment is looked at once.
  const restarts = candidates.slice(1).filter((at, k) => {
    const segment = lines.slice(at, candidates[k + 2] ?? lines.length);
    return enoughQuestions(index.findHeaders(segment).length, def);
  });
  if (!restarts.length) return [text];
  const cuts = restarts.map((at) => pageStart(lines, at, def, index));
  const pages: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    if (cut <= start) continue;
    pages.push(lines.slice(start, cut).join('\n'));
    start = cut;
  }
  pages.push(lines.slice(start).join('\n'));
  return pages;
}

/** The first line of the page whose first question is at `at`: its header lines, looked for just above. */
function pageStart(lines: readonly string[], at: number, def: Definition, index: QuestionIndex): number {
  const title = normalizeLabel(def.title);
  let start = at;
  let seen = 0;
  for (let i = at - 1; i >= 0 && seen < 12; i--) {
    const raw = lines[i].trim();
    if (!raw) continue;
    seen++;
    const line = normalizeLabel(raw);
    const marker =
      SEPARATOR.test(raw) ||
      /^respondent\b/.test(line) ||
      line === 'time to complete' ||
      line === title ||
      (index.isFiller(raw) && /\]\(#\)$/.test(unescapeMarkdown(raw)));
    if (marker) start = i;
  }
  return start;
}
