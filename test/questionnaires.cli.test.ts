import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'papaparse';
import { main } from '../src/cli/main';
import JSZip from 'jszip';
import { loadQuestionnaire } from '../src/core/definition';
import { readWorkbookState } from '../src/xlsx/read-back';
import { WorkbookReader } from '../src/xlsx/read-workbook';
import { CORPUS_FILES } from './support/corpus';
import { smallDefinition, smallExportCsv, type SmallRow } from './support/small-questionnaire';

function sink() {
  const chunks: string[] = [];
  return { stream: { isTTY: false, write: (s: string) => chunks.push(s) }, text: () => chunks.join('') };
}

const csv = (path: string) =>
  parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

async function table(workbook: string, name: string) {
  const reader = await WorkbookReader.open(new Uint8Array(readFileSync(workbook)));
  const t = (await reader.table(name))!;
  return t.rows.map((row) => Object.fromEntries(t.headers.map((h, i) => [h, row[i]])));
}

const WAVE1: SmallRow[] = [
  {
    id: '1',
    name: 'Ana',
    org: 'City Library',
    funding: 'Public',
    portal: 'Yes',
    services: 'Lending;Workshops',
  },
  { id: '2', name: 'Ben', org: 'Hill Library', funding: 'Public', portal: 'No', services: 'Lending' },
  { id: '3', name: 'Chen', org: 'River Library', funding: 'Mixed', portal: '', services: '' },
];
const WAVE2: SmallRow[] = [
  { id: '4', name: 'Dia', org: 'Sea Library', funding: 'Private', portal: 'Yes', services: 'Reading room' },
];

/** A folder of letters and notes: no response of any questionnaire, nothing to derive one from. */
function noResponses(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'letter.txt'), 'Dear colleagues,\nthe questionnaire follows by post.\n');
  writeFileSync(join(dir, 'notes.csv'), 'date;note\n2025-03-01;called the ministry\n');
  return dir;
}

let dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-q-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('import with no questionnaire named', () => {
  it('matches the built-in MSQ 2022 and says so in the summary and on the About sheet', async () => {
    const dir = tempDir();
    for (const name of ['031_cog.txt', 'MSQ2022_EST.docx'])
      copyFileSync(join(CORPUS_FILES, name), join(dir, name));
    const out = sink();
    const code = await main(['import', dir, '--out', join(dir, 'out.xlsx')], out.stream, sink().stream);
    expect(code).toBe(0);
    expect(out.text()).toMatch(
      /^Questionnaire: .* \(msq-2022\)\nDefinition: built-in .*, matched by 2 of 2 files sampled$/m,
    );
    const bytes = new Uint8Array(readFileSync(join(dir, 'out.xlsx')));
    const reader = await WorkbookReader.open(bytes);
    expect(reader.tableNames()).toContain('Definition');
    const workbookXml = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
    expect(workbookXml.match(/<sheet [^>]*state="hidden"[^>]*>/g)).toEqual([
      expect.stringContaining('name="Definition"'),
    ]);
    const stored = await readWorkbookState(bytes);
    expect(stored.definition!.id).toBe('msq-2022');
    expect(stored.definition!.questions).toEqual(loadQuestionnaire('msq-2022').questions);
  });

  it('reports when no definition fits, pointing to --questionnaire and define', async () => {
    const err = sink();
    const code = await main(['import', noResponses()], sink().stream, err.stream);
    expect(code).toBe(1);
    expect(err.text()).toMatch(/No questionnaire definition fits these files/);
    expect(err.text()).toMatch(/survey-atlas define/);
  });
});

