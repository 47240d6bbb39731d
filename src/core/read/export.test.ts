import ExcelJS from 'exceljs';
import { loadQuestionnaire, type Question } from '../definition';
import type { RawAnswer, RawResponse } from '../model';
import { collapse, corpusFile, loadFile } from '../../../test/support/corpus';
import { FORMS_EXPORT_META_HEADERS } from '../../../test/support/forms-export';
import { loadTruth, writtenAnswers, type TruthAnswer, type TruthResponse } from '../../../test/support/truth';
import { ReadError } from './errors';
import { matchExportColumns } from './export-columns';
import { readExportCsv } from './export-csv';
import { readExportXlsx } from './export-xlsx';
import { parseTime, readExportRows, toAnswer, type ExportCell } from './export';
import { decodeText } from './decode';

const def = loadQuestionnaire('msq-2022');
const question = (id: string) => def.questions.find((q) => q.id === id)!;
const exportTruth = loadTruth().filter((t) => t.format === 'export');

/** The truth's answer in the reader's terms. */
function expectedAnswer(q: Question, t: TruthAnswer): RawAnswer {
  if (q.type === 'text') return { text: collapse(t.value as string) };
  if (q.type === 'multiple') return { selected: t.value as string[] };
  if (t.value === '') return { selected: [] };
  return t.other ? { selected: [t.value as string], other: t.other } : { selected: [t.value as string] };
}

function comparable(a: RawAnswer | undefined): RawAnswer | undefined {
  if (!a) return a;
  if (a.text !== undefined) return { text: collapse(a.text) };
  return a.other ? { selected: a.selected, other: a.other } : { selected: a.selected };
}

