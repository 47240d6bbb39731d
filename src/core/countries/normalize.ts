/** Word-level normalisation of country names: case, accents, punctuation and common abbreviations. */

export interface Token {
  /** Normalised form: lower case, no accents, no punctuation. */
  norm: string;
  /** The word as written. */
  raw: string;
  start: number;
  end: number;
  /** Followed by "'s". */
  possessive?: boolean;
}

/** Words that never tell two countries apart ("Republic of the Congo" = "Republic of Congo"). */
const STOP_WORDS = new Set(['the', 'of', 'de', 'du', 'des', 'la', 'le', 'el', 'del']);

const ABBREVIATIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  rep: 'republic',
  dem: 'democratic',
  fed: 'federal',
  '&': 'and',
};

/** Letters that Unicode decomposition leaves whole. */
const FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
  ð: 'd',
};

/**
 * Formal words of state names: "Republic of Chile", "Venezuela (Bolivarian Republic of)", "Kingdom of
 * Eswatini" name the same country as the bare name. "democratic" and "people's" are deliberately absent:
 * they are what tells the two Koreas and the two Congos apart.
 */
export const FORMAL_WORDS: ReadonlySet<string> = new Set([
  'republic',
  'kingdom',
  'state',
  'states',
  'independent',
  'federal',
  'federated',
  'federative',
  'commonwealth',
  'islamic',
  'plurinational',
  'bolivarian',
  'socialist',
  'union',
  'principality',
  'grand',
  'duchy',
  'oriental',
  'cooperative',
  'co',
  'operative',
  'arab',
  'sultanate',
  'nation',
  'hashemite',
  'government',
]);

const WORD = /[\p{L}\p{N}\p{M}]+|&/gu;
const APOSTROPHE = /['’ʼ`´]/;

export function foldWord(word: string): string {
  if (/^[\x21-\x7e]*$/.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæøđłœıþð]/g, (c) => FOLDS[c] ?? c);
}

/**
 * Splits text into words with their normalised form; stop words are kept (see `isStopWord`).
 * An apostrophe splits a word ("d'Ivoire"), except before a final "s": "People's" reads "peoples",
 * and any other "'s" marks a possessive ("Benin's").
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const prev = tokens[tokens.length - 1];
    const afterApostrophe = prev !== undefined && prev.end === start - 1 && APOSTROPHE.test(text[start - 1]);
    if (afterApostrophe && m[0].toLowerCase() === 's') {
      if (prev.norm === 'people') {
        prev.norm = 'peoples';
        prev.raw = text.slice(prev.start, end);
        prev.end = end;
      } else prev.possessive = true;
      continue;
    }
    const folded = foldWord(m[0]);
    tokens.push({ norm: ABBREVIATIONS[folded] ?? folded, raw: m[0], start, end });
  }
  return joinInitials(tokens);
}

/** "U.S.A." → "usa", "D.R. Congo" → "dr congo": a run of two or more single letters is one word. */
function joinInitials(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length;) {
    let j = i;
    while (j < tokens.length && tokens[j].norm.length === 1 && tokens[j].norm >= 'a' && tokens[j].norm <= 'z')
      j++;
    if (j - i >= 2) {
      const run = tokens.slice(i, j);
      out.push({
        norm: run.map((t) => t.norm).join(''),
        raw: run.map((t) => t.raw).join('.'),
        start: run[0].start,
        end: run[run.length - 1].end,
      });
      i = j;
    } else {
      out.push(tokens[i]);
      i++;
    }
  }
  return out;
}

export function isStopWord(norm: string): boolean {
  return STOP_WORDS.has(norm);
}

/** The normalised words of a name that matter for matching. */
export function nameWords(text: string): string[] {
  return tokenize(text)
    .map((t) => t.norm)
    .filter((w) => !isStopWord(w));
}

export function nameKey(text: string): string {
  return nameWords(text).join(' ');
}

/** A name without its leading and trailing formal words ("Republic of Cabo Verde" → "cabo verde"). */
export function coreWords(words: string[], formal: ReadonlySet<string> = FORMAL_WORDS): string[] {
  let a = 0;
  let b = words.length;
  while (a < b && formal.has(words[a])) a++;
  while (b > a && formal.has(words[b - 1])) b--;
  return words.slice(a, b);
}
