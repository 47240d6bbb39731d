import { loadFile, readText, SHARED } from '../../../test/support/corpus';
import { readWorkbookSheets, type SheetCells } from '../read/xlsx-sheets';
import { definitionFromXlsForm } from './xlsform';

const SAMPLE = `${SHARED}/corpus/foreign-sample`;

interface TruthQuestion {
  name: string;
  section: string;
  text: string;
  type: string;
  required: boolean;
  format: string;
  options: string[];
  option_names: string[];
  other: boolean;
  xlsform_relevant: string;
  xlsform_constraint: string;
}

const truth = JSON.parse(readText(`${SAMPLE}/truth/truth.json`)) as {
  questionnaire: {
    title: string;
    sections: { id: string; title: string; xlsform_group: string }[];
    questions: TruthQuestion[];
  };
};

const sheetsOf = async (path: string) => readWorkbookSheets(loadFile(`${SAMPLE}/${path}`).bytes);

describe('a questionnaire from an XLSForm', () => {
  let sheets: SheetCells[];
  beforeAll(async () => {
    sheets = await sheetsOf('files/kobo-xlsform/form.xlsx');
  });

  it("reads the sample form's questions, in order, by their XLSForm names", () => {
    const def = definitionFromXlsForm(sheets, 'form.xlsx')!;
    const expected = truth.questionnaire.questions;
    expect(def.title).toBe(truth.questionnaire.title);
    expect(def.id).toBe('nscs-2025');
    expect(def.questions.map((q) => q.id)).toEqual(expected.map((q) => q.name));
    expect(def.questions.map((q) => q.number)).toEqual(expected.map((_, i) => i + 1));
    expect(def.source).toEqual({
      kind: 'xlsform',
      description: expect.stringMatching(/^XLSForm form.xlsx\b/),
    });
    expect(def.source!.description).toBe('XLSForm form.xlsx: 26 questions in 4 sections');
  });

  it('keeps text, type, options and their names, required, relevant and constraint as the form states them', () => {
    const def = definitionFromXlsForm(sheets, 'form.xlsx')!;
    for (const t of truth.questionnaire.questions) {
      const q = def.questions.find((d) => d.id === t.name)!;
      expect({ id: q.id, text: q.text, type: q.type, required: q.required }).toEqual({
        id: t.name,
        text: t.text,
        type: t.type,
        required: t.required,
      });
      expect(q.options ?? []).toEqual(t.options);
      expect(q.optionNames ?? []).toEqual(t.option_names);
      expect(q.otherOption !== undefined).toBe(t.other);
      expect(q.relevant ?? '').toBe(t.xlsform_relevant);
      expect(q.constraint ?? '').toBe(t.xlsform_constraint);
    }
    expect(def.questions.find((q) => q.id === 'nso_status')!.otherOption).toBe('Other');
    expect(def.questions.find((q) => q.id === 'staff_fte')!.constraintMessage).toBe(
      'The number of staff must be positive.',
    );
  });

  it('makes each top-level group a section', () => {
    const def = definitionFromXlsForm(sheets, 'form.xlsx')!;
    const sections = truth.questionnaire.sections;
    expect(def.sections).toEqual(sections.map((s) => ({ id: s.xlsform_group, title: s.title })));
    const groupOf = new Map(sections.map((s) => [s.id, s.xlsform_group]));
    for (const t of truth.questionnaire.questions)
      expect(def.questions.find((q) => q.id === t.name)!.section).toBe(groupOf.get(t.section));
  });

  it('recognises the country question and the email question', () => {
    const def = definitionFromXlsForm(sheets, 'form.xlsx')!;
    const formatOf = (format: string) => def.questions.filter((q) => q.format === format).map((q) => q.id);
    const truthOf = (format: string) =>
      truth.questionnaire.questions.filter((q) => q.format === format).map((q) => q.name);
    expect(formatOf('country')).toEqual(truthOf('country'));
    expect(formatOf('email')).toEqual(truthOf('email'));
    expect(formatOf('url')).toEqual(truthOf('url'));
  });

  it('is undefined for workbooks that are not XLSForms: exports of responses, country workbooks', async () => {
    for (const path of [
      'files/kobo-xlsform/NSCS_2025_-_latest_version_-_False_-_2025-04-07-16-02-11.xlsx',
      'files/per-country-workbooks/00_NSCS2025_template.xlsx',
      'files/forms-xlsx-en/National Statistical Capacity Survey 2025(1-14).xlsx',
    ])
      expect(definitionFromXlsForm(await sheetsOf(path), path)).toBeUndefined();
  });
});

