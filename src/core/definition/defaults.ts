import type { RuleConfig } from './schema';

/**
 * The rules a questionnaire read from a file (XLSForm, template, derived) runs unless it says
 * otherwise. The form's own `required`, `relevant` and `constraint` carry its logic, so the MSQ's
 * "If yes…" rules are left to definitions that ask for them: `answered-when-not-relevant` covers them.
 */
export function defaultChecks(): Record<string, RuleConfig> {
  const rules: [string, RuleConfig['severity']][] = [
    ['required-missing', 'error'],
    ['answered-when-not-relevant', 'warning'],
    ['constraint-violated', 'error'],
    ['placeholder-answer', 'warning'],
    ['invalid-email', 'error'],
    ['invalid-url', 'warning'],
    ['duplicate-response', 'warning'],
    ['country-inferred', 'info'],
    ['country-unknown', 'error'],
    ['selection-not-recorded', 'info'],
    ['choice-not-in-options', 'warning'],
    ['repeated-answer', 'info'],
    ['text-too-long', 'warning'],
  ];
  return Object.fromEntries(rules.map(([code, severity]) => [code, { enabled: true, severity }]));
}

/** Stand-ins for an answer any questionnaire's respondents write; "0" is left out, being a number. */
export const defaultPlaceholders: readonly string[] = [
  '-',
  '--',
  '---',
  '—',
  '–',
  '.',
  '..',
  '...',
  'n/a',
  'na',
  'n.a.',
  'nil',
  'none',
  'null',
  'tbd',
  'tba',
  'xxx',
  'xx',
  'x',
  '?',
];
