import { column, tableNames } from '../columns';
import type { PlanContext } from '../context';
import { tabColours } from '../palette';
import type { SheetSpec } from '../types';
import { tableSheet } from './layout';

/** The questionnaire definition as a table. */
export function questionsSheet(ctx: PlanContext): SheetSpec {
  return tableSheet(ctx, {
    sheet: 'Questions',
    table: tableNames.questions,
    tabColor: tabColours.definition,
    style: 'TableStyleLight15',
    columns: [
      column('Id', 'text', 14),
      column('Number', 'integer', 8),
      column('Section', 'text', 24),
      column('Text', 'text', 60, true),
      column('Sub-label', 'text', 22),
      column('Type', 'text', 9),
      column('Options', 'text', 40, true),
      column('Other option', 'text', 10),
      column('Required', 'text', 9),
      column('Format', 'text', 8),
      column('Relevant when', 'text', 16),
      column('Option names', 'text', 20),
      column('Constraint', 'text', 24),
    ],
    rows: ctx.def.questions.map((q) => [
      q.id,
      q.number,
      ctx.sectionTitle.get(q.section) ?? q.section,
      q.text,
      q.subLabel ?? '',
      q.type,
      q.options?.join('; ') ?? '',
      q.otherOption ?? '',
      q.required ? 'Yes' : 'No',
      q.format ?? '',
      q.relevant ?? '',
      q.optionNames?.join('; ') ?? '',
      q.constraint ?? '',
    ]),
  });
}
