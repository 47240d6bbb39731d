import type { ResponseScores } from './scores';
import { compareLabels } from './current';

export interface GroupAverage {
  /** Region or sub-region name; "All regions" for the overall row. */
  group: string;
  responses: number;
  countries: number;
  /** Mean of the responses' Yes shares per section (responses without a share are left out). */
  yesShares: (number | null)[];
  completeness: number | null;
  /** Issues per response. */
  errors: number;
  warnings: number;
}

export const allRegions = 'All regions';

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((s, v) => s + v, 0) / present.length : null;
}

function average(group: string, scores: ResponseScores[], sectionCount: number): GroupAverage {
  const countries = new Set(scores.map((s) => s.response.country.iso3 || s.response.country.written));
  return {
    group,
    responses: scores.length,
    countries: countries.size,
    yesShares: Array.from({ length: sectionCount }, (_, i) =>
      mean(scores.map((s) => s.sections[i].yesShare)),
    ),
    completeness: mean(scores.map((s) => s.completeness.share)),
    errors: scores.reduce((n, s) => n + s.issues.error, 0) / (scores.length || 1),
    warnings: scores.reduce((n, s) => n + s.issues.warning, 0) / (scores.length || 1),
  };
}

/**
 * Averages of response scores grouped by region (or sub-region), each country weighing as much as
 * any other; the last row covers all responses. Scores must hold current responses only.
 */
export function groupAverages(scores: ResponseScores[], by: 'region' | 'subregion'): GroupAverage[] {
  if (!scores.length) return [];
  const sectionCount = scores[0].sections.length;
  const groups = new Map<string, ResponseScores[]>();
  for (const s of scores) {
    const name = s.response.country[by] || 'Unknown';
    const list = groups.get(name);
    if (list) list.push(s);
    else groups.set(name, [s]);
  }
  return [...groups.keys()]
    .sort(compareLabels)
    .map((name) => average(name, groups.get(name)!, sectionCount))
    .concat(average(allRegions, scores, sectionCount));
}
