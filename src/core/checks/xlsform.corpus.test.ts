import { alignAnswers } from '../align';
import { definitionFromXlsForm } from '../definition/xlsform';
import type { Definition } from '../definition';
import type { RawAnswer, Response } from '../model';
import { readWorkbookSheets } from '../read/xlsx-sheets';
import { collapse, loadFile, readText, SHARED } from '../../../test/support/corpus';
import { runChecks } from '.';

/**
 * The XLSForm's rules over the foreign sample's Kobo responses, built from the truth's answers
 * (as a reader of the Kobo exports would give them), against the flags the truth expects.
 */
const SAMPLE = `${SHARED}/corpus/foreign-sample`;
const FORM_RULES = new Set(['required-missing', 'answered-when-not-relevant', 'constraint-violated']);

type TruthValue = string | string[] | { other: string };
interface TruthResponse {
  layout: string;
  file: string;
  key: string;
  country_iso3: string;
  country_written: string;
  answers: Record<string, TruthValue>;
  expected?: [string, string][];
}

const truth = JSON.parse(readText(`${SAMPLE}/truth/truth.json`)) as { responses: TruthResponse[] };

/** The truth's answers keyed by question id (matched by text), as a reader gives them. */
function responseOf(t: TruthResponse, def: Definition): Response {
  const byText = new Map(Object.entries(t.answers).map(([text, v]) => [collapse(text), v]));
  const answers: Record<string, RawAnswer> = {};
  for (const q of def.questions) {
    const v = byText.get(collapse(q.text));
    if (v === undefined) throw new Error(`no truth answer for ${q.id}`);
    if (q.type !== 'single' && q.type !== 'multiple') answers[q.id] = { text: v as string };
    else if (typeof v === 'object' && !Array.isArray(v))
      answers[q.id] = { selected: [q.otherOption!], other: v.other };
    else answers[q.id] = { selected: Array.isArray(v) ? v : v ? [v] : [] };
  }
  const raw = { responseId: t.key, format: 'export' as const, choicesRecorded: true, answers };
  return {
    responseId: t.key,
    sourceFile: t.file,
    format: 'export',
    choicesRecorded: true,
    answers: alignAnswers(raw, def),
    country: {
      iso3: t.country_iso3,
      name: t.country_written,
      source: 'answer',
      written: t.country_written,
      region: '',
      subregion: '',
    },
    status: 'current',
  };
}

describe("the XLSForm's rules on the foreign sample", () => {
  let def: Definition;
  beforeAll(async () => {
    def = definitionFromXlsForm(
      await readWorkbookSheets(loadFile(`${SAMPLE}/files/kobo-xlsform/form.xlsx`).bytes),
      'form.xlsx',
    )!;
  });

  it('raises the flags the truth expects on the Kobo responses, and no others of these rules', () => {
    const kobo = truth.responses.filter((t) => t.expected);
    expect(kobo.length).toBeGreaterThan(0);
    const issues = runChecks(
      kobo.map((t) => responseOf(t, def)),
      def,
    ).filter((i) => FORM_RULES.has(i.rule));
    const raised = new Set(issues.map((i) => `${i.responseId} ${i.rule} ${i.questionId}`));
    const expected = new Set(kobo.flatMap((t) => t.expected!.map(([rule, q]) => `${t.key} ${rule} ${q}`)));
    const found = [...expected].filter((e) => raised.has(e)).length;
    const recall = found / expected.size;
    const precision = raised.size ? found / raised.size : 1;
    console.log(
      `XLSForm rules on Kobo responses: recall ${found}/${expected.size}, precision ${found}/${raised.size}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(issues.find((i) => i.rule === 'constraint-violated')!.message).toMatch(
      /The number of staff must be positive\.$/,
    );
  });
});
