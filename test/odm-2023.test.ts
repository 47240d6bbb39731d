/**
 * The 35 real EU Open Data Maturity 2023 country workbooks (CC-BY 4.0) and their template, imported
 * with the built-in odm-2023 definition and no other argument. Expectations come from the workbooks'
 * cells read here with ExcelJS directly, not from the product's readers.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadQuestionnaire } from '../src/core/definition';
import { definitionFromTemplate, readTemplate } from '../src/core/definition/template';
import { withDropDowns } from '../src/core/read/xlsx-dropdowns';
import { readWorkbookSheets } from '../src/core/read/xlsx-sheets';
import type { Response } from '../src/core/model';
import { importBatch, type BatchResult } from '../src/core/pipeline';
import { buildWorkbookPlan } from '../src/core/plan/build';
import { renderXlsx } from '../src/xlsx/render';
import { loadFile, SHARED } from './support/corpus';

const ODM = join(SHARED, 'real/odm-2023');
const TEMPLATE = '00_ODM2023_questionnaire_template.xlsx';

/** The country each file is for, as the EU writes its two-letter codes (EL Greece, UK United Kingdom). */
const COUNTRIES: Record<string, string> = {
  AL: 'ALB', AT: 'AUT', BA: 'BIH', BE: 'BEL', BG: 'BGR', CH: 'CHE', CY: 'CYP', CZ: 'CZE', DE: 'DEU',
  DK: 'DNK', EE: 'EST', EL: 'GRC', ES: 'ESP', FI: 'FIN', FR: 'FRA', HR: 'HRV', HU: 'HUN', IE: 'IRL',
  IS: 'ISL', IT: 'ITA', LT: 'LTU', LU: 'LUX', LV: 'LVA', ME: 'MNE', MT: 'MLT', NL: 'NLD', NO: 'NOR',
  PL: 'POL', PT: 'PRT', RO: 'ROU', RS: 'SRB', SE: 'SWE', SI: 'SVN', SK: 'SVK', UA: 'UKR',
}; // prettier-ignore

/** What ExcelJS says a cell holds, as text. */
function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).replace(/\r\n?/g, '\n');
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return text(value.result as ExcelJS.CellValue);
  if ('hyperlink' in value) return text(value.text as ExcelJS.CellValue);
  return '';
}

interface Row {
  id: string;
  question: string;
  answer: string;
  justification: string;
}

/** The rows with an ID of the Questionnaire sheet (columns ID, Question, Answer, Justification), in order. */
async function questionRows(path: string): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const rows: Row[] = [];
  workbook.getWorksheet('Questionnaire')!.eachRow((row) => {
    const [id, question, answer, justification] = [1, 2, 3, 4].map((c) => text(row.getCell(c).value).trim());
    if (id && id !== 'ID' && question) rows.push({ id, question, answer, justification });
  });
  return rows;
}

