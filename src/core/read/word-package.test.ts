/* eslint-disable no-restricted-imports -- the tests read the shared corpus from disk */
import fs from 'fs';
import JSZip from 'jszip';
import { loadQuestionnaire } from '../definition';
import { corpusFile, utf8Text } from '../../../test/support/corpus';
import { loadTruth } from '../../../test/support/truth';
import { docxToText, MAX_DOCUMENT_PART_BYTES } from './docx';
import { readFile } from './index';
import { formatNumber } from './docx-numbering';
import { QuestionIndex } from './text-lines';
import { readWordText } from './word';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS =
  `xmlns:w="${W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';

interface Parts {
  numbering?: string;
  styles?: string;
}

/** A .docx holding `body` (the children of w:body), with numbering and styles when given. */
async function docx(body: string, parts: Parts = {}, document?: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  );
  zip.file(
    'word/document.xml',
    document ?? `<?xml version="1.0"?><w:document ${NS}><w:body>${body}</w:body></w:document>`,
  );
  if (parts.numbering) zip.file('word/numbering.xml', `<w:numbering ${NS}>${parts.numbering}</w:numbering>`);
  if (parts.styles) zip.file('word/styles.xml', `<w:styles ${NS}>${parts.styles}</w:styles>`);
  return zip.generateAsync({ type: 'uint8array' });
}

const run = (text: string, props = '') =>
  `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const para = (content: string, props = '') =>
  `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${content}</w:p>`;
const numPr = (numId: number, ilvl = 0) =>
  `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
const numbered = (text: string, numId: number, ilvl = 0) => para(run(text), numPr(numId, ilvl));
const level = (ilvl: number, format: string, text: string, start = 1) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`;
const abstractNum = (id: number, ...levels: string[]) =>
  `<w:abstractNum w:abstractNumId="${id}">${levels.join('')}</w:abstractNum>`;
const num = (numId: number, abstractId: number, overrides = '') =>
  `<w:num w:numId="${numId}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
const startOverride = (ilvl: number, start: number) =>
  `<w:lvlOverride w:ilvl="${ilvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`;

const textOf = async (body: string, parts?: Parts) => docxToText(await docx(body, parts));

describe('automatic list numbers', () => {
  const decimal = abstractNum(0, level(0, 'decimal', '%1.'), level(1, 'lowerLetter', '%2)'));
  const letters = abstractNum(1, level(0, 'upperLetter', '%1.'));

  it('prints the number Word shows, continuing a list across headings of another list', async () => {
    const body = [
      numbered('Country name', 1),
      numbered('Contact', 2),
      numbered('Your name', 1),
      numbered('first point', 1, 1),
      numbered('second point', 1, 1),
      numbered('Title', 1),
      numbered('restarted point', 1, 1),
      numbered('Strategy', 2),
    ].join('');
    expect(await textOf(body, { numbering: decimal + letters + num(1, 0) + num(2, 1) })).toBe(
      [
        '1. Country name',
        'A. Contact',
        '2. Your name',
        'a) first point',
        'b) second point',
        '3. Title',
        'a) restarted point',
        'B. Strategy',
      ].join('\n'),
    );
  });

  it('starts a list again at its start override, or at 1 in a list of its own', async () => {
    const numbering =
      decimal +
      abstractNum(2, level(0, 'decimal', '%1.')) +
      num(1, 0) +
      num(3, 0, startOverride(0, 7)) +
      num(4, 2);
    const body = [
      numbered('a', 1),
      numbered('b', 1),
      numbered('c', 3),
      numbered('d', 3),
      numbered('e', 4),
      numbered('f', 1),
    ].join('');
    expect((await textOf(body, { numbering })).split('\n')).toEqual([
      '1. a',
      '2. b',
      '7. c',
      '8. d',
      '1. e',
      '3. f',
    ]);
  });

  it('numbers a paragraph through its style, and the style it is based on', async () => {
    const styles =
      '<w:style w:type="paragraph" w:styleId="Question"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Required"><w:basedOn w:val="Question"/></w:style>';
    const body =
      para(run('Country name'), '<w:pStyle w:val="Question"/>') +
      para(run('Email'), '<w:pStyle w:val="Required"/>') +
      para(run('plain'));
    expect(await textOf(body, { numbering: decimal + num(1, 0), styles })).toBe(
      '1. Country name\n2. Email\nplain',
    );
  });

  it('formats numbers as letters, roman numerals and bullets', async () => {
    expect([1, 26, 27, 28].map((n) => formatNumber(n, 'upperLetter'))).toEqual(['A', 'Z', 'AA', 'BB']);
    expect([4, 9, 14, 1994].map((n) => formatNumber(n, 'lowerRoman'))).toEqual([
      'iv',
      'ix',
      'xiv',
      'mcmxciv',
    ]);
    expect(formatNumber(3, 'decimalZero')).toBe('03');
    const bullets = abstractNum(
      0,
      `<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>`,
    );
    const legal = abstractNum(1, level(0, 'upperRoman', '%1.'), level(1, 'decimal', '%1.%2'));
    const body = numbered('item', 1) + numbered('Part', 2) + numbered('sub', 2, 1);
    expect(await textOf(body, { numbering: bullets + legal + num(1, 0) + num(2, 1) })).toBe(
      '\u2022 item\nI. Part\nI.1\tsub',
    );
  });

  it('does not count a paragraph that a tracked change deleted', async () => {
    const deletedMark = '<w:rPr><w:del w:id="1" w:author="A"/></w:rPr>';
    const body =
      numbered('one', 1) +
      para(
        `<w:del w:id="2" w:author="A"><w:r><w:delText>gone</w:delText></w:r></w:del>`,
        numPr(1) + deletedMark,
      ) +
      numbered('two', 1);
    expect(await textOf(body, { numbering: decimal + num(1, 0) })).toBe('1. one\n2. two');
  });
});

