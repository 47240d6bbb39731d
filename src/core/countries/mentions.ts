import { findNames } from './names';
import { FORMAL_WORDS, isStopWord, tokenize } from './normalize';

/** A country named in running text. */
export interface NameMention {
  iso3: string;
  /** The words as written, e.g. "Republic of Belarus". */
  written: string;
  /** Part of an institution's name: "Ministry of Health of Benin", "Benin's", "Benin National Agency". */
  institutional: boolean;
}

/** Words that, following a country's name, make it part of an institution's name. */
const INSTITUTION_WORDS = new Set([
  'government',
  'ministry',
  'national',
  'state',
  'agency',
  'office',
  'parliament',
  'council',
  'authority',
  'institute',
  'presidency',
  'president',
  'cabinet',
  'post',
  'statistics',
  'statistical',
]);

function startsLowerCase(word: string): boolean {
  return /^\p{Ll}/u.test(word);
}

/**
 * Country names in a text. Names must start with a capital ("turkey", "chad" are words), and a name
 * is institutional when "of" precedes it, "'s" or an institution word follows it, or it is a formal
 * name ("Republic of Belarus").
 */
export function findNameMentions(text: string): NameMention[] {
  const tokens = tokenize(text);
  const positions: number[] = [];
  tokens.forEach((t, i) => {
    if (!isStopWord(t.norm)) positions.push(i);
  });
  const mentions: NameMention[] = [];
  for (const span of findNames(positions.map((p) => tokens[p].norm))) {
    const firstAt = positions[span.from];
    const lastAt = positions[span.to - 1];
    const first = tokens[firstAt];
    const last = tokens[lastAt];
    if (startsLowerCase(first.raw) || startsLowerCase(last.raw)) continue;
    let before = firstAt - 1;
    while (before >= 0 && isStopWord(tokens[before].norm) && tokens[before].norm !== 'of') before--;
    const institutional =
      tokens[before]?.norm === 'of' ||
      Boolean(last.possessive) ||
      INSTITUTION_WORDS.has(tokens[lastAt + 1]?.norm ?? '') ||
      FORMAL_WORDS.has(first.norm);
    mentions.push({ iso3: span.iso3, written: text.slice(first.start, last.end), institutional });
  }
  return mentions;
}
