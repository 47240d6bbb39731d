import type { Definition, Question } from '../core/definition';
import { durationSeconds, interstitialsOf, isSelected, optionsOf, textLines, variationFor } from './layout';
import type { Random } from './random';
import type { SampleResponse } from './responses';

const viewResults = '[View results](#)';
const moreOptions = '[More options for Responses](#)';
const closing = [
  'Thank you for taking time to complete this important questionnaire. We very much appreciate your participation.',
  'Please complete this OPTIONAL Respondent Satisfaction Survey: <https://forms.office.com/r/yTrKyZCjdT>',
];

/**
 * A Microsoft Forms per-respondent page saved as text: a header, then each question with its answer below.
 * Choice questions list their options without marking the chosen one; a typed "Other" answer shows in
 * place of the "Other" label.
 */
export function renderFormsText(r: SampleResponse, def: Definition): string {
  const rnd = variationFor(r, 0xf0a5);
  const isNoise = (line: string) => def.noise.some((n) => new RegExp(n).test(line));
  const places = interstitialsOf(def, { sectionTitlesFirst: false, notes: true });
  const seconds = durationSeconds(r);

  const out: string[] = ['', ''];
  if (isNoise(viewResults)) out.push(viewResults, '');
  out.push('Respondent', '', r.responseId, '', r.respondent ?? 'Anonymous', '');
  out.push(
    `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`,
    '',
    'Time to complete',
    '',
  );

  // The page's "More options" button lands among the first questions once the text is saved.
  const noiseAfter = isNoise(moreOptions)
    ? def.questions[Math.min(def.questions.length - 1, rnd.int(1, 4))].id
    : '';
  for (const q of def.questions) {
    for (const text of places.before.get(q.id) ?? []) out.push(text, '');
    const star = q.required ? ' *' : '';
    if (q.subLabel) {
      out.push(`${q.number}. ${q.text}`);
      if (!rnd.chance(0.1)) out.push('');
      out.push(`- ${q.subLabel}${star}`, '');
    } else out.push(`${q.number}. ${q.text}${star}`, '');
    for (const text of places.underTitle.get(q.id) ?? []) out.push(text, '');
    if (q.id === noiseAfter) out.push(moreOptions, '');

    const lines = q.type === 'text' ? textLines(r.answers[q.id]) : optionLines(q, r, rnd);
    if (lines.length) out.push(...lines, '');
  }

  const footer = def.footer.length ? [...def.footer, ...closing] : [];
  for (const line of footer) out.push(line, '');
  out.pop();
  return out.join('\n') + (rnd.chance(0.8) ? '\n' : '');
}

/** The options as the page prints them, in one of the list shapes the saved pages show. */
function optionLines(q: Question, r: SampleResponse, rnd: Random): string[] {
  const answer = r.answers[q.id];
  const labels = optionsOf(q).map((o) =>
    o === q.otherOption && isSelected(answer, o) && answer?.other ? answer.other : o,
  );
  const shape =
    q.type === 'multiple'
      ? 'dashed'
      : rnd.weighted([
          ['dashed', 4],
          ['first-dashed', 4],
          ['spaced', 2],
        ] as const);
  if (shape === 'dashed') return labels.map((l) => `- ${l}`);
  if (shape === 'first-dashed') return labels.map((l, i) => (i === 0 ? `- ${l}` : ` ${l}`));
  return labels.flatMap((l, i) => (i === 0 ? [l] : ['', l]));
}
