import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusInputFiles, loadFile, SHARED } from './support/corpus';
import { smallDefinition, smallExportCsv } from './support/small-questionnaire';
import type { InputFile } from '../src/core/model';
import { chooseDefinition, DefinitionError, namedDefinition } from '../src/core/definition/choose';
import { loadQuestionnaire, parseDefinition } from '../src/core/definition';

const text = (name: string, s: string): InputFile => ({ name, bytes: new TextEncoder().encode(s) });
const rows = [
  { id: '1', name: 'Ana', org: 'City Library', funding: 'Public', portal: 'Yes', services: 'Lending' },
  { id: '2', name: 'Ben', org: 'Hill Library', funding: 'Mixed', portal: 'No', services: '' },
];

describe('chooseDefinition', () => {
  it('picks the built-in MSQ 2022 for the MSQ corpus with nothing named, from a sample of each layout', async () => {
    const files = corpusInputFiles();
    const choice = await chooseDefinition(files);
    expect(choice.ok).toBe(true);
    if (!choice.ok) return;
    expect(choice.definition.id).toBe('msq-2022');
    expect(choice.definition.source?.kind).toBe('built-in');
    const [, matched, sampled] = /matched by (\d+) of (\d+) files sampled/.exec(
      choice.definition.source!.description,
    )!;
    // Three of each extension at most (txt, md, docx, csv, xlsx), every one an MSQ response.
    expect(Number(sampled)).toBeLessThanOrEqual(3 * 5);
    expect(Number(sampled)).toBeLessThan(files.length);
    expect(Number(matched)).toBe(Number(sampled));
    expect(choice.definitionFiles.size).toBe(0);
  });

  it('matches a built-in definition by the layouts that read, whatever else lies beside the replies', async () => {
    const junk = ['a', 'b', 'c', 'd'].flatMap((n) => [
      text(`${n}.pdf`, '%PDF-1.4'),
      text(`${n}.log`, 'log line'),
    ]);
    const reply = loadFile(join(SHARED, 'corpus/msq-2022/files/031_cog.txt'));
    const choice = await chooseDefinition([...junk, reply]);
    expect(choice.ok && choice.definition.source?.description).toMatch(/matched by 1 of 7 files sampled$/);
  });

  it('does not take a built-in questionnaire whose ids alone match short column names (Qualtrics Q1, Q2…)', async () => {
    const folder = join(SHARED, 'corpus/foreign-sample/files/qualtrics-csv');
    const files = readdirSync(folder).map((f) => loadFile(join(folder, f)));
    const msq = loadQuestionnaire('msq-2022');
    const choice = await chooseDefinition(files);
    expect(choice.ok).toBe(true);
    if (!choice.ok) return;
    expect(choice.definition.source?.kind).toBe('derived');
    expect(choice.definition.id).not.toBe(msq.id);
    // The export's own short names are its questions' ids, which the MSQ uses too: the texts differ.
    expect(choice.definition.questions.some((q) => msq.questions.some((m) => m.id === q.id))).toBe(true);
  });

  it('uses a definition file found among the files, and marks it as no response', async () => {
    const files = [
      text('library.json', JSON.stringify(smallDefinition)),
      text('export.csv', smallExportCsv(rows)),
    ];
    const choice = await chooseDefinition(files);
    expect(choice.ok && choice.definition.id).toBe('library-survey');
    if (!choice.ok) return;
    expect(choice.definition.source).toEqual({
      kind: 'file',
      description: 'definition file library.json, found among the files: 4 questions in 2 sections',
    });
    expect(choice.definitionFiles.get('library.json')).toMatch(
      /^The questionnaire's definition, not a response .*; used as the definition of this batch\.$/,
    );
    expect(choice.definitionFiles.has('export.csv')).toBe(false);
  });

  it('prefers what the analyst names, and says the definition file of the batch was not used', async () => {
    const files = [
      text('library.json', JSON.stringify(smallDefinition)),
      loadFile(join(SHARED, 'seed/000_a61f6b65a0a42cc9.txt')),
    ];
    const choice = await chooseDefinition(files, { named: 'msq-2022' });
    expect(choice.ok && choice.definition.id).toBe('msq-2022');
    expect(choice.definitionFiles.get('library.json')).toMatch(/not used/);
  });

  it('says a definition file of the batch the analyst also named is the one used', async () => {
    const json = text('library.json', JSON.stringify(smallDefinition));
    const choice = await chooseDefinition([json, text('export.csv', smallExportCsv(rows))], { named: json });
    expect(choice.ok && choice.definition.id).toBe('library-survey');
    expect(choice.definitionFiles.get('library.json')).toMatch(/used as the definition of this batch/);
  });

  it('takes the definition stored in the workbook over matching', async () => {
    const stored = parseDefinition(smallDefinition);
    const choice = await chooseDefinition([text('export.csv', smallExportCsv(rows))], { stored });
    expect(choice.ok && choice.definition.id).toBe('library-survey');
    expect(choice.ok && choice.definition.source?.description).toMatch(/^kept in the workbook/);
  });

  it('says how to go on when nothing fits', async () => {
    const dir = join(SHARED, 'corpus/foreign-sample/files/google-forms-csv');
    const files = readdirSync(dir).map((n) => loadFile(join(dir, n)));
    const choice = await chooseDefinition(files, { sources: { workbooks: [], batches: [] } });
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.message).toMatch(/--questionnaire/);
    expect(choice.message).toMatch(/survey-atlas define/);
  });

  it('reads a named definition by content, whatever its name', async () => {
    const named = await namedDefinition(text('library.txt', JSON.stringify(smallDefinition)));
    expect(named.id).toBe('library-survey');
    expect(named.source?.kind).toBe('file');
    await expect(namedDefinition('nope')).rejects.toThrow(DefinitionError);
    await expect(namedDefinition(text('x.json', '{"questions": [], "sections": []}'))).rejects.toThrow(
      /x\.json is not a valid questionnaire definition/,
    );
    await expect(namedDefinition(text('notes.txt', 'just notes'))).rejects.toThrow(
      /^notes\.txt is not a questionnaire definition \(expected a definition \.json(,| or)/,
    );
    const sources = {
      workbooks: [
        { kind: 'xlsform' as const, label: 'XLSForm', mayBeResponse: false, read: () => undefined },
        { kind: 'template' as const, label: 'template workbook', mayBeResponse: true, read: () => undefined },
      ],
      batches: [],
    };
    await expect(namedDefinition(text('notes.txt', 'just notes'), sources)).rejects.toThrow(
      '(expected a definition .json, XLSForm or template workbook)',
    );
    expect((await namedDefinition('msq-2022')).questions).toEqual(loadQuestionnaire('msq-2022').questions);
  });

  it('tells a blank template from a filled copy of it through the source registry', async () => {
    // A workbook source standing in for a template reader: it finds the MSQ in every workbook.
    const msq = loadQuestionnaire('msq-2022');
    const source = {
      kind: 'template' as const,
      label: 'template workbook',
      mayBeResponse: true,
      read: () => msq,
    };
    const filled = loadFile(join(SHARED, 'corpus/msq-2022/files/forms-export.xlsx'));
    // Read against the MSQ, this workbook yields no answer at all: a blank form.
    const blank = loadFile(join(SHARED, 'real/odm-2023/00_ODM2023_questionnaire_template.xlsx'));
    const choice = await chooseDefinition([filled, blank], { sources: { workbooks: [source], batches: [] } });
    expect([...choice.definitionFiles.keys()]).toEqual([blank.name]);
    expect(choice.ok && choice.definition.source).toEqual({
      kind: 'template',
      description: `template workbook ${blank.name}, found among the files: 112 questions in 8 sections`,
    });
  });
});
