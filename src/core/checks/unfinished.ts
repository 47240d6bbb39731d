import type { Response } from '../model';
import type { Finding, Rule } from './rule';

/** A response the survey tool marks unfinished: the respondent left before submitting. */
function unfinished(r: Response): Finding[] {
  if (r.complete !== false) return [];
  return [
    {
      questionId: '',
      message:
        'The survey tool marks this response unfinished: the respondent left before submitting, so the ' +
        'questions after the last page they reached are blank. Ask for the rest, or keep it as partial.',
      evidence: '',
    },
  ];
}

export const unfinishedRules: Rule[] = [
  {
    code: 'response-unfinished',
    family: 'completion',
    title: 'Response not submitted',
    defaultSeverity: 'warning',
    description:
      'The export marks the response unfinished (LimeSurvey: no "Date submitted"; Qualtrics: "Finished" False). Its later questions are blank because they were never reached; required-missing still lists them.',
    runsUnlessDisabled: true,
    check: unfinished,
  },
];
