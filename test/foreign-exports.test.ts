import { countryQuestion, loadQuestionnaire, type Definition } from '../src/core/definition';
import { deriveDefinition } from '../src/core/definition/derive';
import type { RawResponse } from '../src/core/model';
import { definitionFromXlsForm } from '../src/core/definition/xlsform';
import { importBatch } from '../src/core/pipeline';
import { readFile } from '../src/core/read';
import { readWorkbookSheets } from '../src/core/read/xlsx-sheets';
import { headerKey } from '../src/core/read/export-columns';
import { corpusInputFiles } from './support/corpus';
import {
  definitionAgreement,
  describeScore,
  foreignTruth,
  layoutFiles,
  scoreLayout,
  type LayoutScore,
} from './support/foreign-truth';

/**
 * Each tool's export of a questionnaire the tool has no definition for: the definition is derived
 * from the folder's files, the files are read with it, and what was read is compared with the truth.
 */
const LAYOUTS = [
  'forms-xlsx-en',
  'forms-xlsx-localized',
  'openpyxl-resaved-forms',
  'google-forms-csv',
  'limesurvey-csv',
  'qualtrics-csv',
  'surveymonkey-xlsx',
  'kobo-xlsform',
];

/**
 * Where a derived definition cannot know better, and by how much. Kobo's "XML values" export names
 * options its labels export never shows (`ministry`, `unknown`): only the XLSForm maps them (2 of 156
 * cells; read against the XLSForm below, every cell is right).
 */
const SHORTFALL: Record<string, number> = { 'kobo-xlsform': 0.98 };

const truth = foreignTruth();
const nonResponses = new Set(truth.non_responses.map((n) => n.file));
const scores: LayoutScore[] = [];

afterAll(() => {
  // The per-layout figures, for the record of a run.
  console.log(scores.map(describeScore).join('\n'));
});

describe.each(LAYOUTS)('%s', (layout) => {
  let def: Definition;
  let score: LayoutScore;
  const rejected: string[] = [];

  beforeAll(async () => {
    const files = layoutFiles(layout);
    def = (await deriveDefinition(files))!;
    expect(def).toBeDefined();
    const read: { file: string; responses: RawResponse[] }[] = [];
    for (const file of files) {
      const outcome = await readFile(file, def);
      if (outcome.ok) read.push({ file: file.name, responses: outcome.responses });
      else rejected.push(`${file.name}: ${outcome.message}`);
    }
    score = { ...scoreLayout(layout, def, read, truth), definition: definitionAgreement(def, truth) };
    scores.push(score);
  });

  it('derives a definition with a source that says where it came from and a country question', () => {
    expect(def.source).toMatchObject({ kind: 'derived' });
    expect(def.source!.description).toMatch(
      /^derived from the header of .+: \d+ questions in \d+ sections?$/,
    );
    expect(countryQuestion(def)).toBeDefined();
  });

  it('makes each "If yes…" question depend on the Yes/No question before it', () => {
    const followUps = truth.questionnaire.questions.filter((q) => /^If yes/.test(q.text));
    expect(followUps.length).toBeGreaterThan(0);
    for (const t of followUps) {
      const q = def.questions.find((d) => headerKey(d.text) === headerKey(t.text))!;
      const parent = def.questions[def.questions.indexOf(q) - 1];
      expect(q.relevant).toMatch(new RegExp(`^\\$\\{${parent.id}\\} = '(Yes|yes)'$`));
    }
  });

  it('reads every file that is a response, and only those', () => {
    const expectedRejects = layoutFiles(layout)
      .filter((f) => nonResponses.has(f.name))
      .map((f) => f.name);
    expect(rejected.map((r) => r.split(':')[0])).toEqual(expectedRejects);
  });

  it('finds every response, with its country and whether it was finished', () => {
    expect(score.wrong.filter((w) => / not found$| country /.test(w))).toEqual([]);
    expect(score.found).toBe(score.responses);
    expect(score.countriesRight).toBe(score.responses);
    expect(score.completeRight).toBe(score.responses);
  });

  it('reads at least 99% of the answer cells as the truth has them', () => {
    if (score.wrong.length) console.log(`${layout}:\n${score.wrong.join('\n')}`);
    expect(score.cellsRight / score.cells).toBeGreaterThanOrEqual(SHORTFALL[layout] ?? 0.99);
  });
});

describe('a definition derived from the MSQ corpus (Forms pages, Word files and the export)', () => {
  it('has one question per column of the export, repeated headers apart, in the built-in order', async () => {
    const msq = loadQuestionnaire('msq-2022');
    const files = corpusInputFiles();
    const def = (await deriveDefinition(files))!;
    expect(def.questions).toHaveLength(msq.questions.length);
    const key = (text: string) => headerKey(text);
    const same = def.questions.filter((q, i) => {
      const m = msq.questions[i];
      return [m.text, m.subLabel ? `${m.text} ${m.subLabel}` : m.text].map(key).includes(key(q.text));
    });
    expect(same).toHaveLength(msq.questions.length);
    expect(countryQuestion(def)?.text).toBe('Country name');
    // Every file of the batch reads against it: pages and Word files match the same question texts.
    for (const file of files) expect(await readFile(file, def)).toMatchObject({ ok: true });
  });
});

describe('batches that hold no export', () => {
  it('derive no definition: vertical per-country workbooks, an XLSForm alone, Word files and Forms pages', async () => {
    expect(await deriveDefinition(layoutFiles('per-country-workbooks'))).toBeUndefined();
    expect(
      await deriveDefinition(layoutFiles('kobo-xlsform').filter((f) => f.name.endsWith('form.xlsx'))),
    ).toBeUndefined();
    expect(await deriveDefinition(corpusInputFiles().filter((f) => !/export/.test(f.name)))).toBeUndefined();
    expect(await deriveDefinition([{ name: 'empty.csv', bytes: new Uint8Array() }])).toBeUndefined();
  });
});

describe('Kobo exports read against their XLSForm', () => {
  const FORM_RULES = new Set(['required-missing', 'answered-when-not-relevant', 'constraint-violated']);
  let def: Definition;
  let score: LayoutScore;
  const exports = () => layoutFiles('kobo-xlsform').filter((f) => !nonResponses.has(f.name));

  beforeAll(async () => {
    const form = layoutFiles('kobo-xlsform').find((f) => nonResponses.has(f.name))!;
    def = definitionFromXlsForm(await readWorkbookSheets(form.bytes), form.name)!;
    const read: { file: string; responses: RawResponse[] }[] = [];
    for (const file of exports()) {
      const outcome = await readFile(file, def);
      if (outcome.ok) read.push({ file: file.name, responses: outcome.responses });
    }
    score = scoreLayout('kobo-xlsform', def, read, truth);
    console.log(`${describeScore(score)} (XLSForm)`);
  });

  it('maps names to labels in both exports: every response, country and answer as the truth has them', () => {
    expect(score.found).toBe(score.responses);
    expect(score.countriesRight).toBe(score.responses);
    expect(score.wrong).toEqual([]);
    expect(score.cellsRight).toBe(score.cells);
  });

  it("raises the form's rules the truth expects, by question name, and no others", async () => {
    const result = await importBatch(exports(), def);
    const raised = result.issues
      .filter((i) => FORM_RULES.has(i.rule))
      .map((i) => `${i.responseId} ${i.rule} ${i.questionId}`)
      .sort();
    const expected = truth.responses
      .filter((t) => t.layout === 'kobo-xlsform')
      .flatMap((t) => (t.expected ?? []).map(([rule, q]) => `${t.key} ${rule} ${q}`))
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(raised).toEqual(expected);
  });
});
