import { describeCounts } from '../core/counts';
import type { BatchResult } from '../core/pipeline';

/** The closing summary an analyst reads after an import. */
export function formatSummary(result: BatchResult): string {
  const current = result.responses.filter((r) => r.status === 'current');
  const countries = new Set(current.map((r) => r.country.iso3).filter(Boolean));
  const inferred = current.filter((r) => r.country.source === 'inferred').length;
  const unknown = current.filter((r) => r.country.source === 'unknown').length;
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const i of result.issues) bySeverity[i.severity]++;
  const rejected = result.reports.filter((f) => f.status === 'rejected');
  const imported = result.reports.filter((f) => f.status === 'imported').length;
  const definitions = result.reports.filter((f) => f.status === 'definition');
  const def = result.definition;
  const lines = [
    `Questionnaire: ${def.title} (${def.id})`,
    `Definition: ${def.source?.description ?? 'named by the analyst'}`,
    `Files:      ${imported} imported, ${rejected.length} rejected` +
      (definitions.length ? `, ${definitions.length} the questionnaire's definition` : ''),
    `Responses:  ${describeCounts(result.counts)}`,
    `Countries:  ${countries.size} (${inferred} inferred from answers, ${unknown} unknown)`,
    `Issues:     ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info`,
  ];
  const byRule = new Map<string, number>();
  for (const i of result.issues) byRule.set(i.rule, (byRule.get(i.rule) ?? 0) + 1);
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) lines.push(`  ${rule.padEnd(24)} ${n}`);
  for (const note of result.notes ?? []) lines.push(`Note: ${note}`);
  if (result.counts.merged.length) {
    lines.push('Identical copies merged:');
    for (const m of result.counts.merged) lines.push(`  ${m}`);
  }
  if (rejected.length) {
    lines.push('Rejected files:');
    for (const f of rejected) lines.push(`  ${f.sourceFile}: ${f.message}`);
  }
  return lines.join('\n');
}
