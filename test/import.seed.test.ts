import { loadQuestionnaire } from '../src/core/definition';
import type { Response } from '../src/core/model';
import { importBatch } from '../src/core/pipeline';
import { loadFile, SEED_FILE } from './support/corpus';

const def = loadQuestionnaire('msq-2022');

describe('the real Forms page (seed)', () => {
  let seed: Response;
  beforeAll(async () => {
    const result = await importBatch([loadFile(SEED_FILE)], def);
    expect(result.reports[0].status).toBe('imported');
    expect(result.responses).toHaveLength(1);
    seed = result.responses[0];
  });

  it('is respondent 102, a Forms page whose choices are not recorded', () => {
    expect(seed.responseId).toBe('102');
    expect(seed.format).toBe('forms-text');
    expect(seed.choicesRecorded).toBe(false);
    expect(seed.durationSeconds).toBe(173 * 60 + 55);
  });

  it('holds all 112 questions', () => {
    expect(Object.keys(seed.answers)).toHaveLength(112);
    const answered = Object.values(seed.answers).filter((a) => a.status === 'answered').length;
    expect(answered).toBeGreaterThan(60);
  });

  it('infers Belarus from the answers, since the country field is blank', () => {
    expect(seed.country).toMatchObject({ iso3: 'BLR', name: 'Belarus', source: 'inferred', written: '' });
    expect(seed.country.evidence).toMatch(/\.by/);
    expect(seed.answers.Q1).toMatchObject({
      value: 'Belarus',
      status: 'inferred',
      basis: seed.country.evidence,
    });
  });

  it('reads Q35 as "-" and Q2–Q5 as empty', () => {
    expect(seed.answers.Q35.value).toBe('-');
    for (const q of ['Q2', 'Q3', 'Q4', 'Q5'])
      expect(seed.answers[q]).toMatchObject({ value: '', status: 'empty' });
  });

  it('keeps numbered lines inside their answers', () => {
    expect(seed.answers.Q37.value).toMatch(/^The main:\n/);
    expect(seed.answers.Q37.value).toContain(
      '1. The Law On information, informatization and information protection',
    );
    expect(seed.answers.Q37.value).toContain('3. The Law On Personal data protection');
    expect(seed.answers.Q41.value).toContain(
      '4. The list of acts: <https://oac.gov.by/law/orders-of-the-oac>',
    );
    expect(seed.answers.Q9.value).toBe(
      '1. <https://115.xn--90ais/portal/f?p=10901:1> 2. <http://xn----7sbgfh2alwzdhpc0c.xn--90ais/RatingPortal> 3. <http://ecomap.it-minsk.by/>',
    );
    expect(seed.answers.Q47.value.split('\n')).toHaveLength(4);
  });

  it('keeps headings, notes, interface noise and the footer out of every answer', () => {
    const intruders = [
      ...def.interstitials,
      'More options for Responses',
      'View results',
      'THANK YOU',
      'Satisfaction Survey',
    ];
    for (const a of Object.values(seed.answers)) {
      for (const text of intruders) expect(a.value).not.toContain(text);
    }
    expect(seed.answers.Q7.value).toBe(
      'portal.gov.by\nFrom September 1, 2021 a new version of the portal will be launched\nMore services for citizens will be available on it, while by default for each citizen of the Republic of Belarus a personal account is provided by default through which he can receive these services.',
    );
    expect(seed.answers.Q112.status).toBe('not-recorded');
  });

  it('reads the typed "Other" period of Q57, the one choice the page does show', () => {
    expect(seed.answers.Q57).toMatchObject({
      status: 'answered',
      value: 'Other: 7 - for Informatization development strategy for',
    });
  });

  it('does not treat "Not necessary…" follow-ups as evidence of Yes', () => {
    expect(seed.answers.Q62.status).toBe('not-recorded'); // Q63: "Not necessary taking into account …"
    expect(seed.answers.Q93.status).toBe('not-recorded'); // Q94: "Not necessary, regardless of gender …"
    expect(seed.answers.Q36).toMatchObject({ status: 'inferred', value: 'Yes' });
  });
});