describe('another questionnaire, wave after wave', () => {
  it('uses the definition file of the batch, embeds it, and merges a second wave with nothing named', async () => {
    const dir = tempDir();
    const wave1 = join(dir, 'wave1');
    const wave2 = join(dir, 'wave2');
    mkdirSync(wave1);
    mkdirSync(wave2);
    writeFileSync(join(wave1, 'library.json'), JSON.stringify(smallDefinition));
    writeFileSync(join(wave1, 'export.csv'), smallExportCsv(WAVE1));
    writeFileSync(join(wave2, 'late.csv'), smallExportCsv(WAVE2));
    const book = join(dir, 'libraries.xlsx');

    const out1 = sink();
    expect(
      await main(
        ['import', wave1, '--out', book, '--tables', join(dir, 't1'), '--country', 'export.csv/2=Kenya'],
        out1.stream,
        sink().stream,
      ),
    ).toBe(0);
    expect(out1.text()).toMatch(
      /Questionnaire: Library Survey \(library-survey\)\nDefinition: definition file library\.json, found among the files/,
    );
    expect(out1.text()).toMatch(/Files: +1 imported, 0 rejected, 1 the questionnaire's definition/);
    // No country question: said once, not one country-unknown issue per response.
    expect(out1.text().match(/asks no country/g)).toHaveLength(1);
    expect(out1.text()).toMatch(/2 of 3 responses have none/);

    const report = csv(join(dir, 't1/import-report.csv'));
    expect(report.find((r) => r.source_file === 'library.json')).toMatchObject({ status: 'definition' });
    expect(new Set(report.map((r) => r.questionnaire))).toEqual(
      new Set([
        'Library Survey (library-survey): definition file library.json, found among the files: 4 questions in 2 sections',
      ]),
    );
    expect(report.find((r) => r.source_file === 'library.json')!.message).toMatch(
      /^The questionnaire's definition, not a response/,
    );
    const issues = csv(join(dir, 't1/issues.csv'));
    expect(issues.filter((i) => i.rule === 'country-unknown')).toEqual([]);
    expect(issues.find((i) => i.rule === 'required-missing')).toMatchObject({
      response_id: '3',
      question_id: 'has_portal',
    });

    const answers = csv(join(dir, 't1/answers.csv'));
    expect(answers).toHaveLength(3 * 4);
    expect(answers.find((a) => a.response_id === '1' && a.question_id === 'funding')).toMatchObject({
      question_text: 'How is the library mainly funded?',
      value: 'Public',
      section: 'org',
    });
    const responses = csv(join(dir, 't1/responses.csv'));
    expect(responses.find((r) => r.response_id === '2')).toMatchObject({
      country_iso3: 'KEN',
      country_source: 'analyst',
    });

    // The comparison: by respondent, Yes shares of the Yes/No question, shares of the other options.
    const compare = await table(book, 'Compare_org');
    expect(compare.map((r) => r['Country or respondent'])).toEqual(['Ana', 'Chen', 'Kenya']);
    const shares = await table(book, 'OptionShares');
    const share = (q: string, option: string) =>
      shares.find((r) => r['Question id'] === q && r.Option === option && r.Region === 'All regions')!;
    expect(share('funding', 'Public')).toMatchObject({ Chosen: 2, Answered: 3 });
    expect(share('funding', 'Public').Share).toBeCloseTo(2 / 3);
    expect(share('funding', 'Private')).toMatchObject({ Chosen: 0, Share: 0 });
    expect(share('services', 'Lending')).toMatchObject({ Chosen: 2, Answered: 2, Share: 1 });
    expect(shares.some((r) => r['Question id'] === 'has_portal')).toBe(false);
    const scores = await table(book, 'SectionScores');
    expect(scores.find((r) => r['Country or respondent'] === 'Ana')!['services: Yes share']).toBe(1);
    expect(scores.find((r) => r['Country or respondent'] === 'Kenya')!['services: Yes share']).toBe(0);

    // Wave 2: no definition in the batch, none named, no --country: the workbook holds both.
    const out2 = sink();
    expect(
      await main(['import', wave2, '--out', book, '--tables', join(dir, 't2')], out2.stream, sink().stream),
    ).toBe(0);
    expect(out2.text()).toMatch(
      /Questionnaire: Library Survey \(library-survey\)\nDefinition: kept in the workbook from an earlier import/,
    );
    expect(out2.text()).toMatch(
      /^Definition: kept in the workbook from an earlier import \(definition file library\.json, found among the files: 4 questions in 2 sections\)$/m,
    );
    // A third wave says the same, not "kept … (kept … (…))".
    const out3 = sink();
    await main(['import', wave2, '--out', book, '--quiet'], sink().stream, sink().stream);
    await main(['import', wave2, '--out', book], out3.stream, sink().stream);
    expect(out3.text()).toMatch(
      /^Definition: kept in the workbook from an earlier import \(definition file library\.json, found among the files: 4 questions in 2 sections\)$/m,
    );
    const all = csv(join(dir, 't2/responses.csv'));
    expect(all.map((r) => r.response_id).sort()).toEqual(['1', '2', '3', '4']);
    expect(all.find((r) => r.response_id === '2')).toMatchObject({
      country_iso3: 'KEN',
      country_source: 'analyst',
    });
    expect(
      csv(join(dir, 't2/answers.csv')).find((a) => a.response_id === '4' && a.question_id === 'funding')!
        .value,
    ).toBe('Private');
  });
});

describe('several responses from one country', () => {
  it('keeps the latest by default and every one with --per-country all', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'library.json'), JSON.stringify(smallDefinition));
    writeFileSync(join(dir, 'export.csv'), smallExportCsv(WAVE1));
    const run = async (extra: string[], tables: string) => {
      await main(
        ['import', dir, '--country', 'export.csv=fr', '--tables', join(dir, tables), '--quiet', ...extra],
        sink().stream,
        sink().stream,
      );
      return csv(join(dir, tables, 'responses.csv'));
    };
    const latest = await run([], 'latest');
    expect(latest.map((r) => r.country_iso3)).toEqual(['FRA', 'FRA', 'FRA']);
    expect(latest.filter((r) => r.status === 'current')).toHaveLength(1);
    const all = await run(['--per-country', 'all'], 'all');
    expect(all.map((r) => r.status)).toEqual(['current', 'current', 'current']);
    expect(csv(join(dir, 'all/issues.csv')).filter((i) => i.rule === 'duplicate-response')).toEqual([]);
  });

  it.each([
    [['--country', 'export.csv']],
    [['--country', 'export.csv=Atlantis']],
    [['--per-country', 'first']],
  ])('refuses %j as a usage error', async (args) => {
    const err = sink();
    expect(await main(['import', CORPUS_FILES, ...args], sink().stream, err.stream)).toBe(1);
    expect(err.text()).toMatch(/--country|--per-country/);
  });
});

