/**
 * A small questionnaire that is not the MSQ, written by hand for tests of the wiring (which
 * definition, how it travels, how it is compared): no country question, a Yes/No question, single
 * and multiple choices with options other than Yes/No, question ids of its own.
 */
export const smallDefinition = {
  id: 'library-survey',
  title: 'Library Survey',
  sections: [
    { id: 'org', title: 'Organisation' },
    { id: 'services', title: 'Services' },
  ],
  questions: [
    { id: 'org_name', number: 1, section: 'org', text: 'Name of the library', required: true, type: 'text' },
    {
      id: 'funding',
      number: 2,
      section: 'org',
      text: 'How is the library mainly funded?',
      required: true,
      type: 'single',
      options: ['Public', 'Private', 'Mixed'],
    },
    {
      id: 'has_portal',
      number: 3,
      section: 'services',
      text: 'Does the library run an online catalogue?',
      required: true,
      type: 'single',
      options: ['Yes', 'No'],
    },
    {
      id: 'services',
      number: 4,
      section: 'services',
      text: 'Which services does the library offer?',
      required: false,
      type: 'multiple',
      options: ['Lending', 'Reading room', 'Workshops'],
    },
  ],
  checks: {
    'required-missing': { severity: 'error' },
    'country-unknown': { severity: 'error' },
    'duplicate-response': { severity: 'warning' },
  },
};

export interface SmallRow {
  id: string;
  name: string;
  org: string;
  funding: string;
  portal: string;
  services: string;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A Forms-style export (CSV) of responses to the small questionnaire. */
export function smallExportCsv(rows: SmallRow[]): string {
  const header = [
    'ID',
    'Start time',
    'Completion time',
    'Email',
    'Name',
    ...smallDefinition.questions.map((q) => q.text),
  ];
  const lines = rows.map((r, i) =>
    [
      r.id,
      `3/${10 + i}/25 10:00:00`,
      `3/${10 + i}/25 10:20:00`,
      'anonymous',
      r.name,
      r.org,
      r.funding,
      r.portal,
      r.services ? `${r.services};` : '',
    ]
      .map(quote)
      .join(','),
  );
  return [header.map(quote).join(','), ...lines].join('\r\n') + '\r\n';
}
