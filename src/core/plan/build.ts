import { compareLabels, currentResponses, sectionScores } from '../compare';
import type { Definition } from '../definition';
import type { FileReport, Issue, Response } from '../model';
import { rowLabelling, type PlanContext } from './context';
import { aboutSheet } from './sheets/about';
import { answersSheet } from './sheets/answers';
import { comparisonSheet } from './sheets/comparison';
import { optionSharesSheet } from './sheets/choices';
import { definitionSheet } from './sheets/definition';
import { issuesSheet } from './sheets/issues';
import { pivotSheet } from './sheets/pivot';
import { questionsSheet } from './sheets/questions';
import { responsesSheet } from './sheets/responses';
import { regionsSheet, sectionScoresSheet } from './sheets/scores';
import { fitCellText, safeLinkTarget, safeSheetName } from './text-safety';
import type { SheetSpec, WorkbookPlan } from './types';

export interface ReviewEntry {
  review: 'Open' | 'Confirmed' | 'Dismissed' | 'Fixed';
  note: string;
}

export interface PlanInput {
  def: Definition;
  responses: Response[];
  issues: Issue[];
  reports: FileReport[];
  reviews: Map<string, ReviewEntry>;
  importedAt: string;
  /** What holds for the whole batch (BatchResult.notes). */
  notes?: string[];
}

/** Cuts over-long text to fit a cell and drops links that are neither internal nor http(s); returns the cuts. */
function enforceLimits(sheets: SheetSpec[]): number {
  let truncated = 0;
  const fitRow = (row: unknown[]) => {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (typeof v === 'string' && v.length > 32767) {
        row[i] = fitCellText(v).text;
        truncated++;
      }
    }
  };
  for (const sheet of sheets) {
    for (const block of sheet.blocks) block.rows.forEach(fitRow);
    for (const table of sheet.tables) {
      table.rows.forEach(fitRow);
      if (table.links) table.links = table.links.filter((l) => safeLinkTarget(l.target) !== undefined);
    }
  }
  return truncated;
}

/**
 * Share of the plan's building done once each step is, for `onProgress` (measured at 1,153 responses:
 * the Answers sheet, a row per response and question, takes about 60% of the time).
 */
const PLAN_SHARE = { responses: 0.05, answers: 0.65, issues: 0.77, comparisons: 0.9, rest: 0.95 };

/**
 * The comparison workbook as plain data, drawn alike by the .xlsx and the live-workbook renderers.
 * `onProgress` is told the share built so far, sheet by sheet (never 1: the plan returned is the end).
 */
export function buildWorkbookPlan(input: PlanInput, onProgress?: (fraction: number) => void): WorkbookPlan {
  const report = onProgress ?? (() => undefined);
  const { def } = input;
  const labelling = rowLabelling(def, input.responses);
  const ctx: PlanContext = {
    def,
    responses: input.responses,
    // Ordered by what the comparison rows show (a stable sort keeps file and id order within one label).
    current: currentResponses(input.responses).sort((a, b) =>
      compareLabels(labelling.rowLabel(a), labelling.rowLabel(b)),
    ),
    issues: input.issues,
    reports: input.reports,
    reviews: input.reviews,
    importedAt: input.importedAt,
    notes: input.notes ?? [],
    ...labelling,
    questionById: new Map(def.questions.map((q) => [q.id, q])),
    sectionTitle: new Map(def.sections.map((s) => [s.id, s.title])),
    sheetNames: new Set(),
    tableNames: new Set(),
  };
  // About comes first but is written last, once the counts are known; reserve its name.
  const aboutName = safeSheetName('About', ctx.sheetNames);
  const responses = responsesSheet(ctx);
  report(PLAN_SHARE.responses);
  const answers = answersSheet(ctx);
  report(PLAN_SHARE.answers);
  const issues = issuesSheet(ctx, {
    answersSheet: answers.sheet.name,
    answerRow: answers.rowOf,
    responsesSheet: responses.sheet.name,
    responseRow: responses.rowOf,
  });
  report(PLAN_SHARE.issues);
  const questions = questionsSheet(ctx);
  const comparisons = def.sections.map((s, i) => {
    const sheet = comparisonSheet(ctx, s, responses.sheet.name, responses.rowOf);
    const step = (PLAN_SHARE.comparisons - PLAN_SHARE.issues) / def.sections.length;
    report(PLAN_SHARE.issues + step * (i + 1));
    return sheet;
  });
  const scores = sectionScores(def, ctx.current, ctx.issues);
  const scoresSheet = sectionScoresSheet(ctx, scores);
  const shares = optionSharesSheet(ctx);
  const regions = regionsSheet(ctx, scores);
  const hasScores = scores.some((s) => s.sections.some((x) => x.yes + x.no > 0));
  const pivot = pivotSheet(ctx, answers.sheet.tables[0].name, hasScores);

  const rest = [
    responses.sheet,
    answers.sheet,
    issues,
    questions,
    ...comparisons,
    scoresSheet,
    ...(shares ? [shares] : []),
    regions,
    pivot.sheet,
    definitionSheet(ctx),
  ];
  report(PLAN_SHARE.rest);
  const truncatedCells = enforceLimits(rest);
  const about = aboutSheet(ctx, {
    name: aboutName,
    truncatedCells,
    sheetNames: {
      responses: responses.sheet.name,
      answers: answers.sheet.name,
      issues: issues.name,
      questions: questions.name,
      scores: scoresSheet.name,
      pivot: pivot.sheet.name,
    },
  });
  enforceLimits([about]);
  return {
    // Printed, every sheet runs across: landscape, all columns on one page's width.
    sheets: [about, ...rest].map((sheet) => ({ ...sheet, print: { landscape: true, fitToWidth: true } })),
    pivots: pivot.pivots,
    properties: { title: def.title, subject: 'Comparison workbook', created: input.importedAt },
  };
}