/** Case aside, and the acute accent some files type for an apostrophe ("I don´t know"). */
const loose = (s: string) =>
  s
    .toLowerCase()
    .replace(/[´`‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

describe('EU Open Data Maturity 2023: the 35 real country workbooks', () => {
  const def = loadQuestionnaire('odm-2023');
  const names = readdirSync(ODM)
    .filter((n) => n.endsWith('.xlsx'))
    .sort();
  const countryFiles = names.filter((n) => n !== TEMPLATE);
  let result: BatchResult;
  let promptsSeen = 0;
  const byFile = new Map<string, Response>();
  /** The definition's own questions, one per row with an ID (companions end in -comment or -table). */
  const main = def.questions.filter((q) => !/-(comment|table)$/.test(q.id));

  beforeAll(async () => {
    result = await importBatch(
      names.map((n) => loadFile(join(ODM, n))),
      def,
    );
    for (const r of result.responses) byFile.set(r.sourceFile, r);
  });

  it('is built in as the template reads: scripts/make-odm-definition.js generated it', async () => {
    const { bytes } = loadFile(join(ODM, TEMPLATE));
    const sheets = await withDropDowns(await readWorkbookSheets(bytes), bytes);
    expect({ ...readTemplate(sheets, TEMPLATE), id: def.id, title: def.title }).toEqual(def);
    // Found among the files, the template (or a country's copy) is the built-in questionnaire.
    const copy = 'DE_ODM 2023.xlsx';
    for (const [name, read] of [
      [TEMPLATE, sheets],
      [copy, await readWorkbookSheets(loadFile(join(ODM, copy)).bytes)],
    ] as const) {
      const found = definitionFromTemplate([...read], name)!;
      expect({ ...found, source: def.source }).toEqual(def);
      expect(found.source?.description).toContain(name);
    }
    expect(def.source?.description).toMatch(
      /^template 00_ODM2023_questionnaire_template\.xlsx: 182 questions in 19 sections/,
    );
  });

  it('imports 35 responses, one per country file, and rejects the template as the blank questionnaire', () => {
    expect(countryFiles).toHaveLength(35);
    expect(result.responses).toHaveLength(35);
    expect(new Set(result.responses.map((r) => r.sourceFile))).toEqual(new Set(countryFiles));
    const template = result.reports.find((r) => r.sourceFile === TEMPLATE)!;
    expect(template.status).toBe('rejected');
    expect(template.message).toMatch(/blank questionnaire \(the template\)/);
    for (const r of result.responses) {
      expect(r.format).toBe('workbook');
      expect(r.responseId).toBe(r.sourceFile.replace(/\.xlsx$/, ''));
    }
  });

  it('takes each country from its file name, EL as Greece', () => {
    for (const name of countryFiles) {
      const r = byFile.get(name)!;
      expect({ name, iso3: r.country.iso3, source: r.country.source }).toEqual({
        name,
        iso3: COUNTRIES[name.slice(0, 2)],
        source: 'file-name',
      });
    }
    expect(new Set(result.responses.map((r) => r.country.iso3)).size).toBe(35);
  });

  it.each(countryFiles)(
    '%s: every Answer as written (case aside), every "Select answer…" unanswered, every justification kept',
    async (name) => {
      const rows = await questionRows(join(ODM, name));
      const r = byFile.get(name)!;
      // The definition has one question per row with an ID, in the template's order (a country's
      // copy may differ from the template by a typo, so ids rather than wording pair them here).
      expect(rows.map((row) => row.id)).toEqual(main.map((q) => q.id.replace(/^[A-Z0-9]+\./, '')));
      let prompts = 0;
      rows.forEach((row, i) => {
        const q = main[i];
        const answer = r.answers[q.id];
        const where = `${name} row ${row.id} (${q.id})`;
        if (/^select answer/i.test(row.answer)) {
          prompts++;
          expect({ where, value: answer.value, status: answer.status }).toEqual({
            where,
            value: '',
            status: expect.stringMatching(/^(empty|not-applicable)$/),
          });
        } else if (row.answer) {
          // A choice is shown as its option; "Other" with its justification as "Other: …".
          const shown = answer.other ? answer.value.replace(/^([^:]+): [\s\S]*$/, '$1') : answer.value;
          expect({ where, value: loose(shown) }).toEqual({ where, value: loose(row.answer) });
          expect(answer.status).toBe('answered');
        } else {
          expect({ where, value: answer.value }).toEqual({ where, value: '' });
        }
        const kept = r.answers[`${q.id}-comment`].value;
        if (row.justification)
          expect({ where, kept: kept.includes(row.justification) }).toEqual({ where, kept: true });
      });
      promptsSeen += prompts;
    },
  );

  it('met drop-downs left at their prompt in the files above', () => {
    expect(promptsSeen).toBeGreaterThan(0);
  });

  it('reads the Yes/No tables of options under a question as its choices', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(ODM, 'DE_ODM 2023.xlsx'));
    const sheet = workbook.getWorksheet('Questionnaire')!;
    const table = def.questions.find((q) => q.id.endsWith('-table') && q.type === 'multiple')!;
    const marked: string[] = [];
    sheet.eachRow((row) => {
      const label = text(row.getCell(2).value).split('\n')[0].trim();
      if (
        !text(row.getCell(1).value) &&
        table.options!.includes(label) &&
        /^yes$/i.test(text(row.getCell(3).value))
      )
        marked.push(label);
    });
    expect(marked.length).toBeGreaterThan(0);
    expect(byFile.get('DE_ODM 2023.xlsx')!.answers[table.id].choices).toEqual(marked);
  });

  it('builds the comparison workbook', async () => {
    const plan = buildWorkbookPlan({ def, ...result, importedAt: '2026-11-29T12:00:00Z' });
    const bytes = await renderXlsx(plan);
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbook).toMatch(/<sheet [^>]*name="Responses"/);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    for (const country of ['Greece', 'Germany', 'Ukraine', 'Bosnia and Herzegovina'])
      expect(strings).toContain(country);
  });
});
