/** Counted nouns for everything the pane says: "1 response", "2 responses", "0 issues". */
const rules = new Intl.PluralRules('en');
const numbers = new Intl.NumberFormat('en');

const irregular: Record<string, string> = {
  country: 'countries',
  copy: 'copies',
};

/** The noun's plural: a few irregular ones, else with an "s". */
function pluralOf(noun: string): string {
  return irregular[noun] ?? `${noun}s`;
}

/** "1 file", "1,130 responses"; `other` where the plural is not the noun with an "s". */
export function count(n: number, noun: string, other = pluralOf(noun)): string {
  return `${numbers.format(n)} ${rules.select(n) === 'one' ? noun : other}`;
}

/** The noun alone, agreeing with n: "issue" or "issues". */
export function noun(n: number, one: string, other = pluralOf(one)): string {
  return rules.select(n) === 'one' ? one : other;
}
