import { responseKey, type Response } from '../model';
import type { BatchFinding, Rule } from './rule';
import { compareNatural, evidence, timestampMs } from './text';

/** Responses are the same country's when the country is known, written or inferred. */
function countryOf(r: Response): string | undefined {
  return r.country.source !== 'unknown' && r.country.iso3 ? r.country.iso3 : undefined;
}

function completedAt(r: Response): number {
  const t = r.completionTime ? timestampMs(r.completionTime) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** Earlier submissions first: completion time, then numeric id, then file name. Undated ones count as earliest. */
function bySubmissionOrder(a: Response, b: Response): number {
  const ta = completedAt(a);
  const tb = completedAt(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareNatural(a.responseId, b.responseId) || compareNatural(a.sourceFile, b.sourceFile);
}

/** The responses of each country answered more than once, earliest first. */
function repeatedCountries(responses: Response[]): Response[][] {
  const groups = new Map<string, Response[]>();
  for (const r of responses) {
    const country = countryOf(r);
    if (!country) continue;
    const group = groups.get(country) ?? [];
    group.push(r);
    groups.set(country, group);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => [...g].sort(bySubmissionOrder));
}

/** Marks earlier submissions of the same country superseded (latest completion time wins; ties → higher numeric id/ later file). Returns new objects. */
export function resolveDuplicates(responses: Response[]): Response[] {
  const latest = new Map<Response, Response>();
  for (const group of repeatedCountries(responses)) {
    const last = group[group.length - 1];
    for (const r of group) latest.set(r, last);
  }
  return responses.map((r) => {
    const winner = latest.get(r);
    const copy: Response = { ...r, status: 'current' };
    delete copy.supersededBy;
    if (winner && winner !== r) {
      copy.status = 'superseded';
      copy.supersededBy = responseKey(winner);
    }
    return copy;
  });
}

function describeSubmission(r: Response): string {
  const when = r.completionTime ? `, completed ${r.completionTime}` : '';
  return `${r.sourceFile} #${r.responseId}${when}`;
}

function duplicateResponses(responses: Response[]): BatchFinding[] {
  const findings: BatchFinding[] = [];
  for (const group of repeatedCountries(responses)) {
    const last = group[group.length - 1];
    const others = (r: Response) => group.filter((o) => o !== r).map(describeSubmission);
    for (const r of group) {
      const country = r.country.name || r.country.iso3;
      const standing =
        r === last
          ? `this is the latest submission and supersedes ${others(r).join('; ')}`
          : `this submission is superseded by ${describeSubmission(last)}`;
      findings.push({
        response: r,
        questionId: '',
        message: `${country} answered ${group.length} times: ${standing}.`,
        evidence: evidence(group.map(describeSubmission).join('; ')),
      });
    }
  }
  return findings;
}

export const duplicateRules: Rule[] = [
  {
    code: 'duplicate-response',
    family: 'duplicates',
    title: 'Country answered more than once',
    defaultSeverity: 'warning',
    description:
      'Two or more responses give the same country (written or inferred). Every one of them carries the issue; the latest completed is current and the others are marked superseded.',
    checkBatch: duplicateResponses,
  },
];
