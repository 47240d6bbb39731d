/**
 * The counts of an import that add up: responses found in the files read, minus the copies merged,
 * plus the responses of earlier imports, are the responses kept, current or superseded.
 * Computed once here from the file reports and responses, for the CLI summary, the About sheet
 * and the pane alike.
 */
import type { FileReport, Response } from './model';

export interface BatchCounts {
  filesRead: number;
  filesRejected: number;
  /** Files that are the questionnaire's definition, not responses. */
  definitionFiles: number;
  /** Responses read from this batch's files, copies included. */
  found: number;
  /**
   * Copies of a submission kept once: read elsewhere in the batch (`file/id (kept as file/id)`), or
   * imported before and brought again (`file/id (imported before, replaced by file/id)`).
   */
  merged: string[];
  /** Responses of earlier imports (one this batch brings again is also a merged copy). */
  fromEarlier: number;
  /** Responses kept: found − merged + fromEarlier = current + superseded. */
  kept: number;
  current: number;
  superseded: number;
}

export function countBatch(reports: readonly FileReport[], responses: readonly Response[]): BatchCounts {
  const found = reports.reduce((n, r) => n + (r.status === 'imported' ? r.responses : 0), 0);
  const merged = reports.flatMap((r) => r.merged ?? []);
  const current = responses.filter((r) => r.status === 'current').length;
  return {
    filesRead: reports.filter((r) => r.status === 'imported').length,
    filesRejected: reports.filter((r) => r.status === 'rejected').length,
    definitionFiles: reports.filter((r) => r.status === 'definition').length,
    found,
    merged,
    fromEarlier: Math.max(0, responses.length - (found - merged.length)),
    kept: responses.length,
    current,
    superseded: responses.length - current,
  };
}

/** One line for a summary: "386 responses found in 560 files read; 12 copies merged; …". */
export function describeCounts(c: BatchCounts): string {
  const parts = [
    `${c.found} response${c.found === 1 ? '' : 's'} found in ${c.filesRead} file${c.filesRead === 1 ? '' : 's'} read`,
  ];
  parts.push(`${c.merged.length} cop${c.merged.length === 1 ? 'y' : 'ies'} merged`);
  if (c.fromEarlier) parts.push(`${c.fromEarlier} kept from earlier imports`);
  parts.push(`${c.kept} kept: ${c.current} current, ${c.superseded} superseded`);
  return parts.join('; ');
}
