/**
 * What the pane calls each check: a plain-language name; the stable code stays in the workbook's
 * tables and is shown beside the name (tooltip, detail). A code not listed falls back to the rule
 * catalogue's title, else to the code with its dashes as spaces.
 */
import { RULES } from '../core/checks';

const NAMES: Record<string, string> = {
  'response-unfinished': 'Response left before submitting',
  'required-missing': 'Required answer missing',
  'yes-without-followup': '"Yes" without the details asked for',
  'followup-without-yes': 'Details given without a "Yes"',
  'placeholder-answer': 'Placeholder instead of an answer ("N/A", "-")',
  'invalid-email': 'E-mail address not valid',
  'duplicate-response': 'Country answered more than once',
  'country-inferred': 'Country worked out from the answers',
  'country-unknown': 'Country not known',
  'selection-not-recorded': 'File does not record which options were chosen',
  'choice-not-in-options': 'Choice not among the options',
  'invalid-url': 'Link not valid',
  'fast-completion': 'Completed unusually fast',
  'repeated-answer': 'Same answer repeated',
  'text-too-long': 'Answer too long for an Excel cell',
};

const titles = new Map(RULES.map((r) => [r.code, r.title]));

export function ruleName(code: string): string {
  if (NAMES[code]) return NAMES[code];
  const title = titles.get(code);
  if (title) return title;
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the rule catches, for a tooltip: the catalogue's description, with the code. */
export function ruleDescription(code: string): string {
  const rule = RULES.find((r) => r.code === code);
  return rule ? `${code}: ${rule.description}` : code;
}
