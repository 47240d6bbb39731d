import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { emailProblem } from './emails';
import { completeAnswers, handBuilt, withRules } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');

describe('emailProblem', () => {
  it.each([
    'kwame.said@mfa.gov.gh',
    'josé.garcia@egov.gov.au',
    "o'brien+msq@digital.gov.ie",
    ' <info@gov.ee> ',
    'Kwame Said <kwame.said@mfa.gov.gh>',
    'mailto:info@gov.ee',
    '[info@gov.ee](mailto:info@gov.ee)',
    'info@xn--80ao21a.xn--p1ai',
  ])('accepts %s', (text) => {
    expect(emailProblem(text)).toBeUndefined();
  });

  it.each([
    ['see above', /no "@"/],
    ['kwame.rossi', /no "@"/],
    ['amina.petrova at egov.gov.fr', /"at" instead of "@"/],
    ['ivan.rossi@mincom..gov.bh', /two dots in a row/],
    ['a@b.gov.ee; c@d.gov.ee', /several addresses/],
    ['a@b.gov.ee, c@d.gov.ee', /several addresses/],
    ['ivan rossi@gov.ee', /spaces/],
    ['ivan@rossi@gov.ee', /more than one "@"/],
    ['.ivan@gov.ee', /before the "@"/],
    ['ivan@gov', /invalid domain/],
    ['ivan@-gov.ee', /invalid domain/],
  ])('rejects %s', (text, why) => {
    expect(emailProblem(text)).toMatch(why);
  });
});

describe('invalid-email', () => {
  const emails = withRules(def, 'invalid-email');
  const found = (answers: Record<string, string>) =>
    runChecks([handBuilt(def, { ...completeAnswers(def), ...answers })], emails);

  it('checks every question whose format is email, follow-ups included', () => {
    const issues = found({ Q5: 'see above', Q14: 'Yes', Q18: 'cio at ria.ee' });
    expect(issues.map((i) => i.questionId)).toEqual(['Q5', 'Q18']);
    expect(issues[1].message).toBe(
      'Q18 (Email) is not one valid email address: it writes "at" instead of "@".',
    );
    expect(issues[1].evidence).toBe('cio at ria.ee');
    expect(issues[1].severity).toBe('error');
  });

  it('leaves blank and placeholder addresses to their own rules', () => {
    expect(found({ Q5: '' })).toEqual([]);
    expect(found({ Q5: 'N/A' })).toEqual([]);
  });
});
