import { loadQuestionnaire, type Definition } from '../definition';
import { defaultChecks } from '../definition/defaults';
import { issueKey } from '../model';
import { RULES, resolveDuplicates, runChecks } from '.';
import { completeAnswers, formsPage, handBuilt } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');
const complete = completeAnswers(def);
/** Two responses with a few problems each, one of them from a Forms page. */
function batch() {
  const forms = formsPage(
    def,
    { ...complete, Q3: '', Q9: 'N/A' },
    {
      responseId: '31',
      sourceFile: '031_cog.txt',
      country: { iso3: 'COG', name: 'Congo', source: 'answer', written: 'Congo', region: '', subregion: '' },
    },
  );
  const word = handBuilt(
    def,
    { ...complete, Q5: 'see above', Q36: 'Yes', Q38: 'No', Q39: 'There is no such law' },
    { responseId: '9', sourceFile: 'MSQ2022_EST.docx' },
  );
  return [word, forms];
}

describe('runChecks', () => {
  it('raises nothing for a complete, consistent response', () => {
    expect(runChecks([handBuilt(def, complete)], def)).toEqual([]);
  });

  it('sorts issues by file, response, question number (response-level first) and rule', () => {
    const issues = runChecks(batch(), def);
    expect(issues.map((i) => `${i.sourceFile} ${i.questionId} ${i.rule}`)).toEqual([
      '031_cog.txt  selection-not-recorded',
      '031_cog.txt Q3 required-missing',
      '031_cog.txt Q9 placeholder-answer',
      'MSQ2022_EST.docx Q5 invalid-email',
      'MSQ2022_EST.docx Q37 yes-without-followup',
      'MSQ2022_EST.docx Q39 followup-without-yes',
    ]);
  });

  it('takes severities from the configuration and skips disabled or unconfigured rules', () => {
    const tuned: Definition = {
      ...def,
      checks: {
        ...def.checks,
        'required-missing': { enabled: true, severity: 'info' },
        'placeholder-answer': { enabled: false, severity: 'warning' },
      },
    };
    delete tuned.checks['invalid-email'];
    const issues = runChecks(batch(), tuned);
    expect(issues.find((i) => i.rule === 'required-missing')?.severity).toBe('info');
    expect(issues.find((i) => i.rule === 'yes-without-followup')?.severity).toBe('warning');
    expect(issues.some((i) => i.rule === 'placeholder-answer' || i.rule === 'invalid-email')).toBe(false);
    expect(runChecks(batch(), { ...def, checks: {} })).toEqual([]);
  });

  it('gives every issue a key that is stable across runs and unique in the batch', () => {
    const first = runChecks(resolveDuplicates(batch()), def);
    const second = runChecks(resolveDuplicates(batch()), def);
    expect(second.map((i) => i.key)).toEqual(first.map((i) => i.key));
    for (const i of first) expect(i.key).toBe(issueKey(i.sourceFile, i.responseId, i.questionId, i.rule));
    expect(new Set(first.map((i) => i.key)).size).toBe(first.length);
  });

  it('gives the same issues whatever the order of the responses', () => {
    expect(runChecks(batch().reverse(), def)).toEqual(runChecks(batch(), def));
  });

  it('keeps evidence short', () => {
    const long = `Answer ${'with many words '.repeat(40)}`;
    const r = handBuilt(def, { ...complete, Q38: 'No', Q39: long });
    const [issue] = runChecks([r], def);
    expect(issue.evidence.length).toBeLessThanOrEqual(200);
    expect(issue.evidence.endsWith('…')).toBe(true);
  });
});

describe('RULES', () => {
  it('lists each rule once, with the code the configuration uses', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    const configured = RULES.filter((r) => !r.runsUnlessDisabled).map((r) => r.code);
    expect(configured.sort()).toEqual(Object.keys(def.checks).sort());
    for (const rule of RULES) {
      expect(rule.defaultSeverity).toBe(def.checks[rule.code]?.severity ?? rule.defaultSeverity);
      expect(rule.title && rule.description && rule.family).toBeTruthy();
    }
  });

  it('runs a rule about reading unless the definition disables it', () => {
    const uncertain = () => ({
      ...handBuilt(def, complete),
      reading: {
        encoding: 'windows-1252',
        confidence: 0.6,
        basis: 'detected' as const,
        alternatives: [{ encoding: 'windows-1250', sample: ['Èeské → České'] }],
      },
    });
    const rules = (d: Definition) => runChecks([uncertain()], d).map((i) => `${i.rule}:${i.severity}`);
    expect(rules(def)).toContain('encoding-uncertain:warning');
    const disabled = {
      ...def,
      checks: { ...def.checks, 'encoding-uncertain': { enabled: false, severity: 'warning' as const } },
    };
    expect(rules(disabled).filter((r) => r.startsWith('encoding-'))).toEqual([]);
    const asError = {
      ...def,
      checks: { ...def.checks, 'encoding-uncertain': { enabled: true, severity: 'error' as const } },
    };
    expect(rules(asError)).toContain('encoding-uncertain:error');
  });

  it('configures questionnaires read from files with known rules at their usual severities', () => {
    const defaults = defaultChecks();
    expect(Object.keys(defaults)).toEqual(
      expect.arrayContaining(['required-missing', 'answered-when-not-relevant', 'constraint-violated']),
    );
    for (const [code, config] of Object.entries(defaults))
      expect(RULES.find((r) => r.code === code)?.defaultSeverity).toBe(config.severity);
  });
});
