/** Text predicates shared by alignment and checks. */

/** White space other than single spaces between words: what collapsing changes. */
const UNEVEN_SPACE = /[^\S ]| {2}|^ | $/;
// eslint-disable-next-line no-control-regex -- any character beyond ASCII
const BEYOND_ASCII = /[^\x00-\x7f]/;

/** Trims and folds runs of white space into one space. */
export function collapseWhitespace(text: string): string {
  // Most answers are spaced evenly already: they are returned as they are.
  return UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Folded texts: the checks fold each answer in several rules. */
const folded = new Map<string, string>();
/** Texts kept folded at most: a batch's distinct answers, about a hundred per response. */
const FOLDED_KEPT = 1 << 17;

/** Lower-case, accent-free, single-spaced form for comparing labels and words. */
export function foldText(text: string): string {
  let result = folded.get(text);
  if (result === undefined) {
    result = fold(text);
    if (folded.size >= FOLDED_KEPT) folded.clear();
    folded.set(text, result);
  }
  return result;
}

function fold(text: string): string {
  // ASCII text has no compatibility forms or accents to take apart.
  const lower = BEYOND_ASCII.test(text)
    ? text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
    : text.toLowerCase();
  return collapseWhitespace(lower);
}

/** The folded forms of each list of stand-ins, folded once: every answer is compared with them. */
const foldedPlaceholders = new WeakMap<readonly string[], Set<string>>();

function foldedSet(placeholders: readonly string[]): Set<string> {
  let set = foldedPlaceholders.get(placeholders);
  if (!set) foldedPlaceholders.set(placeholders, (set = new Set(placeholders.map(foldText))));
  return set;
}

/** `isPlaceholder` on an answer already folded (`foldText`). */
export function isFoldedPlaceholder(bare: string, placeholders: readonly string[]): boolean {
  if (!bare) return false;
  // "None." and "N/A." are the same stand-ins as "None" and "N/A".
  const unpunctuated = bare.length > 1 ? bare.replace(/\.+$/, '') : bare;
  const folded = foldedSet(placeholders);
  return folded.has(bare) || folded.has(unpunctuated);
}

/** True when the whole answer is a stand-in such as "-", "N/A" or "TBD". */
export function isPlaceholder(text: string, placeholders: readonly string[]): boolean {
  return isFoldedPlaceholder(foldText(text), placeholders);
}

const NEGATIVE_OPENINGS = [
  /^not (necessary|applicable|available|relevant|yet|at the moment|currently)\b/,
  /^there (is|are|was|were) (no|not)\b/,
  /^(no|none|nothing)\b/,
  /^we (do|did) not\b/,
  /^(does|do|is|are) not (exist|apply)\b/,
];

/** True when a follow-up explains why there is nothing to give ("Not applicable", "There is no such law"). */
export function isNegativeJustification(text: string): boolean {
  return isFoldedNegative(foldText(text));
}

/** `isNegativeJustification` on an answer already folded (`foldText`). */
export function isFoldedNegative(folded: string): boolean {
  return NEGATIVE_OPENINGS.some((re) => re.test(folded));
}

/** True when an answer carries content: not blank, not a placeholder, not a justification for giving none. */
export function isSubstantive(text: string, placeholders: readonly string[]): boolean {
  const folded = foldText(text);
  return folded !== '' && !isFoldedPlaceholder(folded, placeholders) && !isFoldedNegative(folded);
}
