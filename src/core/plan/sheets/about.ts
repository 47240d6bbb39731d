import { countBatch } from '../../counts';
import type { Severity } from '../../model';
import { column, tableNames } from '../columns';
import type { PlanContext } from '../context';
import { tabColours } from '../palette';
import { safeTableName } from '../text-safety';
import type { BlockSpec, CellValue, SheetSpec } from '../types';
import { matrixLegend } from './comparison';

export interface AboutFacts {
  name: string;
  truncatedCells: number;
  sheetNames: {
    responses: string;
    answers: string;
    issues: string;
    questions: string;
    scores: string;
    pivot: string;
  };
}

const valueStatuses: [string, string][] = [
  ['answered', 'The file gives the answer.'],
  ['empty', 'The question was left blank.'],
  ['not-applicable', 'Skipped by the questionnaire logic, for example an "If yes" follow-up after No.'],
  ['not-recorded', 'The layout lists the options without marking the chosen one (Forms pages).'],
  ['inferred', 'Derived from other answers; the Basis column says how.'],
];

/** The cover sheet: what was imported, what was found, and how to read the rest. */
export function aboutSheet(ctx: PlanContext, facts: AboutFacts): SheetSpec {
  const blocks: BlockSpec[] = [];
  let row = 0;
  const add = (rows: CellValue[][], style?: BlockSpec['style'], fills?: (string | undefined)[], col = 0) => {
    blocks.push({
      origin: { row, column: col },
      rows,
      ...(style ? { style } : {}),
      ...(fills ? { fills } : {}),
    });
  };
  const next = (rows: number) => (row += rows);

  add([[ctx.def.title]], 'title');
  next(1);
  add([[`Comparison workbook, imported ${ctx.importedAt}`]], 'note');
  next(2);

  const questionnaire: CellValue[][] = [
    ['Questionnaire', `${ctx.def.title} (${ctx.def.id})`],
    ['Definition', ctx.def.source?.description ?? 'named by the analyst'],
    ['Questions', `${ctx.def.questions.length} in ${ctx.def.sections.length} sections`],
  ];
  add([['Questionnaire']], 'heading');
  next(1);
  add(questionnaire);
  next(questionnaire.length + 1);

  if (ctx.notes.length) {
    add([['Notes']], 'heading');
    next(1);
    add(ctx.notes.map((n) => [n]));
    next(ctx.notes.length + 1);
  }

  const current = ctx.responses.filter((r) => r.status === 'current');
  const countries = new Set(current.map((r) => r.country.iso3).filter(Boolean));
  const severity = (s: Severity) => ctx.issues.filter((i) => i.severity === s).length;
  const batch = countBatch(ctx.reports, ctx.responses);
  const counts: CellValue[][] = [
    ['Files imported', batch.filesRead],
    ['Files rejected', batch.filesRejected],
    ['Definition files', batch.definitionFiles],
    ['Responses found in the files', batch.found],
    ['Identical copies merged', batch.merged.length],
    ...(batch.fromEarlier ? [['Responses kept from earlier imports', batch.fromEarlier]] : []),
    ['Responses (current)', batch.current],
    ['Responses (superseded)', batch.superseded],
    ['Countries (current responses)', countries.size],
    ['Issues: errors', severity('error')],
    ['Issues: warnings', severity('warning')],
    ['Issues: info', severity('info')],
    ['Cells cut to 32,767 characters', facts.truncatedCells],
  ];
  add([['Counts']], 'heading');
  next(1);
  add(counts);
  next(counts.length + 1);

  if (batch.merged.length) {
    add([['Identical copies merged (each kept once)']], 'heading');
    next(1);
    add(batch.merged.map((m) => [m]));
    next(batch.merged.length + 1);
  }

  add([['Colours in the comparison sheets']], 'heading');
  next(1);
  add(
    matrixLegend.map((l) => [l.label]),
    'legend',
    matrixLegend.map((l) => l.fill),
  );
  add(
    matrixLegend.map((l) => [l.meaning]),
    undefined,
    undefined,
    1,
  );
  next(matrixLegend.length + 1);

  add([['Value statuses (Answers sheet)']], 'heading');
  next(1);
  add(valueStatuses);
  next(valueStatuses.length + 1);

  const n = facts.sheetNames;
  const howTo = [
    `${n.responses} lists every response, current and superseded; a later resubmission from the same country supersedes the earlier one.`,
    `${n.answers} holds one row per response and question. Filter it by country, section, question or status.`,
    `${n.issues} lists what the checks found. Each issue links to its answer. Set Review and add a Note: both are kept when more files are imported into this workbook.`,
    `The Compare sheets show current responses side by side, one sheet per section, coloured by status.`,
    `${n.scores} and Regions summarise Yes shares and completeness; ${n.pivot} holds a PivotTable you can rearrange.`,
    `${n.questions} is the questionnaire itself; a hidden Definition sheet keeps it for the next import, which needs no questionnaire named. Answers are stored as text and are never run as formulas.`,
  ];
  add([['How to use this workbook']], 'heading');
  next(1);
  add(howTo.map((s) => [s]));
  next(howTo.length + 1);

  add([['Files']], 'heading');
  next(1);
  return {
    name: facts.name,
    tabColor: tabColours.about,
    blocks,
    tables: [
      {
        name: safeTableName(tableNames.files, ctx.tableNames),
        origin: { row, column: 0 },
        style: 'TableStyleLight1',
        columns: [
          column('File', 'text', 34),
          column('Status', 'text', 12),
          column('Format', 'text', 11),
          column('Responses', 'integer', 11),
          column('Message', 'text', 80),
        ],
        rows: ctx.reports.map((f) => [f.sourceFile, f.status, f.format ?? '', f.responses, f.message]),
      },
    ],
    conditionalFormats: [],
    validations: [],
  };
}
