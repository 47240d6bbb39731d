import { definitionHeaders as h, column, tableNames } from '../columns';
import type { PlanContext } from '../context';
import { tabColours } from '../palette';
import type { SheetSpec } from '../types';
import { tableSheet } from './layout';

/** Characters of JSON per cell: under Excel's 32,767 with room to spare. */
export const DEFINITION_PART_CHARS = 30000;

/**
 * The definition the workbook was built with, as JSON in a hidden table, so a later import merges
 * against the same questionnaire without naming it again. Cells hold text only, never a formula.
 */
export function definitionSheet(ctx: PlanContext): SheetSpec {
  const json = JSON.stringify(ctx.def);
  const parts: string[] = [];
  for (let at = 0; at < json.length; at += DEFINITION_PART_CHARS)
    parts.push(json.slice(at, at + DEFINITION_PART_CHARS));
  return {
    ...tableSheet(ctx, {
      sheet: 'Definition',
      table: tableNames.definition,
      tabColor: tabColours.definition,
      style: 'TableStyleLight15',
      columns: [column(h.part, 'integer', 6), column(h.json, 'text', 80)],
      rows: parts.map((part, i) => [i + 1, part]),
    }),
    hidden: true,
  };
}
