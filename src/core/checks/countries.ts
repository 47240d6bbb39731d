import type { Response } from '../model';
import type { Finding, Rule } from './rule';
import { evidence } from './text';

function countryInferred(r: Response): Finding[] {
  if (r.country.source !== 'inferred') return [];
  const written = r.country.written.trim();
  const left = written
    ? `The country was written as "${written}", which is not recognised`
    : 'The country was left blank';
  return [
    {
      questionId: '',
      message: `${left}; it was inferred as ${r.country.name} from the answers. Confirm it.`,
      evidence: evidence(r.country.evidence ?? ''),
    },
  ];
}

function countryUnknown(r: Response): Finding[] {
  if (r.country.source !== 'unknown') return [];
  const written = r.country.written.trim();
  const left = written ? `"${written}" is not a recognised country` : 'The country was left blank';
  return [
    {
      questionId: '',
      message: `${left} and no answer points to one; this response cannot be placed in the comparison until the country is set.`,
      evidence: evidence(written),
    },
  ];
}

export const countryRules: Rule[] = [
  {
    code: 'country-inferred',
    family: 'countries',
    title: 'Country inferred',
    defaultSeverity: 'info',
    description:
      "The country was not written (or not recognised) and was inferred from the answers: links under the country's internet domain, names of its institutions. The evidence lists the clues.",
    check: countryInferred,
  },
  {
    code: 'country-unknown',
    family: 'countries',
    title: 'Country unknown',
    defaultSeverity: 'error',
    description:
      'No country could be determined: none written, or not recognised, and no answer points to one.',
    check: countryUnknown,
  },
];
