import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { completeAnswers, handBuilt, withRules } from '../../../test/support/fixtures';
import { durationOf } from './timing';

const def = loadQuestionnaire('msq-2022');
const rules = withRules(def, 'fast-completion');
const timed = (id: string, minutes: number, format: 'forms-text' | 'export' = 'forms-text') =>
  handBuilt(def, completeAnswers(def), {
    responseId: id,
    sourceFile: `${id}.txt`,
    format,
    durationSeconds: minutes * 60,
  });

describe('fast-completion', () => {
  it('flags a response completed in under a tenth of the median time of its layout', () => {
    const batch = [
      timed('1', 200),
      timed('2', 180),
      timed('3', 240),
      timed('4', 5),
      timed('5', 20),
      timed('6', 150),
    ];
    // Median 165 min: 5 min is far below; 20 min is not.
    const issues = runChecks(batch, rules);
    expect(issues.map((i) => i.responseId)).toEqual(['4']);
    expect(issues[0].evidence).toBe('5 min 00 s (median 2 h 45 min)');
  });

  it('needs at least five durations of a layout', () => {
    const batch = [
      timed('1', 200),
      timed('2', 180),
      timed('3', 240),
      timed('4', 5),
      timed('5', 5, 'export'),
      timed('6', 300, 'export'),
    ];
    expect(runChecks(batch, rules)).toEqual([]);
  });

  it('takes the duration from start and completion times where no figure is given', () => {
    const r = handBuilt(
      def,
      {},
      { startTime: '2021-03-04T10:25:22Z', completionTime: '2021-03-04T23:50:51Z' },
    );
    expect(durationOf(r)).toBe(13 * 3600 + 25 * 60 + 29);
    expect(durationOf(handBuilt(def, {}))).toBeUndefined();
  });
});
