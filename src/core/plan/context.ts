import { countryLabel } from '../compare/current';
import { countryQuestion, type Definition, type Question } from '../definition';
import type { FileReport, Issue, Response } from '../model';
import type { ReviewEntry } from './build';

/** What every sheet builder reads, computed once. */
export interface PlanContext {
  def: Definition;
  /** All responses, in import order. */
  responses: Response[];
  /** Current responses, ordered by country: the only ones comparisons see. */
  current: Response[];
  issues: Issue[];
  reports: FileReport[];
  reviews: Map<string, ReviewEntry>;
  importedAt: string;
  /** What holds for the whole batch, printed on the About sheet. */
  notes: string[];
  /** The label of a response in the comparison sheets: its country, or without one its respondent. */
  rowLabel: (r: Response) => string;
  /** "Country", or "Respondent" where no response has a country. */
  rowHeader: string;
  questionById: Map<string, Question>;
  sectionTitle: Map<string, string>;
  /** Names already taken, lower-cased. */
  sheetNames: Set<string>;
  tableNames: Set<string>;
}

export function questionLabel(q: Question): string {
  return q.subLabel ? `${q.text} – ${q.subLabel}` : q.text;
}

/** A text question naming the respondent's organisation, by its text or id, in any of a few languages. */
const organisationPattern =
  /\b(organi[sz]ations?|organismo|institution|institución|institucion|agency|agence|ministry|company|entity|entidad)\b/i;

/**
 * Responses are compared by country; a questionnaire that asks none labels a response without a
 * country (from its file name or the analyst) by its organisation (the answer to a question that asks
 * for it), else its respondent, else its response id.
 */
export function rowLabelling(
  def: Definition,
  responses: Response[],
): Pick<PlanContext, 'rowLabel' | 'rowHeader'> {
  if (countryQuestion(def)) return { rowHeader: 'Country', rowLabel: (r) => countryLabel(r.country) };
  const organisation = def.questions.find(
    (q) => q.type === 'text' && organisationPattern.test(`${q.id.replace(/_/g, ' ')} ${q.text}`),
  );
  const placed = responses.filter((r) => r.country.source !== 'unknown').length;
  return {
    rowHeader: placed === responses.length ? 'Country' : placed ? 'Country or respondent' : 'Respondent',
    rowLabel: (r) =>
      r.country.source !== 'unknown'
        ? countryLabel(r.country)
        : (organisation && r.answers[organisation.id]?.value.trim()) || r.respondent || r.responseId,
  };
}
