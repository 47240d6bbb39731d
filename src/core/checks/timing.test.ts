/**
 * @jest-environment ./test/support/berlin-environment.js
 */
import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { completeAnswers, handBuilt, withRules } from '../../../test/support/fixtures';
import { durationOf } from './timing';
import { timestampMs } from './text';

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

describe('times without a zone', () => {
  // The file runs in Europe/Berlin (see its environment), where reading these times as local time
  // would lose the hour the clocks go forward.
  it('are read as wall-clock times, the same on every machine, across a change of summer time', () => {
    expect(new Date(Date.UTC(2024, 5, 1)).getTimezoneOffset()).toBe(-120); // the zone is in effect
    const across = handBuilt(
      def,
      {},
      { startTime: '2024-03-31T01:30:00', completionTime: '2024-03-31T03:30:00' },
    );
    expect(durationOf(across)).toBe(120 * 60);
    const spaced = handBuilt(
      def,
      {},
      { startTime: '2024-10-27 01:30:00', completionTime: '2024-10-27 03:30' },
    );
    expect(durationOf(spaced)).toBe(120 * 60);
    // A zone given is honoured: 09:00 in Berlin is 08:00 UTC.
    const zoned = handBuilt(
      def,
      {},
      { startTime: '2024-03-04T09:00:00+01:00', completionTime: '2024-03-04T08:30:00Z' },
    );
    expect(durationOf(zoned)).toBe(30 * 60);
    expect(timestampMs('2024-03-31T01:30:00')).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(timestampMs('2024-03-31')).toBe(Date.UTC(2024, 2, 31));
  });
});
