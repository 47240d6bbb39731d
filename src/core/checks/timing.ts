import type { Response } from '../model';
import type { BatchFinding, Rule } from './rule';
import { timestampMs } from './text';

/** Fewer durations than this give no meaningful median. */
const MIN_DURATIONS = 5;
/** "Far below": under a tenth of the median, an order of magnitude faster than usual. */
const FAST_SHARE = 0.1;

/** Seconds from start to completion: the file's own figure, else the two timestamps (zone-less ones by the clock). */
export function durationOf(r: Response): number | undefined {
  if (r.durationSeconds !== undefined && r.durationSeconds > 0) return r.durationSeconds;
  if (!r.startTime || !r.completionTime) return undefined;
  const seconds = (timestampMs(r.completionTime) - timestampMs(r.startTime)) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * Compared within one layout: a Forms page states its own "time to complete", an export row
 * gives start and completion times, and the two are not measured alike.
 */
function fastCompletion(responses: Response[]): BatchFinding[] {
  const byFormat = new Map<string, { r: Response; seconds: number }[]>();
  for (const r of responses) {
    const seconds = durationOf(r);
    if (seconds === undefined) continue;
    const group = byFormat.get(r.format) ?? [];
    group.push({ r, seconds });
    byFormat.set(r.format, group);
  }
  const findings: BatchFinding[] = [];
  for (const [format, timed] of byFormat) {
    if (timed.length < MIN_DURATIONS) continue;
    const typical = median(timed.map((t) => t.seconds));
    for (const { r, seconds } of timed) {
      if (seconds >= FAST_SHARE * typical) continue;
      findings.push({
        response: r,
        questionId: '',
        message: `Completed in ${formatDuration(seconds)}, under a tenth of the median ${formatDuration(typical)} of ${timed.length} ${format} responses: check that the answers were not pasted in without care.`,
        evidence: `${formatDuration(seconds)} (median ${formatDuration(typical)})`,
      });
    }
  }
  return findings;
}

export const timingRules: Rule[] = [
  {
    code: 'fast-completion',
    family: 'timing',
    title: 'Completed unusually fast',
    defaultSeverity: 'info',
    description:
      "The time to complete is under a tenth of the median of the batch's responses of the same layout, counted only where at least 5 of them state a duration.",
    checkBatch: fastCompletion,
  },
];