/** Compares every answer cell; returns the cells that differ. */
function differences(responses: RawResponse[], truth: TruthResponse[]): string[] {
  const byId = new Map(responses.map((r) => [r.responseId, r]));
  const diffs: string[] = [];
  for (const t of truth) {
    const r = byId.get(t.response_id);
    if (!r) {
      diffs.push(`${t.response_id}: missing`);
      continue;
    }
    for (const [id, answer] of Object.entries(writtenAnswers(t, def))) {
      const want = expectedAnswer(question(id), answer);
      const got = comparable(r.answers[id]);
      if (JSON.stringify(got) !== JSON.stringify(want))
        diffs.push(`${t.response_id} ${id}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    }
  }
  return diffs;
}

const cellCount = exportTruth.reduce((n, t) => n + Object.keys(t.answers).length, 0);

describe('the Forms export of the corpus', () => {
  let fromCsv: RawResponse[];
  let fromXlsx: RawResponse[];

  beforeAll(async () => {
    fromCsv = readExportCsv(decodeText(loadFile(corpusFile('forms-export.csv')).bytes).text, def).responses;
    fromXlsx = (await readExportXlsx(loadFile(corpusFile('forms-export.xlsx')).bytes, def)).responses;
  });

  it('reads every row of the truth, with the IDs in file order', () => {
    expect(exportTruth.length).toBeGreaterThan(50);
    expect(fromXlsx.map((r) => r.responseId)).toEqual(exportTruth.map((t) => t.response_id));
    expect(fromCsv.map((r) => r.responseId)).toEqual(exportTruth.map((t) => t.response_id));
  });

  it('reads every answer cell of the .xlsx as the truth has it', () => {
    expect(cellCount).toBeGreaterThan(7000);
    expect(differences(fromXlsx, exportTruth)).toEqual([]);
  });

  it('reads every answer cell of the .csv as the truth has it', () => {
    expect(differences(fromCsv, exportTruth)).toEqual([]);
  });

  it('gives the same responses from the .csv as from the .xlsx', () => {
    expect(fromCsv).toEqual(fromXlsx);
  });

  it('records choices, ISO times and a positive duration', () => {
    for (const r of fromXlsx) {
      expect(r.format).toBe('export');
      expect(r.choicesRecorded).toBe(true);
      expect(r.startTime).toMatch(/^2021-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      expect(r.durationSeconds).toBeGreaterThan(0);
      expect(Date.parse(`${r.completionTime}Z`) - Date.parse(`${r.startTime}Z`)).toBe(
        r.durationSeconds! * 1000,
      );
      // The Email column says "anonymous" and the Name column is blank: nobody is named.
      expect(r.respondent).toBeUndefined();
    }
  });
});

/** A Forms-like export of truth rows, written independently of the reader. */
function exportRows(
  truth: TruthResponse[],
  headers: string[],
  columnOf: (i: number) => string | undefined,
): string[][] {
  return [
    headers,
    ...truth.map((t, k) =>
      headers.map((_, i) => {
        const id = columnOf(i);
        if (i === 0) return t.response_id;
        if (i === 1) return `3/${k + 1}/21 9:0${k % 10}:00`;
        if (i === 2) return `3/${k + 1}/21 17:30:00`;
        if (!id) return i === 3 ? 'anonymous' : '';
        const a = writtenAnswers(t, def)[id];
        if (Array.isArray(a.value)) return a.value.map((v) => `${v};`).join('');
        return a.other || (a.value as string);
      }),
    ),
  ];
}

const fullHeaders = [
  ...FORMS_EXPORT_META_HEADERS,
  ...def.questions.map((q) => (q.subLabel ? `${q.text} ${q.subLabel}` : q.text)),
];
const fullColumnOf = (i: number) => (i >= 6 ? def.questions[i - 6].id : undefined);

describe('matching export columns to questions', () => {
  it('tells the Email metadata column from the Email questions', () => {
    const map = matchExportColumns(fullHeaders, def);
    expect(map.roles[3]).toEqual({ kind: 'meta', field: 'email' });
    const emailColumns = fullHeaders.flatMap((h, i) => (h === 'Email' ? [i] : []));
    expect(emailColumns.map((i) => map.roles[i])).toEqual([
      { kind: 'meta', field: 'email' },
      { kind: 'question', question: question('Q5') },
      { kind: 'question', question: question('Q18') },
    ]);
    expect(map.matched).toBe(def.questions.length);
    expect(map.missing).toEqual([]);
    expect(map.extra).toEqual([]);
  });

  it('tolerates truncated headers, missing and extra columns', () => {
    const dropped = new Set(['Q7', 'Q33', 'Q57', 'Q100']);
    const headers: string[] = [];
    const ids: (string | undefined)[] = [];
    fullHeaders.forEach((h, i) => {
      const id = fullColumnOf(i);
      if (id && dropped.has(id)) return;
      headers.push(h.length > 60 ? h.slice(0, 60) : h);
      ids.push(id);
      if (id === 'Q30') {
        headers.push('Total points');
        ids.push(undefined);
      }
    });
    headers.push('Quiz feedback');
    ids.push(undefined);

    const map = matchExportColumns(headers, def);
    const got = map.roles.map((r) => (r.kind === 'question' ? r.question.id : undefined));
    expect(got).toEqual(ids);
    expect(map.missing.sort()).toEqual([...dropped].sort());
    expect(map.extra).toEqual(['Total points', 'Quiz feedback']);

    const read = readExportRows(
      exportRows(exportTruth, headers, (i) => ids[i]),
      def,
    );
    const kept = exportTruth.map((t) => ({
      ...t,
      answers: Object.fromEntries(Object.entries(t.answers).filter(([id]) => !dropped.has(id))),
    }));
    expect(differences(read.responses, kept)).toEqual([]);
    for (const r of read.responses) for (const id of dropped) expect(r.answers[id]).toBeUndefined();
    expect(read.notes.join(' ')).toMatch(/Total points/);
  });

  it('reads headers Excel numbered to keep them unique ("Email2")', () => {
    const seen = new Map<string, number>();
    const headers = fullHeaders.map((h) => {
      const n = (seen.get(h) ?? 0) + 1;
      seen.set(h, n);
      return n > 1 ? `${h}${n}` : h;
    });
    const map = matchExportColumns(headers, def);
    expect(map.roles.map((r) => (r.kind === 'question' ? r.question.id : undefined))).toEqual(
      fullHeaders.map((_, i) => fullColumnOf(i)),
    );
  });

  it('rejects a table whose headers are not the questionnaire', () => {
    const rows = [
      ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'How satisfied are you?', 'Comments', 'Email'],
      ['1', '3/4/21 10:00:00', '3/4/21 10:05:00', 'a@b.c', 'A', 'Very', 'Fine', 'a@b.c'],
    ];
    expect(() => readExportRows(rows, def)).toThrow(ReadError);
    expect(() => readExportRows(rows, def)).toThrow(/match only \d+ of the 112 questions/);
  });
});

describe('export cells', () => {
  it('splits multiple choices on ";" and keeps unknown parts as the Other text', () => {
    const [a, b] = question('Q6').options!;
    expect(toAnswer(question('Q6'), `${a};${b};`)).toEqual({ selected: [a, b] });
    expect(toAnswer(question('Q6'), `${b};Ministry staff;`)).toEqual({
      selected: [b, 'Other'],
      other: 'Ministry staff',
    });
    expect(toAnswer(question('Q6'), '')).toEqual({ selected: [] });
  });

  it('reads a single choice outside the options as the Other text where the question has one', () => {
    expect(toAnswer(question('Q57'), 'Five-year')).toEqual({ selected: ['Five-year'] });
    expect(toAnswer(question('Q57'), '7 years')).toEqual({ selected: ['Other'], other: '7 years' });
    expect(toAnswer(question('Q30'), 'Other')).toEqual({ selected: ['Other'] });
    expect(toAnswer(question('Q14'), ' yes ')).toEqual({ selected: ['Yes'] });
    expect(toAnswer(question('Q14'), 'Maybe')).toEqual({ selected: ['Maybe'] });
    expect(toAnswer(question('Q14'), '')).toEqual({ selected: [] });
  });

  it('keeps the line breaks of text answers', () => {
    expect(toAnswer(question('Q7'), 'a\nb')).toEqual({ text: 'a\nb' });
  });

  it('parses Forms and ISO times, month first unless the day shows it is not', () => {
    expect(parseTime('3/4/21 10:25:22', false)?.iso).toBe('2021-03-04T10:25:22');
    expect(parseTime('3/4/21 10:25:22', true)?.iso).toBe('2021-04-03T10:25:22');
    expect(parseTime('12/31/2021 11:05:00 PM', false)?.iso).toBe('2021-12-31T23:05:00');
    expect(parseTime('12/31/2021 12:05 AM', false)?.iso).toBe('2021-12-31T00:05:00');
    expect(parseTime('2021-03-04 10:25', false)?.iso).toBe('2021-03-04T10:25:00');
    expect(parseTime('2021-03-04T10:25:00+02:00', false)?.epochMs).toBe(Date.UTC(2021, 2, 4, 8, 25));
    expect(parseTime(new Date(Date.UTC(2021, 2, 4, 10, 25, 22)), false)?.iso).toBe('2021-03-04T10:25:22');
    expect(parseTime(44259.5, false)?.iso).toBe('2021-03-04T12:00:00');
    expect(parseTime('2/30/21 10:00:00', false)).toBeUndefined();
    expect(parseTime('not a time', false)).toBeUndefined();
    expect(parseTime('2025/03/14 10:22:31 PM GMT+1', false)).toEqual({
      iso: '2025-03-14T22:22:31+01:00',
      epochMs: Date.UTC(2025, 2, 14, 21, 22, 31),
    });
  });

  it('reads day-first times when a day above 12 shows the order', () => {
    const rows: ExportCell[][] = exportRows(exportTruth.slice(0, 2), fullHeaders, fullColumnOf);
    rows[1][1] = '25/03/2021 09:00:00';
    rows[1][2] = '25/03/2021 10:00:00';
    rows[2][1] = '04/03/2021 09:00:00';
    rows[2][2] = '04/03/2021 09:30:00';
    const [a, b] = readExportRows(rows, def).responses;
    expect([a.startTime, a.durationSeconds]).toEqual(['2021-03-25T09:00:00', 3600]);
    expect([b.startTime, b.durationSeconds]).toEqual(['2021-03-04T09:00:00', 1800]);
  });

  it('skips blank rows and names rows without an ID by their row number', () => {
    const rows: ExportCell[][] = exportRows(exportTruth.slice(0, 2), fullHeaders, fullColumnOf);
    rows.splice(
      2,
      0,
      fullHeaders.map(() => ''),
      fullHeaders.map(() => null),
    );
    rows[4][0] = '';
    const read = readExportRows(rows, def).responses;
    expect(read.map((r) => r.responseId)).toEqual([exportTruth[0].response_id, 'row 5']);
  });
});

describe('export files in other shapes', () => {
  const truth = exportTruth.slice(0, 5);
  const rows = exportRows(truth, fullHeaders, fullColumnOf);
  const csvCell = (s: string) => (/[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

  it('reads a CSV saved with ";" separators and CRLF line ends', () => {
    const text = rows.map((r) => r.map(csvCell).join(';')).join('\r\n');
    const read = readExportCsv(decodeText(new TextEncoder().encode(text)).text, def);
    expect(differences(read.responses, truth)).toEqual([]);
  });

  it('reads "Unicode text" as Excel saves it: UTF-16LE, tab-separated', () => {
    const text = rows
      .map((r) => r.map((c) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t'))
      .join('\r\n');
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const read = readExportCsv(decodeText(bytes).text, def);
    expect(differences(read.responses, truth)).toEqual([]);
  });

  it('rejects a CSV cut off inside a row as truncated', () => {
    const text = rows.map((r) => r.map(csvCell).join(',')).join('\n');
    const cut = text.slice(0, Math.floor(text.length * 0.7));
    expect(() => readExportCsv(cut, def)).toThrow(expect.objectContaining({ code: 'truncated' }));
  });

  it('reads a workbook holding dates, numbers, rich text, hyperlinks and formulas', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['Exported from Microsoft Forms']);
    const ws = wb.addWorksheet('Form1');
    ws.addRow(fullHeaders);
    rows.slice(1).forEach((r, k) => {
      const row = ws.addRow(r);
      row.getCell(1).value = Number(r[0]);
      row.getCell(2).value = new Date(Date.UTC(2021, 2, k + 1, 9, 0, 0));
      row.getCell(3).value = new Date(Date.UTC(2021, 2, k + 1, 10, 30, 0));
    });
    const q7 = fullHeaders.indexOf(question('Q7').text) + 1;
    const q1 = fullHeaders.indexOf(question('Q1').text) + 1;
    const q2 = fullHeaders.indexOf(question('Q2').text) + 1;
    const q3 = fullHeaders.indexOf(question('Q3').text) + 1;
    ws.getRow(2).getCell(q7).value = { text: 'https://gov.example', hyperlink: 'https://gov.example' };
    ws.getRow(2).getCell(q1).value = { richText: [{ text: 'Ru' }, { text: 'anda', font: { bold: true } }] };
    ws.getRow(2).getCell(q2).value = { formula: '"Dr. "&"Ada"', result: 'Dr. Ada' };
    ws.getRow(2).getCell(q3).value = 42;
    ws.getRow(3).getCell(q7).value = 'first line\r\nsecond line';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

    const read = await readExportXlsx(bytes, def);
    expect(read.responses.map((r) => r.responseId)).toEqual(truth.map((t) => t.response_id));
    const first = read.responses[0];
    expect(first.answers.Q7).toEqual({ text: 'https://gov.example' });
    expect(first.answers.Q1).toEqual({ text: 'Ruanda' });
    expect(first.answers.Q2).toEqual({ text: 'Dr. Ada' });
    expect(first.answers.Q3).toEqual({ text: '42' });
    expect([first.startTime, first.durationSeconds]).toEqual(['2021-03-01T09:00:00', 5400]);
    expect(read.responses[1].answers.Q7).toEqual({ text: 'first line\nsecond line' });
    expect(differences(read.responses.slice(2), truth.slice(2))).toEqual([]);
  });
});

describe('a workbook of another questionnaire', () => {
  it('is rejected as not a response, also when its header row has holes', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = ['Question', , 'Answer', , , 'Comment'] as string[];
    expect(matchExportColumns(sparse, def).matched).toBe(0);
  });
});

describe('a workbook with more than one sheet of responses', () => {
  it('reads the best sheet and names the other in a note', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(loadFile(corpusFile('forms-export.xlsx')).bytes as unknown as ArrayBuffer);
    const source = book.worksheets[0];
    const copy = book.addWorksheet('Second wave');
    source.eachRow((row, n) => {
      if (n <= 3) copy.addRow((row.values as unknown[]).slice(1));
    });
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const read = await readExportXlsx(bytes, def);
    expect(read.responses).toHaveLength(63);
    expect(read.notes.join(' ')).toMatch(/"Second wave" also hold question columns and were not read/);
  });
});