describe('question numbers as lists print them', () => {
  const index = new QuestionIndex(loadQuestionnaire('msq-2022'));

  it('finds a question after "3.", "3)", "Q3.", "Question 3:" or a bare number and a tab', () => {
    for (const line of ['3. Title *', '3) Title *', 'Q3. Title *', 'Question 3: Title *', '3\tTitle *'])
      expect([line, index.matchHeader(line, 0)?.question.id]).toEqual([line, 'Q3']);
    expect(index.matchHeader('3 Titles', 0)).toBeUndefined();
  });

  it('tells questions of one text apart by the sub-label on the next line, whatever the number', () => {
    const text = index.def.questions.find((q) => q.id === 'Q8')!.text;
    const lines = [
      '1. Country name *',
      'Chile',
      `1. ${text} *`,
      'E-services or similar',
      'a',
      `2. ${text}`,
      'Open government data',
      'b',
    ];
    expect(index.findHeaders(lines).map((h) => [h.line, h.question.id])).toEqual([
      [0, 'Q1'],
      [2, 'Q8'],
      [5, 'Q10'],
    ]);
  });
});

describe('check boxes', () => {
  const sym = (font: string, char: string) => `<w:r><w:sym w:font="${font}" w:char="${char}"/></w:r>`;

  it('reads Wingdings and Wingdings 2 symbols, as w:sym or as text in the font', async () => {
    const body = [
      para(sym('Wingdings', 'F0FE') + run(' Yes ') + sym('Wingdings', 'F0A8') + run(' No')),
      para(sym('Wingdings 2', 'F053') + run(' Yes ') + sym('Wingdings 2', 'F0A3') + run(' No')),
      para(
        run('\uf0fd', '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>') +
          run(' Yes ') +
          run('o', '<w:rFonts w:ascii="Wingdings"/>') +
          run(' No'),
      ),
      para(
        run('\u00fe', '<w:rFonts w:ascii="Wingdings"/>') +
          run(' Yes ') +
          sym('Wingdings', 'F0E0') +
          run('No'),
      ),
    ].join('');
    expect((await textOf(body)).split('\n')).toEqual([
      '\u2612 Yes \u2610 No',
      '\u2612 Yes \u2610 No',
      '\u2612 Yes \u2610 No',
      '\u2612 Yes No',
    ]);
  });

  it('reads content controls by their state and legacy form fields by checked, else default', async () => {
    const control = (checked: boolean) =>
      `<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="${checked ? 1 : 0}"/></w14:checkbox></w:sdtPr>` +
      `<w:sdtContent><w:r><w:t>${checked ? '\u2610' : '\u2612'}</w:t></w:r></w:sdtContent></w:sdt>`;
    const field = (box: string) =>
      `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>${box}</w:checkBox></w:ffData></w:fldChar></w:r>` +
      '<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const body =
      para(control(true) + run(' Yes ') + control(false) + run(' No')) +
      para(
        field('<w:default w:val="0"/><w:checked/>') +
          run(' Yes ') +
          field('<w:default w:val="1"/><w:checked w:val="0"/>') +
          run(' No'),
      ) +
      para(field('<w:default w:val="1"/>') + run(' Yes ') + field('<w:default w:val="0"/>') + run(' No'));
    expect((await textOf(body)).split('\n')).toEqual([
      '\u2612 Yes \u2610 No',
      '\u2612 Yes \u2610 No',
      '\u2612 Yes \u2610 No',
    ]);
  });

  it('shows what a legacy text or drop-down form field holds', async () => {
    const text =
      '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:textInput/></w:ffData></w:fldChar></w:r>' +
      '<w:r><w:instrText> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
      run('Chile') +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const dropDown = (chosen: string) =>
      `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:ddList>${chosen}<w:listEntry w:val="Yes"/>` +
      '<w:listEntry w:val="No"/></w:ddList></w:ffData></w:fldChar></w:r>' +
      '<w:r><w:instrText> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const body = para(text) + para(dropDown('<w:result w:val="1"/>')) + para(dropDown(''));
    expect(await textOf(body)).toBe('Chile\nNo\nYes');
  });

  it('leaves out a content control showing its placeholder', async () => {
    const body =
      para(
        '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' +
          run('Click or tap here to enter text.') +
          '</w:sdtContent></w:sdt>',
      ) + para('<w:sdt><w:sdtPr/><w:sdtContent>' + run('Chile') + '</w:sdtContent></w:sdt>');
    expect(await textOf(body)).toBe('\nChile');
  });
});

