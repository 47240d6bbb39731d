import { readFile } from '../read';
import { deriveDefinition } from './derive';

const encoder = new TextEncoder();

/** A Google Forms download: a Timestamp column, then one column per question. */
function formsCsv(rows: [string, string, string][]): { name: string; bytes: Uint8Array } {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = [
    ['Timestamp', 'Name of your country', 'Which of the following best describes your office?', 'Staff'],
    ...rows.map(([country, choice, staff], i) => [
      `2025/03/1${i % 10} 10:22:31 AM GMT+1`,
      country,
      choice,
      staff,
    ]),
  ];
  return {
    name: 'responses.csv',
    bytes: encoder.encode(lines.map((l) => l.map(quote).join(',')).join('\r\n')),
  };
}

async function choiceOf(rows: [string, string, string][]) {
  const def = await deriveDefinition([formsCsv(rows)]);
  return def!.questions.find((q) => q.text.startsWith('Which of the following'))!;
}

describe('a choice derived from an export that lists no options', () => {
  it('keeps an option chosen once as an option, and a value that reads as typed as an "Other" text', async () => {
    const q = await choiceOf([
      ['Kenya', 'Independent agency', '120'],
      ['Ghana', 'Independent agency', '80'],
      ['Chile', 'Under the Office of the President', '64'],
      ['Peru', 'Under the Office of the President', '310'],
      ['Fiji', 'Part of a ministry', '12'],
      ['Togo', 'Semi-autonomous agency (since 2021)', '40'],
      ['Mali', 'Part of the central bank', '33'],
      ['Chad', 'a unit of the planning commission', '9'],
    ]);
    expect(q.type).toBe('single');
    expect(q.options).toEqual([
      'Independent agency',
      'Under the Office of the President',
      'Part of a ministry',
      'Part of the central bank',
      'Other',
    ]);
    expect(q.otherOption).toBe('Other');
  });

  it('does not take a mark the options share for a typed text', async () => {
    const q = await choiceOf([
      ['Kenya', 'Since 2020', '120'],
      ['Ghana', 'Since 2020', '80'],
      ['Chile', 'Before 2010s', '64'],
      ['Peru', 'Before 2010s', '310'],
      ['Fiji', '2010 to 2019', '12'],
    ]);
    expect(q.options).toEqual(['Since 2020', 'Before 2010s', '2010 to 2019']);
    expect(q.otherOption).toBeUndefined();
  });
});

describe('a multiple choice derived from a Forms export', () => {
  /** A Forms export as CSV: ID, times, Email, Name, then the questions; choices end with ";". */
  function formsExport(values: string[]) {
    const lines = [
      'ID,Start time,Completion time,Email,Name,Country,Which modes did you use? (select all that apply)',
      ...values.map((v, i) => `${i + 1},3/4/25 10:00,3/4/25 10:40,anonymous,,Peru,"${v}"`),
    ];
    return { name: 'export.csv', bytes: encoder.encode(lines.join('\r\n')) };
  }

  it('keeps every recurring part and a part chosen once as options, and a typed part as "Other"', async () => {
    const file = formsExport([
      'Telephone interviews (CATI);Web questionnaires (CAWI);',
      'Telephone interviews (CATI);Administrative records;',
      'Web questionnaires (CAWI);Administrative records;Mobile phone data;',
      'Administrative records;drones and satellite imagery;',
      'Telephone interviews (CATI);Web questionnaires (CAWI);',
    ]);
    const def = await deriveDefinition([file]);
    const q = def!.questions.find((x) => x.text.startsWith('Which modes'))!;
    expect(q.type).toBe('multiple');
    expect(q.options).toEqual([
      'Telephone interviews (CATI)',
      'Web questionnaires (CAWI)',
      'Administrative records',
      'Mobile phone data',
      'Other',
    ]);
    expect(q.otherOption).toBe('Other');
    const read = await readFile(file, def!);
    if (!read.ok) throw new Error(read.message);
    expect(read.responses[3].answers[q.id]).toEqual({
      selected: ['Administrative records', 'Other'],
      other: 'drones and satellite imagery',
    });
  });
});
