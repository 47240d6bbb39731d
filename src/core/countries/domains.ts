import { allCountries } from './data';
import { labelToUnicode } from './punycode';

/** A link or e-mail address under a country-code top-level domain. */
export interface DomainClue {
  iso3: string;
  /** The top-level domain as shown to an analyst: `.by`, `.бел`. */
  tld: string;
  host: string;
  kind: 'link' | 'email';
  /** False for a ccTLD widely used generically (.io, .tv, .co) outside a government second level. */
  strong: boolean;
}

/**
 * Delegated IDN ccTLDs that world-countries does not list (it lists e.g. .рф, .срб, .укр, .中国).
 * Keys are the Unicode form of the label.
 */
const EXTRA_IDN_TLDS: Record<string, string> = {
  бел: 'BLR',
  мкд: 'MKD',
  мон: 'MNG',
  бг: 'BGR',
  հայ: 'ARM',
  გე: 'GEO',
  ελ: 'GRC',
  भारत: 'IND',
  भारतम्: 'IND',
  भारोत: 'IND',
  ভারত: 'IND',
  ভাৰত: 'IND',
  ਭਾਰਤ: 'IND',
  ભારત: 'IND',
  ଭାରତ: 'IND',
  இந்தியா: 'IND',
  భారత్: 'IND',
  ಭಾರತ: 'IND',
  ഭാരതം: 'IND',
  بھارت: 'IND',
  ڀارت: 'IND',
  বাংলা: 'BGD',
  عمان: 'OMN',
  پاکستان: 'PAK',
  سودان: 'SDN',
  عراق: 'IRQ',
  تونس: 'TUN',
  مليسيا: 'MYS',
  موريتانيا: 'MRT',
  سورية: 'SYR',
  اليمن: 'YEM',
  البحرين: 'BHR',
  سعودي: 'SAU',
  سعودیة: 'SAU',
  سعودیۃ: 'SAU',
  澳門: 'MAC',
  澳门: 'MAC',
};

/** Country codes commonly registered for their look rather than their country (bit.ly, gov.tv aside). */
const GENERIC_USE_TLDS = new Set(
  'io tv me co ai fm ly ws la to cc gg nu tk am ag dj st sh gl ms vc so sc ac gd pw cx ml ga cf gq bz md im vg tm fo gy'.split(
    ' ',
  ),
);

/** Second-level labels that make a generic-use ccTLD national again (gov.tv, gob.co, com.ly). */
const NATIONAL_LABELS = new Set(
  'gov go gob gouv govt gv gub gc mil edu ac sch nic com org net co or ne info int gen web nom ltd plc'.split(
    ' ',
  ),
);

/** Hosts on a ccTLD that serve everyone: link shorteners and global services. */
const GLOBAL_HOSTS = [
  'bit.ly',
  'ow.ly',
  'buff.ly',
  'goo.gl',
  't.co',
  'g.co',
  'x.co',
  'youtu.be',
  'is.gd',
  'v.gd',
  'lnkd.in',
  'fb.me',
  'wp.me',
  'amzn.to',
  'rb.gy',
  'cutt.ly',
  'shorturl.at',
  's.id',
  't.me',
  'wa.me',
  'about.me',
  'zoom.us',
  'linktr.ee',
  'tiny.cc',
  'db.tt',
  'flic.kr',
  'redd.it',
  'dlvr.it',
  'ift.tt',
  'spoti.fi',
  'apple.co',
  'instagr.am',
  'del.icio.us',
];

/** Endings of file names that a two-part bare word ("script.py", "readme.md") shares with ccTLDs. */
const FILE_ENDINGS = new Set('py md rs sh pl do ps ai cs mk ml so am ms cc hs ts gz'.split(' '));

let tldMap: Map<string, string> | undefined;

function cleanTld(tld: string): string {
  return tld
    .replace(/[.\s\u200e\u200f\u202a-\u202e]/g, '')
    .normalize('NFC')
    .toLowerCase();
}