describe('text as Word shows it', () => {
  it('breaks lines at w:br and w:cr, keeps tabs and non-breaking hyphens, drops soft hyphens', async () => {
    const body = para(
      run('2022-2031') +
        '<w:r><w:br/><w:t>https://a.gov</w:t><w:tab/><w:t>e</w:t><w:noBreakHyphen/><w:t>gov</w:t><w:softHyphen/><w:t>ern</w:t><w:cr/><w:t>end</w:t></w:r>',
    );
    expect(await textOf(body)).toBe('2022-2031\nhttps://a.gov\te-govern\nend');
  });

  it('accepts tracked insertions and moves, and removes deletions and deleted paragraph marks', async () => {
    const body =
      para(
        run('Ministry of ') +
          '<w:del w:id="1" w:author="A"><w:r><w:delText>Finance</w:delText></w:r></w:del>' +
          '<w:ins w:id="2" w:author="A">' +
          run('Economy') +
          '</w:ins>',
      ) +
      para(
        '<w:moveFrom w:id="3" w:author="A">' +
          run('moved away') +
          '</w:moveFrom>' +
          '<w:moveTo w:id="4" w:author="A">' +
          run('moved here') +
          '</w:moveTo>',
      ) +
      para(run('joined '), '<w:rPr><w:del w:id="5" w:author="A"/></w:rPr>') +
      para(run('with the next'));
    expect(await textOf(body)).toBe('Ministry of Economy\nmoved here\njoined with the next');
    // A paragraph cannot join a table that follows it.
    const beforeTable =
      para(run('kept'), '<w:rPr><w:del w:id="6" w:author="A"/></w:rPr>') +
      `<w:tbl><w:tr><w:tc>${para(run('cell'))}</w:tc></w:tr></w:tbl>`;
    expect(await textOf(beforeTable)).toBe('kept\ncell');
  });

  it('shows field results, never codes, and leaves comments and hidden text out', async () => {
    const body =
      para(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://x.gov" </w:instrText></w:r>' +
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
          run('https://x.gov') +
          '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
      ) +
      para('<w:fldSimple w:instr=" DATE ">' + run('1 May 2022') + '</w:fldSimple>') +
      para(
        '<w:commentRangeStart w:id="0"/>' +
          run('Yes') +
          '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>' +
          run(' secret', '<w:vanish/>'),
      ) +
      para('<w:hyperlink r:id="rId9">' + run('https://portal.gov') + '</w:hyperlink>') +
      para('<w:smartTag w:element="place">' + run('Paris') + '</w:smartTag>') +
      para(
        '<w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:t>new</w:t></mc:Choice><mc:Fallback><w:t>old</w:t></mc:Fallback></mc:AlternateContent></w:r>',
      );
    expect((await textOf(body)).split('\n')).toEqual([
      'https://x.gov',
      '1 May 2022',
      'Yes',
      'https://portal.gov',
      'Paris',
      'new',
    ]);
  });

  it('reads a document whatever prefix it gives the namespace', async () => {
    const document =
      `<?xml version="1.0"?><x:document xmlns:x="${W}"><x:body><x:p><x:r><x:t>Hello</x:t></x:r></x:p>` +
      '<x:p><x:r><x:t>World</x:t></x:r></x:p></x:body></x:document>';
    expect(await docxToText(await docx('', {}, document))).toBe('Hello\nWorld');
  });
});

