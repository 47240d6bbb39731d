/* eslint-disable no-restricted-imports -- the tests read the shared corpus from disk */
import fs from 'fs';
import path from 'path';
import JSZip from 'jszip';
import { loadQuestionnaire } from '../definition';
import type { InputFile } from '../model';
import { MAX_FILE_BYTES, readFile, type ReadOutcome } from '.';

const shared = path.resolve(__dirname, '../../../../shared');
const dir = path.join(shared, 'corpus/msq-2022/files');
const seedPath = path.join(shared, 'seed/000_a61f6b65a0a42cc9.txt');
const def = loadQuestionnaire('msq-2022');

interface Truth {
  response_id: string;
  file: string;
  format: 'forms-text' | 'word' | 'export';
}
const truth: Truth[] = JSON.parse(
  fs.readFileSync(path.join(shared, 'corpus/msq-2022/truth/responses.json'), 'utf8'),
).responses;

const load = (file: string, name = path.basename(file)): InputFile => ({
  name,
  bytes: new Uint8Array(fs.readFileSync(file)),
});
const corpusNames = fs.readdirSync(dir).sort();

function expectOk(outcome: ReadOutcome): Extract<ReadOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`${outcome.sourceFile}: ${outcome.code} ${outcome.message}`);
  return outcome;
}

/** A message an analyst can read: a sentence, no code-level leftovers. */
function expectReadable(message: string): void {
  expect(message).toMatch(/^[A-Z].{10,}[.)]$/s);
  expect(message).not.toMatch(/undefined|\[object|NaN/);
}

async function expectRejected(file: InputFile, code: string): Promise<string> {
  const outcome = await readFile(file, def);
  expect(outcome).toMatchObject({ ok: false, sourceFile: file.name, code });
  const { message } = outcome as Extract<ReadOutcome, { ok: false }>;
  expectReadable(message);
  return message;
}

describe('readFile over the corpus', () => {
  it('reads every corpus file in the layout the truth gives it', async () => {
    const formatOf = new Map(truth.map((t) => [t.file, t.format]));
    formatOf.set('forms-export.csv', 'export');
    expect(corpusNames.length).toBeGreaterThanOrEqual(45);
    for (const name of corpusNames) {
      const outcome = expectOk(await readFile(load(path.join(dir, name)), def));
      expect([name, outcome.format]).toEqual([name, formatOf.get(name)]);
      expect(outcome.sourceFile).toBe(name);
      const rows = truth.filter((t) => t.file === (name === 'forms-export.csv' ? 'forms-export.xlsx' : name));
      expect(outcome.responses).toHaveLength(rows.length);
      if (outcome.format !== 'word')
        expect(outcome.responses.map((r) => r.responseId)).toEqual(rows.map((t) => t.response_id));
      for (const r of outcome.responses) expect(Object.keys(r.answers).length).toBe(def.questions.length);
    }
  });

  it('reads the seed page as a Forms page', async () => {
    const outcome = expectOk(await readFile(load(seedPath), def));
    expect(outcome.format).toBe('forms-text');
    expect(outcome.responses).toHaveLength(1);
  });

  it('reads a .docx renamed .txt as the Word document it is', async () => {
    const docx = load(path.join(dir, 'MSQ2022_EST.docx'));
    const asDocx = expectOk(await readFile(docx, def));
    const asTxt = expectOk(await readFile({ ...docx, name: 'MSQ2022_EST.txt' }, def));
    expect(asTxt.format).toBe('word');
    expect(asTxt.responses).toEqual(asDocx.responses);
  });

  it('reads text files whatever their encoding and line ends', async () => {
    const encodeUtf16le = (s: string) => {
      const bytes = new Uint8Array(2 + s.length * 2);
      bytes.set([0xff, 0xfe]);
      for (let i = 0; i < s.length; i++) {
        bytes[2 + 2 * i] = s.charCodeAt(i) & 0xff;
        bytes[3 + 2 * i] = s.charCodeAt(i) >> 8;
      }
      return bytes;
    };
    // Latin-1 characters are their own byte in windows-1252.
    const latin1 = (s: string) =>
      [...s].every((c) => c.charCodeAt(0) < 0x100) ? Uint8Array.from(s, (c) => c.charCodeAt(0)) : undefined;
    let codePageFiles = 0;
    for (const name of corpusNames.filter((n) => /\.(txt|md|csv)$/.test(n))) {
      const file = load(path.join(dir, name));
      const original = expectOk(await readFile(file, def));
      const text = new TextDecoder().decode(file.bytes).replace(/^\ufeff/, '');
      const variants: [string, Uint8Array][] = [['utf-16le', encodeUtf16le(text.replace(/\r?\n/g, '\r\n'))]];
      const single = latin1(text);
      if (single && /[^\p{ASCII}]/u.test(text)) variants.push(['windows-1252', single]);
      for (const [encoding, bytes] of variants) {
        const again = expectOk(await readFile({ name, bytes }, def));
        expect([name, again.encoding]).toEqual([name, encoding]);
        expect(again.responses).toEqual(original.responses);
      }
      if (variants.length > 1) codePageFiles++;
    }
    expect(codePageFiles).toBeGreaterThan(3);
  });
});

