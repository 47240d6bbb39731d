import type { Definition, Question } from '../definition';

/** A single-choice question answered Yes or No (other options, like "Other", may sit beside them). */
export function isYesNo(q: Question): boolean {
  return q.type === 'single' && !!q.options?.includes('Yes') && !!q.options.includes('No');
}

export function questionsBySection(def: Definition): Map<string, Question[]> {
  const bySection = new Map<string, Question[]>(def.sections.map((s) => [s.id, []]));
  for (const q of def.questions) bySection.get(q.section)?.push(q);
  return bySection;
}

/** Cuts text to `max` characters at a word boundary where one is near, marking the cut. */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
