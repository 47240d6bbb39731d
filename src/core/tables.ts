import type { Definition } from './definition';
import type { FileReport, Issue, Response } from './model';
import { questionLabel } from './plan/context';

/** The tidy tables of a batch as plain records, column order as listed. */
export interface TidyTables {
  responses: Record<string, string>[];
  answers: Record<string, string>[];
  issues: Record<string, string>[];
  importReport: Record<string, string>[];
}

/** Column order of each table, for writers that need it even when a table has no rows. */
export const TIDY_COLUMNS: Record<keyof TidyTables, string[]> = {
  responses: [
    'response_id',
    'source_file',
    'format',
    'country_iso3',
    'country_name',
    'country_source',
    'country_written',
    'region',
    'subregion',
    'respondent',
    'start_time',
    'completion_time',
    'duration_seconds',
    'choices_recorded',
    'status',
    'superseded_by',
  ],
  answers: [
    'response_id',
    'source_file',
    'question_id',
    'question_text',
    'section',
    'value',
    'value_status',
    'basis',
  ],
  issues: ['response_id', 'source_file', 'question_id', 'rule', 'severity', 'message', 'evidence', 'key'],
  importReport: ['source_file', 'status', 'format', 'responses', 'message', 'questionnaire'],
};

export function tidyTables(
  def: Definition,
  responses: Response[],
  issues: Issue[],
  reports: FileReport[],
): TidyTables {
  const sectionOf = new Map(def.questions.map((q) => [q.id, q.section]));
  const questionnaire = describeQuestionnaire(def);
  return {
    responses: responses.map((r) => ({
      response_id: r.responseId,
      source_file: r.sourceFile,
      format: r.format,
      country_iso3: r.country.iso3,
      country_name: r.country.name,
      country_source: r.country.source,
      country_written: r.country.written,
      region: r.country.region,
      subregion: r.country.subregion,
      respondent: r.respondent ?? '',
      start_time: r.startTime ?? '',
      completion_time: r.completionTime ?? '',
      duration_seconds: r.durationSeconds === undefined ? '' : String(r.durationSeconds),
      choices_recorded: String(r.choicesRecorded),
      complete: r.complete === undefined ? '' : String(r.complete),
      status: r.status,
      superseded_by: r.supersededBy ?? '',
    })),
    answers: responses.flatMap((r) =>
      def.questions.map((q) => {
        const a = r.answers[q.id];
        return {
          response_id: r.responseId,
          source_file: r.sourceFile,
          question_id: q.id,
          question_text: questionLabel(q),
          section: sectionOf.get(q.id) ?? '',
          value: a?.value ?? '',
          value_status: a?.status ?? 'empty',
          basis: a?.basis ?? '',
        };
      }),
    ),
    issues: issues.map((i) => ({
      response_id: i.responseId,
      source_file: i.sourceFile,
      question_id: i.questionId,
      rule: i.rule,
      severity: i.severity,
      message: i.message,
      evidence: i.evidence,
      key: i.key,
    })),
    importReport: reports.map((f) => ({
      source_file: f.sourceFile,
      status: f.status,
      format: f.format ?? '',
      responses: String(f.responses),
      message: f.message,
      questionnaire,
    })),
  };
}

/** Which questionnaire a batch was read against, and how its definition was chosen, in one line. */
export function describeQuestionnaire(def: Definition): string {
  return `${def.title} (${def.id}): ${def.source?.description ?? 'named by the analyst'}`;
}
