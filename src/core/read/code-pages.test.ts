/* eslint-disable no-restricted-imports -- the tests read the shared corpus from disk */
import fs from 'fs';
import path from 'path';
import { loadQuestionnaire } from '../definition';
import type { InputFile } from '../model';
import { CONFIDENT_READING } from '../model';
import { importBatch, type ImportOptions } from '../pipeline';
import { canEncodeMultiByte, encodeAs } from '../../../test/support/code-pages';

/**
 * Pairs of Forms pages that differ only in encoding: a corpus page moved to another country, its
 * organisation answer written in the local language, saved as UTF-8 and in the code page the
 * country's offices use. Each legacy page must read exactly as its UTF-8 twin.
 */
const shared = path.resolve(__dirname, '../../../../shared');
const page = fs.readFileSync(path.join(shared, 'corpus/msq-2022/files/035_swe.txt'), 'utf8');
const def = loadQuestionnaire('msq-2022');

interface Pair {
  language: string;
  encoding: string;
  country: string;
  tld: string;
  organisation: string;
}

const PAIRS: Pair[] = [
  {
    language: 'Czech',
    encoding: 'windows-1250',
    country: 'Czechia',
    tld: 'cz',
    organisation: 'Ministerstvo vnitra České republiky, odbor hlavního architekta eGovernmentu',
  },
  {
    language: 'Hungarian',
    encoding: 'iso-8859-2',
    country: 'Hungary',
    tld: 'hu',
    organisation: 'Miniszterelnöki Kabinetiroda, Digitális Közigazgatásért Felelős Helyettes Államtitkárság',
  },
  {
    language: 'Turkish',
    encoding: 'windows-1254',
    country: 'Türkiye',
    tld: 'tr',
    organisation: 'Cumhurbaşkanlığı Dijital Dönüşüm Ofisi Başkanlığı',
  },
  {
    language: 'Greek',
    encoding: 'windows-1253',
    country: 'Greece',
    tld: 'gr',
    organisation: 'Υπουργείο Ψηφιακής Διακυβέρνησης, Γενική Γραμματεία Πληροφοριακών Συστημάτων',
  },
  {
    language: 'Arabic',
    encoding: 'windows-1256',
    country: 'Egypt',
    tld: 'eg',
    organisation: 'وزارة الاتصالات وتكنولوجيا المعلومات',
  },
  {
    language: 'Hebrew',
    encoding: 'windows-1255',
    country: 'Israel',
    tld: 'il',
    organisation: 'מערך הדיגיטל הלאומי, משרד הכלכלה',
  },
  {
    language: 'Lithuanian',
    encoding: 'windows-1257',
    country: 'Lithuania',
    tld: 'lt',
    organisation: 'Informacinės visuomenės plėtros komitetas prie Ekonomikos ir inovacijų ministerijos',
  },
  {
    language: 'Thai',
    encoding: 'windows-874',
    country: 'Thailand',
    tld: 'th',
    organisation: 'สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)',
  },
  {
    language: 'Russian',
    encoding: 'koi8-r',
    country: 'Russian Federation',
    tld: 'ru',
    organisation: 'Министерство цифрового развития, связи и массовых коммуникаций Российской Федерации',
  },
  {
    language: 'Russian',
    encoding: 'windows-1251',
    country: 'Russian Federation',
    tld: 'ru',
    organisation: 'Министерство цифрового развития, связи и массовых коммуникаций Российской Федерации',
  },
  {
    language: 'Chinese',
    encoding: 'gb18030',
    country: 'China',
    tld: 'cn',
    organisation: '国务院办公厅电子政务办公室',
  },
  {
    language: 'Japanese',
    encoding: 'shift_jis',
    country: 'Japan',
    tld: 'jp',
    organisation: 'デジタル庁 国民向けサービスグループ',
  },
  {
    language: 'Korean',
    encoding: 'euc-kr',
    country: 'Republic of Korea',
    tld: 'kr',
    organisation: '행정안전부 디지털정부혁신실',
  },
  {
    language: 'French',
    encoding: 'windows-1252',
    country: 'France',
    tld: 'fr',
    organisation:
      'Direction interministérielle du numérique, Ministère de la Transformation et de la Fonction publiques',
  },
  {
    language: 'German',
    encoding: 'windows-1252',
    country: 'Germany',
    tld: 'de',
    organisation: 'Bundesministerium des Innern und für Heimat, Referat für Digitalisierung der Verwaltung',
  },
  {
    language: 'Polish',
    encoding: 'windows-1250',
    country: 'Poland',
    tld: 'pl',
    organisation: 'Ministerstwo Cyfryzacji, Departament Zarządzania Usługami Cyfrowymi, Łódź',
  },
];

