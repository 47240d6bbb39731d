import { compareLabels, optionShares } from '../../compare';
import { rangeRef } from '../a1';
import { column } from '../columns';
import { questionLabel, type PlanContext } from '../context';
import { shareScale, tabColours } from '../palette';
import { safeSheetName, safeTableName } from '../text-safety';
import type { CellValue, SheetSpec } from '../types';
import { titleBlocks } from './layout';

const tableTop = 2;
/** The Share column, the one coloured. */
const shareColumn = 7;
const allRegions = 'All regions';

/**
 * The share of each option of the choice questions other than Yes/No, over all current responses
 * and by UN region; undefined when the questionnaire has no such question. One row per question,
 * option and region, so the columns stay the same whatever regions a batch brings (a rebuild in the
 * live workbook updates the table in place) and the table pivots by region.
 */
export function optionSharesSheet(ctx: PlanContext): SheetSpec | undefined {
  const overall = optionShares(ctx.def, ctx.current);
  if (!overall.length) return undefined;
  const regions = [...new Set(ctx.current.map((r) => r.country.region).filter(Boolean))].sort(compareLabels);
  const groups = [
    { region: allRegions, shares: overall },
    ...regions.map((region) => ({
      region,
      shares: optionShares(
        ctx.def,
        ctx.current.filter((r) => r.country.region === region),
      ),
    })),
  ];
  const rows: CellValue[][] = overall.flatMap((s, i) =>
    groups.map(({ region, shares }) => [
      ctx.sectionTitle.get(s.question.section) ?? s.question.section,
      s.question.id,
      questionLabel(s.question),
      s.option,
      region,
      shares[i].chosen,
      shares[i].answered,
      shares[i].share,
    ]),
  );
  return {
    name: safeSheetName('Option shares', ctx.sheetNames),
    tabColor: tabColours.scores,
    freeze: { rows: tableTop + 1, columns: 0 },
    blocks: titleBlocks(
      'Option shares',
      `For each choice question other than Yes/No: how many current responses chose each option, among those whose choice the file records; over all regions ("${allRegions}") and by UN region. A multiple choice counts each option on its own.`,
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
          column('Region', 'text', 18),
          column('Chosen', 'integer', 8),
          column('Answered', 'integer', 9),
          column('Share', 'percent', 8),
        ],
        rows,
      },
    ],
    conditionalFormats: rows.length
      ? [
          {
            kind: 'colorScale' as const,
            range: rangeRef(tableTop + 1, shareColumn, tableTop + rows.length, shareColumn),
            colors: shareScale,
          },
        ]
      : [],
    validations: [],
  };
}
