import { issueCountsByResponse, noIssues, responseCompleteness } from '../../compare';
import { responseKey } from '../../model';
import { column, responseHeaders as h, tableNames } from '../columns';
import type { PlanContext } from '../context';
import { excelSerial } from '../dates';
import { tabColours } from '../palette';
import type { CellValue, SheetSpec } from '../types';
import { tableSheet } from './layout';

export interface ResponsesSheet {
  sheet: SheetSpec;
  /** Excel row (1-based) of each response, by response key. */
  rowOf: Map<string, number>;
}

/** One row per response, current and superseded, with the fields a later import needs to rebuild it. */
export function responsesSheet(ctx: PlanContext): ResponsesSheet {
  const counts = issueCountsByResponse(ctx.issues);
  const rowOf = new Map<string, number>();
  const rows: CellValue[][] = ctx.responses.map((r, i) => {
    rowOf.set(responseKey(r), i + 2);
    const c = counts.get(responseKey(r)) ?? noIssues();
    return [
      r.responseId,
      r.sourceFile,
      r.format,
      r.country.name,
      r.country.iso3,
      r.country.region,
      r.country.subregion,
      r.country.source,
      excelSerial(r.completionTime),
      r.durationSeconds === undefined ? null : r.durationSeconds / 60,
      r.status,
      responseCompleteness(ctx.def, r).share,
      c.error,
      c.warning,
      r.respondent ?? null,
      r.startTime ?? null,
      r.completionTime ?? null,
      r.durationSeconds ?? null,
      r.choicesRecorded ? 'Yes' : 'No',
      r.complete === undefined ? null : r.complete ? 'Yes' : 'No',
      r.country.written,
      r.country.evidence ?? null,
      r.supersededBy ?? null,
      r.country.source === 'analyst' ? r.country.iso3 : null,
    ];
  });
  return {
    rowOf,
    sheet: tableSheet(ctx, {
      sheet: 'Responses',
      table: tableNames.responses,
      tabColor: tabColours.data,
      frozenColumns: 1,
      style: 'TableStyleMedium2',
      columns: [
        column(h.id, 'text', 12),
        column(h.file, 'text', 26),
        column(h.format, 'text', 11),
        column(h.country, 'text', 24),
        column(h.iso3, 'text', 7),
        column(h.region, 'text', 11),
        column(h.subregion, 'text', 20),
        column(h.countrySource, 'text', 10),
        column(h.submitted, 'datetime', 17),
        column(h.minutes, 'number', 11),
        column(h.status, 'text', 11),
        column(h.completeness, 'percent', 12),
        column(h.errors, 'integer', 8),
        column(h.warnings, 'integer', 10),
        column(h.respondent, 'text', 18),
        column(h.startTime, 'text', 20),
        column(h.completionTime, 'text', 20),
        { ...column(h.durationSeconds, 'number', 11), numberFormat: 'General' },
        column(h.choicesRecorded, 'text', 10),
        column(h.finished, 'text', 9),
        column(h.written, 'text', 18),
        column(h.evidence, 'text', 30),
        column(h.supersededBy, 'text', 26),
        column(h.countrySet, 'text', 12),
      ],
      rows,
    }),
  };
}
