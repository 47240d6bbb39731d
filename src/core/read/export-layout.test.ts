import { parseDefinition, type Definition } from '../definition';
import { deriveDefinition } from '../definition/derive';
import { readExportRows, type ExportCell } from './export';
import { recogniseLayout } from './export-layout';

/** A small questionnaire as an XLSForm would give it: names as ids, option names beside labels. */
const def: Definition = parseDefinition({
  id: 'small',
  title: 'Small survey',
  sections: [{ id: 'sec_a', title: 'A. About you' }],
  questions: [
    {
      id: 'country',
      number: 1,
      section: 'sec_a',
      text: 'Country',
      required: true,
      type: 'text',
      format: 'country',
    },
    {
      id: 'has_law',
      number: 2,
      section: 'sec_a',
      text: 'Is there a statistics law?',
      required: true,
      type: 'single',
      options: ['Yes', 'No'],
      optionNames: ['yes', 'no'],
    },
    {
      id: 'modes',
      number: 3,
      section: 'sec_a',
      text: 'Which modes, if any?',
      required: false,
      type: 'multiple',
      options: ['Web, mobile or tablet', 'Paper', 'Telephone'],
      optionNames: ['web', 'paper', 'phone'],
      otherOption: 'Other',
    },
    { id: 'census', number: 4, section: 'sec_a', text: 'Census date', required: false, type: 'date' },
  ],
});

const csv = (text: string): ExportCell[][] => text.split('\n').map((line) => line.split('|'));

