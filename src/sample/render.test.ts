import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { loadQuestionnaire } from '../core/definition';
import { FORMS_EXPORT_META_HEADERS } from '../../test/support/forms-export';
import { wordTitle } from './layout';
import { exportHeader, exportTime, renderExportCsv, renderExportXlsx } from './render-export';
import { renderFormsText } from './render-forms-text';
import { renderDocx, renderWordText } from './render-word';
import { generateResponses } from './responses';

const def = loadQuestionnaire('msq-2022');
const responses = generateResponses({ count: 60, seed: 99, def });
const choiceQuestions = def.questions.filter((q) => q.type !== 'text');

describe('renderFormsText', () => {
  const r = responses.find((x) => x.respondent)!;
  const text = renderFormsText(r, def);
  const lines = text.split('\n');

  it('opens with the page header of a saved Forms response', () => {
    const minutes = Math.round((Date.parse(`${r.completionTime}Z`) - Date.parse(`${r.startTime}Z`)) / 60000);
    expect(
      text.startsWith(`\n\n[View results](#)\n\nRespondent\n\n${r.responseId}\n\n${r.respondent}\n\n`),
    ).toBe(true);
    const [m, s] = lines[10].split(':').map(Number);
    expect(Math.abs(m + s / 60 - minutes)).toBeLessThanOrEqual(1);
    expect(lines[12]).toBe('Time to complete');
  });

  it('prints every question in order with its answer below, and each heading or note once', () => {
    let at = 0;
    for (const q of def.questions) {
      const title = q.subLabel ? `${q.number}. ${q.text}` : `${q.number}. ${q.text}${q.required ? ' *' : ''}`;
      const found = lines.indexOf(title, at);
      expect(found).toBeGreaterThan(at - 1);
      at = found + 1;
      const answer = r.answers[q.id].text;
      if (answer) expect(lines.slice(at, at + 12).join('\n')).toContain(answer);
    }
    for (const note of def.interstitials) expect(lines.filter((l) => l === note)).toHaveLength(1);
    expect(lines.filter((l) => l === '[More options for Responses](#)')).toHaveLength(1);
    expect(text.trimEnd().endsWith('<https://forms.office.com/r/yTrKyZCjdT>')).toBe(true);
  });

  it('lists options without marking a choice, a typed "Other" in place of its label', () => {
    expect(text).not.toMatch(/[☒☐]/);
    for (const x of responses.slice(0, 20)) {
      const page = renderFormsText(x, def).split('\n');
      const q57 = x.answers.Q57;
      const periodLines = page.slice(
        page.findIndex((l) => l.startsWith('57. ')) + 1,
        page.findIndex((l) => l.startsWith('58. ')),
      );
      const labels = periodLines.map((l) => l.replace(/^-? ?/, '')).filter((l) => l);
      expect(labels.slice(0, 4)).toEqual(['Two-year', 'Three-year', 'Five-year', 'Ten-year']);
      expect(labels[4]).toBe(q57.other ?? 'Other');
    }
  });
});

describe('renderWordText', () => {
  it.each(['inline', 'per-line'] as const)('marks exactly the chosen options with ☒ (%s)', (style) => {
    for (const r of responses.slice(0, 15)) {
      const lines = renderWordText(r, def, style).split('\n');
      expect(lines[0]).toBe(def.title);
      for (const q of choiceQuestions) {
        const at = lines.indexOf(wordTitle(q));
        expect(at).toBeGreaterThan(0);
        const count = style === 'inline' ? 1 : (q.options?.length ?? 0) + (q.otherOption ? 1 : 0);
        const boxes = lines
          .slice(at + 1)
          .filter((l) => !def.interstitials.includes(l))
          .slice(0, count)
          .join('   ')
          .split(/ {3}(?=[☒☐])/);
        const checked = boxes
          .filter((b) => b.startsWith('☒'))
          .map((b) => b.slice(2).replace(/^Other: .*/, 'Other'));
        expect(checked.sort()).toEqual([...r.answers[q.id].selected!].sort());
        expect(boxes).toHaveLength(count === 1 ? (q.options?.length ?? 0) + (q.otherOption ? 1 : 0) : count);
      }
    }
  });

  it('puts each section title before the first question of its section', () => {
    const lines = renderWordText(responses[0], def, 'inline').split('\n');
    for (const s of def.sections) {
      const first = def.questions.find((q) => q.section === s.id)!;
      const heading = lines.indexOf(s.title);
      expect(heading).toBeGreaterThan(0);
      expect(heading).toBeLessThan(lines.indexOf(wordTitle(first)));
    }
  });
});

