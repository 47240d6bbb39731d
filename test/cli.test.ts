import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'papaparse';
import { main } from '../src/cli/main';
import { encodeAs } from './support/code-pages';
import { CORPUS_FILES, SEED_FILE } from './support/corpus';
import { tempDirs } from './support/temp';

const temp = tempDirs();

/** A writable that collects text, standing in for stdout/stderr. */
function sink() {
  const chunks: string[] = [];
  const stream = { isTTY: false, write: (s: string) => chunks.push(s) };
  return { stream, text: () => chunks.join('') };
}

function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  const parsed = parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('survey-atlas import', () => {
  it('writes the four tables, prints a summary, and exits 2 when a file is rejected', async () => {
    const dir = temp.make('atlas-cli-');
    const batch = join(dir, 'batch');
    mkdirSync(batch);
    for (const name of ['031_cog.txt', 'MSQ2022_EST.docx', 'MSQ2022_CHL.txt'])
      copyFileSync(join(CORPUS_FILES, name), join(batch, name));
    copyFileSync(SEED_FILE, join(batch, 'seed.txt'));
    writeFileSync(join(batch, 'empty.txt'), '');
    writeFileSync(join(batch, 'notes.xlsx'), 'this is not a workbook');
    const out = sink();
    const err = sink();
    const code = await main(['import', batch, '--tables', join(dir, 'tables')], out.stream, err.stream);

    expect(code).toBe(2);
    expect(out.text()).toMatch(
      /Responses: +4 responses found in 4 files read; 0 copies merged; 4 kept: 4 current, 0 superseded/,
    );
    expect(out.text()).toMatch(/Files: +4 imported, 2 rejected/);
    expect(out.text()).toMatch(/empty\.txt: /);

    const responses = readCsv(join(dir, 'tables/responses.csv'));
    expect(responses.map((r) => r.country_iso3).sort()).toEqual(['BLR', 'CHL', 'COG', 'EST']);
    expect(responses.find((r) => r.source_file === 'seed.txt')).toMatchObject({
      response_id: '102',
      country_source: 'inferred',
      status: 'current',
    });
    expect(responses.find((r) => r.source_file === 'MSQ2022_EST.docx')!.response_id).toBe('MSQ2022_EST');

    const answers = readCsv(join(dir, 'tables/answers.csv'));
    expect(answers).toHaveLength(4 * 112);
    const q37 = answers.find((a) => a.source_file === 'seed.txt' && a.question_id === 'Q37')!;
    expect(q37.value).toContain('\n1. The Law On information');
    expect(q37.section).toBe('C');
    expect(
      answers.find((a) => a.source_file === 'seed.txt' && a.question_id === 'Q14')!.value_status,
    ).toMatch(/not-recorded|inferred/);

    const issues = readCsv(join(dir, 'tables/issues.csv'));
    expect(
      issues.some(
        (i) => i.source_file === 'seed.txt' && i.rule === 'placeholder-answer' && i.question_id === 'Q35',
      ),
    ).toBe(true);

    const report = readCsv(join(dir, 'tables/import-report.csv'));
    expect(report).toHaveLength(6);
    expect(
      report
        .filter((r) => r.status === 'rejected')
        .map((r) => r.source_file)
        .sort(),
    ).toEqual(['empty.txt', 'notes.xlsx']);
    for (const r of report.filter((x) => x.status === 'rejected'))
      expect(r.message.length).toBeGreaterThan(10);
  });

  it('exits 0 when every file was read', async () => {
    const out = sink();
    const code = await main(
      ['import', join(CORPUS_FILES, '031_cog.txt'), '--quiet'],
      out.stream,
      sink().stream,
    );
    expect(code).toBe(0);
    expect(out.text()).toBe('');
  });

  it.each([
    [[]],
    [['import']],
    [['export', 'x']],
    [['import', '/no/such/file']],
    [['import', SEED_FILE, '--out', 'x.csv']],
    [['import', SEED_FILE, '--questionnaire', 'nope']],
    [['import', SEED_FILE, '--bogus']],
  ])('exits 1 with the usage on a usage error: %j', async (args) => {
    const err = sink();
    expect(await main(args, sink().stream, err.stream)).toBe(1);
    expect(err.text()).toMatch(/Usage: survey-atlas import/);
  });
});

describe('a questionnaire given as a definition file', () => {
  it('reads with that definition, and rejects an invalid one as a usage error', async () => {
    const dir = temp.make('atlas-def-');
    const def = JSON.parse(
      readFileSync(join(__dirname, '../src/core/definition/questionnaires/msq-2022.json'), 'utf8'),
    );
    const renamed = join(dir, 'msq-copy.json');
    writeFileSync(renamed, JSON.stringify({ ...def, id: 'msq-copy', title: 'MSQ copy' }));
    const out = sink();
    expect(
      await main(
        ['import', SEED_FILE, '--questionnaire', renamed, '--tables', dir],
        out.stream,
        sink().stream,
      ),
    ).toBe(0);
    expect(readCsv(join(dir, 'answers.csv'))).toHaveLength(112);

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...def, questions: [] }));
    const err = sink();
    expect(await main(['import', SEED_FILE, '--questionnaire', broken], sink().stream, err.stream)).toBe(1);
    expect(err.text()).toMatch(/broken\.json is not a valid questionnaire definition/);
  });
});

