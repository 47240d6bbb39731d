import { compareLabels, optionShares } from '../../compare';
import { rangeRef } from '../a1';
import { column } from '../columns';
import { questionLabel, type PlanContext } from '../context';
import { shareScale, tabColours } from '../palette';
import { safeSheetName, safeTableName } from '../text-safety';
import type { CellValue, SheetSpec } from '../types';
import { titleBlocks } from './layout';

const tableTop = 2;
const leadColumns = 7;

/**
 * The share of each option of the choice questions other than Yes/No, over all current responses
 * and by UN region; undefined when the questionnaire has no such question.
 */
export function optionSharesSheet(ctx: PlanContext): SheetSpec | undefined {
  const overall = optionShares(ctx.def, ctx.current);
  if (!overall.length) return undefined;
  const regions = [...new Set(ctx.current.map((r) => r.country.region).filter(Boolean))].sort(compareLabels);
  const byRegion = regions.map((region) =>
    optionShares(
      ctx.def,
      ctx.current.filter((r) => r.country.region === region),
    ),
  );
  const rows: CellValue[][] = overall.map((s, i) => [
    ctx.sectionTitle.get(s.question.section) ?? s.question.section,
    s.question.id,
    questionLabel(s.question),
    s.option,
    s.chosen,
    s.answered,
    s.share,
    ...byRegion.map((shares) => shares[i].share),
  ]);
  const shareColumns = 1 + regions.length;
  return {
    name: safeSheetName('Option shares', ctx.sheetNames),
    tabColor: tabColours.scores,
    freeze: { rows: tableTop + 1, columns: 0 },
    blocks: titleBlocks(
      'Option shares',
      'For each choice question other than Yes/No: how many current responses chose each option, among those whose choice the file records; overall and by UN region. A multiple choice counts each option on its own.',
    ),
    tables: [
      {
        name: safeTableName('OptionShares', ctx.tableNames),
        origin: { row: tableTop, column: 0 },
        style: 'TableStyleLight1',
        columns: [
          column('Section', 'text', 22),
          column('Question id', 'text', 10),
          column('Question', 'text', 40, true),
          column('Option', 'text', 26, true),
          column('Chosen', 'integer', 8),
          column('Answered', 'integer', 9),
          column('Share', 'percent', 8),
          ...regions.map((r) => column(`${r}: share`, 'percent', 10)),
        ],
        rows,
      },
    ],
    conditionalFormats: rows.length
      ? Array.from({ length: shareColumns }, (_, k) => ({
          kind: 'colorScale' as const,
          range: rangeRef(tableTop + 1, leadColumns - 1 + k, tableTop + rows.length, leadColumns - 1 + k),
          colors: shareScale,
        }))
      : [],
    validations: [],
  };
}
