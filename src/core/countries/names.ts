import type { Country } from 'world-countries';
import { allCountries, countryByIso3, standardName } from './data';
import { coreWords, FORMAL_WORDS, nameKey, nameWords } from './normalize';

export interface CountryMatch {
  iso3: string;
  name: string;
}

/**
 * Names respondents use that world-countries lacks. Everything else (UN designations such as
 * "Viet Nam", "Republic of Moldova", "Lao People's Democratic Republic", "Türkiye", "Cabo Verde" via
 * "Republic of Cabo Verde", "Micronesia (Federated States of)" via "Federated States of Micronesia")
 * comes from the package's common, official and alternative spellings.
 */
const ALIASES: Record<string, string[]> = {
  LAO: ['Lao PDR'],
  VAT: ['Holy See'],
};

/** Words that make a different place of the name that follows ("Northern Ireland", "New Guinea"). */
const PLACE_QUALIFIERS = new Set([
  'north',
  'south',
  'east',
  'west',
  'northern',
  'southern',
  'eastern',
  'western',
  'central',
  'new',
  'upper',
  'lower',
  'equatorial',
  'american',
  'french',
  'british',
  'dutch',
  'great',
]);

/** Cores that say nothing on their own ("United States" → "united"). */
const GENERIC_WORDS = new Set([
  ...PLACE_QUALIFIERS,
  'united',
  'saint',
  'and',
  'democratic',
  'peoples',
  'islands',
]);

type Keyed = Map<string, Set<string>>;

const LOOSE_WORDS: ReadonlySet<string> = new Set([...FORMAL_WORDS, 'democratic', 'peoples', 'people']);

function looselyAmbiguous(looseCores: Keyed, key: string): boolean {
  return (looseCores.get(key)?.size ?? 0) > 1;
}

interface NameIndex {
  /** English names: common, official, alternative spellings, aliases. */
  primary: Keyed;
  /** Primary names without their formal words. */
  cores: Keyed;
  /** Cores that also drop "democratic" and "people's": where two countries meet here ("korea"), a bare core is ambiguous. */
  looseCores: Keyed;
  /** Unambiguous names to find in running text (see `textNames`). */
  scan: Map<string, string>;
  scanFirstWords: Set<string>;
  maxScanWords: number;
}

let index: NameIndex | undefined;

function add(map: Keyed, key: string, iso3: string): void {
  if (!key) return;
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(iso3);
}

function primaryNames(c: Country): string[] {
  const names = [c.name.common, c.name.official, ...(ALIASES[c.cca3] ?? [])];
  for (const alt of c.altSpellings) {
    // Two-letter spellings are ISO codes ("NA" would turn "n/a" into Namibia); "UK" is the one people write.
    if (alt.length > 2 || alt === 'UK') names.push(alt);
  }
  return names;
}

/**
 * Names worth looking for in running text: English names and several-word or acronym spellings,
 * plus those names without leading formal words ("Republic of Cabo Verde" → "Cabo Verde"). One-word
 * alternative spellings are mostly native ("Ísland", "Mann") and trailing cores are adjectives
 * ("Italian Republic" → "Italian"), so neither is searched for in text.
 */
function textNames(c: Country): string[] {
  const names = [c.name.common, c.name.official, ...(ALIASES[c.cca3] ?? [])];
  for (const alt of c.altSpellings) if (/\s/.test(alt.trim()) || /^[A-Z]{3,}$/.test(alt)) names.push(alt);
  return names;
}

function buildIndex(): NameIndex {
  const primary: Keyed = new Map();
  const cores: Keyed = new Map();
  const looseCores: Keyed = new Map();
  const inText: Keyed = new Map();
  for (const c of allCountries()) {
    for (const name of primaryNames(c)) {
      const words = nameWords(name);
      add(primary, words.join(' '), c.cca3);
      const core = coreWords(words);
      if (core.length < words.length && !isGeneric(core)) add(cores, core.join(' '), c.cca3);
      add(looseCores, coreWords(words, LOOSE_WORDS).join(' '), c.cca3);
    }
    for (const name of textNames(c)) {
      const words = nameWords(name);
      add(inText, words.join(' '), c.cca3);
      let lead = 0;
      while (lead < words.length && FORMAL_WORDS.has(words[lead])) lead++;
      if (lead > 0 && !isGeneric(words.slice(lead))) add(inText, words.slice(lead).join(' '), c.cca3);
    }
  }
  // A core that is another country's full name belongs to that country ("congo").
  for (const key of [...cores.keys()]) if (primary.has(key)) cores.delete(key);

  const scan = new Map<string, string>();
  for (const [key, set] of inText) {
    // A full name is its country's ("China", though "Republic of China" also ends so); a core must not be shared ("Korea").
    const owner = primary.get(key);
    if (owner) {
      if (owner.size === 1) scan.set(key, [...owner][0]);
    } else if (set.size === 1 && !looselyAmbiguous(looseCores, key)) scan.set(key, [...set][0]);
  }
  const scanFirstWords = new Set([...scan.keys()].map((k) => k.split(' ')[0]));
  const maxScanWords = Math.max(...[...scan.keys()].map((k) => k.split(' ').length));
  return { primary, cores, looseCores, scan, scanFirstWords, maxScanWords };
}

