/* eslint-disable no-restricted-imports -- the test reads the shared ODM template from disk */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadFile, SHARED } from '../../../test/support/corpus';
import { dropDownAt, withDropDowns } from './xlsx-dropdowns';
import { readWorkbookSheets } from './xlsx-sheets';

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('drop-down lists of a workbook', () => {
  it('resolves lists written in the validation, ranges on another sheet and defined names', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Questionnaire');
    const lists = workbook.addWorksheet('Lists');
    lists.addRows([['Yes'], ['No'], ['Not known']]);
    workbook.definedNames.add("'Lists'!$A$1:$A$2", 'YesNo');
    sheet.addRows([
      ['ID', 'Question', 'Answer'],
      ['1', 'Q one'],
      ['2', 'Q two'],
      ['3', 'Q three'],
    ]);
    sheet.getCell('C2').dataValidation = { type: 'list', formulae: ['"Low,Medium,High"'] };
    sheet.getCell('C3').dataValidation = { type: 'list', formulae: ['Lists!$A$1:$A$3'] };
    sheet.getCell('C4').dataValidation = { type: 'list', formulae: ['YesNo'] };
    const bytes = await bytesOf(workbook);
    const [withLists] = await withDropDowns(await readWorkbookSheets(bytes), bytes);
    expect(dropDownAt(withLists, 1, 2)).toEqual(['Low', 'Medium', 'High']);
    expect(dropDownAt(withLists, 2, 2)).toEqual(['Yes', 'No', 'Not known']);
    expect(dropDownAt(withLists, 3, 2)).toEqual(['Yes', 'No']);
    expect(dropDownAt(withLists, 3, 1)).toBeUndefined();
  });

  it("reads the lists Excel keeps in its 2010 extension (the ODM template's AnswerOptions)", async () => {
    const { bytes } = loadFile(join(SHARED, 'real/odm-2023/00_ODM2023_questionnaire_template.xlsx'));
    const [questionnaire] = await withDropDowns(await readWorkbookSheets(bytes), bytes);
    // C25: question 1 of Dimension 1, "Yes / No / Other" on AnswerOptions!$B$2:$E$2 after its prompt.
    expect(dropDownAt(questionnaire, 24, 2)).toEqual(['Select answer for Q1', 'Yes', 'No', 'Other']);
  });

  it('takes the lists a sheet reader already gives', () => {
    const sheet = { name: 'S', rows: [], validations: [{ ref: 'C2:C4 E7', list: ['Yes', 'No'] }] };
    expect(dropDownAt(sheet, 2, 2)).toEqual(['Yes', 'No']);
    expect(dropDownAt(sheet, 6, 4)).toEqual(['Yes', 'No']);
    expect(dropDownAt(sheet, 6, 3)).toBeUndefined();
  });
});
