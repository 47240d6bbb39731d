import { constraintHolds } from '../definition';
import type { Response } from '../model';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, evidence, isBlank, isPlaceholder } from './text';

const LOCAL_ATOM = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/iu;

/** Strips what surrounds an address without changing it: `mailto:`, `<…>`, a display name, a Markdown link, a closing stop. */
function unwrap(text: string): string {
  let s = text.trim();
  const markdown = /^\[([^\]]*)\]\(mailto:([^)]*)\)$/i.exec(s);
  if (markdown) s = markdown[2];
  // "Name <address>" is one address with a display name.
  const angled = /^(?:[^<>@]*\s)?<([^<>]*)>$/.exec(s);
  if (angled) s = angled[1];
  return s
    .replace(/^mailto:/i, '')
    .replace(/[.,;]$/, '')
    .trim();
}

/** Why `text` is not one valid email address, or undefined when it is. */
export function emailProblem(text: string): string | undefined {
  const s = unwrap(text);
  const addresses = s.split(/[\s,;/]+/).filter((part) => part.includes('@'));
  if (addresses.length > 1) return 'holds several addresses; give one';
  if (!s.includes('@')) {
    if (/\S\s+at\s+\S+\.\S/i.test(s)) return 'writes "at" instead of "@"';
    return 'is not an email address (no "@")';
  }
  if (/\s/.test(s)) return 'contains spaces';
  const [local, domain, ...more] = s.split('@');
  if (more.length) return 'contains more than one "@"';
  if (!local || !local.split('.').every((atom) => LOCAL_ATOM.test(atom)))
    return 'has an invalid name before the "@"';
  const labels = domain.split('.');
  if (labels.some((l) => l === ''))
    return 'has an empty part in its domain (two dots in a row, or a dot at an end)';
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || !TOP_LEVEL.test(labels.at(-1)!))
    return 'has an invalid domain after the "@"';
  return undefined;
}

/** Blank is required-missing's business and a placeholder placeholder-answer's. */
function check(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.def.questions) {
    const answer = r.answers[q.id];
    if (q.format !== 'email' || !answer || answer.status !== 'answered' || isBlank(answer)) continue;
    if (isPlaceholder(answer.value, ctx.def.placeholders)) continue;
    // The form's own constraint already speaks of this answer.
    if (ctx.enabled('constraint-violated') && constraintHolds(ctx.def, q, r.answers) === false) continue;
    const problem = emailProblem(answer.value);
    if (!problem) continue;
    findings.push({
      questionId: q.id,
      message: `${describeQuestion(q)} is not one valid email address: it ${problem}.`,
      evidence: evidence(answer.value),
    });
  }
  return findings;
}

export const emailRules: Rule[] = [
  {
    code: 'invalid-email',
    family: 'emails',
    title: 'Invalid email address',
    defaultSeverity: 'error',
    description:
      'A question whose format is "email" does not hold exactly one valid address: several addresses, "see above", "name at domain", a missing "@", spaces, two dots in a row. A blank answer is not invalid; it is required-missing. An answer that breaks the question\'s own constraint is left to constraint-violated.',
    check,
  },
];
