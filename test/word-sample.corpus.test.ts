import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadQuestionnaire } from '../src/core/definition';
import type { Response } from '../src/core/model';
import { importBatch, type BatchResult } from '../src/core/pipeline';
import { collapse, loadFile, SHARED } from './support/corpus';
import { loadTruth, truthDisplayValue, type TruthResponse, TRUTH_CODES } from './support/truth';

/** Questionnaires returned as real Word documents: list numbering, check boxes, tracked changes, tables. */
const SAMPLE = 'corpus/msq-2022-word-sample';
const FILES = join(SHARED, SAMPLE, 'files');
const def = loadQuestionnaire('msq-2022');
const truth = loadTruth(SAMPLE);

const sameSet = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

describe('importing MSQ 2022 questionnaires stored as Word stores them', () => {
  let result: BatchResult;
  const find = (t: TruthResponse): Response | undefined =>
    result.responses.find((r) => r.sourceFile === t.file);
  beforeAll(async () => {
    const files = readdirSync(FILES)
      .sort()
      .map((name) => loadFile(join(FILES, name)));
    result = await importBatch(files, def);
  });

  it('has the six sample files, each with its Word features listed', () => {
    expect(truth).toHaveLength(6);
    expect(readdirSync(FILES).filter((n) => n.endsWith('.docx'))).toHaveLength(6);
  });

  it('finds every response, as a Word questionnaire, with its country', () => {
    expect(result.reports.filter((f) => f.status === 'rejected')).toEqual([]);
    expect(result.responses).toHaveLength(truth.length);
    const wrong = truth
      .map((t) => ({ t, r: find(t) }))
      .filter(
        ({ t, r }) =>
          r?.format !== 'word' || r.country.iso3 !== t.country_iso3 || r.country.source !== t.country_source,
      )
      .map(({ t, r }) => `${t.file}: ${r?.format} ${r?.country.iso3}/${r?.country.source}`);
    expect(wrong).toEqual([]);
  });

  it('reads every answer cell as the truth has it', () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const t of truth) {
      const r = find(t)!;
      expect(r.choicesRecorded).toBe(t.choices_recorded);
      for (const [qid, want] of Object.entries(t.answers)) {
        compared++;
        const got = r.answers[qid];
        // A Word file prints the options in the questionnaire's order, not the order they were ticked.
        const same = Array.isArray(want.value)
          ? sameSet(got.choices ?? [], want.value) && (got.other ?? '') === (want.other ?? '')
          : collapse(got.value) === collapse(truthDisplayValue(want));
        if (!same)
          mismatches.push(
            `${t.file} ${qid}: ${JSON.stringify(got.value)} ≠ ${JSON.stringify(truthDisplayValue(want))}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBe(truth.length * def.questions.length);
  });

  it('claims no choice recorded where the file has none', () => {
    for (const t of truth) {
      const r = find(t)!;
      for (const q of def.questions.filter((x) => x.type !== 'text')) {
        const want = t.answers[q.id];
        const chosen = Array.isArray(want.value) ? want.value.length > 0 : want.value !== '';
        if (!chosen) expect([r.sourceFile, q.id, r.answers[q.id].choices]).toEqual([r.sourceFile, q.id, []]);
      }
    }
  });

  it('raises the issues the truth expects, and only those it expects or allows', () => {
    let expected = 0;
    let found = 0;
    let raisedCount = 0;
    const missed: string[] = [];
    const spurious: string[] = [];
    for (const t of truth) {
      const r = find(t)!;
      const raised = result.issues.filter(
        (i) => i.sourceFile === r.sourceFile && i.responseId === r.responseId && TRUTH_CODES.has(i.rule),
      );
      const pairs = new Set(raised.map((i) => `${i.rule}:${i.questionId}`));
      const ok = new Set([...t.expected, ...t.allowed].map(([rule, q]) => `${rule}:${q}`));
      for (const [rule, q] of t.expected) {
        expected++;
        if (pairs.has(`${rule}:${q}`)) found++;
        else missed.push(`${t.file} ${rule}:${q}`);
      }
      raisedCount += raised.length;
      for (const i of raised)
        if (!ok.has(`${i.rule}:${i.questionId}`)) spurious.push(`${t.file} ${i.rule}:${i.questionId}`);
    }
    console.log(
      `Word sample: recall ${found}/${expected}, precision ${raisedCount - spurious.length}/${raisedCount}`,
    );
    expect({ missed, spurious }).toEqual({ missed: [], spurious: [] });
    expect(found).toBe(expected);
    expect(raisedCount).toBeGreaterThanOrEqual(expected);
  });
});