describe('renderDocx', () => {
  it('holds one paragraph per line of the Word text', async () => {
    for (const r of responses.slice(0, 4)) {
      const zip = await JSZip.loadAsync(await renderDocx(r, def));
      const xml = await zip.file('word/document.xml')!.async('string');
      const paragraphs = [...xml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) =>
        [...(m[1] ?? '').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
          .map((t) =>
            t[1]
              .replace(/&lt;/g, '<')
              .replace(/&gt;/g, '>')
              .replace(/&quot;/g, '"')
              .replace(/&apos;/g, "'")
              .replace(/&amp;/g, '&'),
          )
          .join(''),
      );
      const asText = paragraphs.join('\n') + '\n';
      expect([renderWordText(r, def, 'inline'), renderWordText(r, def, 'per-line')]).toContain(asText);
    }
  });
});

describe('Forms export', () => {
  const rows = responses.slice(0, 25);

  it('writes the CSV as Forms does: header, one row per response, "A;B;" choices, typed Other', () => {
    const csv = renderExportCsv(rows, def);
    expect(csv.split('\r\n')[0]).toBe(
      exportHeader(def)
        .map((h) => (h.includes(',') ? `"${h}"` : h))
        .join(','),
    );
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(exportHeader(def));
    expect(parsed[0].slice(0, 6)).toEqual(FORMS_EXPORT_META_HEADERS);
    expect(parsed).toHaveLength(rows.length + 1);
    for (const [i, r] of rows.entries()) {
      const cells = parsed[i + 1];
      expect(cells[0]).toBe(r.responseId);
      expect(cells[1]).toMatch(/^\d{1,2}\/\d{1,2}\/\d\d \d{1,2}:\d\d:\d\d$/);
      expect(cells[4]).toBe(r.respondent ?? '');
      expect(cells[3]).toEqual(r.respondent ? expect.stringMatching(/^[^@\s]+@[a-z.]+$/) : 'anonymous');
      def.questions.forEach((q, k) => {
        const cell = cells[6 + k];
        const a = r.answers[q.id];
        if (q.type === 'text') expect(cell).toBe(a.text);
        else if (q.type === 'multiple') expect(cell).toBe(a.selected!.map((s) => `${s};`).join(''));
        else expect(cell).toBe(a.other ?? a.selected![0] ?? '');
      });
    }
  });

  it('writes Forms export times', () => {
    expect(exportTime('2021-03-04T08:05:09')).toBe('3/4/21 8:05:09');
    expect(exportTime('2021-12-24T23:59:00')).toBe('12/24/21 23:59:00');
  });

  it('writes the same cells to the workbook, the ID as a number', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderExportXlsx(rows, def)).buffer as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(rows.length + 1);
    const csv = Papa.parse<string[]>(renderExportCsv(rows, def), { skipEmptyLines: true }).data;
    for (let i = 1; i <= rows.length; i++) {
      const values = (ws.getRow(i + 1).values as unknown[]).slice(1);
      expect(typeof values[0]).toBe('number');
      const asText = csv[i].map((_, c) =>
        values[c] === undefined || values[c] === null ? '' : String(values[c]),
      );
      expect(asText).toEqual(csv[i]);
    }
  });
});