function isGeneric(words: string[]): boolean {
  return words.every((w) => GENERIC_WORDS.has(w));
}

function getIndex(): NameIndex {
  return (index ??= buildIndex());
}

/** Native names and translations, built on first need: most written names are English. */
let secondary: Keyed | undefined;

function getSecondary(): Keyed {
  if (secondary) return secondary;
  secondary = new Map();
  for (const c of allCountries()) {
    for (const n of [...Object.values(c.name.native ?? {}), ...Object.values(c.translations ?? {})]) {
      add(secondary, nameKey(n.common), c.cca3);
      add(secondary, nameKey(n.official), c.cca3);
    }
  }
  return secondary;
}

function toMatch(iso3: string): CountryMatch | undefined {
  const c = countryByIso3(iso3);
  return c ? { iso3: c.cca3, name: standardName(c) } : undefined;
}

type Lookup = { iso3: string } | 'ambiguous' | undefined;

function lookup(map: Keyed, key: string): Lookup {
  const set = key ? map.get(key) : undefined;
  if (!set) return undefined;
  return set.size === 1 ? { iso3: [...set][0] } : 'ambiguous';
}

/** "Korea, Republic of" and "Venezuela (Bolivarian Republic of)" read as "Republic of Korea", "Bolivarian Republic of Venezuela". */
function reorderings(written: string): string[] {
  const out: string[] = [];
  const paren = /^(.+?)\s*\((.+)\)\s*$/.exec(written);
  if (paren) out.push(`${paren[2]} ${paren[1]}`);
  const comma = /^([^,]+),\s*(.+)$/.exec(written);
  if (comma) out.push(`${comma[2]} ${comma[1]}`);
  return out;
}

export interface NameSpan {
  iso3: string;
  /** Indexes into the word list that was scanned (first, one past last). */
  from: number;
  to: number;
}

/**
 * Country names in a list of normalised words (stop words removed), longest first, left to right:
 * "Equatorial Guinea" is one name, never "Guinea"; "Northern Ireland" is not Ireland.
 */
export function findNames(words: readonly string[]): NameSpan[] {
  const { scan, scanFirstWords, maxScanWords } = getIndex();
  const spans: NameSpan[] = [];
  for (let i = 0; i < words.length;) {
    let found: NameSpan | undefined;
    if (scanFirstWords.has(words[i])) {
      for (let len = Math.min(maxScanWords, words.length - i); len > 0 && !found; len--) {
        const iso3 = scan.get(words.slice(i, i + len).join(' '));
        if (iso3) found = { iso3, from: i, to: i + len };
      }
    }
    if (found && !(i > 0 && PLACE_QUALIFIERS.has(words[i - 1]))) {
      spans.push(found);
      i = found.to;
    } else i++;
  }
  return spans;
}

const EXTRA_WORDS = new Set([...FORMAL_WORDS, 'country', 'name']);

/** Normalise a written country name to ISO 3166-1 alpha-3 and a standard name; undefined when nothing matches unambiguously. */
export function matchCountry(written: string): CountryMatch | undefined {
  const trimmed = written.trim();
  if (!trimmed) return undefined;
  if (/^[A-Z]{3}$/.test(trimmed) && countryByIso3(trimmed)) return toMatch(trimmed);
  const { primary, cores, looseCores } = getIndex();
  const variants = [trimmed, ...reorderings(trimmed)];

  for (const v of variants) {
    const hit = lookup(primary, nameKey(v));
    if (hit === 'ambiguous') return undefined;
    if (hit) return toMatch(hit.iso3);
  }
  for (const v of variants) {
    const core = coreWords(nameWords(v)).join(' ');
    const hit =
      lookup(primary, core) ?? (looselyAmbiguous(looseCores, core) ? 'ambiguous' : lookup(cores, core));
    if (hit === 'ambiguous') return undefined;
    if (hit) return toMatch(hit.iso3);
  }
  const native = lookup(getSecondary(), nameKey(trimmed));
  if (native && native !== 'ambiguous') return toMatch(native.iso3);

  // A name among formal words: "Government of Chile", "Chile - Republic".
  const words = nameWords(trimmed);
  const spans = findNames(words);
  const covered = new Set(spans.flatMap((s) => Array.from({ length: s.to - s.from }, (_, k) => s.from + k)));
  const isos = new Set(spans.map((s) => s.iso3));
  const extrasOnly = words.every((w, i) => covered.has(i) || EXTRA_WORDS.has(w));
  return isos.size === 1 && extrasOnly ? toMatch(spans[0].iso3) : undefined;
}
