import JSZip from 'jszip';
import { loadFile } from '../../../test/support/corpus';
import { FOREIGN_FILES } from '../../../test/support/foreign-truth';
import { ReadError } from './errors';
import { isDateFormat, MAX_PART_BYTES, readWorkbookSheets } from './xlsx-sheets';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface Parts {
  sheets: { name: string; xml: string; target?: string }[];
  sharedStrings?: string;
  styles?: string;
  workbookPr?: string;
  definedNames?: string;
}

/** A workbook written part by part, as other tools than Excel write them. */
async function workbook({ sheets, sharedStrings, styles, workbookPr = '', definedNames = '' }: Parts) {
  const zip = new JSZip();
  zip.file(
    '_rels/.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<workbook ${NS} ${R_NS}>${workbookPr}<sheets>` +
      sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      `</sheets>${definedNames}</workbook>`,
  );
  const rels = sheets.map(
    (s, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`,
  );
  if (sharedStrings !== undefined) {
    rels.push(`<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
    zip.file('xl/sharedStrings.xml', `<sst ${NS}>${sharedStrings}</sst>`);
  }
  if (styles !== undefined) {
    rels.push(`<Relationship Id="rT" Type="${REL}/styles" Target="/xl/styles.xml"/>`);
    zip.file('xl/styles.xml', `<styleSheet ${NS}>${styles}</styleSheet>`);
  }
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  sheets.forEach((s, i) => {
    const path = (s.target ?? `worksheets/sheet${i + 1}.xml`).replace(/^\//, '').replace(/^(?!xl\/)/, 'xl/');
    zip.file(path, `<worksheet ${NS} ${R_NS}>${s.xml}</worksheet>`);
  });
  return zip.generateAsync({ type: 'uint8array' });
}

describe('reading worksheets', () => {
  it('opens the re-saved Forms export ExcelJS cannot open (absolute part paths), every sheet in order', async () => {
    const file = loadFile(`${FOREIGN_FILES}/openpyxl-resaved-forms/NSCS2025_responses_clean.xlsx`);
    const sheets = await readWorkbookSheets(file.bytes);
    expect(sheets.map((s) => s.name)).toEqual(['Responses', 'Notes']);
    expect(sheets[0].rows[0].slice(0, 3)).toEqual(['ID', 'Start time', 'Completion time']);
    // Start times are Excel dates there: read as dates of their wall-clock time.
    expect(sheets[0].rows[1][1]).toBeInstanceOf(Date);
    expect(sheets[0].rows.slice(1).every((r) => typeof r[0] === 'number')).toBe(true);
  });

  it('reads shared, inline and rich text, escapes, numbers, truth values, errors and cached formula results', async () => {
    const bytes = await workbook({
      sharedStrings:
        '<si><t>plain</t></si>' +
        '<si><r><t>rich </t></r><r><rPr><b/></rPr><t xml:space="preserve">text</t></r><rPh><t>ふりがな</t></rPh></si>' +
        '<si><t>line_x000D_\nbreak and _x005F_x0041_</t></si>' +
        '<si><t></t></si>',
      sheets: [
        {
          name: 'Data',
          xml:
            '<sheetData><row r="1">' +
            '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
            '<c r="D1" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c>' +
            '<c r="E1"><v>42.5</v></c><c r="F1" t="b"><v>1</v></c><c r="G1" t="e"><v>#N/A</v></c>' +
            '<c r="H1" t="str"><f>A1&amp;"!"</f><v>plain!</v></c><c r="I1"><f>SUM(E1)</f><v>0</v></c>' +
            '<c r="J1" t="s"><v>3</v></c>' +
            '</row></sheetData>',
        },
      ],
    });
    const [sheet] = await readWorkbookSheets(bytes);
    expect(sheet.rows[0]).toEqual([
      'plain',
      'rich text',
      'line\r\nbreak and _x0041_',
      'inline',
      42.5,
      true,
      null,
      'plain!',
      0,
      null,
    ]);
  });

  it('keeps gaps between rows and cells where they are, and reads cells without references in order', async () => {
    const bytes = await workbook({
      sheets: [
        {
          name: 'Gaps',
          xml:
            '<sheetData><row r="2"><c r="C2"><v>1</v></c></row>' +
            '<row><c><v>2</v></c><c><v>3</v></c><c r="E3"><v>4</v></c><c><v>5</v></c></row></sheetData>',
        },
      ],
    });
    const [sheet] = await readWorkbookSheets(bytes);
    expect(sheet.rows).toEqual([[], [null, null, 1], [2, 3, null, null, 4, 5]]);
  });

  it('leaves out rows at the end of a sheet that only carry formatting', async () => {
    const xml =
      '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576" ht="20" customHeight="1">' +
      '<c r="A1048576" s="1"/></row></sheetData>';
    const [sheet] = await readWorkbookSheets(await workbook({ sheets: [{ name: 'F', xml }] }));
    expect(sheet.rows).toEqual([[1]]);
  });

  it('reads cells formatted as dates as dates, built-in and custom formats, in the 1900 and 1904 systems', async () => {
    const styles =
      '<numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="&quot;day&quot;\\ 0"/></numFmts>' +
      '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs>';
    const xml =
      '<sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s="2"><v>45000.5</v></c>' +
      '<c r="C1" s="3"><v>45000</v></c><c r="D1" s="4"><v>45000.99999999</v></c><c r="E1"><v>45000</v></c></row></sheetData>';
    const [sheet] = await readWorkbookSheets(await workbook({ styles, sheets: [{ name: 'D', xml }] }));
    expect(sheet.rows[0]).toEqual([
      new Date(Date.UTC(2023, 2, 15)),
      new Date(Date.UTC(2023, 2, 15, 12)),
      45000,
      new Date(Date.UTC(2023, 2, 16)),
      45000,
    ]);
    const [mac] = await readWorkbookSheets(
      await workbook({ styles, workbookPr: '<workbookPr date1904="1"/>', sheets: [{ name: 'D', xml }] }),
    );
    expect(mac.rows[0][0]).toEqual(new Date(Date.UTC(2027, 2, 16)));
  });

  it('tells date formats from others', () => {
    for (const code of ['yyyy-mm-dd', 'd/m/yy h:mm', '[$-409]mmmm d, yyyy', 'hh:mm:ss', 'dd"."mm'])
      expect(isDateFormat(code)).toBe(true);
    for (const code of ['General', '0.00', '#,##0 "days"', '"Yes";"Yes";"No"', '@', '0%'])
      expect(isDateFormat(code)).toBe(false);
  });

  it('repeats a merged area’s value over its cells', async () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Section A</t></is></c></row><row r="2"/></sheetData>' +
      '<mergeCells count="1"><mergeCell ref="A1:C2"/></mergeCells>';
    const [sheet] = await readWorkbookSheets(await workbook({ sheets: [{ name: 'M', xml }] }));
    expect(sheet.rows).toEqual([
      ['Section A', 'Section A', 'Section A'],
      ['Section A', 'Section A', 'Section A'],
    ]);
  });

  it('lists drop-down lists: quoted, from a range of another sheet, through a name, and Excel 2010 ones', async () => {
    const bytes = await workbook({
      definedNames: '<definedNames><definedName name="Answers">Lists!$A$1:$A$3</definedName></definedNames>',
      sheets: [
        {
          name: 'Questionnaire',
          xml:
            '<sheetData/><dataValidations count="4">' +
            '<dataValidation type="list" sqref="C2:C9"><formula1>"Yes,No,Don\'t know"</formula1></dataValidation>' +
            '<dataValidation type="list" sqref="D2"><formula1>Lists!$A$1:$A$3</formula1></dataValidation>' +
            '<dataValidation type="list" sqref="E2"><formula1>Answers</formula1></dataValidation>' +
            '<dataValidation type="whole" sqref="F2"><formula1>0</formula1></dataValidation>' +
            '<dataValidation type="list" sqref="G2"><formula1>INDIRECT(B2)</formula1></dataValidation>' +
            '</dataValidations><extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations ' +
            'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" ' +
            'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list">' +
            '<x14:formula1><xm:f>Lists!$A$2:$A$3</xm:f></x14:formula1><xm:sqref>H2:H4</xm:sqref>' +
            '</x14:dataValidation></x14:dataValidations></ext></extLst>',
        },
        {
          name: 'Lists',
          xml:
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Low</t></is></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>Medium</t></is></c></row>' +
            '<row r="3"><c r="A3" t="inlineStr"><is><t>High</t></is></c></row></sheetData>',
        },
      ],
    });
    const [sheet, lists] = await readWorkbookSheets(bytes);
    expect(sheet.validations).toEqual([
      { ref: 'C2:C9', list: ['Yes', 'No', "Don't know"] },
      { ref: 'D2', list: ['Low', 'Medium', 'High'] },
      { ref: 'E2', list: ['Low', 'Medium', 'High'] },
      { ref: 'G2', formula: 'INDIRECT(B2)' },
      { ref: 'H2:H4', list: ['Medium', 'High'] },
    ]);
    expect(lists.validations).toBeUndefined();
  });

  it('refuses a part that declares more than it may inflate to, before inflating it', async () => {
    const bytes = await workbook({ sheets: [{ name: 'Big', xml: '<sheetData/>' }] });
    // Raise the declared uncompressed size of the worksheet in the central directory.
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = false;
    for (let i = 0; i + 46 < bytes.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(i + 28, true);
      const entry = bytes.subarray(i + 46, i + 46 + nameLength);
      if (entry.length === name.length && entry.every((b, k) => b === name[k])) {
        view.setUint32(i + 24, MAX_PART_BYTES + 1, true);
        patched = true;
      }
    }
    expect(patched).toBe(true);
    await expect(readWorkbookSheets(bytes)).rejects.toMatchObject({ code: 'too-large' });
    await expect(readWorkbookSheets(bytes)).rejects.toBeInstanceOf(ReadError);
  });

  it('says a package without a workbook part is damaged', async () => {
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', '<worksheet/>');
    await expect(readWorkbookSheets(await zip.generateAsync({ type: 'uint8array' }))).rejects.toMatchObject({
      code: 'malformed',
    });
  });
});