/** The corpus page moved to another country: its country answer, its domains, its organisation. */
function pageFor(pair: Pick<Pair, 'country' | 'tld' | 'organisation'>): string {
  return page
    .replace(/(1\. Country name \*\n\n)Sweden/, `$1${pair.country}`)
    .replace(/(4\. Organization \*\n\n).*/, `$1${pair.organisation}`)
    .replace(/Sweden/g, pair.country || 'the country')
    .replace(/\.se\b/g, `.${pair.tld}`);
}

async function importOne(file: InputFile, opts: ImportOptions = {}) {
  const result = await importBatch([file], def, opts);
  expect(result.reports[0].status).toBe('imported');
  return { response: result.responses[0], issues: result.issues, report: result.reports[0] };
}

const runnable = PAIRS.filter((p) => canEncodeMultiByte || !MULTI_BYTE.has(p.encoding));
const MULTI_BYTE = new Set(['gb18030', 'shift_jis', 'euc-kr']);
// Without iconv-lite the CJK pages cannot be written in their code pages; the test says so.
if (runnable.length < PAIRS.length)
  it.skip.each(PAIRS.filter((p) => !runnable.includes(p)).map((p) => [p.language, p.encoding]))(
    '%s page in %s (needs iconv-lite to encode)',
    () => undefined,
  );

