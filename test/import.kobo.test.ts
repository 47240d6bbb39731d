import { definitionFromXlsForm } from '../src/core/definition/xlsform';
import type { Definition } from '../src/core/definition';
import { importBatch, type BatchResult } from '../src/core/pipeline';
import { readWorkbookSheets } from '../src/core/read/xlsx-sheets';
import { collapse, loadFile, readText, SHARED } from './support/corpus';

/**
 * KoboToolbox exports read against their XLSForm, end to end: the form gives the definition, the
 * exports the responses, and the form's required / relevant / constraint the issues the truth expects.
 */
const SAMPLE = `${SHARED}/corpus/foreign-sample`;
const FORM_RULES = new Set(['required-missing', 'answered-when-not-relevant', 'constraint-violated']);

type TruthValue = string | string[] | { other: string };
interface TruthResponse {
  file: string;
  key: string;
  answers: Record<string, TruthValue>;
  expected?: [string, string][];
}

const truth = (
  JSON.parse(readText(`${SAMPLE}/truth/truth.json`)) as { responses: TruthResponse[] }
).responses.filter((t) => t.expected);

describe('Kobo exports read against their XLSForm', () => {
  let def: Definition;
  let result: BatchResult;
  beforeAll(async () => {
    const form = loadFile(`${SAMPLE}/files/kobo-xlsform/form.xlsx`);
    def = definitionFromXlsForm(await readWorkbookSheets(form.bytes), form.name)!;
    const exports = [...new Set(truth.map((t) => t.file))].map((f) => loadFile(`${SAMPLE}/files/${f}`));
    result = await importBatch([form, ...exports], def);
  });

  it('imports every response of both exports and rejects the form itself', () => {
    expect(result.responses.map((r) => r.responseId).sort()).toEqual(truth.map((t) => t.key).sort());
    expect(result.reports.find((r) => r.sourceFile === 'form.xlsx')?.status).toBe('rejected');
  });

  it("reads each answer as the truth gives it: labels for names, choices joined, an Other's text", () => {
    const mismatches: string[] = [];
    for (const t of truth) {
      const r = result.responses.find((x) => x.responseId === t.key)!;
      for (const q of def.questions) {
        const want = t.answers[q.text];
        const text = Array.isArray(want)
          ? want.join('; ')
          : typeof want === 'object'
            ? `Other: ${want.other}`
            : want;
        if (collapse(r.answers[q.id].value) !== collapse(text)) mismatches.push(`${t.key} ${q.id}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('raises the issues the truth expects from the form: recall and precision at least 95%', () => {
    const raised = new Set(
      result.issues
        .filter((i) => FORM_RULES.has(i.rule))
        .map((i) => `${i.responseId} ${i.rule} ${i.questionId}`),
    );
    const expected = new Set(truth.flatMap((t) => t.expected!.map(([rule, q]) => `${t.key} ${rule} ${q}`)));
    const found = [...expected].filter((e) => raised.has(e)).length;
    console.log(`Kobo end to end: recall ${found}/${expected.size}, precision ${found}/${raised.size}`);
    expect(found / expected.size).toBeGreaterThanOrEqual(0.95);
    expect(found / Math.max(raised.size, 1)).toBeGreaterThanOrEqual(0.95);
  });
});