describe('files, folders and the workbook path', () => {
  it('keeps two files of the same name from different folders apart', async () => {
    const dir = temp.make('atlas-names-');
    for (const sub of ['wave1', 'wave2']) {
      mkdirSync(join(dir, sub));
      copyFileSync(
        join(CORPUS_FILES, sub === 'wave1' ? '031_cog.txt' : '035_swe.txt'),
        join(dir, sub, 'reply.txt'),
      );
    }
    writeFileSync(join(dir, 'wave1', '~$reply.docx'), 'an Office lock file');
    const code = await main(['import', dir, '--tables', join(dir, 'out')], sink().stream, sink().stream);
    expect(code).toBe(0);
    const responses = readCsv(join(dir, 'out/responses.csv'));
    expect(
      responses.map((r) => [r.source_file.replace(/^.*\/(wave\d\/reply\.txt)$/, '$1'), r.country_iso3]),
    ).toEqual([
      ['wave1/reply.txt', 'COG'],
      ['wave2/reply.txt', 'SWE'],
    ]);
  });

  it('creates the folder of --out, and refuses to merge into a workbook it did not write', async () => {
    const dir = temp.make('atlas-out-');
    const out = join(dir, 'new/folder/msq.xlsx');
    expect(await main(['import', SEED_FILE, '--out', out, '--quiet'], sink().stream, sink().stream)).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');

    const foreign = join(dir, 'foreign.xlsx');
    copyFileSync(join(CORPUS_FILES, 'forms-export.xlsx'), foreign);
    const err = sink();
    expect(await main(['import', SEED_FILE, '--out', foreign], sink().stream, err.stream)).toBe(1);
    expect(err.text()).toMatch(/foreign\.xlsx cannot be merged into .*--replace to overwrite it/);
  });
});

describe('CSV for spreadsheets', () => {
  it('keeps text exactly by default, and guards formula-like cells with --excel-safe-csv', async () => {
    const dir = temp.make('atlas-csv-');
    await main(
      ['import', SEED_FILE, '--tables', join(dir, 'plain'), '--quiet'],
      sink().stream,
      sink().stream,
    );
    await main(
      ['import', SEED_FILE, '--tables', join(dir, 'safe'), '--excel-safe-csv', '--quiet'],
      sink().stream,
      sink().stream,
    );
    const q35 = (table: string) =>
      readCsv(join(dir, table, 'answers.csv')).find((a) => a.question_id === 'Q35')!.value;
    expect(q35('plain')).toBe('-');
    expect(q35('safe')).toBe("'-");
  });
});

describe('--encoding', () => {
  // A Czech page in windows-1250 that names no country: the bytes alone cannot tell the code page.
  const page = readFileSync(join(CORPUS_FILES, '035_swe.txt'), 'utf8')
    .replace(/Sweden/g, 'the country')
    .replace(/\.se\b/g, '.example.org')
    .replace(/(4\. Organization \*\n\n).*/, '$1Ministerstvo vnitra České republiky');
  const bytes = encodeAs(page, 'windows-1250');
  const another = encodeAs(page.replace(/(Respondent\n\n)35/, '$136'), 'windows-1250');

  async function run(...options: string[]) {
    const dir = temp.make('atlas-enc-');
    writeFileSync(join(dir, 'cz.txt'), bytes);
    writeFileSync(join(dir, 'other.txt'), another);
    const err = sink();
    const code = await main(
      ['import', dir, '--tables', join(dir, 'tables'), '--quiet', ...options],
      sink().stream,
      err.stream,
    );
    if (code === 1) return { code, err: err.text() };
    const q4 = readCsv(join(dir, 'tables/answers.csv')).filter((a) => a.question_id === 'Q4');
    const organisation = Object.fromEntries(q4.map((a) => [a.source_file, a.value]));
    const issues = readCsv(join(dir, 'tables/issues.csv')).filter((i) => i.rule === 'encoding-uncertain');
    return { code, organisation, flagged: issues.map((i) => i.source_file).sort() };
  }

  it('flags the pages it cannot tell, and reads them as the analyst says, per file or for the batch', async () => {
    const detected = await run();
    expect(detected.flagged).toEqual(['cz.txt', 'other.txt']);
    expect(detected.organisation!['cz.txt']).not.toBe('Ministerstvo vnitra České republiky');

    const perFile = await run('--encoding', 'cz.txt=windows-1250');
    expect(perFile.organisation!['cz.txt']).toBe('Ministerstvo vnitra České republiky');
    expect(perFile.flagged).toEqual(['other.txt']);

    const batch = await run('--encoding', 'cp1250');
    expect(Object.values(batch.organisation!)).toEqual([
      'Ministerstvo vnitra České republiky',
      'Ministerstvo vnitra České republiky',
    ]);
    expect(batch.flagged).toEqual([]);
  });

  it.each([
    [['--encoding', 'latin-99'], /"latin-99" is not a known encoding/],
    [['--encoding', 'missing.txt=windows-1250'], /"missing\.txt" is not a file of this batch/],
    [['--encoding', 'koi8-r', '--encoding', 'windows-1250'], /two encodings given for the whole batch/],
  ])('refuses %j as a usage error', async (options, message) => {
    const result = await run(...options);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
  });
});