describe('a Forms page saved in its country’s code page', () => {
  it.each(runnable.map((p) => [p.language, p.encoding, p] as const))(
    'reads a %s page in %s exactly as its UTF-8 twin',
    async (_, encoding, pair) => {
      const text = pageFor(pair).replace(/\n/g, '\r\n');
      const utf8 = await importOne({ name: 'page.txt', bytes: encodeAs(text, 'utf-8') });
      const legacy = await importOne({ name: 'page.txt', bytes: encodeAs(text, encoding) });
      expect(utf8.response.answers.Q4.value).toBe(pair.organisation);
      expect(legacy.response.answers).toEqual(utf8.response.answers);
      expect(legacy.response.country).toEqual(utf8.response.country);
      // The report names the code page read: the page saved in, or one giving the very same text.
      const named = legacy.report.message.match(/\(([\w-]+)/)?.[1] ?? '';
      expect(new TextDecoder(named).decode(encodeAs(text, encoding))).toBe(text);
      expect(legacy.response.reading).toMatchObject({ basis: 'detected' });
      expect(legacy.response.reading!.confidence).toBeGreaterThanOrEqual(CONFIDENT_READING);
      expect(legacy.issues.filter((i) => i.rule === 'encoding-uncertain')).toEqual([]);
    },
  );
});

/** A page that names no country: blank country answer, domains of no country. */
const anonymous = (organisation: string) => pageFor({ country: '', tld: 'example.org', organisation });

it.each(
  PAIRS.filter((p) => ['Czech', 'Lithuanian', 'Hebrew', 'Turkish'].includes(p.language)).map((p) => [
    p.language,
    p,
  ]),
)(
  'reads a %s page whose country answer is blank by its links under the country’s domain',
  async (_, pair) => {
    const text = pageFor({ ...pair, country: '' });
    const { response, issues } = await importOne({ name: 'page.txt', bytes: encodeAs(text, pair.encoding) });
    expect(response.answers.Q4.value).toBe(pair.organisation);
    expect(response.country.source).toBe('inferred');
    expect(issues.filter((i) => i.rule === 'encoding-uncertain')).toEqual([]);
  },
);

describe('a page that gives no evidence of its code page', () => {
  const czech = PAIRS.find((p) => p.language === 'Czech')!;
  const bytes = encodeAs(anonymous(czech.organisation), 'windows-1250');

  it('is flagged encoding-uncertain, with the alternatives and the words they read differently', async () => {
    const { response, issues, report } = await importOne({ name: 'cz.txt', bytes });
    const flagged = issues.filter((i) => i.rule === 'encoding-uncertain');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ questionId: '', severity: 'warning', sourceFile: 'cz.txt' });
    expect(response.reading!.confidence).toBeLessThan(CONFIDENT_READING);
    const alternatives = response.reading!.alternatives.map((a) => a.encoding);
    expect(alternatives.some((e) => ['windows-1250', 'iso-8859-2'].includes(e))).toBe(true);
    expect(flagged[0].evidence).toContain('České');
    expect(flagged[0].message).toContain(response.reading!.encoding);
    expect(report.message).toMatch(/% sure: the text may be wrong/);
  });

  it.each([
    ['for the file', { files: { 'cz.txt': 'windows-1250' } }],
    ['for the batch', { batch: 'cp1250' }],
  ])('reads right once the analyst chooses the encoding %s', async (_, encodings) => {
    const { response, issues, report } = await importOne({ name: 'cz.txt', bytes }, { encodings });
    expect(response.answers.Q4.value).toBe(czech.organisation);
    expect(report.reading).toMatchObject({ encoding: 'windows-1250', basis: 'chosen', confidence: 1 });
    expect(response.reading).toBeUndefined();
    expect(issues.filter((i) => i.rule === 'encoding-uncertain')).toEqual([]);
    expect(report.message).toContain('windows-1250, as chosen');
  });

  it('leaves a Unicode file of the batch as it is when the batch’s encoding is chosen', async () => {
    const utf8 = encodeAs(anonymous(czech.organisation).replace(/(Respondent\n\n)35/, '$136'), 'utf-8');
    const result = await importBatch(
      [
        { name: 'cz.txt', bytes },
        { name: 'utf8.txt', bytes: utf8 },
      ],
      def,
      { encodings: { batch: 'windows-1250' } },
    );
    const encodingOf = (file: string) => result.reports.find((r) => r.sourceFile === file)!.reading!.encoding;
    expect(result.responses.map((r) => [r.sourceFile, r.answers.Q4.value, encodingOf(r.sourceFile)])).toEqual(
      [
        ['cz.txt', czech.organisation, 'windows-1250'],
        ['utf8.txt', czech.organisation, 'utf-8'],
      ],
    );
  });

  it('rejects the file with a clear reason when the chosen encoding does not exist', async () => {
    const result = await importBatch([{ name: 'cz.txt', bytes }], def, {
      encodings: { files: { 'cz.txt': 'latin-99' } },
    });
    expect(result.reports[0]).toMatchObject({ status: 'rejected' });
    expect(result.reports[0].message).toMatch(/"latin-99" is not an encoding/);
  });
});

describe('the other files of the batch from the same country', () => {
  // All in lower case, KOI8-R and windows-1251 both read the organisation as Cyrillic words.
  const lowerCase = {
    country: 'Russian Federation',
    tld: 'ru',
    organisation: 'министерство цифрового развития, отдел электронного правительства',
  };
  const capitalised = PAIRS.find((p) => p.encoding === 'koi8-r')!;

  it('settle a code page the file alone leaves in doubt', async () => {
    const doubtful = { name: 'b.txt', bytes: encodeAs(pageFor(lowerCase), 'koi8-r') };
    const alone = await importOne(doubtful);
    expect(alone.response.reading!.confidence).toBeLessThan(CONFIDENT_READING);
    expect(alone.issues.map((i) => i.rule)).toContain('encoding-uncertain');

    const sure = { name: 'a.txt', bytes: encodeAs(pageFor(capitalised), 'koi8-r') };
    const batch = await importBatch([sure, doubtful], def);
    const second = batch.responses.find((r) => r.sourceFile === 'b.txt')!;
    expect(second.answers.Q4.value).toBe(lowerCase.organisation);
    expect(second.reading).toMatchObject({ encoding: 'koi8-r' });
    expect(second.reading!.confidence).toBeGreaterThanOrEqual(CONFIDENT_READING);
    expect(batch.issues.filter((i) => i.rule === 'encoding-uncertain')).toEqual([]);
  });
});
