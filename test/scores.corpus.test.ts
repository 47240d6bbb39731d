// Section scores and regional figures of the MSQ 2022 corpus, against figures computed here from the
// labelled truth alone: which answers are Yes or No, which submissions are current, which region.
import { countryFacts } from '../src/core/countries';
import { currentResponses, groupAverages, sectionScores } from '../src/core/compare';
import { loadQuestionnaire } from '../src/core/definition';
import type { Response } from '../src/core/model';
import { importBatch, type BatchResult } from '../src/core/pipeline';
import { corpusInputFiles } from './support/corpus';
import { loadTruth, type TruthResponse } from './support/truth';

const def = loadQuestionnaire('msq-2022');
const truth = loadTruth();

/** Questions answered Yes or No: single choice with both among the options. */
const yesNoQuestions = def.questions.filter(
  (q) => q.type === 'single' && ['Yes', 'No'].every((o) => q.options?.includes(o)),
);

/** Share of Yes among a response's Yes/No answers in a section; null without any, or unrecorded. */
function truthShare(t: TruthResponse, sectionId: string): number | null {
  if (!t.choices_recorded) return null;
  const values = yesNoQuestions
    .filter((q) => q.section === sectionId)
    .map((q) => t.answers[q.id]?.value)
    .map((v) => (Array.isArray(v) ? v.join(';') : v))
    .filter((v) => v === 'Yes' || v === 'No');
  return values.length ? values.filter((v) => v === 'Yes').length / values.length : null;
}

const mean = (values: (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
};

// A later submission replaces the earlier one of its country.
const replaced = new Set(truth.flatMap((t) => (t.supersedes ? [t.supersedes] : [])));
const currentTruth = truth.filter((t) => !(t.format === 'export' && replaced.has(t.response_id)));

function truthOf(r: Response): TruthResponse | undefined {
  return currentTruth.find((t) =>
    t.format === 'export' ? r.format === 'export' && r.responseId === t.response_id : r.sourceFile === t.file,
  );
}

describe('section scores and regional figures of the corpus', () => {
  let result: BatchResult;
  beforeAll(async () => {
    result = await importBatch(corpusInputFiles(), def);
  });

  it('give each current response the Yes share of each section the truth gives', () => {
    const scores = sectionScores(def, currentResponses(result.responses), result.issues);
    expect(scores).toHaveLength(currentTruth.length);
    let withShare = 0;
    let fromOneAnswer = 0;
    for (const s of scores) {
      const t = truthOf(s.response)!;
      expect(t).toBeDefined();
      def.sections.forEach((section, i) => {
        const expected = truthShare(t, section.id);
        const got = s.sections[i].yesShare;
        if (expected === null)
          expect([t.file, t.response_id, section.id, got]).toEqual([t.file, t.response_id, section.id, null]);
        else expect(got).toBeCloseTo(expected, 10);
        if (expected !== null) withShare++;
        const answered = s.sections[i].yes + s.sections[i].no;
        if (answered === 1) fromOneAnswer++;
      });
    }
    // The corpus exercises the figures: many shares, some from a single Yes/No answer.
    expect(withShare).toBeGreaterThan(100);
    expect(fromOneAnswer).toBeGreaterThan(0);
  });

  it.each(['region', 'subregion'] as const)('average the shares by %s as the truth does', (by) => {
    const scores = sectionScores(def, currentResponses(result.responses), result.issues);
    const rows = groupAverages(scores, by);
    const groups = new Map<string, TruthResponse[]>();
    for (const t of currentTruth) {
      const name = countryFacts(t.country_iso3)?.[by] || 'Unknown';
      groups.set(name, [...(groups.get(name) ?? []), t]);
    }
    groups.set('All regions', currentTruth);
    expect(rows.map((r) => r.group).sort()).toEqual([...groups.keys()].sort());
    for (const row of rows) {
      const members = groups.get(row.group)!;
      expect(row.responses).toBe(members.length);
      expect(row.countries).toBe(new Set(members.map((t) => t.country_iso3)).size);
      def.sections.forEach((section, i) => {
        const expected = mean(members.map((t) => truthShare(t, section.id)));
        if (expected === null) expect(row.yesShares[i]).toBeNull();
        else expect(row.yesShares[i]).toBeCloseTo(expected, 10);
      });
    }
  });
});
