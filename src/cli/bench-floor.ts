import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { InputFile } from '../core/model';

/**
 * The library floor of an import: what the plain libraries take to read every file of a batch
 * (ExcelJS for .xlsx, JSZip for the document part of a .docx, TextDecoder for text) and to stream an
 * .xlsx of as many answer rows with ExcelJS's streaming writer. No recognition, checks or workbook
 * design: the least any import to a workbook must cost.
 */
export async function libraryFloor(files: InputFile[], answerRows: number): Promise<number> {
  let cells = 0;
  const decoder = new TextDecoder('utf-8');
  for (const file of files) {
    const name = file.name.toLowerCase();
    if (name.endsWith('.xlsx')) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes.slice().buffer);
      book.eachSheet((sheet) => sheet.eachRow((row) => (cells += row.cellCount)));
    } else if (name.endsWith('.docx')) {
      const zip = await JSZip.loadAsync(file.bytes);
      cells += (await zip.file('word/document.xml')?.async('string'))?.length ?? 0;
    } else {
      cells += decoder.decode(file.bytes).length;
    }
  }
  let written = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      done();
    },
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true });
  const sheet = book.addWorksheet('Answers');
  sheet.addRow(['Response', 'Country', 'Section', 'Question', 'Question text', 'Answer']).commit();
  for (let i = 0; i < answerRows; i++) {
    const q = (i % 112) + 1;
    sheet
      .addRow([
        `R${Math.floor(i / 112) + 1}`,
        'Country',
        `Section ${q % 7}`,
        q,
        `Question text ${q}`,
        `Answer ${i}`,
      ])
      .commit();
  }
  sheet.commit();
  await book.commit();
  return cells + written;
}
