import { definitionFromTemplate } from '../definition/template';
import type { Definition } from '../definition';
import { ReadError } from './errors';
import { isPrompt } from './vertical-layout';
import { readVerticalWorkbook } from './workbook';
import type { SheetCells } from './xlsx-sheets';

type Row = SheetCells['rows'][number];
const HEADER: Row = ['ID', 'Question', 'Answer', 'Comment'];

/** A small questionnaire of the kind: numbering restarts in Part 2, lists on a sheet of their own. */
function workbook(answers: Record<string, Row[number]> = {}, extra: Row[] = []): SheetCells[] {
  const a = (id: string, prompt: string) => answers[id] ?? prompt;
  const c = (id: string) => answers[`${id}-comment`] ?? null;
  const questionnaire: Row[] = [
    HEADER,
    [null, 'Survey of Things 2026 — country questionnaire'],
    [null, 'Part 1: About you'],
    HEADER,
    ['1', 'Name of your country', a('P1.1', ''), c('P1.1')],
    ['2', 'Does your office publish data?', a('P1.2', 'Select answer for 2'), c('P1.2')],
    ['3', 'If yes, where?', a('P1.3', ''), c('P1.3')],
    [null, 'Part 2: Methods'],
    [null, 'Answer every question of this part; where you select Other, say which in the Comment column.'],
    HEADER,
    ['1', 'Which status best describes the office?', a('P2.1', 'Please select'), c('P2.1')],
    ['2', 'Which modes were used? (select all that apply)'],
    [null, 'Mode', 'Used (Yes/No)'],
    [null, 'Web', a('web', 'Choose an item.')],
    [null, 'Paper', a('paper', 'Choose an item.')],
    [null, 'Other', a('other', 'Choose an item.'), answers['other-comment'] ?? null],
    ...extra,
  ];
  const lists: Row[] = [
    [null, 'Select answer for 2', 'Yes', 'No'],
    [null, 'Please select', 'Independent agency', 'Part of a ministry', 'Other'],
    [null, 'Choose an item.', 'Yes', 'No'],
  ];
  return [
    { name: 'Questionnaire', rows: questionnaire },
    { name: 'Lists', rows: lists },
  ];
}

const def = definitionFromTemplate(workbook(), '00_SOT2026_template.xlsx') as Definition;
const main = (d: Definition) => d.questions.filter((q) => !q.id.endsWith('-comment'));

describe('a template workbook as the definition', () => {
  it('qualifies row ids by their part where the numbering starts again', () => {
    expect(main(def).map((q) => q.id)).toEqual(['P1.1', 'P1.2', 'P1.3', 'P2.1', 'P2.2']);
    expect(def.title).toBe('Survey of Things 2026');
    expect(def.sections.map((s) => s.title)).toEqual(['Part 1: About you', 'Part 2: Methods']);
  });

  it('types questions by their answer cell: lists by prompt, a Yes/No table of options, text', () => {
    const [country, publish, where, status, modes] = main(def);
    expect(country).toMatchObject({ type: 'text', format: 'country', required: false });
    expect(publish).toMatchObject({ type: 'single', options: ['Yes', 'No'], required: true });
    expect(where).toMatchObject({ type: 'text', relevant: "${P1.2} = 'Yes'" });
    expect(status).toMatchObject({ type: 'single', otherOption: 'Other' });
    expect(modes).toMatchObject({
      type: 'multiple',
      options: ['Web', 'Paper', 'Other'],
      otherOption: 'Other',
    });
    expect(def.questions.find((q) => q.id === 'P2.1-comment')).toMatchObject({
      type: 'text',
      required: false,
    });
  });

  it('qualifies by lettered sections where each numbers from 1, never by a table row left blank', () => {
    const rows: Row[] = [
      [null, 'A. About you'],
      HEADER,
      ['1', 'Organisation', 'Statistics Office'],
      ['2', 'Which modes were used?'],
      [null, 'Mode', 'Used (Yes/No)'],
      [null, 'Web', 'Yes'],
      [null, 'Paper'],
      [null, 'Phone', 'No'],
      [null, 'B. Methods'],
      HEADER,
      ['1', 'Is there a law?', 'Select answer for 1'],
      ['2', 'If yes, which one?'],
    ];
    const d = definitionFromTemplate([{ name: 'Q', rows }], 'Filled.xlsx')!;
    expect(main(d).map((q) => `${q.id} ${q.type}`)).toEqual([
      'A.1 text',
      'A.2 multiple',
      'B.1 single',
      'B.2 text',
    ]);
    expect(main(d)[1].options).toEqual(['Web', 'Paper', 'Phone']);
  });

  it('is not read from a sheet without ID, Question and Answer columns', () => {
    expect(
      definitionFromTemplate(
        [
          {
            name: 'Sheet1',
            rows: [
              ['a', 'b'],
              ['1', '2'],
            ],
          },
        ],
        'x.xlsx',
      ),
    ).toBeUndefined();
  });

  it('takes drop-down options from the list validations a sheet reader gives', () => {
    const sheets = workbook();
    sheets.pop();
    const withLists = [
      {
        ...sheets[0],
        validations: [
          { ref: 'C6', list: ['Yes', 'No', 'Unsure'] },
          { ref: 'C11 C14:C16', list: ['A', 'B'] },
        ],
      },
    ];
    const d = definitionFromTemplate(withLists, 't.xlsx')!;
    expect(d.questions.find((q) => q.id === 'P1.2')?.options).toEqual(['Yes', 'No', 'Unsure']);
    expect(d.questions.find((q) => q.id === 'P2.1')?.options).toEqual(['A', 'B']);
  });
});