describe('export layouts', () => {
  it('finds a header below title rows (EUSurvey) and takes its metadata columns aside', () => {
    const rows = csv(
      [
        'Small survey',
        'Export date|2025-04-07',
        '',
        'Contribution ID|User name|Languages|Creation date|Last update date|Country|Is there a statistics law?|Which modes, if any?|Census date',
        'c-17|anonymous|EN|2025-03-01 10:00:00|2025-03-01 10:20:00|Estonia|Yes|Paper;Telephone;|14/03/2021',
      ].join('\n'),
    );
    const layout = recogniseLayout(rows)!;
    expect(layout).toMatchObject({ tool: 'eusurvey', headerAt: 3 });
    expect(layout.meta.map((m) => m.field)).toEqual(['id', 'name', 'other', 'start', 'completion']);
    const [r] = readExportRows(rows, def).responses;
    expect(r).toMatchObject({
      responseId: 'c-17',
      startTime: '2025-03-01T10:00:00',
      answers: {
        country: { text: 'Estonia' },
        has_law: { selected: ['Yes'] },
        modes: { selected: ['Paper', 'Telephone'] },
        census: { text: '2021-03-14' },
      },
    });
  });

  it('reads localised Forms metadata (German) and its day-first dates', () => {
    const rows = csv(
      [
        'ID|Startzeit|Fertigstellungszeit|E-Mail|Name|Country|Is there a statistics law?|Census date',
        '3|05.04.2025 10:00:00|05.04.2025 10:30:00|anonymous||Austria|No|04.03.2021',
      ].join('\n'),
    );
    expect(recogniseLayout(rows)).toMatchObject({ tool: 'forms', dayFirst: true });
    const [r] = readExportRows(rows, def).responses;
    expect(r).toMatchObject({
      responseId: '3',
      durationSeconds: 1800,
      answers: { census: { text: '2021-03-04' } },
    });
  });

  it('maps Kobo names (group paths, option names) to the questions and labels of an XLSForm definition', () => {
    const rows = csv(
      [
        'start|sec_a/country|sec_a/has_law|sec_a/modes|sec_a/modes_other|sec_a/census|_id|_uuid|_index',
        '2025-03-04T17:40:05.000+01:00|Kenya|yes|web phone other|Satellite imagery|2019-08-24|387|ab-cd|1',
      ].join('\n'),
    );
    const layout = recogniseLayout(rows)!;
    expect(layout).toMatchObject({ tool: 'kobo', namedValues: true });
    const [r] = readExportRows(rows, def).responses;
    expect(r.responseId).toBe('387');
    expect(r.answers).toEqual({
      country: { text: 'Kenya' },
      has_law: { selected: ['Yes'] },
      modes: { selected: ['Web, mobile or tablet', 'Telephone', 'Other'], other: 'Satellite imagery' },
      census: { text: '2019-08-24' },
    });
  });

  it('splits Google Forms checkboxes joined with ", " by the known options, commas inside labels kept', () => {
    const rows = csv(
      [
        'Timestamp|Email Address|Country|Is there a statistics law?|Which modes, if any?',
        '2025/03/14 10:22:31 AM GMT+1||Chile|Yes|Web, mobile or tablet, Telephone, Drones, kites, and balloons',
      ].join('\n'),
    );
    expect(recogniseLayout(rows)).toMatchObject({ tool: 'google-forms', separator: ', ' });
    const [r] = readExportRows(rows, def).responses;
    expect(r.responseId).toBe('row 2');
    expect(r.answers.modes).toEqual({
      selected: ['Web, mobile or tablet', 'Telephone', 'Other'],
      other: 'Drones, kites, and balloons',
    });
  });

  it('marks LimeSurvey responses without a submission date and Qualtrics ones not finished as incomplete, the others as complete', () => {
    const lime = csv(
      [
        'Response ID|Date submitted|Last page|Start language|Country|Is there a statistics law?|Which modes, if any? [Paper]|Which modes, if any? [Telephone]|Which modes, if any? [Other]',
        '4|2025-04-04 18:24:39|2|en|Peru|Yes|Yes|No|',
        '5||1|en|Chile|No|N/A|N/A|',
        '6|2025-04-05 09:00:00|2|en|Peru|No|No|Yes|Carrier pigeons',
      ].join('\n'),
    );
    const [a, b, c] = readExportRows(lime, def).responses;
    expect([a.complete, b.complete, c.complete]).toEqual([true, false, true]);
    expect([a.answers.modes, b.answers.modes, c.answers.modes]).toEqual([
      { selected: ['Paper'] },
      { selected: [] },
      { selected: ['Telephone', 'Other'], other: 'Carrier pigeons' },
    ]);

    const qualtrics = csv(
      [
        'StartDate|EndDate|Progress|Finished|ResponseId|Q1|Q2|Q3',
        'Start Date|End Date|Progress|Finished|Response ID|Country|Is there a statistics law?|Census date',
        '{"ImportId":"startDate"}|{"ImportId":"endDate"}|{"ImportId":"progress"}|{"ImportId":"finished"}|{"ImportId":"_recordId"}|{"ImportId":"QID1_TEXT"}|{"ImportId":"QID2"}|{"ImportId":"QID3_TEXT"}',
        '2025-03-03 10:06:04|2025-03-04 07:48:24|42|False|R_abc|Peru|Yes|2016/05/06',
      ].join('\n'),
    );
    const [q] = readExportRows(qualtrics, def).responses;
    expect(q).toMatchObject({
      responseId: 'R_abc',
      complete: false,
      answers: { census: { text: '2016-05-06' } },
    });
  });

  it('derives names, groups and option names when a batch holds both of Kobo’s exports', async () => {
    const labels =
      'start,Country,Is there a statistics law?,Which modes?,Which modes?/Paper questionnaires (PAPI),Which modes?/Administrative records,_id\n' +
      '2025-03-01,Kenya,Yes,Paper questionnaires (PAPI),1,0,1\n' +
      '2025-03-02,Peru,No,Paper questionnaires (PAPI) Administrative records,1,1,2\n' +
      '2025-03-03,Chile,Yes,Administrative records,0,1,3\n';
    const names =
      'start,sec_a/country,sec_a/has_law,sec_a/modes,_id\n2025-03-04,Ghana,no,papi admin,4\n2025-03-05,Nepal,yes,admin,5\n';
    const bytes = (s: string) => new TextEncoder().encode(s);
    const derived = (await deriveDefinition([
      { name: 'survey_-_labels.csv', bytes: bytes(labels) },
      { name: 'survey_-_xml.csv', bytes: bytes(names) },
    ]))!;
    expect(derived.questions.map((q) => [q.id, q.section, q.type])).toEqual([
      ['country', 'sec_a', 'text'],
      ['has_law', 'sec_a', 'single'],
      ['modes', 'sec_a', 'multiple'],
    ]);
    const modes = derived.questions[2];
    expect(modes.options).toEqual(['Paper questionnaires (PAPI)', 'Administrative records']);
    expect(modes.optionNames).toEqual(['papi', 'admin']);
    const [ghana] = readExportRows(csvRows(names), derived).responses;
    expect(ghana.answers.modes).toEqual({
      selected: ['Paper questionnaires (PAPI)', 'Administrative records'],
    });
    expect(ghana.answers.has_law).toEqual({ selected: ['No'] });
  });
});

