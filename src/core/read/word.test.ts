/* eslint-disable no-restricted-imports -- the tests read the shared corpus from disk */
import fs from 'fs';
import { CheckBox, Document, Packer, Paragraph, TextRun } from 'docx';
import fc from 'fast-check';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { loadQuestionnaire } from '../definition';
import type { RawResponse } from '../model';
import { corpusFile, utf8Text } from '../../../test/support/corpus';
import { answerMismatches, loadTruth, type TruthResponse } from '../../../test/support/truth';
import { docxToText } from './docx';
import { ReadError } from './errors';
import { looksLikeFormsText } from './forms-text';
import { looksLikeWordText, readWordText } from './word';

const truth = loadTruth();
const def = loadQuestionnaire('msq-2022');
const wordTruth = truth.filter((t) => t.format === 'word');
const savedText = wordTruth.filter((t) => t.file.endsWith('.txt'));
const docxFiles = wordTruth.filter((t) => t.file.endsWith('.docx'));

async function textOf(file: string): Promise<string> {
  const bytes = fs.readFileSync(corpusFile(file));
  return file.endsWith('.docx') ? docxToText(new Uint8Array(bytes)) : utf8Text(bytes);
}

/** Question ids whose answer differs from the truth. */
const mismatches = (r: RawResponse, t: TruthResponse): string[] =>
  answerMismatches(r, t, def, (q, got, want) => {
    const expected = Array.isArray(want.value) ? want.value : want.value === '' ? [] : [want.value];
    const sameChoice =
      JSON.stringify([...(got.selected ?? ['<none>'])].sort()) === JSON.stringify([...expected].sort());
    return sameChoice && (got.other ?? '') === (want.other ?? '');
  });

