import { answerKey, countLinks, issueCountsByAnswer, isYesNo, yesNoScore } from '../../compare';
import { responseKey } from '../../model';
import { answerHeaders as h, column, tableNames } from '../columns';
import { questionLabel, type PlanContext } from '../context';
import { tabColours } from '../palette';
import type { CellValue, SheetSpec } from '../types';
import { tableSheet } from './layout';

export interface AnswersSheet {
  sheet: SheetSpec;
  /** Excel row (1-based) of each answer, by `answerKey(responseKey, questionId)`. */
  rowOf: Map<string, number>;
}

/** 0-based column of Value: issue links point at it. */
export const answerValueColumn = 9;

/** One row per response × question, all responses (superseded ones too, marked by Status). */
export function answersSheet(ctx: PlanContext): AnswersSheet {
  const issueCounts = issueCountsByAnswer(ctx.issues);
  const rowOf = new Map<string, number>();
  const rows: CellValue[][] = [];
  // One label string per question, repeated down the sheet (the workbook writer remembers it).
  const labels = new Map(ctx.def.questions.map((q) => [q, questionLabel(q)]));
  for (const r of ctx.responses) {
    const key = responseKey(r);
    // Without a country question, a response without a country goes by its respondent (as in Compare).
    const country = ctx.rowLabel(r);
    for (const q of ctx.def.questions) {
      const a = r.answers[q.id];
      const ak = answerKey(key, q.id);
      rows.push([
        r.responseId,
        r.sourceFile,
        country,
        r.country.iso3,
        r.country.region,
        ctx.sectionTitle.get(q.section) ?? q.section,
        q.id,
        q.number,
        labels.get(q)!,
        a?.value ?? '',
        a?.status ?? null,
        isYesNo(q) ? yesNoScore(a) : null,
        a ? countLinks(a.value) : 0,
        issueCounts.get(ak) ?? 0,
        r.status,
        a?.choices ? JSON.stringify(a.choices) : null,
        a?.other ?? null,
        a?.basis ?? null,
      ]);
      rowOf.set(ak, rows.length + 1);
    }
  }
  return {
    rowOf,
    sheet: tableSheet(ctx, {
      sheet: 'Answers',
      table: tableNames.answers,
      tabColor: tabColours.data,
      style: 'TableStyleLight9',
      columns: [
        column(h.response, 'text', 11),
        column(h.file, 'text', 22),
        column(h.country, 'text', 20),
        column(h.iso3, 'text', 7),
        column(h.region, 'text', 11),
        column(h.section, 'text', 22),
        column(h.questionId, 'text', 9),
        column(h.number, 'integer', 8),
        column(h.text, 'text', 40),
        column(h.value, 'text', 50),
        column(h.valueStatus, 'text', 13),
        column(h.score, 'integer', 7),
        column(h.links, 'integer', 7),
        column(h.issues, 'integer', 7),
        column(h.status, 'text', 11),
        column(h.choices, 'text', 14),
        column(h.other, 'text', 14),
        column(h.basis, 'text', 14),
      ],
      rows,
    }),
  };
}
