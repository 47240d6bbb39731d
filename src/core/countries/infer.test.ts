/* eslint-disable no-restricted-imports -- the tests read the labelled corpus and the seed from disk */
import * as fs from 'fs';
import * as path from 'path';
import { inferCountry } from './index';
import { decodePunycode } from './punycode';

const SHARED = path.resolve(__dirname, '../../../../shared');
const FILES = path.join(SHARED, 'corpus/msq-2022/files');

interface TruthResponse {
  response_id: string;
  file: string;
  format: string;
  country_iso3: string;
  country_source: 'answer' | 'inferred';
  answers: Record<string, { value: string | string[]; other?: string }>;
}

const truth: TruthResponse[] = JSON.parse(
  fs.readFileSync(path.join(SHARED, 'corpus/msq-2022/truth/responses.json'), 'utf8'),
).responses;

/** Every answer text of a response except the country question (Q1), which is blank where inference is needed. */
function answerTexts(r: TruthResponse): string[] {
  const texts: string[] = [];
  for (const [q, a] of Object.entries(r.answers)) {
    if (q === 'Q1') continue;
    texts.push(...(Array.isArray(a.value) ? a.value : [a.value]));
    if (a.other) texts.push(a.other);
  }
  return texts;
}

const repeat = (line: string, n: number) => Array.from({ length: n }, () => line);

describe('inferCountry on the labelled corpus', () => {
  it('infers the country of every response whose country field is blank', () => {
    const blank = truth.filter((r) => r.country_source === 'inferred');
    expect(blank.length).toBeGreaterThanOrEqual(10);
    const results = blank.map((r) => [r.response_id, inferCountry(answerTexts(r))?.iso3, r.country_iso3]);
    expect(results.filter(([, got, want]) => got !== want)).toEqual([]);
  });

  it('never infers a wrong country for any of the 108 responses, and infers most of them', () => {
    const outcomes = truth.map((r) => ({
      id: r.response_id,
      want: r.country_iso3,
      got: inferCountry(answerTexts(r))?.iso3,
    }));
    const wrong = outcomes.filter((o) => o.got !== undefined && o.got !== o.want);
    const right = outcomes.filter((o) => o.got === o.want);
    expect(truth).toHaveLength(108);
    expect(wrong).toEqual([]);
    expect(right.length / truth.length).toBeGreaterThanOrEqual(0.95);
  });

  it('infers the country from the whole text of every Forms page and Word text file', () => {
    const textFiles = truth.filter((r) => /\.(txt|md)$/i.test(r.file));
    expect(textFiles.length).toBeGreaterThan(30);
    const misses = textFiles
      .map((r) => {
        const text = new TextDecoder('utf-8').decode(fs.readFileSync(path.join(FILES, r.file)));
        return { file: r.file, want: r.country_iso3, got: inferCountry([text])?.iso3 };
      })
      .filter((o) => o.got !== o.want);
    expect(misses).toEqual([]);
  });

  it('infers Belarus from the seed page, whose country field is blank', () => {
    const seed = fs.readFileSync(path.join(SHARED, 'seed/000_a61f6b65a0a42cc9.txt'), 'utf8');
    const result = inferCountry([seed]);
    expect(result?.iso3).toBe('BLR');
    expect(result?.name).toBe('Belarus');
    expect(result?.evidence).toMatch(/\d+ links.* under .*\.by/);
    expect(result?.evidence).toMatch(/'Republic of Belarus' named \d+ times/);
  });
});