function csvRows(text: string): ExportCell[][] {
  return text
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

describe('Forms metadata in a language the names table lacks', () => {
  it('is recognised by its shape: ID, two timestamp columns, an email column, a name', () => {
    const rows = csv(
      [
        'ID|Czas rozpoczęcia X|Czas zakończenia X|Poczta|Imię|Country|Is there a statistics law?|Census date',
        '1|3/4/25 10:25:22|3/4/25 10:45:22|anonymous||Poland|Yes|2021-03-31',
        '2|3/5/25 11:25:22|3/5/25 11:40:00|anonymous||Czechia|No|',
      ].join('\n'),
    );
    const layout = recogniseLayout(rows)!;
    expect(layout.tool).toBe('forms');
    expect(layout.meta.map((m) => m.field)).toEqual(['id', 'start', 'completion', 'email', 'name']);
    expect(layout.questions.map((q) => q.header)).toEqual([
      'Country',
      'Is there a statistics law?',
      'Census date',
    ]);
  });
});

describe('Kobo labels exported with their groups', () => {
  it('takes the group label apart from the question label', () => {
    const rows = csv(
      [
        'start|A. About you/Country|A. About you/Is there a statistics law?|A. About you/Which modes, if any?|A. About you/Which modes, if any?/Paper|A. About you/Which modes, if any?/Telephone|_id',
        '2025-03-01|Kenya|Yes|Paper|1|0|11',
      ].join('\n'),
    );
    const layout = recogniseLayout(rows)!;
    expect(layout.questions.map((q) => [q.group, q.header, q.columns.length])).toEqual([
      ['A. About you', 'Country', 1],
      ['A. About you', 'Is there a statistics law?', 1],
      ['A. About you', 'Which modes, if any?', 3],
    ]);
    const [r] = readExportRows(rows, def).responses;
    expect(r.answers.modes).toEqual({ selected: ['Paper'] });
  });
});

describe('CSV text with a line before its header', () => {
  it('reads Excel\'s "sep=;" line as no header, for deriving and for reading', async () => {
    const text =
      'sep=;\nResponse ID;Date submitted;Country;Is there a statistics law?;Census date\n' +
      '1;2025-04-04 18:24:39;Peru;Yes;2019-03-15 00:00:00\n2;2025-04-05 10:00:00;Chile;No;\n';
    const derived = (await deriveDefinition([
      { name: 'results.csv', bytes: new TextEncoder().encode(text) },
    ]))!;
    expect(derived.questions.map((q) => q.text)).toEqual([
      'Country',
      'Is there a statistics law?',
      'Census date',
    ]);
    const [first] = readExportRows(csvRowsOf(text), def).responses;
    expect(first).toMatchObject({ responseId: '1', answers: { census: { text: '2019-03-15' } } });
  });
});

function csvRowsOf(text: string): ExportCell[][] {
  return text
    .trim()
    .split('\n')
    .map((l) => l.split(';'));
}

describe('Google Forms options holding a comma, derived from the values', () => {
  it('joins the parts of a label back: a lower-case continuation, or parts that always come together', async () => {
    const rows = [
      'Timestamp,Country,Is there a statistics law?,Which modes?',
      '2025/03/14 10:22:31 AM GMT+1,Chile,Yes,"Web, mobile or tablet, Surveys, Censuses, Paper"',
      '2025/03/15 10:22:31 AM GMT+1,Peru,No,"Surveys, Censuses"',
      '2025/03/16 10:22:31 AM GMT+1,Kenya,Yes,"Paper, Web, mobile or tablet"',
      '2025/03/17 10:22:31 AM GMT+1,Ghana,No,"Paper, Surveys, Censuses"',
    ].join('\n');
    const derived = (await deriveDefinition([{ name: 'g.csv', bytes: new TextEncoder().encode(rows) }]))!;
    const modes = derived.questions.find((q) => q.text === 'Which modes?')!;
    expect(modes.type).toBe('multiple');
    expect([...modes.options!].sort()).toEqual(['Paper', 'Surveys, Censuses', 'Web, mobile or tablet']);
  });
});

describe('arrays and matrices', () => {
  it('reads each row of a LimeSurvey array or a SurveyMonkey matrix as a question of its own', () => {
    const lime = csv(
      [
        'Response ID|Date submitted|Country|How satisfied are you? [Timeliness]|How satisfied are you? [Accuracy]|Modes [Paper]|Modes [Web]',
        '1|2025-04-04 18:24:39|Peru|Very satisfied|Neutral|Yes|No',
      ].join('\n'),
    );
    expect(recogniseLayout(lime)!.questions.map((q) => q.header)).toEqual([
      'Country',
      'How satisfied are you? [Timeliness]',
      'How satisfied are you? [Accuracy]',
      'Modes',
    ]);
    const monkey = csv(
      [
        'Respondent ID|Collector ID|Country|How satisfied are you?||Modes|',
        '||Open-Ended Response|Timeliness|Accuracy|Paper|Web',
        '1145|4000|Peru|Very satisfied|Neutral|Paper|',
      ].join('\n'),
    );
    expect(recogniseLayout(monkey)!.questions.map((q) => q.header)).toEqual([
      'Country',
      'How satisfied are you? - Timeliness',
      'How satisfied are you? - Accuracy',
      'Modes',
    ]);
  });
});

describe('Kobo "XML values" export alone', () => {
  it('derives questions by name, text typed as text, option names as choices, the country by its values', async () => {
    const names =
      'start,sec_a/country,sec_a/resp_name,sec_a/has_law,sec_a/modes,sec_a/census,_id\n' +
      '2025-03-04,Ghana,Ama Mensah,no,papi admin,2021-06-27,4\n' +
      '2025-03-05,Nepal,Hari Shrestha,yes,admin,2021-11-25,5\n' +
      '2025-03-06,Peru,Ana Quispe,yes,cawi papi,2017-10-22,6\n';
    const derived = (await deriveDefinition([{ name: 'xml.csv', bytes: new TextEncoder().encode(names) }]))!;
    expect(derived.questions.map((q) => [q.id, q.text, q.type, q.format])).toEqual([
      ['country', 'country', 'text', 'country'],
      ['resp_name', 'resp_name', 'text', undefined],
      ['has_law', 'has_law', 'single', undefined],
      ['modes', 'modes', 'multiple', undefined],
      ['census', 'census', 'date', undefined],
    ]);
  });
});
