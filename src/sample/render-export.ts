import ExcelJS from 'exceljs';
import type { Definition, Question } from '../core/definition';
import { sampleCountries, stripAccents } from './countries';
import type { SampleResponse } from './responses';

const fixedColumns = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time'];

/** The header row of a Forms export: fixed columns, then each question's text (with its sub-label). */
export function exportHeader(def: Definition): string[] {
  return [...fixedColumns, ...def.questions.map((q) => (q.subLabel ? `${q.text} ${q.subLabel}` : q.text))];
}

/** Forms' export time format: "3/4/21 10:25:22". */
export function exportTime(iso: string): string {
  const [, y, mo, d, h, mi, s] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/.exec(iso)!;
  return `${Number(mo)}/${Number(d)}/${y.slice(2)} ${Number(h)}:${mi}:${s}`;
}

function cellOf(q: Question, r: SampleResponse): string {
  const a = r.answers[q.id];
  if (q.type === 'text') return a?.text ?? '';
  // A typed "Other" answer replaces the option label; several choices are written "A;B;".
  const labels = (a?.selected ?? []).map((o) => (o === q.otherOption && a?.other ? a.other : o));
  return q.type === 'multiple' ? labels.map((l) => `${l};`).join('') : (labels[0] ?? '');
}

function respondentEmail(r: SampleResponse): string {
  if (!r.respondent) return 'anonymous';
  const parts = stripAccents(r.respondent)
    .toLowerCase()
    .split(/\s+/)
    .filter((p) => /^[a-z-]+$/.test(p));
  const country = sampleCountries.find((c) => c.iso3 === r.countryIso3);
  const host = country ? `${country.govLabel}.${country.tld}` : 'example.org';
  return `${parts.length >= 2 ? parts.join('.') : `respondent${r.responseId}`}@${host}`;
}

/** One export row; the ID is a number, as Forms writes it. */
export function exportRow(r: SampleResponse, def: Definition): (string | number)[] {
  return [
    Number(r.responseId),
    exportTime(r.startTime),
    exportTime(r.completionTime),
    respondentEmail(r),
    r.respondent ?? '',
    '',
    ...def.questions.map((q) => cellOf(q, r)),
  ];
}

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The export saved as CSV: rows end in CRLF, line breaks inside answers stay LF. No byte order mark. */
export function renderExportCsv(rs: SampleResponse[], def: Definition): string {
  const rows = [exportHeader(def), ...rs.map((r) => exportRow(r, def))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The export as Forms downloads it: one sheet, one row per response. */
export async function renderExportXlsx(rs: SampleResponse[], def: Definition): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Microsoft Forms';
  wb.created = new Date(Date.UTC(2021, 4, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(exportHeader(def));
  for (const r of rs) ws.addRow(exportRow(r, def).map((v) => (v === '' ? null : v)));
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
