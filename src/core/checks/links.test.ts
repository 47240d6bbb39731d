import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { linkProblem } from './links';
import { completeAnswers, handBuilt, withRules } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');

describe('linkProblem', () => {
  it.each([
    'https://www.gov.ee/en',
    'http://portal.gov.by/',
    'https://115.xn--90ais/portal/f?p=10901:1',
    'http://xn----7sbgfh2alwzdhpc0c.xn--90ais/RatingPortal',
    'https://data.gov.ee:8443/x',
    'www.gov.jp',
    'HTTP/1.1',
    'ftp://files.gov.ee',
    'and/or',
  ])('accepts %s', (link) => {
    expect(linkProblem(link)).toBeUndefined();
  });

  it.each([
    ['htp://portal.gov.ee', /misspells the scheme as "htp"/],
    ['hhtps://portal.gov.ee', /misspells the scheme/],
    ['https//portal.gov.ee', /lacks the ":"/],
    ['http;//portal.gov.ee', /has ";"/],
    ['http:/portal.gov.ee', /has "\/" after "http:"/],
    ['http:\\\\portal.gov.ee', /instead of "\/\/"/],
    ['https://portal..gov.ee', /two dots/],
    ['https://', /no address/],
    ['https://portal', /invalid site address/],
    ['www..gov.ee', /two dots/],
  ])('rejects %s', (link, why) => {
    expect(linkProblem(link)).toMatch(why);
  });
});

describe('invalid-url', () => {
  const links = withRules(def, 'invalid-url');
  const found = (answers: Record<string, string>) =>
    runChecks([handBuilt(def, { ...completeAnswers(def), ...answers })], links);

  it('finds broken links inside answers, once per question', () => {
    const issues = found({
      Q7: '1. <htp://www.eesti.ee> 2. <https//www.gov.ee/en> 3. <https://www.ria.ee>',
      Q9: 'Ministry of Economic Affairs (<https://mkm.ee>) and =HYPERLINK("http://evil.example/","click")',
      Q10: 'Open data: avaandmed.eesti.ee, see also https://avaandmed.eesti.ee.',
    });
    expect(issues.map((i) => i.questionId)).toEqual(['Q7']);
    expect(issues[0].message).toMatch(
      /"htp:\/\/www\.eesti\.ee" misspells the scheme as "htp" \(and 1 more\)/,
    );
    expect(issues[0].evidence).toBe('htp://www.eesti.ee https//www.gov.ee/en');
  });

  it('does not read an email address as a link', () => {
    expect(found({ Q5: 'someone@egov.gov.ee' })).toEqual([]);
  });
});
