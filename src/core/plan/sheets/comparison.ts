import { excerpt, matrixLabels, sectionMatrix } from '../../compare';
import { isChoiceType, type Section } from '../../definition';
import { responseKey } from '../../model';
import { placeLink, rangeRef } from '../a1';
import { column } from '../columns';
import { questionLabel, type PlanContext } from '../context';
import { statusColours, tabColours } from '../palette';
import { safeSheetName, safeTableName } from '../text-safety';
import type { CellValue, ConditionalFormat, LinkSpec, SheetSpec } from '../types';

/** Each status label and its colours; the rules match the exact label. */
export const matrixLegend: { label: string; meaning: string; fill: string; font: string }[] = [
  { label: matrixLabels.yes, meaning: 'answered Yes', ...statusColours.yes },
  { label: matrixLabels.no, meaning: 'answered No', ...statusColours.no },
  { label: matrixLabels.inferred, meaning: 'Yes inferred from other answers', ...statusColours.inferred },
  { label: matrixLabels.inferredNo, meaning: 'No inferred from other answers', ...statusColours.inferred },
  {
    label: matrixLabels.notRecorded,
    meaning: 'the file does not say which option was chosen',
    ...statusColours.notRecorded,
  },
  { label: matrixLabels.missing, meaning: 'no answer given', ...statusColours.missing },
  {
    label: matrixLabels.notApplicable,
    meaning: 'skipped by the questionnaire logic',
    ...statusColours.notApplicable,
  },
];

function legendRules(range: string): ConditionalFormat[] {
  return matrixLegend.map((l) => ({ kind: 'textEquals', range, text: l.label, fill: l.fill, font: l.font }));
}

const tableTop = 3;
const leadColumns = 3;

/** Countries (current responses) × the section's questions, statuses told apart by colour. */
export function comparisonSheet(
  ctx: PlanContext,
  section: Section,
  responsesSheet: string,
  responseRow: Map<string, number>,
): SheetSpec {
  const questions = ctx.def.questions.filter((q) => q.section === section.id);
  const matrix = sectionMatrix(ctx.def, section.id, ctx.current);
  const links: LinkSpec[] = [];
  const rows: CellValue[][] = matrix.map((row, i) => {
    const r = row.response;
    const at = responseRow.get(responseKey(r));
    if (at) links.push({ row: i, column: 0, target: placeLink(responsesSheet, at - 1, 0) });
    return [
      ctx.rowLabel(r),
      r.country.iso3,
      r.country.region,
      ...row.cells.map((c) => c.display),
      responseKey(r),
    ];
  });
  const legendRow: CellValue[] = ['Legend', ...matrixLegend.map((l) => l.label)];
  const conditionalFormats = legendRules(rangeRef(1, 1, 1, matrixLegend.length));
  if (rows.length && questions.length)
    conditionalFormats.push(
      ...legendRules(
        rangeRef(tableTop + 1, leadColumns, tableTop + rows.length, leadColumns + questions.length - 1),
      ),
    );
  return {
    name: safeSheetName(`Compare ${section.id}`, ctx.sheetNames),
    tabColor: tabColours.comparison,
    freeze: { rows: tableTop + 1, columns: 1 },
    blocks: [
      { origin: { row: 0, column: 0 }, rows: [[section.title]], style: 'title' },
      { origin: { row: 1, column: 0 }, rows: [legendRow], style: 'legend' },
      {
        origin: { row: 2, column: 0 },
        rows: [
          [
            'Current responses only. Text answers show their link count or first 60 characters; the full answers are on the Answers sheet.',
          ],
        ],
        style: 'note',
      },
    ],
    tables: [
      {
        name: safeTableName(`Compare_${section.id}`, ctx.tableNames),
        origin: { row: tableTop, column: 0 },
        style: 'TableStyleLight1',
        columns: [
          column(ctx.rowHeader, 'text', 24),
          column('ISO3', 'text', 7),
          column('Region', 'text', 11),
          ...questions.map((q) =>
            column(`${q.id} ${excerpt(questionLabel(q), 40)}`, 'text', isChoiceType(q.type) ? 13 : 22),
          ),
          column('Response', 'text', 26),
        ],
        rows,
        links,
      },
    ],
    conditionalFormats,
    validations: [],
  };
}
