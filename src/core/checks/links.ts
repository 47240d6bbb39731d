import { isChoiceType } from '../definition';
import type { Response } from '../model';
import type { CheckContext, Finding, Rule } from './rule';
import { describeQuestion, evidence } from './text';

/**
 * Something written as a link: a scheme-like word followed by slashes ("https://", "htp://",
 * "https//", "http:\\"), or "www.". Bare domains ("portal.gov.by") are left alone.
 */
const CANDIDATE = /(?<![\p{L}\p{N}@._-])(?:[a-z]{2,6}[:;]{0,2}(?:\/{1,3}|\\{1,2})|www\.)[^\s<>()"'[\]{}]*/giu;
/** What every candidate holds: a slash, a backslash or "www.". */
const MAY_LINK = /[/\\]|www\./i;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/iu;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function hostProblem(host: string): string | undefined {
  const bare = host.replace(/:\d+$/, '');
  if (!bare) return 'has no address after the scheme';
  if (IPV4.test(bare) || bare.toLowerCase() === 'localhost') return undefined;
  const labels = bare.split('.');
  if (labels.some((l) => l === '')) return 'has an empty part in its address (two dots in a row)';
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TOP_LEVEL.test(labels.at(-1)!))
    return 'has an invalid site address';
  return undefined;
}

/** Why a written link is not a valid http(s) URL, or undefined when it is fine or not an http link at all. */
export function linkProblem(link: string): string | undefined {
  const trimmed = link.replace(/[.,;:!?]+$/, '');
  if (/^www\./i.test(trimmed)) return hostProblem(trimmed.split(/[/?#]/)[0]);
  const m = /^([a-z]+)([:;]*)([/\\]+)(.*)$/i.exec(trimmed);
  if (!m) return undefined;
  const [, scheme, colon, slashes, rest] = m;
  const lower = scheme.toLowerCase();
  const httpLike =
    lower === 'http' || lower === 'https' || ['http', 'https'].some((s) => editDistance(lower, s) <= 1);
  if (!httpLike) return undefined;
  // "HTTP/1.1" names a protocol version, not a link.
  if (!colon && slashes === '/') return undefined;
  if (lower !== 'http' && lower !== 'https') return `misspells the scheme as "${scheme}"`;
  if (colon !== ':')
    return colon ? `has "${colon}" after "${scheme}" instead of ":"` : `lacks the ":" after "${scheme}"`;
  if (slashes !== '//') return `has "${slashes}" after "${scheme}:" instead of "//"`;
  return hostProblem(rest.split(/[/?#]/)[0].replace(/^[^@]*@/, ''));
}

function check(r: Response, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const q of ctx.def.questions) {
    const answer = r.answers[q.id];
    if (!answer || answer.status !== 'answered' || q.format === 'email') continue;
    const text = !isChoiceType(q.type) ? answer.value : (answer.other ?? '');
    if (!MAY_LINK.test(text)) continue;
    const bad = [...text.matchAll(CANDIDATE)]
      .map((m) => ({ link: m[0], problem: linkProblem(m[0]) }))
      .filter((x): x is { link: string; problem: string } => x.problem !== undefined);
    if (bad.length === 0) continue;
    const first = bad[0];
    const more = bad.length > 1 ? ` (and ${bad.length - 1} more)` : '';
    findings.push({
      questionId: q.id,
      message: `${describeQuestion(q)} has a link that is not a valid web address: "${first.link}" ${first.problem}${more}.`,
      evidence: evidence(bad.map((b) => b.link).join(' ')),
    });
  }
  return findings;
}

export const linkRules: Rule[] = [
  {
    code: 'invalid-url',
    family: 'links',
    title: 'Invalid link',
    defaultSeverity: 'warning',
    description:
      'A link written in an answer is not a valid http(s) address: a misspelt scheme ("htp://", "https//", "http:/"), or a site address with two dots in a row or no domain. Bare domains such as "portal.gov.by" are not checked.',
    check,
  },
];
