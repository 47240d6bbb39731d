import { alignAnswers } from '../align';
import type { RawResponse } from '../model';
import { formDefinition } from '../../../test/support/form';
import { answerValue, optionLabel, optionName, relevance, simpleCondition } from './conditions';

const def = formDefinition();
const q = (id: string) => def.questions.find((x) => x.id === id)!;
const raw = (answers: RawResponse['answers'], choicesRecorded = true): RawResponse => ({
  responseId: '1',
  format: choicesRecorded ? 'export' : 'forms-text',
  choicesRecorded,
  answers,
});

describe('conditions over a definition', () => {
  it('names the parent and option of a simple condition, and nothing for a compound one', () => {
    expect(simpleCondition(def, q('law_details'))).toEqual({
      question: 'has_law',
      equals: 'yes',
      label: 'Yes',
    });
    expect(simpleCondition(def, q('mobile_details'))).toBeUndefined();
    expect(simpleCondition(def, q('email'))).toBeUndefined();
  });

  it('maps option labels to their stored names and back', () => {
    expect(optionName(q('modes'), 'Mobile phone data')).toBe('mobile');
    expect(optionLabel(q('modes'), 'mobile')).toBe('Mobile phone data');
    expect(optionLabel(q('modes'), 'Paper')).toBe('Paper');
    expect(optionLabel(q('modes'), 'cati')).toBeUndefined();
    expect(
      answerValue(q('modes'), {
        questionId: 'modes',
        value: 'Paper',
        status: 'answered',
        choices: ['Paper'],
      }),
    ).toEqual({
      names: ['papi'],
      labels: ['Paper'],
    });
    expect(
      answerValue(q('has_law'), { questionId: 'has_law', value: '', status: 'not-recorded' }),
    ).toBeUndefined();
  });

  it('aligns by expression: a follow-up whose condition is unmet does not apply, one that cannot be known stays empty', () => {
    const no = alignAnswers(raw({ has_law: { selected: ['No'] }, modes: { selected: ['Paper'] } }), def);
    expect(no.law_details.status).toBe('not-applicable');
    expect(no.mobile_details.status).toBe('not-applicable');
    const yes = alignAnswers(
      raw({ has_law: { selected: ['Yes'] }, modes: { selected: ['Mobile phone data'] } }),
      def,
    );
    expect(yes.law_details.status).toBe('empty');
    expect(yes.mobile_details.status).toBe('empty');
    expect(relevance(def, q('law_details'), yes)).toBe(true);
    const unknown = alignAnswers(raw({}, false), def);
    expect(unknown.law_details.status).toBe('empty');
    expect(relevance(def, q('law_details'), unknown)).toBeUndefined();
  });

  it('infers the option a substantive follow-up names, by its label, where the choice is not recorded', () => {
    const answers = alignAnswers(raw({ law_details: { text: 'Statistics Act 2019' } }, false), def);
    expect(answers.has_law).toMatchObject({
      status: 'inferred',
      choices: ['Yes'],
      basis: 'law_details gives details',
    });
    // A compound condition suggests nothing.
    expect(alignAnswers(raw({ mobile_details: { text: 'Safaricom' } }, false), def).modes.status).toBe(
      'not-recorded',
    );
  });
});