describe('reading a country workbook', () => {
  it('reads answers by row: options in their own case, prompts unanswered, Other with its comment', () => {
    const notes: string[] = [];
    const raw = readVerticalWorkbook(
      workbook({
        'P1.2': 'yes',
        'P1.3': 'https://stats.example.org',
        'P2.1': 'Other',
        'P2.1-comment': 'Semi-autonomous agency',
        web: 'Yes',
        paper: 'no',
        other: 'YES',
        'other-comment': 'Drones',
      }),
      'EL_SOT 2026.xlsx',
      def,
      notes,
    );
    expect(raw).toMatchObject({ responseId: 'EL_SOT 2026', format: 'workbook', countryFromFileName: 'EL' });
    expect(raw.answers['P1.1']).toEqual({ text: '' });
    expect(raw.answers['P1.2']).toEqual({ selected: ['Yes'] });
    expect(raw.answers['P2.1']).toEqual({ selected: ['Other'], other: 'Semi-autonomous agency' });
    expect(raw.answers['P2.1-comment']).toEqual({ text: 'Semi-autonomous agency' });
    expect(raw.answers['P2.2']).toEqual({ selected: ['Web', 'Other'], other: 'Drones' });
    expect(notes.join('; ')).toMatch(/1 answer written otherwise than the option .*"yes"/);
  });

  it('reads an "Other" typed over the list as Other with its text', () => {
    const read = (status: string, comment: string | null = null) =>
      readVerticalWorkbook(workbook({ 'P2.1': status, 'P2.1-comment': comment }), 'UK_SOT.xlsx', def).answers[
        'P2.1'
      ];
    expect(read('Other: Semi-autonomous agency')).toEqual({
      selected: ['Other'],
      other: 'Semi-autonomous agency',
    });
    expect(read('Other (a trust)')).toEqual({ selected: ['Other'], other: 'a trust' });
    expect(read('A trust of its own', 'since 2021')).toEqual({
      selected: ['Other'],
      other: 'A trust of its own',
    });
    expect(read('Other', 'since 2021')).toEqual({ selected: ['Other'], other: 'since 2021' });
  });

  it('keeps an answer that is no option as written where there is no "Other"', () => {
    const raw = readVerticalWorkbook(workbook({ 'P1.2': 'Partly' }), 'UK_SOT.xlsx', def);
    expect(raw.answers['P1.2']).toEqual({ selected: ['Partly'] });
  });

  it('leaves a drop-down at its prompt unanswered, and an unmarked table empty', () => {
    const raw = readVerticalWorkbook(workbook({ 'P1.3': 'Nowhere yet' }), 'QA_SOT.xlsx', def);
    expect(raw.answers['P1.2']).toEqual({ selected: [] });
    expect(raw.answers['P2.1']).toEqual({ selected: [] });
    expect(raw.answers['P2.2']).toEqual({ selected: [] });
  });

  it('finds an option row left blank, and names rows it cannot place instead of mixing them in', () => {
    const notes: string[] = [];
    const raw = readVerticalWorkbook(
      workbook({ web: null, paper: 'Yes', 'P1.2': 'No' }, [
        ['9', 'A question the definition does not have', 'Maybe'],
        [null, 'Scale', 'Low', 'High'],
      ]),
      'AR_SOT.xlsx',
      def,
      notes,
    );
    expect(raw.answers['P2.2']).toEqual({ selected: ['Paper'] });
    expect(Object.values(raw.answers).some((a) => JSON.stringify(a).includes('Maybe'))).toBe(false);
    expect(notes.join('; ')).toMatch(/1 row with an ID match no question .* \(9\)/);
    expect(notes.join('; ')).toMatch(/tables inside the sheet .* under 9/);
  });

  it('says the template is the blank questionnaire, not a response', () => {
    expect(() => readVerticalWorkbook(workbook(), '00_SOT2026_template.xlsx', def)).toThrow(
      new ReadError(
        'not-a-response',
        'The workbook is the blank questionnaire (the template) of "Survey of Things 2026": no question is answered.',
      ),
    );
  });
});

describe('a drop-down left at its prompt', () => {
  it.each([
    'Select answer for Q69b',
    'Select answer for 8',
    'Please select',
    'Choose an item.',
    'Select Answer',
    '-- Select --',
  ])('"%s" means no answer', (text) => expect(isPrompt(text)).toBe(true));
  it.each(['Selected datasets only', 'Select committee reports', 'Yes', 'Pick-up points'])(
    '"%s" is an answer',
    (text) => expect(isPrompt(text)).toBe(false),
  );
});