function getTldMap(): Map<string, string> {
  if (tldMap) return tldMap;
  const owners = new Map<string, { iso3: string; member: boolean }[]>();
  for (const c of allCountries()) {
    for (const raw of c.tld) {
      const tld = cleanTld(raw);
      if (!owners.has(tld)) owners.set(tld, []);
      owners.get(tld)!.push({ iso3: c.cca3, member: c.unMember });
    }
  }
  tldMap = new Map();
  for (const [tld, list] of owners) {
    // Shared codes (.fr also for Saint Martin, .us for the Minor Outlying Islands) go to the Member State.
    const members = list.filter((o) => o.member);
    const pick = members.length === 1 ? members[0] : list.length === 1 ? list[0] : undefined;
    if (pick) tldMap.set(tld, pick.iso3);
  }
  for (const [tld, iso3] of Object.entries(EXTRA_IDN_TLDS))
    if (!tldMap.has(tld)) tldMap.set(cleanTld(tld), iso3);
  return tldMap;
}

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`;
const TLD = String.raw`(?:xn--[a-z0-9-]+|\p{L}{2,})`;
const HOST = String.raw`(?:${LABEL}\.)+${TLD}`;
const CLUES = new RegExp(
  [
    String.raw`\b(?:https?|ftps?):\/\/(?<auth>[^\s\/?#<>()\[\]{}"'|\\^]+)[^\s<>"]*`,
    String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@(?<mail>${HOST})(?![\p{L}\p{N}-])`,
    String.raw`(?<![\p{L}\p{N}@.\/-])(?<bare>${HOST})(?![\p{L}\p{N}-])(?<slash>\/)?`,
  ].join('|'),
  'giu',
);

const MAY_HOLD_HOST = /\.[\p{L}\u200e\u200f\u202a-\u202e]/u;

function isGlobalHost(host: string): boolean {
  return GLOBAL_HOSTS.some((g) => host === g || host.endsWith(`.${g}`));
}

/** A bare word with dots counts as a host when it clearly is one: `www.`, three parts, or a path. */
function looksLikeBareHost(written: string, labels: string[], slash: boolean): boolean {
  if (labels.length >= 3 || labels[0] === 'www' || slash) return true;
  const tld = written.slice(written.lastIndexOf('.') + 1);
  return tld === tld.toLowerCase() && labels[0].length >= 2 && !FILE_ENDINGS.has(tld);
}

function clueOf(written: string, kind: DomainClue['kind']): DomainClue | undefined {
  const host = written.replace(/\.+$/, '');
  const labels = host.split('.').map(labelToUnicode);
  if (labels.length < 2) return undefined;
  const tld = cleanTld(labels[labels.length - 1]);
  const iso3 = getTldMap().get(tld);
  const unicodeHost = labels.join('.');
  if (!iso3 || isGlobalHost(unicodeHost)) return undefined;
  const national = labels.slice(0, -1).some((l) => NATIONAL_LABELS.has(l));
  return { iso3, tld: `.${tld}`, host: unicodeHost, kind, strong: !GENERIC_USE_TLDS.has(tld) || national };
}

/** Every link and e-mail address under a country-code TLD in a text, in order. */
export function findDomainClues(text: string): DomainClue[] {
  const clues: DomainClue[] = [];
  // Every clue's host ends in a dot and a top-level domain, which starts with a letter (or with the
  // direction marks cleanTld drops).
  if (!MAY_HOLD_HOST.test(text)) return clues;
  for (const m of text.matchAll(CLUES)) {
    const g = m.groups ?? {};
    let clue: DomainClue | undefined;
    if (g.auth) {
      const host = g.auth.slice(g.auth.lastIndexOf('@') + 1).replace(/:\d*$/, '');
      clue = clueOf(host, 'link');
    } else if (g.mail) clue = clueOf(g.mail, 'email');
    else if (g.bare) {
      const labels = g.bare.toLowerCase().split('.');
      if (looksLikeBareHost(g.bare, labels, Boolean(g.slash))) clue = clueOf(g.bare, 'link');
    }
    if (clue) clues.push(clue);
  }
  return clues;
}
