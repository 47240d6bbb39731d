/**
 * A text file may hold several responses: Forms pages saved one after another, or several Word
 * questionnaires saved as text. Each starts again at the questionnaire's first question; the text is
 * cut there, before the page header (Respondent, Time to complete, the title, a separator line)
 * that precedes it, so that no respondent is read as part of another's last answer.
 */
import type { Definition } from '../definition';
import { enoughQuestions, normalizeLabel, QuestionIndex, splitLines, unescapeMarkdown } from './text-lines';

const SEPARATOR = /^\s*(?:[-=_*#~]\s*){3,}$/;

/** The texts of the responses a text holds, in order; the text itself when it holds one. */
export function splitResponses(text: string, def: Definition): string[] {
  const index = new QuestionIndex(def);
  const lines = splitLines(text);
  const headers = index.findHeaders(lines);
  if (headers.length === 0) return [text];
  const first = headers[0].question.number;
  // Where the first question is printed again after the questions that follow it.
  const restarts: number[] = [];
  let after = headers[headers.length - 1].line;
  for (;;) {
    const rest = lines.slice(after + 1);
    const again = rest.findIndex((line, i) =>
      index.matchHeaders(line, i).some((h) => h.question.number === first),
    );
    if (again < 0) break;
    const at = after + 1 + again;
    const following = index.findHeaders(lines.slice(at));
    if (!enoughQuestions(following.length, def)) break;
    restarts.push(at);
    after = at + following[following.length - 1].line;
  }
  if (!restarts.length) return [text];
  const cuts = restarts.map((at) => pageStart(lines, at, def, index));
  const pages: string[] = [];
  let start = 0;
  for (const cut of cuts) {
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