describe('readFile on files it cannot read', () => {
  const docx = load(path.join(dir, 'MSQ2022_EST.docx'));
  const xlsx = load(path.join(dir, 'forms-export.xlsx'));
  const half = (f: InputFile) => ({ ...f, bytes: f.bytes.slice(0, f.bytes.length >> 1) });

  it('says an empty or blank file is empty', async () => {
    await expectRejected({ name: 'empty.txt', bytes: new Uint8Array() }, 'empty');
    await expectRejected({ name: 'blank.txt', bytes: new TextEncoder().encode(' \r\n\t\n') }, 'empty');
  });

  it('says random bytes are binary', async () => {
    let seed = 42;
    const bytes = Uint8Array.from(
      { length: 10000 },
      () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff,
    );
    await expectRejected({ name: 'data.txt', bytes }, 'binary');
  });

  it('says a Word document or workbook cut in half is truncated', async () => {
    await expectRejected(half(docx), 'truncated');
    await expectRejected(half(xlsx), 'truncated');
  });

  it('says a text file named .xlsx is not a workbook', async () => {
    const text = fs.readFileSync(path.join(dir, 'MSQ2022_CHL.txt'));
    const message = await expectRejected({ name: 'answers.xlsx', bytes: new Uint8Array(text) }, 'malformed');
    expect(message).toMatch(/\.xlsx.*not an Excel workbook/);
  });

  it('says a text that answers no questionnaire is not a response', async () => {
    const text =
      'Dear colleagues,\n\nPlease find attached our reply to the questionnaire.\n\nBest regards,\nThe Ministry\n';
    await expectRejected(
      { name: 'cover-letter.txt', bytes: new TextEncoder().encode(text) },
      'not-a-response',
    );
  });

  it('says a CSV export of another form is not a response', async () => {
    const csv =
      'ID,Start time,Completion time,Email,Name,How did you hear about us?\n1,3/4/21 10:00,3/4/21 10:05,x,y,Radio\n';
    const message = await expectRejected(
      { name: 'other.csv', bytes: new TextEncoder().encode(csv) },
      'not-a-response',
    );
    expect(message).toMatch(/match only 0 of the 112 questions/);
  });

  it('says a 20 MB text is too large', async () => {
    const bytes = new Uint8Array(20 * 1000 * 1000).fill(0x61);
    expect(bytes.length).toBeGreaterThan(MAX_FILE_BYTES);
    await expectRejected({ name: 'huge.txt', bytes }, 'too-large');
  });

  it('says a ZIP that is neither Word nor Excel, or an old binary Office file, is unsupported', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    await expectRejected(
      { name: 'bundle.zip', bytes: await zip.generateAsync({ type: 'uint8array' }) },
      'unsupported',
    );
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    await expectRejected({ name: 'reply.doc', bytes: ole }, 'unsupported');
  });

  it('tells how to convert an old binary .xls export (EUSurvey) before importing it', async () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    const outcome = await readFile({ name: 'Content_Export_NSCS.xls', bytes: ole }, def);
    expect(outcome).toMatchObject({ ok: false, code: 'unsupported' });
    if (!outcome.ok) expect(outcome.message).toMatch(/File > Save As > Excel Workbook \(\*\.xlsx\)/);
  });

  it('says a damaged Word document or workbook is malformed', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<not really xml');
    const broken = await zip.generateAsync({ type: 'uint8array' });
    // The Word reader's own message carries the XML parser's words; only the code is checked here.
    expect(await readFile({ name: 'broken.docx', bytes: broken }, def)).toMatchObject({
      ok: false,
      code: 'malformed',
    });
    const book = new JSZip();
    book.file('xl/workbook.xml', 'garbage');
    await expectRejected(
      { name: 'broken.xlsx', bytes: await book.generateAsync({ type: 'uint8array' }) },
      'malformed',
    );
  });
});