/** A workbook as its sheets' rows. */
function form(
  survey: unknown[][],
  choices: unknown[][] = [['list_name', 'name', 'label']],
  settings?: unknown[][],
) {
  const sheets = [
    { name: 'survey', rows: survey },
    { name: 'choices', rows: choices },
  ] as SheetCells[];
  if (settings) sheets.push({ name: 'settings', rows: settings } as SheetCells);
  return sheets;
}

describe('XLSForm features beyond the sample', () => {
  it('takes the default language from the settings and keeps the other languages as aliases', () => {
    const def = definitionFromXlsForm(
      form(
        [
          ['type', 'name', 'label::English (en)', 'label::Français (fr)', 'required'],
          ['text', 'pays', 'Country', 'Pays', 'TRUE()'],
          ['select_one yn', 'ok', 'All fine?', 'Tout va bien ?', 'false'],
        ],
        [
          ['list_name', 'name', 'label::English (en)', 'label::Français (fr)'],
          ['yn', '1', 'Yes', 'Oui'],
          ['yn', '0', 'No', 'Non'],
        ],
        [
          ['form_title', 'form_id', 'default_language'],
          ['Enquête', 'enq_2026', 'Français (fr)'],
        ],
      ),
      'enquete.xlsx',
    )!;
    expect(def.questions.map((q) => [q.text, q.aliases, q.required])).toEqual([
      ['Pays', ['Country'], true],
      ['Tout va bien ?', ['All fine?'], false],
    ]);
    expect(def.questions[1]).toMatchObject({ options: ['Oui', 'Non'], optionNames: ['1', '0'] });
    expect(def.questions[0].format).toBe('country');
    expect(def).toMatchObject({ id: 'enq-2026', title: 'Enquête' });
  });

  it('skips notes, calculations and metadata, reads "begin group" spellings and nests groups in their outermost one', () => {
    const def = definitionFromXlsForm(
      form([
        ['type', 'name', 'label', 'relevant'],
        ['start', 'start'],
        ['deviceid', 'deviceid'],
        ['note', 'intro', 'Thank you for taking part'],
        ['integer', 'age', 'Age'],
        ['begin group', 'outer', 'Household', '${age} >= 18'],
        ['begin_group', 'inner', 'Members', ''],
        ['decimal', 'income', 'Income', '${age} < 99'],
        ['end_group'],
        ['calculate', 'double', ''],
        ['date', 'moved', 'Moved in'],
        ['end group'],
      ]),
      'household.xlsx',
    )!;
    expect(def.questions.map((q) => [q.id, q.type, q.section, q.relevant])).toEqual([
      ['age', 'integer', 'general', undefined],
      ['income', 'decimal', 'outer', '(${age} >= 18) and (${age} < 99)'],
      ['moved', 'date', 'outer', '${age} >= 18'],
    ]);
    expect(def.sections.map((s) => s.title)).toEqual(['General', 'Household']);
    expect(def.interstitials).toEqual(
      expect.arrayContaining(['Thank you for taking part', 'Household', 'Members']),
    );
  });

  it("reads KoboToolbox's own download: $autoname, labels in one language only, its containers", () => {
    const def = definitionFromXlsForm(
      form(
        [
          ['type', 'name', '$autoname', 'label::English (en)', 'required', '$kuid'],
          ['begin_score ab12', 'scores', 'scores', 'Scores', 'false', 'k1'],
          ['score__row', '', 'speed', 'Speed', 'false', 'k2'],
          ['end_score', '', '', '', '', 'k3'],
          ['select_one xy78', '', 'Q1_Country', 'Country', 'true', 'k4'],
        ],
        [
          ['list_name', 'name', 'label::English (en)'],
          ['xy78', 'KEN', 'Kenya'],
          ['xy78', 'GHA', 'Ghana'],
        ],
      ),
      'kobo.xlsx',
    )!;
    expect(def.questions.map((q) => [q.id, q.type, q.required, q.section, q.format])).toEqual([
      ['speed', 'text', false, 'scores', undefined],
      ['Q1_Country', 'single', true, 'general', 'country'],
    ]);
    expect(def.questions[1]).toMatchObject({ options: ['Kenya', 'Ghana'], optionNames: ['KEN', 'GHA'] });
  });

  it("leaves out repeat groups' questions and conditions it cannot hold, and says so", () => {
    const def = definitionFromXlsForm(
      form([
        ['type', 'name', 'label', 'relevant', 'constraint'],
        ['integer', 'size', 'Household size', '', '. > 0 and . <= ${limit}'],
        ['calculate', 'limit', ''],
        ['begin_repeat', 'member', 'Member'],
        ['text', 'member_name', 'Name'],
        ['end_repeat'],
        ['text', 'remark', 'Remark', "jr:choice-name(${size}, '${size}') != ''"],
      ]),
      'roster.xlsx',
    )!;
    expect(def.questions.map((q) => q.id)).toEqual(['size', 'remark']);
    expect(def.questions.map((q) => [q.relevant, q.constraint])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(def.source!.description).toMatch(/2 questions in 1 section; left out: /);
    expect(def.source!.description).toMatch(/repeat group member/);
    expect(def.source!.description).toMatch(/the constraint of size, which reads limit/);
    expect(def.source!.description).toMatch(/the relevant of remark \(unknown function jr:choice-name\(\)/);
  });

  it('turns or_other into the question\'s "Other" option and finds a country list', () => {
    const countries = ['Kenya', 'Ghana', 'Peru', 'Chile', 'Nepal', 'Viet Nam'];
    const def = definitionFromXlsForm(
      form(
        [
          ['type', 'name', 'label', 'relevant'],
          ['select_multiple topics or_other', 'topics', 'Topics'],
          ['select_one where', 'where', 'Where do you work'],
          ['select_one source', 'source', 'Source'],
          ['text', 'source_txt', 'Which one?', "${source} = 'oth'"],
          ['text', 'after', 'After', "${source} = 'survey'"],
        ],
        [
          ['list_name', 'name', 'label'],
          ['topics', 'health', 'Health'],
          ['topics', 'labour', 'Labour'],
          ...countries.map((c) => ['where', c.toLowerCase().replace(' ', '_'), c]),
          ['source', 'survey', 'Survey'],
          ['source', 'oth', 'Autre (préciser)'],
        ],
      ),
      'topics.xlsx',
    )!;
    expect(def.questions[0]).toMatchObject({
      type: 'multiple',
      options: ['Health', 'Labour'],
      optionNames: ['health', 'labour'],
      otherOption: 'Other',
    });
    expect(def.questions[1].format).toBe('country');
    // A text asked only for an option labelled "Other" in any language is that option's typed text.
    expect(def.questions.map((q) => q.id)).toEqual(['topics', 'where', 'source', 'after']);
    expect(def.questions[2]).toMatchObject({
      options: ['Survey'],
      optionNames: ['survey'],
      otherOption: 'Autre (préciser)',
    });
  });

  it('says which choice list is missing', () => {
    expect(() =>
      definitionFromXlsForm(
        form([
          ['type', 'name', 'label'],
          ['select_one nowhere', 'q', 'Q'],
        ]),
        'broken.xlsx',
      ),
    ).toThrow(
      'XLSForm broken.xlsx: question q uses choice list "nowhere", which the choices sheet does not have.',
    );
  });

  it('is undefined without a survey sheet holding type and name columns', () => {
    expect(
      definitionFromXlsForm(
        [
          {
            name: 'Sheet1',
            rows: [
              ['type', 'name'],
              ['text', 'a'],
            ],
          },
        ],
        'x.xlsx',
      ),
    ).toBe(undefined);
    expect(
      definitionFromXlsForm(
        [
          {
            name: 'survey',
            rows: [
              ['kind', 'label'],
              ['text', 'a'],
            ],
          },
        ],
        'x.xlsx',
      ),
    ).toBe(undefined);
  });
});
