import { countryByIso3, standardName } from './data';
import { findDomainClues } from './domains';
import { findNameMentions } from './mentions';
import type { CountryMatch } from './names';

/**
 * How much one clue counts. An institution named after the country says more than one link; a
 * ccTLD that is often registered for its look (.io, .tv, .co without gov.) says little.
 */
const WEIGHT = { institution: 3, mention: 1, link: 1, genericUseLink: 0.25 };
/** The winner needs this many clues, at least one of them not weak... */
const MIN_CLUES = 2;
/** ...and this share of all the weight. */
const MIN_SHARE = 0.6;

interface Tally {
  iso3: string;
  weight: number;
  clues: number;
  strongClues: number;
  links: Map<string, number>;
  emails: Map<string, number>;
  names: Map<string, number>;
  /** How each name was first written, by its case-insensitive form. */
  spellings: Map<string, string>;
}

function tallyOf(tallies: Map<string, Tally>, iso3: string): Tally {
  let t = tallies.get(iso3);
  if (!t) {
    t = {
      iso3,
      weight: 0,
      clues: 0,
      strongClues: 0,
      links: new Map(),
      emails: new Map(),
      names: new Map(),
      spellings: new Map(),
    };
    tallies.set(iso3, t);
  }
  return t;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sum(map: Map<string, number>): number {
  let n = 0;
  for (const v of map.values()) n += v;
  return n;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function byCount(map: Map<string, number>): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "57 links and 2 e-mail addresses under .by; 'Republic of Belarus' named 9 times, 'Belarus' 3 times". */
function describe(t: Tally, elsewhere: { name: string; clues: number }[]): string {
  const parts: string[] = [];
  const links = sum(t.links);
  const emails = sum(t.emails);
  if (links + emails > 0) {
    const tlds = [...new Set([...byCount(t.links), ...byCount(t.emails)].map(([tld]) => tld))];
    const what = [
      links ? plural(links, 'link', 'links') : '',
      emails ? plural(emails, 'e-mail address', 'e-mail addresses') : '',
    ]
      .filter(Boolean)
      .join(' and ');
    parts.push(`${what} under ${tlds.join(', ')}`);
  }
  const names = byCount(t.names);
  if (names.length) {
    const [[name, n], second] = names;
    let text = `'${t.spellings.get(name)}' named ${plural(n, 'time', 'times')}`;
    if (second) text += `, '${t.spellings.get(second[0])}' ${plural(second[1], 'time', 'times')}`;
    parts.push(text);
  }
  if (elsewhere.length) {
    const clues = elsewhere.reduce((n, o) => n + o.clues, 0);
    const which = elsewhere.map((o) => `${o.name} ${o.clues}`).join(', ');
    parts.push(`${plural(clues, 'clue points', 'clues point')} to other countries (${which})`);
  }
  return parts.join('; ');
}

/** Infer the country from a response's answer texts; undefined when nothing is conclusive. */
export function inferCountry(texts: string[]): (CountryMatch & { evidence: string }) | undefined {
  const tallies = new Map<string, Tally>();
  for (const text of texts) {
    if (!text) continue;
    for (const d of findDomainClues(text)) {
      const t = tallyOf(tallies, d.iso3);
      t.weight += d.strong ? WEIGHT.link : WEIGHT.genericUseLink;
      t.clues++;
      if (d.strong) t.strongClues++;
      bump(d.kind === 'email' ? t.emails : t.links, d.tld);
    }
    for (const m of findNameMentions(text)) {
      const t = tallyOf(tallies, m.iso3);
      t.weight += m.institutional ? WEIGHT.institution : WEIGHT.mention;
      t.clues++;
      t.strongClues++;
      const written = m.written.replace(/\s+/g, ' ');
      const key = written.toLowerCase();
      if (!t.spellings.has(key)) t.spellings.set(key, written);
      bump(t.names, key);
    }
  }
  const ranked = [...tallies.values()].sort((a, b) => b.weight - a.weight);
  const best = ranked[0];
  if (!best) return undefined;
  const total = ranked.reduce((n, t) => n + t.weight, 0);
  if (best.clues < MIN_CLUES || best.strongClues === 0 || best.weight < MIN_SHARE * total) return undefined;
  const country = countryByIso3(best.iso3);
  if (!country) return undefined;
  // The other countries clues point to, by weight: the analyst sees which, not only how many.
  const elsewhere = ranked.slice(1).flatMap((t) => {
    const other = countryByIso3(t.iso3);
    return other ? [{ name: standardName(other), clues: t.clues }] : [];
  });
  return { iso3: country.cca3, name: standardName(country), evidence: describe(best, elsewhere) };
}
