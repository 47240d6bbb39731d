/**
 * Per-country workbooks of a questionnaire the tool does not know (the foreign sample's NSCS 2025):
 * the definition comes from the template workbook in the folder, and the answers are checked against
 * the sample's truth, keyed by question text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Definition } from '../src/core/definition';
import { definitionFromTemplate } from '../src/core/definition/template';
import type { Answer } from '../src/core/model';
import { importBatch, type BatchResult } from '../src/core/pipeline';
import { readFile } from '../src/core/read';
import { withDropDowns } from '../src/core/read/xlsx-dropdowns';
import { readWorkbookSheets } from '../src/core/read/xlsx-sheets';
import { collapse, loadFile, SHARED } from './support/corpus';

const SAMPLE = join(SHARED, 'corpus/foreign-sample');
const FOLDER = join(SAMPLE, 'files/per-country-workbooks');

type Want = string | string[] | { other: string };
interface TruthResponse {
  layout: string;
  file: string;
  country_iso3: string;
  country_source: string;
  answers: Record<string, Want>;
  written: Record<string, string>;
  skip?: string[];
}
const truth = JSON.parse(readFileSync(join(SAMPLE, 'truth/truth.json'), 'utf8')) as {
  responses: TruthResponse[];
  non_responses: { file: string }[];
};
const wanted = truth.responses.filter((r) => r.layout === 'per-country-workbooks');

const names = readdirSync(FOLDER).filter((n) => n.endsWith('.xlsx'));
const isTemplate = (name: string) => truth.non_responses.some((n) => n.file.endsWith(`/${name}`));
const templateName = names.find(isTemplate)!;

async function definitionFrom(name: string, dropDowns = true): Promise<Definition> {
  const { bytes } = loadFile(join(FOLDER, name));
  const sheets = await readWorkbookSheets(bytes);
  return definitionFromTemplate(dropDowns ? await withDropDowns(sheets, bytes) : sheets, name)!;
}

/** Whether an answer is the truth's: text spaces aside (a date as ISO or as written), choices as a set, Other with its text. */
function same(a: Answer, want: Want, written: string | undefined): boolean {
  if (Array.isArray(want)) return [...(a.choices ?? [])].sort().join('|') === [...want].sort().join('|');
  if (typeof want === 'object')
    return a.other === want.other && a.value === `${a.choices?.[0]}: ${want.other}`;
  if (want === '') return a.status === 'empty' || a.status === 'not-applicable';
  return (
    collapse(a.value) === collapse(want) || (written !== undefined && collapse(a.value) === collapse(written))
  );
}

/** The share of the truth's answer cells read right, and those read wrong. */
function score(result: BatchResult, def: Definition) {
  let right = 0;
  let all = 0;
  const wrong: string[] = [];
  for (const t of wanted) {
    const r = result.responses.find((x) => t.file.endsWith(`/${x.sourceFile}`));
    for (const [text, want] of Object.entries(t.answers)) {
      if (t.skip?.includes(text)) continue;
      all++;
      const q = def.questions.find((x) => x.text === text);
      const a = q && r?.answers[q.id];
      if (a && same(a, want, t.written[text])) right++;
      else wrong.push(`${t.file}: ${text}`);
    }
  }
  return { share: right / all, wrong };
}

describe('per-country workbooks of another questionnaire, with the template as the definition', () => {
  let def: Definition;
  let result: BatchResult;

  beforeAll(async () => {
    def = await definitionFrom(templateName);
    result = await importBatch(
      names.map((n) => loadFile(join(FOLDER, n))),
      def,
    );
  });

  it('derives the definition from the template: a question per row with an ID, in its sections', async () => {
    expect(def.source).toEqual({
      kind: 'template',
      description: expect.stringMatching(/^template 00_NSCS2025/),
    });
    const main = def.questions.filter((q) => !q.id.endsWith('-comment'));
    const texts = Object.keys(wanted[0].answers);
    expect(main.map((q) => q.text)).toEqual(texts);
    // A drop-down is a single choice, the Yes/No table of options a multiple choice, the rest text.
    const types = Object.fromEntries(main.map((q) => [q.text, q.type]));
    for (const t of wanted)
      for (const [text, want] of Object.entries(t.answers)) {
        if (Array.isArray(want)) expect(types[text]).toBe('multiple');
        if (typeof want === 'object' && !Array.isArray(want)) expect(types[text]).toBe('single');
      }
    expect(new Set(main.map((q) => q.section)).size).toBe(4);
    // Every question has its Comment beside it.
    for (const q of main) expect(def.questions.some((c) => c.id === `${q.id}-comment`)).toBe(true);
  });

  it('finds every response and rejects the template as the blank questionnaire', () => {
    expect(result.responses.map((r) => r.sourceFile).sort()).toEqual(
      wanted.map((t) => t.file.replace(/^.*\//, '')).sort(),
    );
    const template = result.reports.find((r) => r.sourceFile === templateName)!;
    expect(template).toMatchObject({ status: 'rejected' });
    expect(template.message).toMatch(/template/);
  });

  it('takes every country from the file name (EL Greece, UK United Kingdom)', () => {
    for (const t of wanted) {
      const r = result.responses.find((x) => t.file.endsWith(`/${x.sourceFile}`))!;
      expect({ file: t.file, iso3: r.country.iso3, source: r.country.source }).toEqual({
        file: t.file,
        iso3: t.country_iso3,
        source: t.country_source,
      });
    }
  });

  it('reads at least 99% of the answer cells right', () => {
    const { share, wrong } = score(result, def);
    expect(wrong).toEqual([]);
    expect(share).toBeGreaterThanOrEqual(0.99);
  });

  it('derives the same questions from a filled workbook of the batch', async () => {
    const filled = await definitionFrom(names.find((n) => !isTemplate(n))!);
    const shape = (d: Definition) =>
      d.questions.map((q) => [q.id, q.type, q.options, q.otherOption, q.relevant]);
    expect(shape(filled)).toEqual(shape(def));
  });

  it('reads nearly as well when the workbook reader gives no drop-down lists', async () => {
    const plain = await definitionFrom(templateName, false);
    const read = await importBatch(
      names.map((n) => loadFile(join(FOLDER, n))),
      plain,
    );
    expect(score(read, plain).share).toBeGreaterThanOrEqual(0.97);
  });

  it('rejects a per-country workbook as no response to a questionnaire it does not belong to', async () => {
    const odm = (await import('../src/core/definition')).loadQuestionnaire('odm-2023');
    const outcome = await readFile(
      loadFile(
        join(
          FOLDER,
          names.find((n) => !isTemplate(n))!,
        ),
      ),
      odm,
    );
    expect(outcome).toMatchObject({ ok: false, code: 'not-a-response' });
  });
});