describe('survey-atlas define', () => {
  it('writes the definition the files give, for the analyst to review and name', async () => {
    const dir = tempDir();
    copyFileSync(join(CORPUS_FILES, '031_cog.txt'), join(dir, '031_cog.txt'));
    const out = sink();
    const target = join(dir, 'def/definition.json');
    expect(await main(['define', join(dir, '031_cog.txt'), '--out', target], out.stream, sink().stream)).toBe(
      0,
    );
    expect(out.text()).toMatch(/Definition: built-in .*matched by 1 of 1 file sampled/);
    const written = JSON.parse(readFileSync(target, 'utf8'));
    expect(written.id).toBe('msq-2022');
    expect(written.questions).toHaveLength(112);

    // The written definition, edited and named, is read like any other.
    writeFileSync(target, JSON.stringify({ ...written, id: 'msq-edited', title: 'MSQ edited' }));
    const again = sink();
    expect(
      await main(
        ['import', join(dir, '031_cog.txt'), '--questionnaire', target],
        again.stream,
        sink().stream,
      ),
    ).toBe(0);
    expect(again.text()).toMatch(
      /Questionnaire: MSQ edited \(msq-edited\)\nDefinition: definition file .*definition\.json: 112 questions in 8 sections/,
    );
  });

  it('prints the definition to standard output without --out, and fails clearly when none fits', async () => {
    const out = sink();
    expect(
      await main(['define', join(CORPUS_FILES, '031_cog.txt'), '--quiet'], out.stream, sink().stream),
    ).toBe(0);
    expect(JSON.parse(out.text()).id).toBe('msq-2022');
    const err = sink();
    expect(await main(['define', noResponses()], sink().stream, err.stream)).toBe(1);
    expect(err.text()).toMatch(/--questionnaire/);
  });
});
