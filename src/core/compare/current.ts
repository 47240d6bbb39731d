import type { CountryInfo, Response } from '../model';

/** How a country is shown: its name, else what the respondent wrote, else a placeholder. */
export function countryLabel(country: CountryInfo): string {
  return country.name || country.written || 'Unknown country';
}

const byLabel = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Current responses, ordered by country, then file and response id. Superseded ones never feed comparisons. */
export function currentResponses(responses: Response[]): Response[] {
  return responses
    .filter((r) => r.status === 'current')
    .sort(
      (a, b) =>
        byLabel.compare(countryLabel(a.country), countryLabel(b.country)) ||
        byLabel.compare(a.sourceFile, b.sourceFile) ||
        byLabel.compare(a.responseId, b.responseId),
    );
}

export function compareLabels(a: string, b: string): number {
  return byLabel.compare(a, b);
}
