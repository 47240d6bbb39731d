/** Text predicates shared by alignment and checks. */

/** Trims and folds runs of white space into one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lower-case, accent-free, single-spaced form for comparing labels and words. */
export function foldText(text: string): string {
  return collapseWhitespace(
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase(),
  );
}

/** The folded forms of each list of stand-ins, folded once: every answer is compared with them. */
const foldedPlaceholders = new WeakMap<readonly string[], Set<string>>();

function foldedSet(placeholders: readonly string[]): Set<string> {
  let set = foldedPlaceholders.get(placeholders);
  if (!set) foldedPlaceholders.set(placeholders, (set = new Set(placeholders.map(foldText))));
  return set;
}

/** `isPlaceholder` on an answer already folded. */
function isFoldedPlaceholder(bare: string, placeholders: readonly string[]): boolean {
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

function isFoldedNegative(folded: string): boolean {
  return NEGATIVE_OPENINGS.some((re) => re.test(folded));
}

/** True when an answer carries content: not blank, not a placeholder, not a justification for giving none. */
export function isSubstantive(text: string, placeholders: readonly string[]): boolean {
  const folded = foldText(text);
  return folded !== '' && !isFoldedPlaceholder(folded, placeholders) && !isFoldedNegative(folded);
}