describe('tables', () => {
  const cell = (...paragraphs: string[]) => `<w:tc>${paragraphs.map((p) => para(run(p))).join('')}</w:tc>`;
  const row = (cells: string, props = '') =>
    `<w:tr>${props ? `<w:trPr>${props}</w:trPr>` : ''}${cells}</w:tr>`;

  it('drops rows that caption the columns, first or repeated, and keeps question rows and merged headings', async () => {
    const body =
      '<w:tbl>' +
      row(cell('Question') + cell('Answer'), '<w:tblHeader/>') +
      row(cell('1. Country name *') + cell('Chile')) +
      row('<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + para(run('Contact information')) + '</w:tc>') +
      row(cell('QUESTION') + cell('RESPONSE')) +
      row(cell('2. Your name *') + cell('Ana', 'Pérez')) +
      row(cell('3') + cell('Title *', 'Adviser')) +
      '</w:tbl>';
    expect((await textOf(body)).split('\n')).toEqual([
      '1. Country name *',
      'Chile',
      'Contact information',
      '2. Your name *',
      'Ana',
      'Pérez',
      '3. Title *',
      'Adviser',
    ]);
  });
});

describe('the package', () => {
  it('refuses a part that declares it inflates beyond the bound, before inflating it', async () => {
    const bytes = await docx(para(run('small')));
    // The central directory entry of word/document.xml: its uncompressed size is at offset 24.
    const name = new TextEncoder().encode('word/document.xml');
    for (let i = 0; i < bytes.length - 46; i++) {
      if (bytes[i] !== 0x50 || bytes[i + 1] !== 0x4b || bytes[i + 2] !== 1 || bytes[i + 3] !== 2) continue;
      const length = bytes[i + 28] | (bytes[i + 29] << 8);
      const entry = bytes.subarray(i + 46, i + 46 + length);
      if (length === name.length && entry.every((b, k) => b === name[k])) {
        new DataView(bytes.buffer, bytes.byteOffset).setUint32(i + 24, MAX_DOCUMENT_PART_BYTES + 1, true);
      }
    }
    await expect(docxToText(bytes)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('rejects a document that is not well-formed XML as malformed', async () => {
    await expect(docxToText(await docx('', {}, '<w:document><w:body><w:p>'))).rejects.toMatchObject({
      code: 'malformed',
    });
  });
});

describe('questions numbered by Word lists that restart in each section', () => {
  const def = loadQuestionnaire('msq-2022');
  const saved = loadTruth().filter((t) => t.format === 'word' && t.file.endsWith('.txt'));

  /** The saved text as a .docx whose question numbers are list numbers restarting at 1 after each heading. */
  async function restartingTwin(text: string): Promise<Uint8Array> {
    const lines = text.split(/\r?\n/);
    const index = new QuestionIndex(def);
    const headers = new Map(index.findHeaders(lines).map((h) => [h.line, h]));
    let numId = 1;
    const body = lines
      .map((line, i) => {
        if (index.isFiller(line) && !headers.has(i)) numId++;
        const header = headers.get(i);
        const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        if (!header) return para(run(escaped(line)));
        return numbered(escaped(line.replace(/^\s*\d+\.\s*/, '')), numId);
      })
      .join('');
    const lists = Array.from({ length: numId }, (_, k) => num(k + 1, 0, startOverride(0, 1))).join('');
    return docx(body, { numbering: abstractNum(0, level(0, 'decimal', '%1.')) + lists });
  }

  it.each(saved.slice(0, 3).map((t) => [t.file] as const))('%s reads the same', async (file) => {
    const text = utf8Text(fs.readFileSync(corpusFile(file)));
    const twin = await docxToText(await restartingTwin(text));
    expect(twin).toMatch(/\n1\. .*\n[\s\S]*\n1\. /);
    expect(readWordText(twin, def)).toEqual(readWordText(text, def));
  });
});

describe('choices typed beside the options', () => {
  const def = loadQuestionnaire('msq-2022');
  const text = utf8Text(
    fs.readFileSync(
      corpusFile(loadTruth().find((t) => t.file.endsWith('.txt') && t.format === 'word')!.file),
    ),
  );
  const withAnswer = (answer: string[]) => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('14. '));
    let end = at + 1;
    while (lines[end].trim() !== '') end++;
    lines.splice(at + 1, end - at - 1, ...answer);
    return readWordText(lines.join('\n'), def).answers.Q14;
  };

  it('reads an X typed before or after an option, or in brackets, as the choice', () => {
    expect(withAnswer(['Yes\tX', 'No'])).toEqual({ selected: ['Yes'] });
    expect(withAnswer(['Yes', 'No x'])).toEqual({ selected: ['No'] });
    expect(withAnswer(['X Yes', 'No'])).toEqual({ selected: ['Yes'] });
    expect(withAnswer(['Yes\tX\tNo'])).toEqual({ selected: ['Yes'] });
    expect(withAnswer(['[ ] Yes   [X] No'])).toEqual({ selected: ['No'] });
    expect(withAnswer(['\u2610 Yes X   \u2610 No'])).toEqual({ selected: ['Yes'] });
    expect(withAnswer(['\u25a1 Yes', '\u25a1 No\tX'])).toEqual({ selected: ['No'] });
    expect(withAnswer(['\u2327 Yes   \u25a1 No'])).toEqual({ selected: ['Yes'] });
  });

  it('reads nothing from options without a mark or a mark beside no option', () => {
    expect(withAnswer(['Yes', 'No'])).toEqual({});
    expect(withAnswer(['Maybe\tX', 'No'])).toEqual({});
    expect(withAnswer(['\u2610 Yes   \u2610 No'])).toEqual({ selected: [] });
  });
});

describe('a Word questionnaire with no check box and no title', () => {
  const def = loadQuestionnaire('msq-2022');
  const file = loadTruth().find((t) => t.file.endsWith('.txt') && t.format === 'word')!.file;
  const text = utf8Text(fs.readFileSync(corpusFile(file)));

  it('is read as the questionnaire, its ticks typed as X beside the options', async () => {
    const lines = text.split('\n');
    const title = lines.findIndex((l) => l.trim() !== '');
    const typed = lines
      .filter((_, i) => i !== title)
      .map((line) =>
        line.replace(/\u2612 ([^\u2610\u2612]*?)(\s*)(?=\u2610|$)/g, '$1 X$2').replace(/\u2610 /g, ''),
      );
    expect(typed.join('\n')).not.toMatch(/[\u2610\u2612]/);
    const body = typed.map((line) => para(run(line.replace(/&/g, '&amp;').replace(/</g, '&lt;')))).join('');
    const outcome = await readFile({ name: 'reply.docx', bytes: await docx(body) }, def);
    expect(outcome).toMatchObject({ ok: true, format: 'word' });
    if (outcome.ok) expect(outcome.responses[0].answers).toEqual(readWordText(text, def).answers);
  });
});
