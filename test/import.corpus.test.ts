import { loadQuestionnaire } from '../src/core/definition';
import type { Response } from '../src/core/model';
import { importBatch, type BatchResult } from '../src/core/pipeline';
import { collapse, corpusInputFiles } from './support/corpus';
import { loadTruth, truthDisplayValue, type TruthResponse } from './support/truth';

const def = loadQuestionnaire('msq-2022');
const truth = loadTruth();

/** Export rows are identified by their ID; every other file holds one response. */
function findResponse(result: BatchResult, t: TruthResponse): Response | undefined {
  if (t.format === 'export')
    return result.responses.find((r) => r.format === 'export' && r.responseId === t.response_id);
  return result.responses.find((r) => r.sourceFile === t.file);
}

describe('importing the MSQ 2022 corpus', () => {
  let result: BatchResult;
  beforeAll(async () => {
    result = await importBatch(corpusInputFiles(), def);
  });

  it('reads every file and finds every response once', () => {
    expect(result.reports.filter((f) => f.status === 'rejected')).toEqual([]);
    expect(result.responses).toHaveLength(truth.length);
    for (const t of truth) expect(findResponse(result, t)).toBeDefined();
    const keys = result.responses.map((r) => `${r.sourceFile}/${r.responseId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the .csv export once, as the twin of the .xlsx, and says so', () => {
    const csv = result.reports.find((f) => f.sourceFile === 'forms-export.csv')!;
    expect(csv.status).toBe('imported');
    expect(csv.message).toMatch(/also in forms-export\.xlsx, kept once/);
    expect(result.responses.filter((r) => r.sourceFile === 'forms-export.xlsx')).toHaveLength(
      truth.filter((t) => t.format === 'export').length,
    );
  });

  it('gets every country right, and says where it was inferred', () => {
    const wrong = truth
      .map((t) => ({ t, r: findResponse(result, t)! }))
      .filter(({ t, r }) => r.country.iso3 !== t.country_iso3 || r.country.source !== t.country_source)
      .map(({ t, r }) => `${t.file}#${t.response_id}: ${r.country.iso3}/${r.country.source}`);
    expect(wrong).toEqual([]);
  });

  it('reads 100% of the answer cells as the truth has them', () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const t of truth) {
      const r = findResponse(result, t)!;
      for (const [qid, ta] of Object.entries(t.answers)) {
        const q = def.questions.find((x) => x.id === qid)!;
        const a = r.answers[qid];
        const knowable = q.type === 'text' || t.choices_recorded;
        if (!knowable) continue;
        compared++;
        if (collapse(a.value) !== collapse(truthDisplayValue(ta))) {
          mismatches.push(
            `${t.file}#${t.response_id} ${qid}: ${JSON.stringify(a.value)} ≠ ${JSON.stringify(truthDisplayValue(ta))}`,
          );
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(100 * 100);
  });

  it('never reports a choice as recorded where the file does not record it', () => {
    for (const t of truth.filter((x) => !x.choices_recorded)) {
      const r = findResponse(result, t)!;
      expect(r.choicesRecorded).toBe(false);
      for (const q of def.questions.filter((x) => x.type !== 'text')) {
        const a = r.answers[q.id];
        if (a.status === 'answered') {
          // Only the typed text of an "Other" option is on the page, and then it is the truth.
          expect(a.choices).toEqual([q.otherOption]);
          expect(collapse(a.value)).toBe(collapse(truthDisplayValue(t.answers[q.id])));
        } else {
          expect(['not-recorded', 'inferred']).toContain(a.status);
        }
      }
    }
  });

  it('infers a choice only from a substantive follow-up, and marks it inferred', () => {
    const choiceIds = new Set(def.questions.filter((q) => q.type !== 'text').map((q) => q.id));
    const inferred = result.responses.flatMap((r) =>
      Object.values(r.answers).filter((a) => a.status === 'inferred' && choiceIds.has(a.questionId)),
    );
    expect(inferred.length).toBeGreaterThan(0);
    for (const a of inferred) {
      expect(a.value).toBe('Yes');
      expect(a.basis).toMatch(/^Q\d+ gives details$/);
    }
  });
});