describe('readWordText on the corpus', () => {
  it('has saved-text and .docx questionnaires', () => {
    expect(savedText.length).toBeGreaterThanOrEqual(5);
    expect(docxFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(wordTruth.map((t) => [t.file, t] as const))('%s matches the truth', async (file, t) => {
    const text = await textOf(file);
    expect(looksLikeWordText(text, def)).toBe(true);
    expect(looksLikeFormsText(text, def)).toBe(false);
    const r = readWordText(text, def);
    expect(r).toMatchObject({ responseId: '', format: 'word', choicesRecorded: true });
    expect(Object.keys(r.answers).sort()).toEqual(Object.keys(t.answers).sort());
    expect(mismatches(r, t)).toEqual([]);
  });
});

describe('a .docx and its saved-text twin', () => {
  /** Writes a saved-text questionnaire as a .docx, one paragraph per line, as Word would hold it. */
  async function docxTwin(text: string): Promise<Uint8Array> {
    const lines = text.split(/\r?\n/);
    const doc = new Document({
      sections: [{ children: lines.map((line) => new Paragraph({ text: line })) }],
    });
    return new Uint8Array(await Packer.toBuffer(doc));
  }

  it.each(savedText.map((t) => [t.file] as const))('%s reads the same from a .docx', async (file) => {
    const text = await textOf(file);
    const fromDocx = await docxToText(await docxTwin(text));
    expect(readWordText(fromDocx, def)).toEqual(readWordText(text, def));
  });

  /** The same twin with every ☒ / ☐ made a Word check-box control, as a form filled in Word holds it. */
  async function docxTwinWithControls(text: string): Promise<Uint8Array> {
    const paragraph = (line: string) =>
      new Paragraph({
        children: line
          .split(/([\u2610\u2612])/)
          .filter((part) => part !== '')
          .map((part) =>
            part === '\u2612' || part === '\u2610'
              ? new CheckBox({ checked: part === '\u2612' })
              : new TextRun(part),
          ),
      });
    const doc = new Document({ sections: [{ children: text.split(/\r?\n/).map(paragraph) }] });
    return new Uint8Array(await Packer.toBuffer(doc));
  }

  it.each(savedText.map((t) => [t.file] as const))(
    '%s reads the same from check-box controls',
    async (file) => {
      const text = await textOf(file);
      const bytes = await docxTwinWithControls(text);
      const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
      expect(xml).toContain('<w14:checkbox>');
      expect(readWordText(await docxToText(bytes), def)).toEqual(readWordText(text, def));
    },
  );

  it('reads legacy check-box form fields', async () => {
    const text = await textOf(savedText[0].file);
    const bytes = await docxTwinWithControls(text);
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const field = (checked: boolean) =>
      '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>' +
      `<w:checkBox><w:sizeAuto/><w:default w:val="0"/>${checked ? '<w:checked/>' : ''}</w:checkBox></w:ffData>` +
      '</w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const legacy = xml.replace(/<w:sdt>(?:(?!<\/w:sdt>)[\s\S])*<\/w:sdt>/g, (control) =>
      field(/w14:checked w14:val="1"/.test(control)),
    );
    expect(legacy).not.toContain('<w:sdt>');
    zip.file('word/document.xml', legacy);
    const legacyBytes = await zip.generateAsync({ type: 'uint8array' });
    expect(readWordText(await docxToText(legacyBytes), def)).toEqual(readWordText(text, def));
  });

  it.each(docxFiles.map((t) => [t.file] as const))(
    '%s reads the same from raw extracted text',
    async (file) => {
      const bytes = fs.readFileSync(corpusFile(file));
      // The raw extraction ends every paragraph with a blank line.
      const raw = (await mammoth.extractRawText({ buffer: bytes })).value;
      expect(raw).toMatch(/\n\n\n\n/);
      const text = await textOf(file);
      expect(readWordText(raw, def)).toEqual(readWordText(text, def));
      expect(readWordText(raw.replace(/\n/g, '\r\n'), def)).toEqual(readWordText(text, def));
    },
  );
});

describe('docxToText', () => {
  const bytes = new Uint8Array(fs.readFileSync(corpusFile(docxFiles[0].file)));

  it('reads a view into a larger buffer from its own offset', async () => {
    const padded = new Uint8Array(bytes.length + 64);
    padded.set(bytes, 32);
    expect(await docxToText(padded.subarray(32, 32 + bytes.length))).toBe(await docxToText(bytes));
  });

  it('gives one paragraph per line', async () => {
    const lines = (await docxToText(bytes)).split('\n');
    expect(lines[0]).toBe(def.title);
    expect(lines.findIndex((l) => l.startsWith('2. Your name'))).toBe(
      lines.findIndex((l) => l.startsWith('1. ')) + 3,
    );
  });

  it('rejects a cut-off document as truncated', async () => {
    for (const fraction of [0.1, 0.5, 0.95]) {
      await expect(docxToText(bytes.subarray(0, Math.floor(bytes.length * fraction)))).rejects.toMatchObject({
        code: 'truncated',
      });
    }
    await expect(docxToText(new Uint8Array(0))).rejects.toBeInstanceOf(ReadError);
  });

  it('rejects bytes that are not a Word document as malformed', async () => {
    const zip = new JSZip();
    zip.file('notes.txt', 'not a document');
    const notDocx = await zip.generateAsync({ type: 'uint8array' });
    await expect(docxToText(notDocx)).rejects.toMatchObject({ code: 'malformed' });
    const text = new TextEncoder().encode('1. Country name *\nChile\n'.repeat(50));
    await expect(docxToText(text)).rejects.toMatchObject({ code: 'malformed' });
    const damaged = bytes.slice();
    damaged.fill(0x20, 200, 2000);
    await expect(docxToText(damaged)).rejects.toBeInstanceOf(ReadError);
  });
});

describe('readWordText layouts and edge cases', () => {
  const file = savedText.find((t) => t.file === 'MSQ2022_VCT.txt') ?? savedText[0];
  let text = '';
  let base: RawResponse;
  beforeAll(async () => {
    text = await textOf(file.file);
    base = readWordText(text, def);
  });

  /** Replaces the lines between question `n`'s header and the next blank line. */
  function withAnswer(source: string, n: number, answer: string[]): string {
    const lines = source.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`${n}. `));
    let end = at + 1;
    while (lines[end].trim() !== '') end++;
    lines.splice(at + 1, end - at - 1, ...answer);
    return lines.join('\n');
  }

  it('reads CRLF the same as LF', () => {
    expect(readWordText(text.replace(/\n/g, '\r\n'), def)).toEqual(base);
  });

  it('reads choices printed on one line and one per line alike', () => {
    const r = readWordText(withAnswer(text, 14, ['\u2612 Yes\u00a0\u00a0\u00a0\u2610 No']), def);
    expect(r.answers.Q14).toEqual({ selected: ['Yes'] });
    const r2 = readWordText(withAnswer(text, 14, ['\u2610 Yes', '\u2612 No']), def);
    expect(r2.answers.Q14).toEqual({ selected: ['No'] });
  });

  it('reads several checked boxes of a multiple choice and a typed "Other"', () => {
    const options = def.questions[5].options ?? [];
    const lines = [
      ...options.map((o, i) => `${i % 2 ? '\u2612' : '\u2610'} ${o}`),
      '\u2612 Other: Ministry of Finance',
    ];
    const r = readWordText(withAnswer(text, 6, lines), def);
    expect(r.answers.Q6).toEqual({
      selected: [options[1], options[3], 'Other'],
      other: 'Ministry of Finance',
    });
    const next = readWordText(withAnswer(text, 57, ['\u2610 Two-year   \u2612 Other:', '8 years']), def);
    expect(next.answers.Q57).toEqual({ selected: ['Other'], other: '8 years' });
  });

  it('records a choice with no box checked as blank', () => {
    const r = readWordText(withAnswer(text, 112, ['\u2610 Yes   \u2610 No']), def);
    expect(r.answers.Q112).toEqual({ selected: [] });
    expect(readWordText(withAnswer(text, 112, []), def).answers.Q112).toEqual({ selected: [] });
  });

  it('reads a choice printed without boxes only when it names one option', () => {
    expect(readWordText(withAnswer(text, 14, ['No']), def).answers.Q14).toEqual({ selected: ['No'] });
    const typed = readWordText(withAnswer(text, 57, ['Other (12 years)']), def).answers.Q57;
    expect(typed).toEqual({ selected: ['Other'], other: '12 years' });
    expect(readWordText(withAnswer(text, 14, ['Yes   No']), def).answers.Q14).toEqual({});
    expect(readWordText(withAnswer(text, 14, ['Yes', 'No']), def).answers.Q14).toEqual({});
    expect(readWordText(withAnswer(text, 14, ['Maybe']), def).answers.Q14).toEqual({});
  });

  it('leaves a question missing from the middle absent, its neighbours intact', () => {
    const lines = text.split('\n');
    const from = lines.findIndex((l) => l.startsWith('40. '));
    const to = lines.findIndex((l) => l.startsWith('41. '));
    const r = readWordText([...lines.slice(0, from), ...lines.slice(to)].join('\n'), def);
    expect(r.answers.Q40).toBeUndefined();
    expect(Object.keys(r.answers)).toHaveLength(111);
    expect(r.answers.Q39).toEqual(base.answers.Q39);
    expect(r.answers.Q41).toEqual(base.answers.Q41);
  });

  it('keeps an answer made only of numbered lines inside that answer', () => {
    const answer = ['1. Title', '2. Organization', '3. Email', '', '14. Does your country have a CIO?'];
    const r = readWordText(withAnswer(text, 13, answer), def);
    expect(r.answers.Q13).toEqual({ text: answer.join('\n') });
    expect(r.answers.Q14).toEqual(base.answers.Q14);
  });

  it('returns what a truncated questionnaire holds', () => {
    const r = readWordText(text.slice(0, text.indexOf('70. ')), def);
    expect(Object.keys(r.answers)).toEqual(def.questions.slice(0, 69).map((q) => q.id));
  });

  it('rejects a text that is not a response to the questionnaire', () => {
    const other = 'Annual report\n\n1. Introduction\n\u2612 Done\n\n2. Budget\nSome text\n';
    expect(() => readWordText(other, def)).toThrow(expect.objectContaining({ code: 'not-a-response' }));
    expect(looksLikeWordText(other, def)).toBe(false);
  });

  it('throws nothing but ReadError on arbitrary text', () => {
    const lines = text.split('\n');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...lines), fc.string()), { maxLength: 300 }),
        (picked) => {
          try {
            readWordText(picked.join('\n'), def);
          } catch (err) {
            if (!(err instanceof ReadError)) throw err;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