describe('inferCountry clues', () => {
  it('ignores generic domains, link shorteners and global services', () => {
    const texts = [
      'https://www.un.org/en/ and https://publicadministration.un.org/egovkb',
      'See https://www.oecd.org/gov/digital-government/, https://www.itu.int and http://www.eurasiancommission.org',
      'https://bit.ly/3xYz, https://youtu.be/abc, https://t.co/xyz, https://goo.gl/maps/1, https://zoom.us/j/123',
      'Contact: info@example.com, data@worldbank.org, https://github.com/org/repo, https://data.gov',
    ];
    expect(inferCountry(texts)).toBeUndefined();
  });

  it('does not decide on ccTLDs commonly registered for their look alone', () => {
    const texts = repeat(
      'https://startup.io/app https://watch.tv/live https://brand.co https://open.ai/x https://about.me/x',
      6,
    );
    expect(inferCountry(texts)).toBeUndefined();
  });

  it('counts those ccTLDs under a government second level', () => {
    const texts = ['https://www.gov.co/tramites', 'https://mintic.gov.co', 'contacto@mintic.gov.co'];
    expect(inferCountry(texts)?.iso3).toBe('COL');
  });

  it('gives no answer when two countries are cited equally', () => {
    const texts = [
      'https://www.gov.bj/services https://data.gov.bj',
      'https://www.service-public.fr https://data.gouv.fr',
      'Ministry of Digital Economy of Benin; Ministry of Digital Affairs of France',
    ];
    expect(inferCountry(texts)).toBeUndefined();
  });

  it('gives no answer on a single clue', () => {
    expect(inferCountry(['https://www.gov.bj'])).toBeUndefined();
    expect(inferCountry(['', 'No', 'Yes'])).toBeUndefined();
    expect(inferCountry([])).toBeUndefined();
  });

  it('lets the home country outweigh foreign links and institutions it cites', () => {
    const texts = [
      ...repeat('<https://www.gov.bj/services>', 6),
      'minister@mincom.gov.bj',
      'Ministry of Communications of Benin',
      'Cooperation with the Ministry of Economy of France (https://www.economie.gouv.fr) and https://www.gov.uk',
    ];
    const result = inferCountry(texts);
    expect(result?.iso3).toBe('BEN');
    expect(result?.evidence).toContain('6 links and 1 e-mail address under .bj');
    expect(result?.evidence).toContain("'Benin' named 1 time");
    // The clues elsewhere are named: France's ministry link and the .gov.uk link.
    expect(result?.evidence).toMatch(/clues point to other countries \(.*France \d.*\)/);
    expect(result?.evidence).toMatch(/United Kingdom[^)]* \d/);
  });

  it('decodes internationalised domains, in Punycode or in Unicode', () => {
    expect(decodePunycode('90ais')).toBe('бел');
    expect(decodePunycode('p1ai')).toBe('рф');
    expect(decodePunycode('bcher-kva')).toBe('bücher');
    expect(inferCountry(['<https://115.xn--90ais/portal>', 'http://портал.бел/услуги'])?.iso3).toBe('BLR');
    expect(inferCountry(['https://госуслуги.рф', 'https://xn--80ajghhoc2aj1c8b.xn--p1ai/'])?.iso3).toBe(
      'RUS',
    );
  });

  it('reads bare hosts and e-mail addresses, not file names or sentences', () => {
    expect(inferCountry(['portal.gov.by', 'skk@mpt.gov.by'])?.iso3).toBe('BLR');
    const notHosts = [
      'See readme.md, install.sh, script.py and build.rs',
      'notes.md',
      'e.g. the plan.In 2020 the law.It',
    ];
    expect(inferCountry(notHosts)).toBeUndefined();
  });

  it.each([
    ['Nigeria', 'NGA'],
    ['Niger', 'NER'],
    ['Equatorial Guinea', 'GNQ'],
    ['Guinea', 'GIN'],
    ['the Democratic Republic of the Congo', 'COD'],
    ['the Republic of the Congo', 'COG'],
    ['South Sudan', 'SSD'],
    ['the Dominican Republic', 'DOM'],
    ["the Democratic People's Republic of Korea", 'PRK'],
    ['the Republic of Korea', 'KOR'],
  ])('tells institutions of %s apart (%s)', (name, want) => {
    const texts = [`Ministry of Communications of ${name}`, `National Statistics Office of ${name}`];
    expect(inferCountry(texts)?.iso3).toBe(want);
  });

  it('does not read Northern Ireland as Ireland', () => {
    const texts = repeat('Department of Finance of Northern Ireland', 3);
    expect(inferCountry(texts)).toBeUndefined();
  });
});
