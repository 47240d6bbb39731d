// What comes back from the worker in slices is gathered again whole: the corpus's import result and
// its plan, each message copied as postMessage copies it (structured clone).
import { corpusInputFiles } from '../../test/support/corpus';
import type { FromWorker } from './messages';
import { importInStages } from './choose-and-import';
import { issueRows } from './issue-rows';
import { makePlan } from './make-workbook';
import { CELLS_PER_SLICE, ISSUES_PER_SLICE, RESPONSES_PER_SLICE } from './slices';
import { planMessages, planReceiver, resultMessages, resultReceiver } from './transfer';

/** Each message as the other side receives it. */
const posted = (messages: Iterable<FromWorker>) => [...messages].map((m) => structuredClone(m));

describe('an import result and a plan, sent in slices', () => {
  let batch: Awaited<ReturnType<typeof importInStages>>;

  beforeAll(async () => {
    batch = await importInStages({ files: corpusInputFiles() }, () => undefined);
  });

  it('gathers the result: responses, issues in their order, and the worklist rows', () => {
    const rows = issueRows(batch.definition, batch.responses, batch.issues);
    const messages = posted(resultMessages(batch, rows));
    // Several slices, none larger than its bound.
    const responseSlices = messages.filter((m) => m.type === 'responses');
    const rowSlices = messages.filter((m) => m.type === 'issue-rows');
    expect(responseSlices.length).toBe(Math.ceil(batch.responses.length / RESPONSES_PER_SLICE));
    expect(responseSlices.length).toBeGreaterThan(1);
    for (const m of rowSlices) expect(m.items.length).toBeLessThanOrEqual(ISSUES_PER_SLICE);

    const told: number[] = [];
    const receiver = resultReceiver((got, expected) => told.push(got / expected));
    const gathered = messages.map((m) => receiver.take(m)).filter((r) => r !== undefined);
    expect(gathered).toHaveLength(1);
    const [result] = gathered;
    expect(result.responses).toEqual(batch.responses);
    expect(result.issues).toEqual(batch.issues);
    expect(result.rows).toEqual(rows);
    // A row's issue is the result's issue, one object, as issueRows gives it.
    expect(result.rows![0].issue).toBe(result.issues.find((i) => i.key === rows[0].issue.key));
    expect(result.reports).toEqual(batch.reports);
    expect(result.reviews).toEqual(batch.reviews);
    expect(result.counts).toEqual(batch.counts);
    expect(told.at(-1)).toBe(1);
  });

  it('gathers the plan, table rows in slices of bounded size, and where each issue points', () => {
    const made = makePlan({
      def: batch.definition,
      responses: batch.responses,
      issues: batch.issues,
      reports: batch.reports,
      reviews: batch.reviews,
      importedAt: '2024-05-01T10:00:00Z',
    });
    const messages = posted(planMessages(made.plan, made.places));
    const rowSlices = messages.filter((m) => m.type === 'rows');
    expect(rowSlices.length).toBeGreaterThan(made.plan.sheets.length);
    for (const m of rowSlices) {
      const columns = made.plan.sheets[m.sheet].tables[m.table].columns.length;
      expect(m.rows.length * columns).toBeLessThanOrEqual(Math.max(CELLS_PER_SLICE, columns));
    }
    const told: number[] = [];
    const receiver = planReceiver((f) => told.push(f));
    const gathered = messages.map((m) => receiver.take(m)).filter((r) => r !== undefined);
    expect(gathered).toHaveLength(1);
    expect(gathered[0].plan).toEqual(made.plan);
    expect(gathered[0].places).toEqual(new Map(made.places));
    expect(told.at(-1)).toBeCloseTo(1);
  });
});
