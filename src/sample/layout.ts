import type { Definition, Question } from '../core/definition';
import { Random } from './random';
import type { SampleAnswer, SampleResponse } from './responses';

/**
 * Where the MSQ 2022 form prints its headings and notes: before a question, or under its title line.
 * Section titles not listed here go before the first question of their section.
 */
const placements: Record<string, { before?: number; underTitle?: number }> = {
  'Contact information': { before: 2 },
  'Note: E-government and digital government are used interchangeably in this Questionnaire.': {
    underTitle: 7,
  },
  'Contact information of national Chief Information Officer (CIO) or equivalent': { before: 15 },
  'Multiple and/or networked CIOs or equivalent across Government Ministries': { before: 19 },
  'Sectoral agencies/departments/ministries': { before: 21 },
  'Please provide names and URLs of the government agencies/departments/ministries at the national level in charge of the following':
    { before: 21 },
  'COVID-19 response': { before: 31 },
  'Note: This is related to SDG Indicator 16.6.1': { underTitle: 48 },
  'Please provide information where relevant:': { before: 57 },
  'Note: Vulnerable groups include women, older people, youth, people with disabilities, migrants, minorities and others':
    { before: 87 },
  'Consent to publish this Questionnaire': { before: 112 },
};

export interface Interstitials {
  before: Map<string, string[]>;
  underTitle: Map<string, string[]>;
}

/**
 * The headings and notes around each question. `sectionTitlesFirst` puts every section title before the
 * first question of its section (the Word questionnaire); otherwise the Forms page order applies.
 */
export function interstitialsOf(
  def: Definition,
  opts: { sectionTitlesFirst: boolean; notes: boolean },
): Interstitials {
  const key = `${opts.sectionTitlesFirst}/${opts.notes}`;
  let cached = placedCache.get(def);
  if (!cached) placedCache.set(def, (cached = new Map()));
  let placed = cached.get(key);
  if (!placed) cached.set(key, (placed = placeInterstitials(def, opts)));
  return placed;
}

const placedCache = new WeakMap<Definition, Map<string, Interstitials>>();

function placeInterstitials(
  def: Definition,
  opts: { sectionTitlesFirst: boolean; notes: boolean },
): Interstitials {
  const result: Interstitials = { before: new Map(), underTitle: new Map() };
  const add = (map: Map<string, string[]>, q: Question | undefined, text: string) => {
    if (q) map.set(q.id, [...(map.get(q.id) ?? []), text]);
  };
  const byNumber = (n: number) => def.questions.find((q) => q.number === n);
  const firstOfSection = (title: string) => {
    const section = def.sections.find((s) => s.title === title);
    return section && def.questions.find((q) => q.section === section.id);
  };
  for (const text of def.interstitials) {
    const isSectionTitle = def.sections.some((s) => s.title === text);
    const place = placements[text];
    if (isSectionTitle && (opts.sectionTitlesFirst || !place)) add(result.before, firstOfSection(text), text);
    else if (!opts.notes && !isSectionTitle) continue;
    else if (place?.before) add(result.before, byNumber(place.before), text);
    else if (place?.underTitle) add(result.underTitle, byNumber(place.underTitle), text);
  }
  return result;
}

/** The options a choice question prints, the "Other" option last. */
export function optionsOf(q: Question): string[] {
  return [...(q.options ?? []), ...(q.otherOption ? [q.otherOption] : [])];
}

export function isSelected(a: SampleAnswer | undefined, option: string): boolean {
  return a?.selected?.includes(option) ?? false;
}

/** The text lines of an answer; none for a blank one. */
export function textLines(a: SampleAnswer | undefined): string[] {
  return a?.text ? a.text.split('\n') : [];
}

/** A generator for the layout choices of one rendering, fixed by the response itself. */
export function variationFor(r: SampleResponse, salt: number): Random {
  let h = salt;
  for (const ch of `${r.responseId}|${r.countryIso3}|${r.completionTime}`)
    h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return new Random(h);
}

export function durationSeconds(r: SampleResponse): number {
  return Math.round((Date.parse(`${r.completionTime}Z`) - Date.parse(`${r.startTime}Z`)) / 1000);
}

/** A Word-style question line: "8. Please provide …: * — E-services or similar". */
export function wordTitle(q: Question): string {
  const star = q.required ? ' *' : '';
  return q.subLabel ? `${q.number}. ${q.text}${star} — ${q.subLabel}` : `${q.number}. ${q.text}${star}`;
}
