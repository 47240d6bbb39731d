import { loadQuestionnaire } from '../definition';
import type { Issue, Response } from '../model';
import { importBatch, type BatchResult } from '../pipeline';
import { collapse, corpusInputFiles } from '../../../test/support/corpus';
import { loadTruth, responseFromTruth, type TruthResponse, TRUTH_CODES } from '../../../test/support/truth';
import { resolveDuplicates, runChecks } from '.';

const def = loadQuestionnaire('msq-2022');
const truth = loadTruth();

interface Score {
  expected: number;
  found: number;
  missed: string[];
  spurious: string[];
  /** Expected labels the truth itself contradicts: the same value unlabelled elsewhere. */
  contradicted: string[];
}

const pair = (rule: string, q: string) => `${rule}:${q}`;
const valueOf = (t: TruthResponse, q: string) => {
  const v = t.answers[q]?.value ?? '';
  return collapse(Array.isArray(v) ? v.join('; ') : v).toLowerCase();
};

/** Value rules judge the text alone, so one value cannot be both an issue and not one. */
function contradictedByTruth(t: TruthResponse, rule: string, q: string): boolean {
  if (rule !== 'placeholder-answer' && rule !== 'invalid-email') return false;
  const v = valueOf(t, q);
  return truth.some((other) =>
    Object.keys(other.answers).some(
      (oq) =>
        valueOf(other, oq) === v &&
        !other.expected.some(([r, x]) => r === rule && x === oq) &&
        !other.allowed.some(([r, x]) => r === rule && x === oq),
    ),
  );
}

function score(find: (t: TruthResponse) => Response | undefined, issues: Issue[]): Score {
  const s: Score = { expected: 0, found: 0, missed: [], spurious: [], contradicted: [] };
  for (const t of truth) {
    const r = find(t);
    const where = `${t.file}#${t.response_id}`;
    if (!r) throw new Error(`no response for ${where}`);
    const raised = issues.filter(
      (i) => i.sourceFile === r.sourceFile && i.responseId === r.responseId && TRUTH_CODES.has(i.rule),
    );
    const raisedPairs = new Set(raised.map((i) => pair(i.rule, i.questionId)));
    const allowed = new Set([...t.expected, ...t.allowed].map(([rule, q]) => pair(rule, q)));
    for (const [rule, q] of t.expected) {
      if (rule === 'selection-not-recorded') continue;
      if (raisedPairs.has(pair(rule, q))) {
        s.expected++;
        s.found++;
      } else if (contradictedByTruth(t, rule, q))
        s.contradicted.push(`${where} ${pair(rule, q)} "${valueOf(t, q)}"`);
      else {
        s.expected++;
        s.missed.push(`${where} ${pair(rule, q)}`);
      }
    }
    for (const i of raised) {
      // Truth allows selection-not-recorded per question; one response-level issue stands for them.
      const ok =
        i.rule === 'selection-not-recorded'
          ? i.questionId === '' && t.allowed.some(([rule]) => rule === i.rule)
          : allowed.has(pair(i.rule, i.questionId));
      if (!ok) s.spurious.push(`${where} ${pair(i.rule, i.questionId)}: ${i.message}`);
    }
  }
  return s;
}

function report(label: string, s: Score, issues: Issue[]): void {
  const truthIssues = issues.filter((i) => TRUTH_CODES.has(i.rule)).length;
  const byRule = new Map<string, number>();
  for (const i of issues) byRule.set(i.rule, (byRule.get(i.rule) ?? 0) + 1);
  console.log(
    [
      `${label}: recall ${s.found}/${s.expected} (${((100 * s.found) / s.expected).toFixed(1)}%), ` +
        `precision ${truthIssues - s.spurious.length}/${truthIssues} (${((100 * (truthIssues - s.spurious.length)) / truthIssues).toFixed(1)}%)`,
      `issues by rule: ${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}`,
      `expected labels the truth contradicts (left out of recall): ${s.contradicted.join(' | ') || 'none'}`,
      ...s.missed.map((m) => `missed ${m}`),
      ...s.spurious.map((m) => `spurious ${m}`),
    ].join('\n'),
  );
}

/** The figures both sources must reach. */
function expectPerfect(s: Score): void {
  expect(s.missed).toEqual([]);
  expect(s.spurious).toEqual([]);
  expect(s.found).toBe(s.expected);
  expect(s.expected).toBeGreaterThan(250);
  // Contradicted labels are a handful at most, or the rule is wrong rather than the truth.
  expect(s.contradicted.length).toBeLessThanOrEqual(2);
}

describe('checks over the MSQ 2022 corpus, through the import pipeline', () => {
  let result: BatchResult;
  beforeAll(async () => {
    result = await importBatch(corpusInputFiles(), def);
  });
  // Export rows are found by their ID (the .csv twin of the .xlsx is kept once); other files hold one response.
  const find = (t: TruthResponse) =>
    t.format === 'export'
      ? result.responses.find((r) => r.format === 'export' && r.responseId === t.response_id)
      : result.responses.find((r) => r.sourceFile === t.file);

  it('raises every expected issue and none outside expected ∪ allowed', () => {
    const s = score(find, result.issues);
    report('import pipeline', s, result.issues);
    expectPerfect(s);
  });

  it('supersedes the earlier submission of each country that answered twice', () => {
    for (const t of truth.filter((x) => x.supersedes)) {
      const later = find(t)!;
      const earlier = find({ ...t, response_id: t.supersedes! })!;
      expect([earlier.status, later.status]).toEqual(['superseded', 'current']);
      expect(earlier.supersededBy).toBe(`${later.sourceFile}/${later.responseId}`);
    }
    expect(result.responses.filter((r) => r.status === 'superseded')).toHaveLength(
      truth.filter((t) => t.supersedes).length,
    );
  });

  it('raises the extra rules only where they hold', () => {
    const extra = (rule: string) => result.issues.filter((i) => i.rule === rule);
    // Every link in the corpus is well formed, every choice is an option, every answer fits a cell.
    expect(extra('invalid-url')).toEqual([]);
    expect(extra('choice-not-in-options')).toEqual([]);
    expect(extra('text-too-long')).toEqual([]);
    expect(extra('country-unknown')).toEqual([]);
    // Forms pages completed in minutes where the median is hours.
    for (const i of extra('fast-completion')) {
      const r = find(truth.find((t) => t.file === i.sourceFile)!)!;
      expect(r.durationSeconds).toBeLessThan(15 * 60);
    }
  });
});

describe('checks over the MSQ 2022 corpus, from the truth answers', () => {
  const responses = resolveDuplicates(truth.map((t) => responseFromTruth(t, def)));
  const issues = runChecks(responses, def);
  const find = (t: TruthResponse) =>
    responses.find((r) => r.sourceFile === t.file && r.responseId === t.response_id);

  it('raises every expected issue and none outside expected ∪ allowed', () => {
    const s = score(find, issues);
    report('truth answers', s, issues);
    expectPerfect(s);
  });
});
