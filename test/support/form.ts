/** A small questionnaire with XLSForm logic (option names, expressions), for unit tests of the rules it drives. */
import { parseDefinition, type Definition } from '../../src/core/definition';
import { defaultChecks, defaultPlaceholders } from '../../src/core/definition/defaults';

export function formDefinition(): Definition {
  const yesNo = { type: 'single', options: ['Yes', 'No'], optionNames: ['yes', 'no'] };
  return parseDefinition({
    id: 'form-logic',
    title: 'Form logic',
    source: { kind: 'xlsform', description: 'XLSForm form.xlsx: 8 questions in 1 section' },
    sections: [{ id: 'main', title: 'Main' }],
    questions: [
      { id: 'country', text: 'Country', type: 'text', required: true, format: 'country' },
      {
        id: 'email',
        text: 'Email',
        type: 'text',
        required: true,
        format: 'email',
        constraint: "regex(., '^[^@ ]+@[^@ ]+\\.[^@ ]+$')",
        constraintMessage: 'Please enter a valid email address.',
      },
      { id: 'has_law', text: 'Is there a law?', required: true, ...yesNo },
      {
        id: 'law_details',
        text: 'If yes, which law?',
        type: 'text',
        required: true,
        relevant: "${has_law} = 'yes'",
      },
      {
        id: 'modes',
        text: 'Modes',
        type: 'multiple',
        required: false,
        options: ['Paper', 'Mobile phone data'],
        optionNames: ['papi', 'mobile'],
        constraint: "count-selected(.) <= 1 or not(selected(., 'papi'))",
      },
      {
        id: 'mobile_details',
        text: 'Mobile data source',
        type: 'text',
        required: false,
        relevant: "selected(${modes}, 'mobile') and ${has_law} != ''",
      },
      { id: 'staff', text: 'Staff', type: 'integer', required: false, constraint: '. > 0 and . < 100000' },
      { id: 'remarks', text: 'Remarks', type: 'text', required: false, constraint: 'string-length(.) <= 20' },
    ].map((q, i) => ({ ...q, number: i + 1, section: 'main' })),
    checks: defaultChecks(),
    placeholders: [...defaultPlaceholders],
  });
}

/** Answers that meet every rule of the form. */
export const formAnswers: Record<string, string> = {
  country: 'Kenya',
  email: 'info@stat.go.ke',
  has_law: 'Yes',
  law_details: 'Statistics Act 2019',
  modes: 'Mobile phone data',
  mobile_details: 'Safaricom',
  staff: '420',
  remarks: 'None to add',
};
