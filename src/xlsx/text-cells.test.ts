import JSZip from 'jszip';
import { loadQuestionnaire } from '../core/definition';
import { buildWorkbookPlan } from '../core/plan/build';
import { makeResponse } from '../../test/support/fixtures';
import { expectValidOoxml } from '../../test/support/ooxml';
import { renderXlsx } from './render';

const def = loadQuestionnaire('msq-2022');

const risky = {
  Q7: '=HYPERLINK("http://x")',
  Q8: '+1',
  Q9: '@SUM(A1)',
  Q10: '-2+3',
  Q11: "=cmd|' /C calc'!A0",
  Q12: '<b>bold</b> & "quoted"',
};

describe('answer text is data', () => {
  it('stays a string with the text format, never a formula', async () => {
    const response = makeResponse(def, {
      answers: Object.fromEntries(Object.entries(risky).map(([id, value]) => [id, { value }])),
    });
    const plan = buildWorkbookPlan({
      def,
      responses: [response],
      issues: [],
      reports: [],
      reviews: new Map(),
      importedAt: '2024-05-01',
    });
    const bytes = await renderXlsx(plan);
    expectValidOoxml(bytes, 'the workbook of formula-like answers');
    const zip = await JSZip.loadAsync(bytes);
    const read = async (path: string) => (await zip.file(path)!.async('string')) as string;
    const strings = [
      ...(await read('xl/sharedStrings.xml')).matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g),
    ].map((m) =>
      m[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
    const styles = await read('xl/styles.xml');
    const xfs = [
      .../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].matchAll(/<xf [^>]*numFmtId="(\d+)"/g),
    ].map((m) => m[1]);
    const workbook = await read('xl/workbook.xml');
    const answersSheet = /<sheet name="Answers" sheetId="(\d+)"/.exec(workbook)![1];
    const sheets = Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/sheet'));
    const answers = await read(`xl/worksheets/sheet${answersSheet}.xml`);

    for (const [id, text] of Object.entries(risky)) {
      const index = strings.indexOf(text);
      expect(index).toBeGreaterThanOrEqual(0);
      // The Value cell (column J) of the question's row.
      const row = 1 + def.questions.findIndex((q) => q.id === id) + 1;
      const cell = new RegExp(`<c r="J${row}" s="(\\d+)" t="s"><v>${index}</v></c>`).exec(answers);
      expect(cell).not.toBeNull();
      expect(xfs[Number(cell![1])]).toBe('49');
    }
    // The Value column's own format is text, so what an analyst types there stays text too.
    const column = /<col min="10" max="10" [^>]*style="(\d+)"\/>/.exec(answers)!;
    expect(xfs[Number(column[1])]).toBe('49');
    for (const sheet of sheets) expect(await read(sheet)).not.toMatch(/<f[\s>]/);
  });
});
