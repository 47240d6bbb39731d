import { answerHeaders } from '../columns';
import type { PlanContext } from '../context';
import { tabColours } from '../palette';
import { safeSheetName, safeTableName } from '../text-safety';
import type { PivotSpec, SheetSpec } from '../types';

/** Filters sit above the PivotTable, one per row, then a blank row: the layout Excel uses. */
const pivotTop = 5;

/**
 * A PivotTable over Answers: countries down, sections across, the average Score (Yes = 1, No = 0),
 * filtered to current responses and to scored answers.
 */
export function pivotSheet(
  ctx: PlanContext,
  answersTable: string,
  hasScores: boolean,
): { sheet: SheetSpec; pivots: PivotSpec[] } {
  const name = safeSheetName('Pivot', ctx.sheetNames);
  const note = hasScores
    ? 'A PivotTable over the Answers table: the share of Yes among the answered Yes/No questions, current responses only. Excel refreshes it when the file opens; after editing Answers use Data > Refresh All.'
    : 'No current response has an answered Yes/No question, so there is nothing to summarise yet.';
  const sheet: SheetSpec = {
    name,
    tabColor: tabColours.pivot,
    blocks: [
      { origin: { row: 0, column: 0 }, rows: [['Average score by country and section']], style: 'title' },
      { origin: { row: 1, column: 0 }, rows: [[note]], style: 'note' },
    ],
    tables: [],
    conditionalFormats: [],
    validations: [],
    widths: { 0: 28 },
  };
  if (!hasScores) return { sheet, pivots: [] };
  return {
    sheet,
    pivots: [
      {
        name: safeTableName('ScoresByCountry', ctx.tableNames),
        sourceTable: answersTable,
        sheet: name,
        origin: { row: pivotTop, column: 0 },
        rows: [answerHeaders.country],
        columns: [answerHeaders.section],
        values: [
          { field: answerHeaders.score, summarize: 'average', name: 'Average of Score', numberFormat: '0%' },
        ],
        filters: [answerHeaders.status, answerHeaders.score],
        filterItems: { [answerHeaders.status]: ['current'], [answerHeaders.score]: [0, 1] },
      },
    ],
  };
}
